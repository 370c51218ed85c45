-- Load a validated year-to-date realization file (registered as `staging`) as batch :batch_id.
-- A later file with a snapshot of the same line and date replaces the earlier one (superseded,
-- not deleted); snapshots of other dates stay. The flows they give each month are a view
-- (realisasi_dari_kumulatif, schema 6) that fact_realisasi includes.
update fact_realisasi_kumulatif_hist set superseded_by = :batch_id
from staging s
where fact_realisasi_kumulatif_hist.superseded_by is null
  and s.thang = fact_realisasi_kumulatif_hist.thang and s.kdsatker = fact_realisasi_kumulatif_hist.kdsatker
  and s.kdprogram = fact_realisasi_kumulatif_hist.kdprogram and s.kdgiat = fact_realisasi_kumulatif_hist.kdgiat
  and s.kdoutput = fact_realisasi_kumulatif_hist.kdoutput and s.kdsoutput = fact_realisasi_kumulatif_hist.kdsoutput
  and s.kdakun = fact_realisasi_kumulatif_hist.kdakun and s.kdppk = fact_realisasi_kumulatif_hist.kdppk
  and s.tgl_posisi = fact_realisasi_kumulatif_hist.tgl_posisi;

insert into fact_realisasi_kumulatif_hist by name
select *, :batch_id as batch_id from staging;
