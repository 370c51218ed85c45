-- Rebuild the year's RPD plan pivoted per stretch of as-of months (schema 18: agg_proyeksi_rpd)
-- for the satker an RPD load (or an undo, or a rewind) touched; runs after
-- refresh_agg_rpd_berlaku, from whose rows it is made.
delete from agg_proyeksi_rpd
where exists (
    select 1 from staging_satker s
    where s.thang = agg_proyeksi_rpd.thang and s.kdsatker = agg_proyeksi_rpd.kdsatker
);

insert into agg_proyeksi_rpd select * from proyeksi_rpd_baru();
