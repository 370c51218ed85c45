-- Load a validated pagu file (registered as `staging`) as batch :batch_id.
-- Rows with the same key as a staged row are superseded, not deleted (an update ... from join:
-- DuckDB plans it as a hash join on the staged keys; a correlated exists scanned all history).
update fact_pagu_hist set superseded_by = :batch_id
from staging s
where fact_pagu_hist.superseded_by is null
  and s.thang = fact_pagu_hist.thang and s.kdsatker = fact_pagu_hist.kdsatker and s.kdprogram = fact_pagu_hist.kdprogram and s.kdgiat = fact_pagu_hist.kdgiat and s.kdoutput = fact_pagu_hist.kdoutput and s.kdsoutput = fact_pagu_hist.kdsoutput and s.kdakun = fact_pagu_hist.kdakun and s.kdppk = fact_pagu_hist.kdppk and s.revisi_ke = fact_pagu_hist.revisi_ke;

insert into fact_pagu_hist by name
select *, :batch_id as batch_id from staging;
