-- Load a validated pejabat file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update dim_pejabat_hist set superseded_by = :batch_id
from staging s
where dim_pejabat_hist.superseded_by is null
  and s.thang = dim_pejabat_hist.thang and s.kdsatker = dim_pejabat_hist.kdsatker and s.peran = dim_pejabat_hist.peran and s.kdppk = dim_pejabat_hist.kdppk;

insert into dim_pejabat_hist by name
select *, :batch_id as batch_id from staging;
