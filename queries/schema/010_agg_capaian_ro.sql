-- Schema version 10: the capaian page's RO at national scale (issue 13 point 4). The page rolls
-- 476.000 RO up to kegiatan, program, unit and total; finding each RO's pagu in force, its
-- realization to date and its latest report from the lines took 1,8-2,1 s of CPU nationally,
-- the roll-up itself 0,1 s. So each RO's figures are kept per month's end, as the page reads
-- them without a jenis belanja filter and for whole satker (queries/capaian_tingkat_ro.sql);
-- with a filter or a PPK-only scope it still reads the lines (queries/capaian_tingkat.sql).
-- Rebuilt inside each load for the satker it touched (queries/load/refresh_agg_capaian_ro.sql);
-- a realization load keeps the pagu and reports it holds (refresh_agg_capaian_ro_realisasi.sql).
-- This migration fills it for warehouses loaded before it.

-- One row per RO (kdsatker, kdgiat, kdoutput, kdsoutput) with a budget line, realization or a
-- capaian report in the year; its figures at each month's end as lists of 12 (element m: at the
-- end of month m), null where it has none by then. The RO of capaian_tingkat.sql's `ro` at a
-- month are those with something at that month. A list per RO, not a row per RO and month: a
-- realization load then rewrites one row per RO it touched (386.000 nationally for a million
-- lines) instead of every later month of each (3,3 million): 2,4 against 5,6 s of CPU measured.
create or replace table agg_capaian_ro (
    thang smallint not null, kdsatker varchar not null,
    kdgiat varchar not null, kdoutput varchar not null, kdsoutput varchar not null,
    kdprogram_pagu varchar,               -- of its budget lines (min: one in practice), and of its
    kdprogram_realisasi varchar,          -- realization: the RO's program where it has such
    pagu bigint[] not null,               -- in force at the month's end, summed over its lines
                                          -- (null: no line in force)
    realisasi bigint[] not null,          -- to the month's end (null: nothing realized by then)
    bulan_capaian smallint[] not null,    -- the month of the latest report by then (null: none)
    target_vol double[] not null, real_vol double[] not null,
    progres_fisik double[] not null       -- that report's
);

-- Whether capaian_tingkat.sql reads its RO from this aggregate: without a jenis belanja filter
-- (it sums all of an RO's lines) and for whole satker (it sums all of an RO's PPK). The one
-- switch between the two branches of that query; tests/test_capaian_agregat.py turns it off in
-- a copy to compare the branches.
create or replace macro capaian_dari_agregat(f_jenis_belanja, scope_ppk) as
    len(CAST(f_jenis_belanja AS VARCHAR[])) = 0 and satker_utuh(scope_ppk);

-- The rows from the facts for the satker listed in a relation named staging_satker (thang,
-- kdsatker), as in schema 3; here, every satker. Per RO and month: its lines in force at the
-- month's end (pagu_berlaku's pagu: the highest revision dated on or before), found for every
-- month as ringkasan_bulanan_baru() does; its realization in the month; its report of the month.
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

-- The three stacked and grouped per RO and month (no join of million-row sets), running sums and
-- latest values per RO in month order, each month after one with a row given the carried figures
-- up to the next (an RO's pagu rows are a run of months to December: a line in force at a month's
-- end is at every later one, so a month carried over has no pagu in force), then per RO the
-- months from its first to December as lists, padded at the front to 12.
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
            from capaian_ro_pagu_baru()
            union all by name
            select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, kdprogram as kdprogram_r, realisasi
            from capaian_ro_realisasi_baru()
            union all by name
            select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, target_vol, real_vol, progres_fisik,
                   true as laporan
            from capaian_ro_laporan_baru()
        )
        group by thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan
    ),
    berjalan as (
        select thang, kdsatker, kdgiat, kdoutput, kdsoutput, bulan, kdprogram_p, pagu, kdprogram_r,
               case when count(realisasi) over w > 0 then sum(realisasi) over w end::bigint as realisasi,
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
    ),
    per_ro as (
        select thang, kdsatker, kdgiat, kdoutput, kdsoutput, min(kdprogram_p) as kdprogram_pagu,
               min(kdprogram_r) as kdprogram_realisasi, min(ke) as awal,
               list(case when ke = bulan then pagu end order by ke) as pagu,
               list(realisasi order by ke) as realisasi,
               list(bulan_capaian::smallint order by ke) as bulan_capaian,
               list(target_vol order by ke) as target_vol, list(real_vol order by ke) as real_vol,
               list(progres_fisik order by ke) as progres_fisik
        from diisi
        group by thang, kdsatker, kdgiat, kdoutput, kdsoutput
    )
    select thang, kdsatker, kdgiat, kdoutput, kdsoutput, kdprogram_pagu, kdprogram_realisasi,
           list_concat(list_transform(range(1, awal), lambda i: null::bigint), pagu) as pagu,
           list_concat(list_transform(range(1, awal), lambda i: null::bigint), realisasi) as realisasi,
           list_concat(list_transform(range(1, awal), lambda i: null::smallint), bulan_capaian) as bulan_capaian,
           list_concat(list_transform(range(1, awal), lambda i: null::double), target_vol) as target_vol,
           list_concat(list_transform(range(1, awal), lambda i: null::double), real_vol) as real_vol,
           list_concat(list_transform(range(1, awal), lambda i: null::double), progres_fisik) as progres_fisik
    from per_ro;

insert into agg_capaian_ro select * from capaian_ro_baru();

drop view staging_satker;
