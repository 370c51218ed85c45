-- rpd_bulanan.sql
-- Halaman III DIPA against realization: per jenis belanja and month, the RPD plan in force at
-- :sampai (for each satker, jenis belanja and month the row with the latest tgl_update on or
-- before :sampai) and the realization of that month (months up to that of :sampai only).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: jenis_belanja, bulan (1-12), rpd, realisasi (BIGINT rupiah of that month alone);
--          only the pairs that have a plan or a realization
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
),
rpd_berlaku as (
    -- kept per as-of month at RPD loads (schema 11, agg_rpd_berlaku): the row in force at the end of
    -- :sampai's month, which is :sampai itself (a month end of :tahun), instead of arg_max over
    -- every plan row and update (most of this page's time nationally)
    select kdsatker, jenis_belanja, bulan, rpd
    from agg_rpd_berlaku
    where thang = :tahun and month(CAST(:sampai AS DATE)) between bulan_sd_awal and bulan_sd_akhir
      and allowed(:f_jenis_belanja, jenis_belanja)
),
p as (
    select x.jenis_belanja, x.bulan::integer as bulan, sum(x.rpd)::bigint as rpd
    from rpd_berlaku x
    join s on s.kdsatker = x.kdsatker
    group by all
),
r_kumulatif as (
    -- the summary aggregate holds every month of each satker x PPK x jenis belanja (schema 3), so a
    -- month's realization is the difference of two cumulative sums (exact in BIGINT), as in
    -- kurva_bulanan.sql: 90.000 rows a month nationally instead of the 9,5 million line x month
    -- rows of agg_realisasi_bulanan (most of this page's time)
    select a.jenis_belanja, a.bulan::integer as bulan, sum(a.realisasi_kumulatif)::bigint as kumulatif
    from agg_ringkasan_bulanan a
    join s on s.kdsatker = a.kdsatker
    where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, a.jenis_belanja) and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
    group by all
),
r as (
    select jenis_belanja, bulan, realisasi
    from (select jenis_belanja, bulan,
                 (kumulatif - coalesce(lag(kumulatif) over (partition by jenis_belanja order by bulan), 0))::bigint
                     as realisasi
          from r_kumulatif)
    where realisasi <> 0  -- a month without realization: no pair, as before (the page fills zeros)
)
select coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
       coalesce(p.bulan, r.bulan) as bulan,
       coalesce(p.rpd, 0)::bigint as rpd, coalesce(r.realisasi, 0)::bigint as realisasi
from p
full join r on r.jenis_belanja = p.jenis_belanja and r.bulan = p.bulan
order by jenis_belanja, bulan;
