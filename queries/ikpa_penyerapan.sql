-- ikpa_penyerapan.sql
-- Inputs of the IKPA Penyerapan Anggaran indicator: per satker, quarter ended by :sampai and
-- jenis belanja, the pagu and blokir in force at the quarter's end (pagu_berlaku) and the
-- realization cumulative from January to the quarter's end, summed over PPK. Read from
-- agg_ikpa_penyerapan (schema 13), which a load keeps with exactly those.
-- Ordered by satker, quarter and jenis belanja: the order the quarter's weighted mean sums them in.
-- (ikpa_penyerapan_kode.sql: the same rows with the satker as an integer, for the IKPA months.)
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, triwulan (1-4), jenis_belanja, pagu, blokir, realisasi (BIGINT rupiah)
select a.kdsatker, a.triwulan::integer as triwulan, a.jenis_belanja, a.pagu, a.blokir, a.realisasi
from agg_ikpa_penyerapan a
where a.thang = :tahun and a.triwulan * 3 <= month(CAST(:sampai AS DATE))
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
order by a.kdsatker, triwulan, a.jenis_belanja;
