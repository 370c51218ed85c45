-- proyeksi_riwayat.sql
-- Realization of the fiscal years listed per satker and jenis belanja, with the satker's echelon I
-- unit of that year, one column per month: the seasonal history the year-end projection reads
-- (the share curves need no PPK, and a row per month would be twelve times the rows; the
-- back-test reads queries/proyeksi_bulanan.sql, per PPK and month).
-- params: :daftar_tahun (list of int), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, jenis_belanja, tahun (BIGINT), realisasi_1 .. realisasi_12
--          (BIGINT rupiah of that month alone, 0 where none); only pairs with realization
with s as (
    -- each year's selected satker with that year's unit (queries/schema/008_langkah_bersama.sql)
    select * from satker_terpilih_per_tahun(:daftar_tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                            :f_kewenangan, :f_lokasi)
)
select s.kdunit, coalesce(s.nmunit, '') as nmunit, a.kdsatker, a.jenis_belanja, a.thang::bigint as tahun,
       coalesce(sum(a.realisasi) filter (where a.bulan = 1), 0)::bigint as realisasi_1,
       coalesce(sum(a.realisasi) filter (where a.bulan = 2), 0)::bigint as realisasi_2,
       coalesce(sum(a.realisasi) filter (where a.bulan = 3), 0)::bigint as realisasi_3,
       coalesce(sum(a.realisasi) filter (where a.bulan = 4), 0)::bigint as realisasi_4,
       coalesce(sum(a.realisasi) filter (where a.bulan = 5), 0)::bigint as realisasi_5,
       coalesce(sum(a.realisasi) filter (where a.bulan = 6), 0)::bigint as realisasi_6,
       coalesce(sum(a.realisasi) filter (where a.bulan = 7), 0)::bigint as realisasi_7,
       coalesce(sum(a.realisasi) filter (where a.bulan = 8), 0)::bigint as realisasi_8,
       coalesce(sum(a.realisasi) filter (where a.bulan = 9), 0)::bigint as realisasi_9,
       coalesce(sum(a.realisasi) filter (where a.bulan = 10), 0)::bigint as realisasi_10,
       coalesce(sum(a.realisasi) filter (where a.bulan = 11), 0)::bigint as realisasi_11,
       coalesce(sum(a.realisasi) filter (where a.bulan = 12), 0)::bigint as realisasi_12
from agg_realisasi_bulanan a
join s on s.thang = a.thang and s.kdsatker = a.kdsatker
where allowed(:f_jenis_belanja, a.jenis_belanja) and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
group by s.kdunit, s.nmunit, a.kdsatker, a.jenis_belanja, a.thang
order by tahun, s.kdunit, a.kdsatker, a.jenis_belanja;
