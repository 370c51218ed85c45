-- Load a validated ikpa_omspan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_ikpa_omspan_hist set superseded_by = :batch_id
from staging s
where fact_ikpa_omspan_hist.superseded_by is null
  and s.tahun = fact_ikpa_omspan_hist.tahun and s.bulan = fact_ikpa_omspan_hist.bulan and s.kode_satker = fact_ikpa_omspan_hist.kode_satker;

insert into fact_ikpa_omspan_hist by name
select *, :batch_id as batch_id from staging;
