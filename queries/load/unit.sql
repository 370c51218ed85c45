-- Load a validated unit file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_unit_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = dim_unit_hist.thang and s.kdunit = dim_unit_hist.kdunit);

insert into dim_unit_hist by name
select *, :batch_id as batch_id from staging;
