-- tahun_anggaran.sql
-- Fiscal years that have budget data within the viewer's scope, newest first. Read on every run
-- of the sidebar: monev.ui.data.scoped_query keeps it per warehouse version and scope. As in
-- data_terakhir.sql, a viewer of every satker reads the years without the join to dim_satker.
-- params: scope (lists, empty = all)
-- returns: thang
select distinct p.thang
from fact_pagu p
where cakupan_ppk(:scope_ppk, p.kdsatker, p.kdppk)
  and len(CAST(:scope_unit AS VARCHAR[])) = 0 and len(CAST(:scope_satker AS VARCHAR[])) = 0
union
select distinct p.thang
from fact_pagu p
join dim_satker s on s.thang = p.thang and s.kdsatker = p.kdsatker
where allowed(:scope_unit, s.kdunit) and allowed(:scope_satker, s.kdsatker)
  and cakupan_ppk(:scope_ppk, p.kdsatker, p.kdppk)
  and (len(CAST(:scope_unit AS VARCHAR[])) > 0 or len(CAST(:scope_satker AS VARCHAR[])) > 0)
order by thang desc;
