-- Rebuild the RPD in force (schema 12, agg_rpd_berlaku) for the satker an RPD load, an undo or an
-- "as loaded at" copy touched (relation staging_satker).
delete from agg_rpd_berlaku
where exists (
    select 1 from staging_satker s
    where s.thang = agg_rpd_berlaku.thang and s.kdsatker = agg_rpd_berlaku.kdsatker
);

insert into agg_rpd_berlaku select * from rpd_berlaku_baru();
