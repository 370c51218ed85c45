-- kpa_ppk_tren.sql
-- Cumulative realization at the end of each month up to :sampai per satker and PPK, for the
-- monthly sparkline of every KPA and PPK: read from agg_ringkasan_bulanan, which holds it per
-- month, rather than summing the line x month aggregate (about 9,5 million rows a year at
-- national scale).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, kdppk, bulan (1-12), realisasi_kumulatif (BIGINT rupiah, January to the
--          end of that month)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
)
select a.kdsatker, a.kdppk, a.bulan::integer as bulan,
       sum(a.realisasi_kumulatif)::bigint as realisasi_kumulatif
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
group by all
order by a.kdsatker, a.kdppk, bulan;
