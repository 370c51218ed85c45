-- Schema version 3: aggregates at the summary's grain (satker x PPK x jenis belanja x month), so
-- a summary of a national warehouse reads a few rows per satker instead of every budget line
-- and revision. Both are rebuilt inside each load for the satker it touched; this migration
-- fills them for warehouses loaded before it.

create table agg_realisasi_ppk_bulanan (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdppk varchar not null, jenis_belanja varchar not null, realisasi bigint not null
);

-- The pagu and blokir in force at the end of each month (pagu_berlaku at that date).
create table agg_pagu_ppk_bulanan (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdppk varchar not null, jenis_belanja varchar not null,
    pagu bigint not null, blokir bigint not null
);

insert into agg_realisasi_ppk_bulanan
select thang, bulan, kdsatker, kdppk, jenis_belanja, sum(realisasi)::bigint
from agg_realisasi_bulanan
group by all;

insert into agg_pagu_ppk_bulanan
select thang, bulan, kdsatker, kdppk, left(kdakun, 2), sum(pagu)::bigint, sum(blokir)::bigint
from (
    select f.thang, m.bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun,
           f.kdppk, arg_max(f.pagu, f.revisi_ke) as pagu, arg_max(f.blokir, f.revisi_ke) as blokir
    from fact_pagu f
    join range(1, 13) m(bulan) on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
    group by all
)
group by all;
