-- Load a validated dispensasi_spm file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join,
-- as in load/ikpa_omspan.sql).
update fact_dispensasi_spm_hist set superseded_by = :batch_id
from staging s
where fact_dispensasi_spm_hist.superseded_by is null
  and s.thang = fact_dispensasi_spm_hist.thang and s.bulan = fact_dispensasi_spm_hist.bulan
  and s.kdsatker = fact_dispensasi_spm_hist.kdsatker;

insert into fact_dispensasi_spm_hist by name
select *, :batch_id as batch_id from staging;
