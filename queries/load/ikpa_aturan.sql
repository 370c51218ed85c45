-- Load a validated ikpa_aturan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update ref_ikpa_aturan_hist set superseded_by = :batch_id
from staging s
where ref_ikpa_aturan_hist.superseded_by is null
  and s.thang = ref_ikpa_aturan_hist.thang and s.parameter = ref_ikpa_aturan_hist.parameter and s.kunci = ref_ikpa_aturan_hist.kunci;

insert into ref_ikpa_aturan_hist by name
select *, :batch_id as batch_id from staging;
