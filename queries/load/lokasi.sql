-- Load a validated lokasi file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update dim_lokasi_hist set superseded_by = :batch_id
from staging s
where dim_lokasi_hist.superseded_by is null
  and s.thang = dim_lokasi_hist.thang and s.kdlokasi = dim_lokasi_hist.kdlokasi;

insert into dim_lokasi_hist by name
select *, :batch_id as batch_id from staging;
