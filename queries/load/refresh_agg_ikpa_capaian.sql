-- Rebuild the IKPA output-achievement aggregate (schema 5) for the satker a capaian load touched.
delete from agg_ikpa_capaian
where exists (
    select 1 from staging_satker s
    where s.thang = agg_ikpa_capaian.thang and s.kdsatker = agg_ikpa_capaian.kdsatker
);

insert into agg_ikpa_capaian select * from ikpa_capaian_baru();
