-- Load a validated akun file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_akun_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.kdakun = dim_akun_hist.kdakun);

insert into dim_akun_hist by name
select *, :batch_id as batch_id from staging;
