-- Schema version 6: real data as it comes (issue 12).
--
-- 1. Built-in province lists per fiscal year (BPS codes), as the absorption targets have
--    built-in defaults: 34 provinces until 2021; 38 from 2022, when four provinces were split off
--    Papua and Papua Barat and the Papua codes were renumbered (Kemendagri), so 91 and 94 name
--    different provinces before and after 2022. A fiscal year with any lokasi rows loaded uses
--    those rows only (a loaded list replaces the built-in one whole, so codes of another list never
--    mix with these); a year without uses the built-in list. `dim_lokasi` shows the result, so
--    validation, filters and pages need no change.
-- 2. Year-to-date realization snapshots (kind realisasi_kumulatif) per budget line and date. They
--    are kept as loaded, with history like every fact, and turned into realization flows by a
--    view that `fact_realisasi` includes: each month's flow is the line's last snapshot in that
--    month minus its last snapshot before the month (0 before the first). Months without a
--    snapshot have no flow, so the year-to-date realization at any month's end is the latest
--    snapshot on or before it. Every aggregate is rebuilt from `fact_realisasi`, so summaries,
--    IKPA, the projection, undo and "as loaded at" work on snapshot-fed data unchanged.
-- 3. Warnings that did not block a load (realization above pagu, padded codes, ...), kept with
--    the batch that raised them.
-- Every statement can run again on a warehouse that has them (tests rewind schema_version).

create or replace table ref_lokasi_bawaan (
    dari smallint not null, sampai smallint not null,   -- the fiscal years the row applies to
    kdlokasi varchar not null, nmlokasi varchar not null
);
insert into ref_lokasi_bawaan values
    (2000, 2100, '11', 'Aceh'),
    (2000, 2100, '12', 'Sumatera Utara'),
    (2000, 2100, '13', 'Sumatera Barat'),
    (2000, 2100, '14', 'Riau'),
    (2000, 2100, '15', 'Jambi'),
    (2000, 2100, '16', 'Sumatera Selatan'),
    (2000, 2100, '17', 'Bengkulu'),
    (2000, 2100, '18', 'Lampung'),
    (2000, 2100, '19', 'Kepulauan Bangka Belitung'),
    (2000, 2100, '21', 'Kepulauan Riau'),
    (2000, 2100, '31', 'DKI Jakarta'),
    (2000, 2100, '32', 'Jawa Barat'),
    (2000, 2100, '33', 'Jawa Tengah'),
    (2000, 2100, '34', 'DI Yogyakarta'),
    (2000, 2100, '35', 'Jawa Timur'),
    (2000, 2100, '36', 'Banten'),
    (2000, 2100, '51', 'Bali'),
    (2000, 2100, '52', 'Nusa Tenggara Barat'),
    (2000, 2100, '53', 'Nusa Tenggara Timur'),
    (2000, 2100, '61', 'Kalimantan Barat'),
    (2000, 2100, '62', 'Kalimantan Tengah'),
    (2000, 2100, '63', 'Kalimantan Selatan'),
    (2000, 2100, '64', 'Kalimantan Timur'),
    (2000, 2100, '65', 'Kalimantan Utara'),
    (2000, 2100, '71', 'Sulawesi Utara'),
    (2000, 2100, '72', 'Sulawesi Tengah'),
    (2000, 2100, '73', 'Sulawesi Selatan'),
    (2000, 2100, '74', 'Sulawesi Tenggara'),
    (2000, 2100, '75', 'Gorontalo'),
    (2000, 2100, '76', 'Sulawesi Barat'),
    (2000, 2100, '81', 'Maluku'),
    (2000, 2100, '82', 'Maluku Utara'),
    (2000, 2021, '91', 'Papua Barat'),
    (2000, 2021, '94', 'Papua'),
    (2022, 2100, '91', 'Papua'),
    (2022, 2100, '92', 'Papua Barat'),
    (2022, 2100, '93', 'Papua Selatan'),
    (2022, 2100, '94', 'Papua Tengah'),
    (2022, 2100, '95', 'Papua Pegunungan'),
    (2022, 2100, '96', 'Papua Barat Daya');

-- The built-in list of every valid fiscal year (the years an import accepts: 2000-2100).
create or replace macro lokasi_bawaan() as table
    select t.thang::smallint as thang, b.kdlokasi, b.nmlokasi
    from ref_lokasi_bawaan b
    join range(2000, 2101) t(thang) on t.thang between b.dari and b.sampai;

create or replace view dim_lokasi as
    select thang, kdlokasi, nmlokasi from dim_lokasi_hist where superseded_by is null
    union all
    select d.thang, d.kdlokasi, d.nmlokasi from lokasi_bawaan() d
    where not exists (select 1 from dim_lokasi_hist h where h.superseded_by is null and h.thang = d.thang);

create table if not exists fact_realisasi_kumulatif_hist (
    thang smallint not null, kdsatker varchar not null, kdprogram varchar not null,
    kdgiat varchar not null, kdoutput varchar not null, kdsoutput varchar not null,
    kdakun varchar not null, kdppk varchar not null,
    tgl_posisi date not null, realisasi_sd bigint not null,
    batch_id integer not null, superseded_by integer
);
create or replace view fact_realisasi_kumulatif as
    select * exclude (superseded_by) from fact_realisasi_kumulatif_hist where superseded_by is null;

-- Realization flows from the snapshots: one row per line and month with a snapshot, dated at the
-- month's last snapshot, carrying the batch of that snapshot; no_sp2d says where it came from.
-- A flow of 0 is left out (as a wide file's empty months are).
create or replace view realisasi_dari_kumulatif as
    with akhir_bulan as (
        select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk,
               month(tgl_posisi) as bulan, max(tgl_posisi) as tgl_posisi,
               arg_max(realisasi_sd, tgl_posisi) as realisasi_sd, arg_max(batch_id, tgl_posisi) as batch_id
        from fact_realisasi_kumulatif
        group by all
    ),
    arus as (
        select *, realisasi_sd - coalesce(lag(realisasi_sd) over (
                      partition by thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk
                      order by bulan), 0) as nilai
        from akhir_bulan
    )
    select thang, tgl_posisi as tgl_sp2d, 's.d. ' || strftime(tgl_posisi, '%Y-%m-%d') as no_sp2d,
           kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, nilai::bigint as nilai, batch_id
    from arus
    where nilai <> 0;

create or replace view fact_realisasi as
    select * exclude (superseded_by) from fact_realisasi_hist where superseded_by is null
    union all
    select * from realisasi_dari_kumulatif;

create table if not exists load_warning (
    batch_id integer not null,
    baris bigint,            -- the file row (header = 1), where the warning is about one row
    kolom varchar,
    nilai varchar,
    alasan varchar not null
);
