-- kpa_ppk_bulanan.sql
-- Realization of each month up to the end of :sampai per satker and PPK, for the monthly
-- sparkline of every KPA and PPK (months without realization are absent).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, kdppk, bulan (1-12), realisasi (BIGINT rupiah of that month alone)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
)
select a.kdsatker, a.kdppk, a.bulan::integer as bulan, sum(a.realisasi)::bigint as realisasi
from agg_realisasi_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
  and allowed(:f_jenis_belanja, a.jenis_belanja)
group by all
order by a.kdsatker, a.kdppk, bulan;
