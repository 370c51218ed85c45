-- Schema version 12: the RPD (Halaman III DIPA) in force per satker x jenis belanja x month, each
-- month's latest tgl_update, as the overview's monthly curve reads it (queries/kurva_bulanan.sql).
-- Found on every visit it was arg_max over the year's 1,6 million fact_rpd rows into 790.000
-- groups nationally, 0,17 s of CPU, a third of the overview; read from here, a scan of those
-- 790.000 rows. It is rebuilt inside each RPD load, and each undo and "as loaded at" copy, for
-- the satker touched (macro rpd_berlaku_baru() over the relation staging_satker); a pagu or
-- realization load does not change it. This migration fills it for warehouses loaded before.

create or replace table agg_rpd_berlaku (
    thang smallint not null, kdsatker varchar not null, jenis_belanja varchar not null,
    bulan smallint not null, rpd bigint not null
);

-- (DuckDB binds the macro when it is created, so the relation must exist then.) "or replace":
-- a warehouse whose list of migrations was lost runs them again from its version (schema 4 kept none).
create temp view staging_satker as select distinct thang, kdsatker from dim_satker;

-- fact_rpd's key is (thang, kdsatker, jenis_belanja, bulan, tgl_update): one row per latest date
create or replace macro rpd_berlaku_baru() as table
    select x.thang, x.kdsatker, x.jenis_belanja, x.bulan, arg_max(x.rpd, x.tgl_update) as rpd
    from fact_rpd x
    semi join staging_satker s on s.thang = x.thang and s.kdsatker = x.kdsatker
    group by all;

drop view staging_satker;
create temp view staging_satker as select distinct thang, kdsatker from fact_rpd;
insert into agg_rpd_berlaku select * from rpd_berlaku_baru();
drop view staging_satker;
