-- Rebuild the summary aggregate for the satker a realisasi or realisasi_bulanan load touched,
-- keeping the pagu in force it holds (unchanged by such a load; macro ringkasan_realisasi_baru,
-- schema 9); runs after the realization aggregate is up to date. The new rows are made before
-- the old ones, which they read, are deleted.
create or replace temp table agg_ringkasan_ganti as select * from ringkasan_realisasi_baru();

delete from agg_ringkasan_bulanan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_ringkasan_bulanan.thang and s.kdsatker = agg_ringkasan_bulanan.kdsatker
);

insert into agg_ringkasan_bulanan select * from agg_ringkasan_ganti;

drop table agg_ringkasan_ganti;
