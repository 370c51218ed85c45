-- meta/tahun_ikpa.sql
-- The fiscal years with satker to score for IKPA (agg_ikpa_bulanan), oldest first: the years
-- monev.views.ikpa.store_scores scores for agg_ikpa_nilai.
-- params: none
-- returns: thang
select distinct thang from agg_ikpa_bulanan order by thang;
