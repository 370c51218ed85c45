-- Load a validated kegiatan file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update dim_kegiatan_hist set superseded_by = :batch_id
from staging s
where dim_kegiatan_hist.superseded_by is null
  and s.thang = dim_kegiatan_hist.thang and s.kdgiat = dim_kegiatan_hist.kdgiat;

insert into dim_kegiatan_hist by name
select *, :batch_id as batch_id from staging;
