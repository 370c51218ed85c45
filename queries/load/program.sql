-- Load a validated program file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update dim_program_hist set superseded_by = :batch_id
from staging s
where dim_program_hist.superseded_by is null
  and s.thang = dim_program_hist.thang and s.kdprogram = dim_program_hist.kdprogram;

insert into dim_program_hist by name
select *, :batch_id as batch_id from staging;
