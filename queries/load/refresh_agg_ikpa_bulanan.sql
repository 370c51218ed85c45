-- Rebuild the IKPA month aggregate (schema 5: pagu and deviation per satker and as-of month) for
-- the satker a pagu, RPD or realization load touched; runs after refresh_agg_realisasi and
-- refresh_agg_ringkasan, whose output it reads.
delete from agg_ikpa_bulanan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_ikpa_bulanan.thang and s.kdsatker = agg_ikpa_bulanan.kdsatker
);

insert into agg_ikpa_bulanan select * from ikpa_bulanan_baru();
