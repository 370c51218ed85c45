-- Rebuild the capaian RO aggregate (schema 10) for the satker a pagu, realization snapshot or
-- capaian load touched, an undo or an "as loaded at" copy; runs after refresh_agg_realisasi, whose
-- output it reads.
delete from agg_capaian_ro
where exists (
    select 1 from staging_satker s
    where s.thang = agg_capaian_ro.thang and s.kdsatker = agg_capaian_ro.kdsatker
);

insert into agg_capaian_ro select * from capaian_ro_baru();
