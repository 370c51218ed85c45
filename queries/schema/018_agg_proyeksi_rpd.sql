-- Schema version 18: the year's RPD plan in force kept pivoted per stretch of as-of months, the
-- shape the year-end projection falls back to (issue 13: the IKPA projection tab's data spent
-- 0,32 s of its 0,79 s at national scale in queries/proyeksi_rpd.sql, finding each month's latest
-- plan among 1,6 million plan rows and pivoting 790.000 of them on every call).

-- One row per satker x jenis belanja x stretch of as-of months bulan_sd_awal .. bulan_sd_akhir
-- during which no month of its plan changes (cut where any month's plan comes into force, as
-- agg_rpd_berlaku's rows are): rpd_1 .. rpd_12 the plan of that month alone in force at the end
-- of those as-of months (BIGINT rupiah; NULL where the month has no plan yet). Rows start at the
-- first as-of month any month has a plan in force and run to 12. Derived from agg_rpd_berlaku
-- only, so rebuilt wherever that is, after it (queries/load/refresh_agg_proyeksi_rpd.sql); read
-- by queries/proyeksi_rpd.sql.
create or replace table agg_proyeksi_rpd (  -- or replace: tests rewind schema_version and migrate again
    thang smallint not null, kdsatker varchar not null, jenis_belanja varchar not null,
    bulan_sd_awal smallint not null,      -- first as-of month this row is in force at the end of
    bulan_sd_akhir smallint not null,     -- last one (12: still in force at the year's end)
    rpd_1 bigint, rpd_2 bigint, rpd_3 bigint, rpd_4 bigint, rpd_5 bigint, rpd_6 bigint,
    rpd_7 bigint, rpd_8 bigint, rpd_9 bigint, rpd_10 bigint, rpd_11 bigint, rpd_12 bigint
);

-- The rows for the satker listed in a relation named staging_satker (thang, kdsatker), as the
-- other aggregates' macros; here every satker with a plan in force.
create temp view staging_satker as select distinct thang, kdsatker from agg_rpd_berlaku;

create or replace macro proyeksi_rpd_baru() as table
    with r as (
        select x.* from agg_rpd_berlaku x
        semi join staging_satker s on s.thang = x.thang and s.kdsatker = x.kdsatker
    ),
    tahap as (
        -- the as-of months where some month of the key's plan changes, each running to the next
        select thang, kdsatker, jenis_belanja, t0,
               coalesce(lead(t0) over (partition by thang, kdsatker, jenis_belanja order by t0) - 1, 12) as t1
        from (select distinct thang, kdsatker, jenis_belanja, bulan_sd_awal as t0 from r)
    )
    -- within a stretch each month has at most one row in force: the one covering its first month
    select t.thang, t.kdsatker, t.jenis_belanja, t.t0::smallint as bulan_sd_awal,
           t.t1::smallint as bulan_sd_akhir,
           max(r.rpd) filter (where r.bulan = 1) as rpd_1, max(r.rpd) filter (where r.bulan = 2) as rpd_2,
           max(r.rpd) filter (where r.bulan = 3) as rpd_3, max(r.rpd) filter (where r.bulan = 4) as rpd_4,
           max(r.rpd) filter (where r.bulan = 5) as rpd_5, max(r.rpd) filter (where r.bulan = 6) as rpd_6,
           max(r.rpd) filter (where r.bulan = 7) as rpd_7, max(r.rpd) filter (where r.bulan = 8) as rpd_8,
           max(r.rpd) filter (where r.bulan = 9) as rpd_9, max(r.rpd) filter (where r.bulan = 10) as rpd_10,
           max(r.rpd) filter (where r.bulan = 11) as rpd_11, max(r.rpd) filter (where r.bulan = 12) as rpd_12
    from tahap t
    join r on r.thang = t.thang and r.kdsatker = t.kdsatker and r.jenis_belanja = t.jenis_belanja
          and t.t0 between r.bulan_sd_awal and r.bulan_sd_akhir
    group by t.thang, t.kdsatker, t.jenis_belanja, t.t0, t.t1;

insert into agg_proyeksi_rpd select * from proyeksi_rpd_baru();

drop view staging_satker;
