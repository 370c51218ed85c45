-- Bring the capaian RO aggregate (schema 10) up to date after a realisasi or realisasi_bulanan
-- load (batch :batch_id); runs after the realization aggregate is. Only the RO whose lines the
-- batch added or superseded are made again, and of them only the realization is summed again
-- (from agg_realisasi_bulanan): such a load changes no pagu in force and no capaian report, so
-- those are taken from the rows the aggregate holds (finding the pagu in force per month over
-- every revision is most of a rebuild's 34 s of CPU nationally). The new rows are made before
-- the old ones, which they read, are deleted.
create or replace temp table capaian_ro_kena as
select distinct thang, kdsatker, kdgiat, kdoutput, kdsoutput
from fact_realisasi_hist
where batch_id = :batch_id or superseded_by = :batch_id;

create or replace temp view capaian_ro_pagu as
select a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdprogram, a.pagu
from agg_capaian_ro a
semi join capaian_ro_kena k on k.thang = a.thang and k.kdsatker = a.kdsatker and k.kdgiat = a.kdgiat
     and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput
where a.ada_pagu;

create or replace temp view capaian_ro_laporan as
select a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput, a.target_vol, a.real_vol,
       a.progres_fisik
from agg_capaian_ro a
semi join capaian_ro_kena k on k.thang = a.thang and k.kdsatker = a.kdsatker and k.kdgiat = a.kdgiat
     and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput
where a.bulan_capaian = a.bulan;  -- the month of a report: the report itself

create or replace temp view capaian_ro_realisasi as
select a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput,
       min(a.kdprogram) as kdprogram, sum(a.realisasi)::bigint as realisasi
from agg_realisasi_bulanan a
semi join capaian_ro_kena k on k.thang = a.thang and k.kdsatker = a.kdsatker and k.kdgiat = a.kdgiat
     and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput
group by a.thang, a.bulan, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput;

create or replace temp table capaian_ro_ganti as select * from capaian_ro_baru();

delete from agg_capaian_ro a
using capaian_ro_kena k
where k.thang = a.thang and k.kdsatker = a.kdsatker and k.kdgiat = a.kdgiat and k.kdoutput = a.kdoutput
  and k.kdsoutput = a.kdsoutput;

insert into agg_capaian_ro select * from capaian_ro_ganti;

drop view capaian_ro_pagu;

drop view capaian_ro_laporan;

drop view capaian_ro_realisasi;

drop table capaian_ro_ganti;

drop table capaian_ro_kena;
