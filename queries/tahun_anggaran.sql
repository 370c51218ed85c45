-- tahun_anggaran.sql
-- Fiscal years that have budget data, newest first.
-- returns: thang
select distinct thang from fact_pagu order by thang desc;
