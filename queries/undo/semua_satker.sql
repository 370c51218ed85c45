-- undo/semua_satker.sql
-- Every satker (thang, kdsatker) with pagu, RPD, realization or capaian in any batch, or in the
-- aggregates: the ones whose aggregates are rebuilt after a rewind (undo/mundur_ke.sql).
-- params: none
-- returns: thang, kdsatker
select distinct thang, kdsatker from fact_pagu_hist
union
select distinct thang, kdsatker from fact_rpd_hist
union
select distinct thang, kdsatker from fact_realisasi_hist
union
select distinct thang, kdsatker from fact_capaian_hist
union
select distinct thang, kdsatker from fact_realisasi_kumulatif_hist
union
select distinct thang, kdsatker from agg_ringkasan_bulanan
union
select distinct thang, kdsatker from agg_realisasi_bulanan
union
select distinct thang, kdsatker from agg_ikpa_bulanan
union
select distinct thang, kdsatker from agg_ikpa_capaian
union
select distinct thang, kdsatker from agg_rpd_berlaku;
