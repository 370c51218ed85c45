-- Load a validated kegiatan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_kegiatan_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = dim_kegiatan_hist.thang and s.kdgiat = dim_kegiatan_hist.kdgiat);

insert into dim_kegiatan_hist by name
select *, :batch_id as batch_id from staging;
