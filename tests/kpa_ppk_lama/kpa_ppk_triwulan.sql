-- kpa_ppk_triwulan.sql (before schema 12: the reference of tests/kpa_ppk_lama.py)
-- Per satker (or per satker and PPK), at the end of each quarter that ended before the month of
-- :sampai: pagu in force and realization to date, summed from the grain of
-- queries/ringkasan_ppk.sql, with the pagu that carries a target and pagu x target (the quarter
-- end's target % of each jenis belanja, given as three parallel lists), so the view takes
-- realization % and the weighted target % as summary.rollup does: for the quarter-by-quarter view
-- of the KPA/PPK page (the running quarter is the period itself). Summed here rather than in
-- pandas (about 270.000 grain rows at national scale). Without names: the view has them.
-- params: :tahun (int), :sampai (date, a month end), :per_ppk (bool: one row per satker and PPK,
--         else per satker with kdppk ''), :target_bulan (ints), :target_jenis (jenis belanja
--         codes), :target_persen (floats, the target % of that jenis belanja at that month),
--         scope and filters (lists, empty = all)
-- returns: bulan (3, 6 or 9), kdunit, kdsatker, kdppk, pagu, realisasi, pagu_bertarget (BIGINT
--          rupiah), pagu_x_target (DOUBLE: sum of pagu x target % of the rows with a target)
with s as (
    select kdsatker, kdunit from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                 :f_satker, :f_kewenangan, :f_lokasi)
),
t as (
    select unnest(CAST(:target_bulan AS INTEGER[])) as bulan,
           unnest(CAST(:target_jenis AS VARCHAR[])) as jenis_belanja,
           unnest(CAST(:target_persen AS DOUBLE[])) as target_persen
)
select a.bulan::integer as bulan, s.kdunit, s.kdsatker,
       case when :per_ppk then a.kdppk else '' end as kdppk,
       sum(a.pagu)::bigint as pagu, sum(a.realisasi_kumulatif)::bigint as realisasi,
       coalesce(sum(a.pagu) filter (where t.target_persen is not null), 0)::bigint as pagu_bertarget,
       coalesce(sum(a.pagu * t.target_persen), 0.0)::double as pagu_x_target
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
left join t on t.bulan = a.bulan and t.jenis_belanja = a.jenis_belanja
where a.thang = :tahun and a.bulan % 3 = 0 and a.bulan < month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
group by all
order by bulan, s.kdunit, s.kdsatker, kdppk;
