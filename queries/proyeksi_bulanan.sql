-- proyeksi_bulanan.sql
-- Realization of each month of the fiscal years listed per satker, PPK and jenis belanja, with the
-- satker's echelon I unit of that year: the seasonal history (and the year so far) that the
-- year-end projection and its back-test read. All the years in one query rather than one query
-- per year (the history of a projection is every earlier year). All months that have
-- realization are returned; the caller keeps the months up to its period.
-- params: :daftar_tahun (list of int), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, kdppk, jenis_belanja, bulan (1-12),
--          realisasi (BIGINT rupiah of that month alone), tahun (BIGINT); only pairs with realization
with s as (
    -- each year's selected satker with that year's unit (queries/schema/008_langkah_bersama.sql)
    select * from satker_terpilih_per_tahun(:daftar_tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                            :f_kewenangan, :f_lokasi)
)
select s.kdunit, coalesce(s.nmunit, '') as nmunit, a.kdsatker, a.kdppk, a.jenis_belanja,
       a.bulan::integer as bulan, sum(a.realisasi)::bigint as realisasi, a.thang::bigint as tahun
from agg_realisasi_bulanan a
join s on s.thang = a.thang and s.kdsatker = a.kdsatker
where allowed(:f_jenis_belanja, a.jenis_belanja) and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
group by all
order by tahun, s.kdunit, a.kdsatker, a.kdppk, a.jenis_belanja, bulan;
