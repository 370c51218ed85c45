-- ikpa_pagu_bulanan.sql
-- The gross pagu in force at the end of every month up to :sampai, per satker and jenis belanja
-- (summed over PPK), of the satker that have pagu or realization by then: the grain of
-- ringkasan_ppk.sql for all those months at once, for the IKPA scores over the months with a
-- jenis belanja filter (which satker are scored each month, their weight in the unit and
-- ministry, the deviation weights); without one, ikpa_bulanan.sql reads the schema 5 aggregate.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan_sd (1 .. month of :sampai: the month whose end it is as of), kdunit, nmunit,
--          kdsatker, nmsatker, jenis_belanja, pagu (BIGINT rupiah)
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- IKPA is a satker-level measure: none for a scope of PPK only
)
select a.bulan::integer as bulan_sd, s.kdunit, s.nmunit, s.kdsatker, s.nmsatker, a.jenis_belanja,
       sum(a.pagu)::bigint as pagu
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
group by all
order by bulan_sd, s.kdunit, s.kdsatker, a.jenis_belanja;
