-- Rebuild the RPD plan in force per as-of month (schema 11: agg_rpd_berlaku) for the satker an
-- RPD load (or an undo, or a rewind) touched; runs before refresh_agg_ikpa_bulanan, which reads it.
delete from agg_rpd_berlaku
where exists (
    select 1 from staging_satker s
    where s.thang = agg_rpd_berlaku.thang and s.kdsatker = agg_rpd_berlaku.kdsatker
);

insert into agg_rpd_berlaku select * from rpd_berlaku_baru();
