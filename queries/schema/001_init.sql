-- Schema version 1: reference data, facts, load batches and the monthly realization aggregate.
--
-- Every imported table keeps history: a row is never updated in place. A later load that
-- replaces a row marks the old one `superseded_by` that batch, so a batch can later be undone
-- and figures can be shown "as loaded at" an earlier batch. The views without the `_hist`
-- suffix show the rows in force and are what queries read.
-- Money is BIGINT rupiah (exact; Rp 9,2 quintillion fits), sums are cast back to BIGINT.

create table load_batch (
    batch_id     integer primary key,
    file_name    varchar not null,
    sha256       varchar not null,
    kind         varchar not null,
    row_count    bigint not null,
    loaded_at    timestamp not null,
    loaded_by    varchar not null
);

create table warehouse_info (
    key   varchar primary key,
    value varchar not null
);

create table dim_lokasi_hist (
    thang smallint not null, kdlokasi varchar not null, nmlokasi varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_unit_hist (
    thang smallint not null, kdunit varchar not null, nmunit varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_satker_hist (
    thang smallint not null, kdsatker varchar not null, nmsatker varchar not null,
    kdunit varchar not null, kewenangan varchar not null, kdlokasi varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_program_hist (
    thang smallint not null, kdprogram varchar not null, nmprogram varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_kegiatan_hist (
    thang smallint not null, kdgiat varchar not null, nmgiat varchar not null,
    kdprogram varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_ro_hist (
    thang smallint not null, kdgiat varchar not null, kdoutput varchar not null,
    kdsoutput varchar not null, nmro varchar not null, satuan varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_akun_hist (
    kdakun varchar not null, nmakun varchar not null,
    batch_id integer not null, superseded_by integer
);
create table dim_pejabat_hist (
    thang smallint not null, kdsatker varchar not null, peran varchar not null,
    kdppk varchar not null, nama varchar not null, nip varchar not null,
    batch_id integer not null, superseded_by integer
);
create table ref_target_hist (
    thang smallint not null, jenis_belanja varchar not null, triwulan smallint not null,
    target_persen decimal(5, 2) not null,
    batch_id integer not null, superseded_by integer
);

create table fact_pagu_hist (
    thang smallint not null, kdsatker varchar not null, kdprogram varchar not null,
    kdgiat varchar not null, kdoutput varchar not null, kdsoutput varchar not null,
    kdakun varchar not null, kdppk varchar not null,
    pagu bigint not null, blokir bigint not null,
    revisi_ke integer not null, tgl_revisi date not null,
    batch_id integer not null, superseded_by integer
);
create table fact_rpd_hist (
    thang smallint not null, kdsatker varchar not null, jenis_belanja varchar not null,
    bulan smallint not null, rpd bigint not null, tgl_update date not null,
    batch_id integer not null, superseded_by integer
);
-- Both realization shapes land here: an SP2D line, or a month of a wide export with
-- no_sp2d = '' dated at the month's end.
create table fact_realisasi_hist (
    thang smallint not null, tgl_sp2d date not null, no_sp2d varchar not null,
    kdsatker varchar not null, kdprogram varchar not null, kdgiat varchar not null,
    kdoutput varchar not null, kdsoutput varchar not null, kdakun varchar not null,
    kdppk varchar not null, nilai bigint not null,
    batch_id integer not null, superseded_by integer
);
create table fact_capaian_hist (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdgiat varchar not null, kdoutput varchar not null, kdsoutput varchar not null,
    target_vol decimal(18, 4) not null, real_vol decimal(18, 4) not null,
    progres_fisik decimal(5, 2) not null,
    batch_id integer not null, superseded_by integer
);
create table fact_revisi_hist (
    thang smallint not null, kdsatker varchar not null, no_revisi varchar not null,
    tgl_revisi date not null, kode_jenis varchar not null,
    batch_id integer not null, superseded_by integer
);

-- Realization per budget line and month, rebuilt for the fiscal years a load touches, so that
-- summaries read a few rows per line instead of every SP2D.
create table agg_realisasi_bulanan (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdprogram varchar not null, kdgiat varchar not null, kdoutput varchar not null,
    kdsoutput varchar not null, kdakun varchar not null, kdppk varchar not null,
    jenis_belanja varchar not null, realisasi bigint not null
);

create view dim_lokasi as select * exclude (batch_id, superseded_by) from dim_lokasi_hist where superseded_by is null;
create view dim_unit as select * exclude (batch_id, superseded_by) from dim_unit_hist where superseded_by is null;
create view dim_satker as select * exclude (batch_id, superseded_by) from dim_satker_hist where superseded_by is null;
create view dim_program as select * exclude (batch_id, superseded_by) from dim_program_hist where superseded_by is null;
create view dim_kegiatan as select * exclude (batch_id, superseded_by) from dim_kegiatan_hist where superseded_by is null;
create view dim_ro as select * exclude (batch_id, superseded_by) from dim_ro_hist where superseded_by is null;
create view dim_akun as select * exclude (batch_id, superseded_by) from dim_akun_hist where superseded_by is null;
create view dim_pejabat as select * exclude (batch_id, superseded_by) from dim_pejabat_hist where superseded_by is null;
create view ref_target as select * exclude (batch_id, superseded_by) from ref_target_hist where superseded_by is null;
create view fact_pagu as select * exclude (superseded_by) from fact_pagu_hist where superseded_by is null;
create view fact_rpd as select * exclude (superseded_by) from fact_rpd_hist where superseded_by is null;
create view fact_realisasi as select * exclude (superseded_by) from fact_realisasi_hist where superseded_by is null;
create view fact_capaian as select * exclude (superseded_by) from fact_capaian_hist where superseded_by is null;
create view fact_revisi as select * exclude (superseded_by) from fact_revisi_hist where superseded_by is null;

-- `choice` is a bound list parameter; an empty list means no restriction.
create macro allowed(choice, value) as
    len(CAST(choice AS VARCHAR[])) = 0 or list_contains(CAST(choice AS VARCHAR[]), value);

-- The satker a viewer may see (scope) and has selected (filters) in a fiscal year.
create macro satker_terpilih(tahun, scope_unit, scope_satker, f_unit, f_satker, f_kewenangan, f_lokasi) as table
    select s.thang, s.kdsatker, s.nmsatker, s.kdunit, u.nmunit, s.kewenangan, s.kdlokasi
    from dim_satker s
    left join dim_unit u on u.thang = s.thang and u.kdunit = s.kdunit
    where s.thang = tahun
      and allowed(scope_unit, s.kdunit) and allowed(scope_satker, s.kdsatker)
      and allowed(f_unit, s.kdunit) and allowed(f_satker, s.kdsatker)
      and allowed(f_kewenangan, s.kewenangan) and allowed(f_lokasi, s.kdlokasi);

-- Each budget line's pagu and blokir in force at a date: its highest revision dated on or before.
create macro pagu_berlaku(tahun, sampai) as table
    select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk,
           left(kdakun, 2) as jenis_belanja,
           arg_max(pagu, revisi_ke) as pagu, arg_max(blokir, revisi_ke) as blokir
    from fact_pagu
    where thang = tahun and tgl_revisi <= CAST(sampai AS DATE)
    group by all;
