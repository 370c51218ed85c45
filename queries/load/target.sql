-- Load a validated target file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update ref_target_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = ref_target_hist.thang and s.jenis_belanja = ref_target_hist.jenis_belanja and s.triwulan = ref_target_hist.triwulan);

insert into ref_target_hist by name
select *, :batch_id as batch_id from staging;
