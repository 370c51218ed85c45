-- Rebuild the summary aggregate (schema 3) for the satker a pagu or realization load touched;
-- runs after refresh_agg_realisasi, whose output it reads.
delete from agg_ringkasan_bulanan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_ringkasan_bulanan.thang and s.kdsatker = agg_ringkasan_bulanan.kdsatker
);

insert into agg_ringkasan_bulanan select * from ringkasan_bulanan_baru();
