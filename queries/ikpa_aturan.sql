-- ikpa_aturan.sql
-- The IKPA rule rows of a fiscal year (weights, band bounds, counted revision codes and the
-- other parameters); monev/domain/ikpa_rules.py fills what a year does not define with the
-- PER-5/PB/2024 defaults.
-- params: :tahun (int)
-- returns: peraturan, parameter, kunci, nilai (double)
select peraturan, parameter, kunci, nilai::double as nilai
from ref_ikpa_aturan
where thang = :tahun
order by parameter, kunci;
