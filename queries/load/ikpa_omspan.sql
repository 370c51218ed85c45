-- Load a validated ikpa_omspan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted.
update fact_ikpa_omspan_hist set superseded_by = :batch_id
where superseded_by is null
  and exists (select 1 from staging s where s.tahun = fact_ikpa_omspan_hist.tahun and s.bulan = fact_ikpa_omspan_hist.bulan and s.kode_satker = fact_ikpa_omspan_hist.kode_satker);

insert into fact_ikpa_omspan_hist by name
select *, :batch_id as batch_id from staging;
