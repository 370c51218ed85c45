-- ikpa_deviasi_bulanan.sql
-- ikpa_deviasi.sql for every month up to :sampai at once: for each as-of month bulan_sd, per
-- satker, jenis belanja and month 1 .. bulan_sd, the RPD in force at the end of bulan_sd (the
-- row with the latest tgl_update on or before it) and the realization of that month alone.
-- The IKPA months read it with a jenis belanja filter; without one, the schema 5 aggregate a
-- load keeps holds the same per satker (ikpa_bulanan.sql).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan_sd, kdsatker, jenis_belanja, bulan (1 .. bulan_sd), rpd, realisasi (BIGINT
--          rupiah); only the combinations that have a plan or a realization
with s as (
    -- the satker scored: a satker-level measure, none for a scope of PPK only (macros of schema 9)
    select kdsatker from ikpa_satker_dinilai(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan,
                                             :f_lokasi, satker_utuh(:scope_ppk))
),
m as (select bulan_sd, akhir from ikpa_bulan_sd(:tahun, :sampai)),
p as (
    select m.bulan_sd, x.kdsatker, x.jenis_belanja, x.bulan::integer as bulan,
           arg_max(x.rpd, x.tgl_update)::bigint as rpd
    from fact_rpd x
    join m on x.tgl_update <= m.akhir and x.bulan <= m.bulan_sd
    where x.thang = :tahun and allowed(:f_jenis_belanja, x.jenis_belanja)
    group by all
),
r_bulan as (
    select kdsatker, jenis_belanja, bulan::integer as bulan, sum(realisasi)::bigint as realisasi
    from agg_realisasi_bulanan
    where thang = :tahun and allowed(:f_jenis_belanja, jenis_belanja)
    group by all
),
r as (
    -- summed before the months are repeated: six times fewer rows to join
    select m.bulan_sd, r_bulan.* from r_bulan join m on r_bulan.bulan <= m.bulan_sd
)
select coalesce(p.bulan_sd, r.bulan_sd) as bulan_sd, coalesce(p.kdsatker, r.kdsatker) as kdsatker,
       coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja, coalesce(p.bulan, r.bulan) as bulan,
       coalesce(p.rpd, 0)::bigint as rpd, coalesce(r.realisasi, 0)::bigint as realisasi
from p
full join r on r.bulan_sd = p.bulan_sd and r.kdsatker = p.kdsatker and r.jenis_belanja = p.jenis_belanja
     and r.bulan = p.bulan
join s on s.kdsatker = coalesce(p.kdsatker, r.kdsatker)
order by bulan_sd, kdsatker, jenis_belanja, bulan;
