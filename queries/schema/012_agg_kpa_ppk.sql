-- Schema version 12: the KPA dan PPK page's year at national scale (issue 13 point 4). The page's
-- monthly trend summed the year's 1,1 million agg_ringkasan_bulanan rows into one row per satker
-- (or PPK) with twelve filtered sums, and its earlier quarters grouped the 270.000 rows of the
-- quarter ends again: 0,25-0,3 s of CPU together nationally, the grouping of the rows (not their
-- reading) being the cost (docs/benchmarks.md, sessions 7 and 7b). So the year is kept wide, one
-- row per satker x PPK x jenis belanja (90.000 nationally, a twelfth of the summary aggregate's
-- rows), and the page groups those (queries/kpa_ppk_baris.sql). Per jenis belanja, not per satker
-- x PPK, so that the jenis belanja filter and the quarter targets (per jenis belanja, reference
-- data that a target load changes without touching this table) are applied at read as before.
--
-- Everything here is agg_ringkasan_bulanan's, pivoted: it is rebuilt, for the satker a load
-- touched, right after that aggregate (queries/load/refresh_agg_kpa_ppk.sql: pagu, realization
-- and snapshot loads, undo, "as loaded at" copies); RPD and capaian loads change neither.
create or replace table agg_kpa_ppk (  -- or replace: tests rewind schema_version and migrate again
    thang smallint not null, kdsatker varchar not null, kdppk varchar not null,
    jenis_belanja varchar not null,
    -- realization from January to the end of month m (agg_ringkasan_bulanan.realisasi_kumulatif)
    realisasi_1 bigint not null, realisasi_2 bigint not null, realisasi_3 bigint not null,
    realisasi_4 bigint not null, realisasi_5 bigint not null, realisasi_6 bigint not null,
    realisasi_7 bigint not null, realisasi_8 bigint not null, realisasi_9 bigint not null,
    realisasi_10 bigint not null, realisasi_11 bigint not null, realisasi_12 bigint not null,
    -- at the end of the first three quarters (the fourth ends the year: never an earlier quarter):
    -- the pagu in force, and whether a line is in force or something was realized by then
    -- (ada_pagu or ada_realisasi: the rows the page's quarters count)
    pagu_3 bigint not null, pagu_6 bigint not null, pagu_9 bigint not null,
    ada_3 boolean not null, ada_6 boolean not null, ada_9 boolean not null
);

-- The rows for the satker listed in a relation named staging_satker (thang, kdsatker), as the
-- other aggregates' macros; here every satker. agg_ringkasan_bulanan holds one row per key and
-- month (a grid of the twelve months), so each filtered sum takes exactly one value. In no
-- particular order: where the order of the page's floating sum (pagu x target) matters, the
-- query orders it itself (queries/kpa_ppk_baris.sql).
create temp view staging_satker as select distinct thang, kdsatker from agg_ringkasan_bulanan;

create or replace macro kpa_ppk_baru() as table
    select a.thang, a.kdsatker, a.kdppk, a.jenis_belanja,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 1)::bigint as realisasi_1,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 2)::bigint as realisasi_2,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 3)::bigint as realisasi_3,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 4)::bigint as realisasi_4,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 5)::bigint as realisasi_5,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 6)::bigint as realisasi_6,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 7)::bigint as realisasi_7,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 8)::bigint as realisasi_8,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 9)::bigint as realisasi_9,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 10)::bigint as realisasi_10,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 11)::bigint as realisasi_11,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 12)::bigint as realisasi_12,
           sum(a.pagu) filter (where a.bulan = 3)::bigint as pagu_3,
           sum(a.pagu) filter (where a.bulan = 6)::bigint as pagu_6,
           sum(a.pagu) filter (where a.bulan = 9)::bigint as pagu_9,
           bool_or(a.ada_pagu or a.ada_realisasi) filter (where a.bulan = 3) as ada_3,
           bool_or(a.ada_pagu or a.ada_realisasi) filter (where a.bulan = 6) as ada_6,
           bool_or(a.ada_pagu or a.ada_realisasi) filter (where a.bulan = 9) as ada_9
    from agg_ringkasan_bulanan a
    semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
    group by a.thang, a.kdsatker, a.kdppk, a.jenis_belanja;

insert into agg_kpa_ppk select * from kpa_ppk_baru();

drop view staging_satker;
