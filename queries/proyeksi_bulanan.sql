-- proyeksi_bulanan.sql
-- Realization of each month of one fiscal year per satker, PPK and jenis belanja, with the satker's
-- echelon I unit of that year: the seasonal history (and the year so far) that the year-end
-- projection and its back-test read. All months that have realization are returned; the caller
-- keeps the months up to its period.
-- params: :tahun (int), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, kdppk, jenis_belanja, bulan (1-12),
--          realisasi (BIGINT rupiah of that month alone); only pairs with realization
with s as (
    select kdsatker, kdunit, nmunit
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                         :f_kewenangan, :f_lokasi)
)
select s.kdunit, coalesce(s.nmunit, '') as nmunit, a.kdsatker, a.kdppk, a.jenis_belanja,
       a.bulan::integer as bulan, sum(a.realisasi)::bigint as realisasi
from agg_realisasi_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and allowed(:f_jenis_belanja, a.jenis_belanja)
group by all
order by s.kdunit, a.kdsatker, a.kdppk, a.jenis_belanja, bulan;
