-- target_triwulan.sql
-- The quarter-end cumulative absorption targets (%) per jenis belanja of a fiscal year.
-- params: :tahun (int)
-- returns: jenis_belanja, triwulan (1-4), target_persen
select jenis_belanja, triwulan, target_persen::double as target_persen
from ref_target
where thang = :tahun
order by jenis_belanja, triwulan;
