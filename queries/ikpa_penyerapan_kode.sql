-- ikpa_penyerapan_kode.sql
-- The IKPA Penyerapan inputs kept by schema 13 (agg_ikpa_penyerapan): per satker, quarter ended by
-- :sampai and jenis belanja, the pagu and blokir in force at the quarter's end and the realization
-- cumulative to it, with the satker as an integer (kode: kdsatker read as a number; every
-- loaded kdsatker is six digits, monev.warehouse.formats.KDSATKER, so the numbers sort as the
-- codes do): the IKPA months read a national year's 263.000 rows, whose code strings cost more to
-- hand to Python and look up again than the rest of their reading.
-- Ordered by satker, quarter and jenis belanja: the order the quarter's weighted mean sums them in.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kode (integer), triwulan (1-4), jenis_belanja, pagu, blokir, realisasi (BIGINT rupiah)
select a.kdsatker::integer as kode, a.triwulan::integer as triwulan, a.jenis_belanja, a.pagu, a.blokir,
       a.realisasi
from agg_ikpa_penyerapan a
where a.thang = :tahun and a.triwulan * 3 <= month(CAST(:sampai AS DATE))
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
order by kode, triwulan, a.jenis_belanja;
