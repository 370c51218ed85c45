-- Load a validated lokasi file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_lokasi_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = dim_lokasi_hist.thang and s.kdlokasi = dim_lokasi_hist.kdlokasi);

insert into dim_lokasi_hist by name
select *, :batch_id as batch_id from staging;
