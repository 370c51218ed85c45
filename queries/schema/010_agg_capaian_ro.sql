-- Schema version 10: the capaian page's RO at national scale (issue 13 point 4). The page rolls
-- 476.000 RO up to kegiatan, program, unit and total; finding each RO's pagu in force, its
-- realization to date and its latest report from the lines took 1,8-2,1 s of CPU nationally,
-- the roll-up itself 0,1 s. So each RO's figures are kept per month's end, as the page reads
-- them without a jenis belanja filter and for whole satker (queries/capaian_tingkat_ro.sql);
-- with a filter or a PPK-only scope it still reads the lines (queries/capaian_tingkat.sql).
-- Rebuilt inside each load for the satker it touched (queries/load/refresh_agg_capaian_ro.sql);
-- a realization load keeps the pagu and reports it holds (refresh_agg_capaian_ro_realisasi.sql).
-- This migration fills it for warehouses loaded before it.

-- One row per RO (kdsatker, kdgiat, kdoutput, kdsoutput) and month `bulan` (1..12) at whose end
-- the RO has a budget line in force (pagu_ro), realization to date (realisasi_ro) or a capaian
-- report to date: exactly the RO of capaian_tingkat.sql's `ro` at `sampai` = that month's end.
create or replace table agg_capaian_ro (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdgiat varchar not null, kdoutput varchar not null, kdsoutput varchar not null,
    kdprogram varchar,                    -- of the lines in force, else of the realization (min: one
                                          -- in practice); null with a report only
    pagu bigint not null,                 -- in force at the month's end, summed over the RO's lines
    realisasi bigint not null,            -- to the month's end
    ada_pagu boolean not null,            -- a line of the RO is in force then
    ada_realisasi boolean not null,       -- something was realized on it by then
    bulan_capaian smallint,               -- the month of the latest report by then (null: none)
    target_vol double, real_vol double, progres_fisik double  -- that report's
);

-- Whether capaian_tingkat.sql reads its RO from this aggregate: without a jenis belanja filter
-- (it sums all of an RO's lines) and for whole satker (it sums all of an RO's PPK). The one
-- switch between the two branches of that query; tests/test_capaian_agregat.py turns it off in
-- a copy to compare the branches.
create or replace macro capaian_dari_agregat(f_jenis_belanja, scope_ppk) as
    len(CAST(f_jenis_belanja AS VARCHAR[])) = 0 and satker_utuh(scope_ppk);

-- The aggregate's rows are made from three relations of RO x month rows, named so that a load can
-- give each from the facts or keep it from the rows the aggregate already holds (a realization
-- load changes no pagu and no report: queries/load/refresh_agg_capaian_ro_realisasi.sql):
--   capaian_ro_pagu (thang, bulan, kdsatker, kdgiat, kdoutput, kdsoutput, kdprogram, pagu): the
--       RO's lines in force at the month's end, as pagu_ro finds them;
--   capaian_ro_realisasi (..., kdprogram, realisasi): realized in the month, as realisasi_ro;
--   capaian_ro_laporan (..., target_vol, real_vol, progres_fisik): the report of the month.
-- From the facts, for the satker listed in a relation named staging_satker (thang, kdsatker), as in
-- schema 3; here, every satker. The pagu in force is pagu_berlaku's (the highest revision dated on
-- or before the month's end), found for every month as ringkasan_bulanan_baru() does.
create temp view staging_satker as select distinct thang, kdsatker from dim_satker;

create or replace macro capaian_ro_pagu_baru() as table
    select thang, bulan, kdsatker, kdgiat, kdoutput, kdsoutput, min(kdprogram) as kdprogram,
           sum(pagu)::bigint as pagu
    from (
        select f.thang, m.bulan::smallint as bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput,
               f.kdsoutput, f.kdakun, f.kdppk, arg_max(f.pagu, f.revisi_ke) as pagu
        from fact_pagu f
        semi join staging_satker s on s.thang = f.thang and s.kdsatker = f.kdsatker
        join range(1, 13) m(bulan)
          on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
        group by all
    )
    group by thang, bulan, kdsatker, kdgiat, kdoutput, kdsoutput;

