-- Load a validated target file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update ref_target_hist set superseded_by = :batch_id
from staging s
where ref_target_hist.superseded_by is null
  and s.thang = ref_target_hist.thang and s.jenis_belanja = ref_target_hist.jenis_belanja and s.triwulan = ref_target_hist.triwulan;

insert into ref_target_hist by name
select *, :batch_id as batch_id from staging;
