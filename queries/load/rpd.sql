-- Load a validated rpd file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_rpd_hist set superseded_by = :batch_id
from staging s
where fact_rpd_hist.superseded_by is null
  and s.thang = fact_rpd_hist.thang and s.kdsatker = fact_rpd_hist.kdsatker and s.jenis_belanja = fact_rpd_hist.jenis_belanja and s.bulan = fact_rpd_hist.bulan and s.tgl_update = fact_rpd_hist.tgl_update;

insert into fact_rpd_hist by name
select *, :batch_id as batch_id from staging;