create or replace macro capaian_ro_realisasi_baru() as table
    select a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput,
           min(a.kdprogram) as kdprogram, sum(a.realisasi)::bigint as realisasi
    from agg_realisasi_bulanan a
    semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
    group by a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput;

-- one report in force per RO and month (queries/load/capaian.sql supersedes by that key)
create or replace macro capaian_ro_laporan_baru() as table
    select c.thang, c.bulan, c.kdsatker, c.kdgiat, c.kdoutput, c.kdsoutput,
           c.target_vol::double as target_vol, c.real_vol::double as real_vol,
           c.progres_fisik::double as progres_fisik
    from fact_capaian c
    semi join staging_satker s on s.thang = c.thang and s.kdsatker = c.kdsatker;

create temp view capaian_ro_pagu as select * from capaian_ro_pagu_baru();
create temp view capaian_ro_realisasi as select * from capaian_ro_realisasi_baru();
create temp view capaian_ro_laporan as select * from capaian_ro_laporan_baru();

-- The rows from the three: stacked and grouped per RO and month (no join of million-row sets:
-- 5,7 million rows a year nationally), running sums and latest values per RO in month order,
-- and each month without a row of its own given the carried figures up to the next one. An RO's
-- pagu rows are a run of months to December (a line in force at a month's end is at every later
-- one), so a month carried over has no pagu in force.
create or replace macro capaian_ro_baru() as table
    with bulanan as (
        select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan,
               any_value(kdprogram_p) as kdprogram_p, any_value(pagu) as pagu,
               any_value(kdprogram_r) as kdprogram_r, any_value(realisasi) as realisasi,
               any_value(target_vol) as target_vol, any_value(real_vol) as real_vol,
               any_value(progres_fisik) as progres_fisik, bool_or(laporan) as laporan
        from (
            select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, kdprogram as kdprogram_p, pagu,
                   null::varchar as kdprogram_r, null::bigint as realisasi, null::double as target_vol,
                   null::double as real_vol, null::double as progres_fisik, false as laporan
            from capaian_ro_pagu
            union all by name
            select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, kdprogram as kdprogram_r, realisasi
            from capaian_ro_realisasi
            union all by name
            select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, target_vol, real_vol, progres_fisik,
                   true as laporan
            from capaian_ro_laporan
        )
        group by thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan
    ),
    berjalan as (
        select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, kdprogram_p, pagu,
               min(kdprogram_r) over w as kdprogram_r,
               coalesce(sum(realisasi) over w, 0)::bigint as realisasi,
               count(realisasi) over w > 0 as ada_realisasi,
               max(bulan) filter (where laporan) over w as bulan_capaian,
               -- the latest report's: a report's columns are never null
               last_value(target_vol ignore nulls) over w as target_vol,
               last_value(real_vol ignore nulls) over w as real_vol,
               last_value(progres_fisik ignore nulls) over w as progres_fisik,
               coalesce(lead(bulan) over w, 13) as berikut
        from bulanan
        window w as (partition by thang, kdsatker, kdgiat, kdoutput, kdsoutput order by bulan
                     rows between unbounded preceding and current row)
    ),
    diisi as (
        select *, unnest(range(bulan, berikut)) as ke from berjalan
    )
    select thang, ke::smallint as bulan, kdsatker, kdgiat, kdoutput, kdsoutput,
           coalesce(case when ke = bulan then kdprogram_p end, kdprogram_r) as kdprogram,
           case when ke = bulan then coalesce(pagu, 0) else 0 end::bigint as pagu,
           realisasi, ke = bulan and pagu is not null as ada_pagu, ada_realisasi,
           bulan_capaian::smallint as bulan_capaian, target_vol, real_vol, progres_fisik
    from diisi;

insert into agg_capaian_ro select * from capaian_ro_baru();

drop view capaian_ro_pagu;
drop view capaian_ro_realisasi;
drop view capaian_ro_laporan;
drop view staging_satker;
