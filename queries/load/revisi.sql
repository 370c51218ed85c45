-- Load a validated revisi file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_revisi_hist set superseded_by = :batch_id
from staging s
where fact_revisi_hist.superseded_by is null
  and s.thang = fact_revisi_hist.thang and s.kdsatker = fact_revisi_hist.kdsatker and s.no_revisi = fact_revisi_hist.no_revisi and s.kode_jenis = fact_revisi_hist.kode_jenis;

insert into fact_revisi_hist by name
select *, :batch_id as batch_id from staging;
