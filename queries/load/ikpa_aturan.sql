-- Load a validated ikpa_aturan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update ref_ikpa_aturan_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = ref_ikpa_aturan_hist.thang and s.parameter = ref_ikpa_aturan_hist.parameter and s.kunci = ref_ikpa_aturan_hist.kunci);

insert into ref_ikpa_aturan_hist by name
select *, :batch_id as batch_id from staging;
