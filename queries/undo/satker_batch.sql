-- undo/satker_batch.sql
-- The satker (thang, kdsatker) whose pagu, RPD, realization (SP2D, monthly or year-to-date) or capaian a batch loaded or
-- superseded: the ones whose aggregates must be rebuilt when it is undone.
-- params: :batch_id (int)
-- returns: thang, kdsatker
select distinct thang, kdsatker from fact_pagu_hist
where batch_id = :batch_id or superseded_by = :batch_id
union
select distinct thang, kdsatker from fact_rpd_hist
where batch_id = :batch_id or superseded_by = :batch_id
union
select distinct thang, kdsatker from fact_realisasi_hist
where batch_id = :batch_id or superseded_by = :batch_id
union
select distinct thang, kdsatker from fact_capaian_hist
where batch_id = :batch_id or superseded_by = :batch_id
union
select distinct thang, kdsatker from fact_realisasi_kumulatif_hist
where batch_id = :batch_id or superseded_by = :batch_id;
