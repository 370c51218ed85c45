-- Load a validated ro file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update dim_ro_hist set superseded_by = :batch_id
from staging s
where dim_ro_hist.superseded_by is null
  and s.thang = dim_ro_hist.thang and s.kdgiat = dim_ro_hist.kdgiat and s.kdoutput = dim_ro_hist.kdoutput and s.kdsoutput = dim_ro_hist.kdsoutput;

insert into dim_ro_hist by name
select *, :batch_id as batch_id from staging;
