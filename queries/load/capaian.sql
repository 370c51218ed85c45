-- Load a validated capaian file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_capaian_hist set superseded_by = :batch_id
from staging s
where fact_capaian_hist.superseded_by is null
  and s.thang = fact_capaian_hist.thang and s.bulan = fact_capaian_hist.bulan and s.kdsatker = fact_capaian_hist.kdsatker and s.kdgiat = fact_capaian_hist.kdgiat and s.kdoutput = fact_capaian_hist.kdoutput and s.kdsoutput = fact_capaian_hist.kdsoutput;

insert into fact_capaian_hist by name
select *, :batch_id as batch_id from staging;
