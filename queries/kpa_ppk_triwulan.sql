-- kpa_ppk_triwulan.sql
-- The grain of queries/ringkasan_ppk.sql (pagu and blokir in force, realization to date, per
-- satker, PPK and jenis belanja) at the end of each quarter that ended before the month of
-- :sampai, in one query, for the quarter-by-quarter view of the KPA/PPK page (the running
-- quarter is the period itself). Without names: the view takes them from the period's grain.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan (3, 6 or 9), kdunit, kdsatker, kdppk, jenis_belanja, pagu, blokir,
--          realisasi (BIGINT rupiah)
with s as (
    select kdsatker, kdunit from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                 :f_satker, :f_kewenangan, :f_lokasi)
)
select a.bulan::integer as bulan, s.kdunit, s.kdsatker, a.kdppk, a.jenis_belanja,
       a.pagu, a.blokir, a.realisasi_kumulatif as realisasi
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan % 3 = 0 and a.bulan < month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
order by a.bulan, s.kdunit, s.kdsatker, a.kdppk, a.jenis_belanja;
