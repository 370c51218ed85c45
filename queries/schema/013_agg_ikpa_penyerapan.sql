-- Schema version 13: the IKPA Penyerapan Anggaran inputs kept per satker, quarter and jenis
-- belanja (issue 13 point 4: the IKPA page's first visit grouped 360.000 rows of
-- agg_ringkasan_bulanan by satker, quarter and jenis belanja with string keys on each call, a
-- fifth of its time at national scale).

-- One row per satker x quarter (its end month 3, 6, 9, 12) x jenis belanja with a budget line in
-- force or a realization by the quarter's end (agg_ringkasan_bulanan's ada_pagu or ada_realisasi,
-- the rows ikpa_penyerapan.sql summed before), summed over PPK: the pagu and blokir in force at the
-- quarter's end and the realization cumulative to it. Exact rupiah (BIGINT): no floating value is
-- kept, so the rows' order does not matter here; the page orders them as the quarter's weighted
-- mean adds them. Every jenis belanja is kept: the page's jenis belanja filter is a filter on
-- these rows. Derived from agg_ringkasan_bulanan only, so it is rebuilt wherever that is, after
-- it (queries/load/refresh_agg_ikpa_penyerapan.sql).
create or replace table agg_ikpa_penyerapan (  -- or replace: tests rewind schema_version and migrate again
    thang smallint not null, kdsatker varchar not null,
    triwulan smallint not null,           -- 1-4: as of the end of month 3 x triwulan
    jenis_belanja varchar not null,
    pagu bigint not null, blokir bigint not null, realisasi bigint not null
);

-- The rows for the satker listed in a relation named staging_satker (thang, kdsatker), as the
-- other aggregates' macros; here every satker of the summary aggregate.
create temp view staging_satker as select distinct thang, kdsatker from agg_ringkasan_bulanan;

create or replace macro ikpa_penyerapan_baru() as table
    select a.thang, a.kdsatker, (a.bulan // 3)::smallint as triwulan, a.jenis_belanja,
           sum(a.pagu)::bigint as pagu, sum(a.blokir)::bigint as blokir,
           sum(a.realisasi_kumulatif)::bigint as realisasi
    from agg_ringkasan_bulanan a
    semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
    where a.bulan in (3, 6, 9, 12) and (a.ada_pagu or a.ada_realisasi)
    group by all;

insert into agg_ikpa_penyerapan select * from ikpa_penyerapan_baru();

drop view staging_satker;
