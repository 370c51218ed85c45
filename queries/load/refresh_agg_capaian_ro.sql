-- Rebuild the capaian RO aggregate (schema 10) for the satker a pagu, realization snapshot or
-- capaian load touched, an undo or an "as loaded at" copy; runs after refresh_agg_realisasi, whose
-- output it reads.
create or replace temp view capaian_ro_pagu as select * from capaian_ro_pagu_baru();

create or replace temp view capaian_ro_realisasi as select * from capaian_ro_realisasi_baru();

create or replace temp view capaian_ro_laporan as select * from capaian_ro_laporan_baru();

delete from agg_capaian_ro
where exists (
    select 1 from staging_satker s
    where s.thang = agg_capaian_ro.thang and s.kdsatker = agg_capaian_ro.kdsatker
);

insert into agg_capaian_ro select * from capaian_ro_baru();

drop view capaian_ro_pagu;

drop view capaian_ro_realisasi;

drop view capaian_ro_laporan;
