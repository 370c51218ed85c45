-- ikpa_deviasi.sql
-- Inputs of the IKPA Deviasi Halaman III DIPA indicator: per satker, jenis belanja and month,
-- the RPD in force at :sampai (the row with the latest tgl_update on or before it) and the
-- realization of that month alone (months up to that of :sampai).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, jenis_belanja, bulan (1-12), rpd, realisasi (BIGINT rupiah); only the
--          combinations that have a plan or a realization
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
),
p as (
    select kdsatker, jenis_belanja, bulan::integer as bulan, arg_max(rpd, tgl_update)::bigint as rpd
    from fact_rpd
    where thang = :tahun and tgl_update <= CAST(:sampai AS DATE)
      and allowed(:f_jenis_belanja, jenis_belanja)
    group by kdsatker, jenis_belanja, bulan
),
r as (
    select kdsatker, jenis_belanja, bulan::integer as bulan, sum(realisasi)::bigint as realisasi
    from agg_realisasi_bulanan
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, jenis_belanja)
    group by all
)
select coalesce(p.kdsatker, r.kdsatker) as kdsatker, coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
       coalesce(p.bulan, r.bulan) as bulan,
       coalesce(p.rpd, 0)::bigint as rpd, coalesce(r.realisasi, 0)::bigint as realisasi
from p
full join r on r.kdsatker = p.kdsatker and r.jenis_belanja = p.jenis_belanja and r.bulan = p.bulan
join s on s.kdsatker = coalesce(p.kdsatker, r.kdsatker)
order by kdsatker, jenis_belanja, bulan;
