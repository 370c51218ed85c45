-- Load a validated realisasi file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_realisasi_hist set superseded_by = :batch_id
from staging s
where fact_realisasi_hist.superseded_by is null
  and s.thang = fact_realisasi_hist.thang and s.no_sp2d = fact_realisasi_hist.no_sp2d and s.kdsatker = fact_realisasi_hist.kdsatker and s.kdprogram = fact_realisasi_hist.kdprogram and s.kdgiat = fact_realisasi_hist.kdgiat and s.kdoutput = fact_realisasi_hist.kdoutput and s.kdsoutput = fact_realisasi_hist.kdsoutput and s.kdakun = fact_realisasi_hist.kdakun and s.kdppk = fact_realisasi_hist.kdppk;

insert into fact_realisasi_hist by name
select *, :batch_id as batch_id from staging;
