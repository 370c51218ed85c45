-- Load a validated pejabat file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update dim_pejabat_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.thang = dim_pejabat_hist.thang and s.kdsatker = dim_pejabat_hist.kdsatker and s.peran = dim_pejabat_hist.peran and s.kdppk = dim_pejabat_hist.kdppk);

insert into dim_pejabat_hist by name
select *, :batch_id as batch_id from staging;
