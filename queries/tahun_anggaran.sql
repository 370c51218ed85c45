-- tahun_anggaran.sql
-- Fiscal years that have budget data within the viewer's scope, newest first.
-- params: scope (lists, empty = all)
-- returns: thang
select distinct p.thang
from fact_pagu p
join dim_satker s on s.thang = p.thang and s.kdsatker = p.kdsatker
where allowed(:scope_unit, s.kdunit) and allowed(:scope_satker, s.kdsatker)
  and cakupan_ppk(:scope_ppk, p.kdsatker, p.kdppk)
order by p.thang desc;
