-- ikpa_penyerapan.sql
-- Inputs of the IKPA Penyerapan Anggaran indicator: per satker, quarter ended by :sampai and
-- jenis belanja, the pagu and blokir in force at the quarter's end (pagu_berlaku) and the
-- realization cumulative from January to the quarter's end, summed over PPK. Read from
-- agg_ringkasan_bulanan (schema 3), which holds exactly those at every month's end.
-- Ordered by satker, quarter and jenis belanja: the order the quarter's weighted mean sums them in.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, triwulan (1-4), jenis_belanja, pagu, blokir, realisasi (BIGINT rupiah)
select a.kdsatker, (a.bulan // 3)::integer as triwulan, a.jenis_belanja,
       sum(a.pagu)::bigint as pagu, sum(a.blokir)::bigint as blokir,
       sum(a.realisasi_kumulatif)::bigint as realisasi
from agg_ringkasan_bulanan a
where a.thang = :tahun and a.bulan in (3, 6, 9, 12) and a.bulan <= month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
group by all
order by a.kdsatker, triwulan, a.jenis_belanja;
