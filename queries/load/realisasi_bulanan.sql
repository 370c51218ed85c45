-- Load a validated wide realization file (melted to one row a month, registered as `staging`).
-- A wide export states a budget line's whole year: every month of that line loaded from an
-- earlier wide file is superseded, including months that are now zero and so not staged.
update fact_realisasi_hist set superseded_by = :batch_id
from staging_lines s
where fact_realisasi_hist.superseded_by is null
  and fact_realisasi_hist.no_sp2d = ''
  and s.thang = fact_realisasi_hist.thang and s.kdsatker = fact_realisasi_hist.kdsatker
  and s.kdprogram = fact_realisasi_hist.kdprogram and s.kdgiat = fact_realisasi_hist.kdgiat
  and s.kdoutput = fact_realisasi_hist.kdoutput and s.kdsoutput = fact_realisasi_hist.kdsoutput
  and s.kdakun = fact_realisasi_hist.kdakun and s.kdppk = fact_realisasi_hist.kdppk;

insert into fact_realisasi_hist by name
select *, :batch_id as batch_id from staging;
