-- Load a validated program file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_program_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = dim_program_hist.thang and s.kdprogram = dim_program_hist.kdprogram);

insert into dim_program_hist by name
select *, :batch_id as batch_id from staging;
