-- kpa_ppk_baris.sql
-- The KPA/PPK page's rows over the year, one per satker (or per satker and PPK), from the wide
-- year kept at load time (agg_kpa_ppk, schema 12; about 90.000 rows nationally instead of the
-- summary aggregate's 1,1 million): the cumulative realization at the end of each month up to
-- :sampai (the monthly sparkline), the figures at the end of each quarter that ended before
-- :sampai's month (the quarter-by-quarter view; the running quarter is the period itself), and
-- the row's names. One grouping for all three: the trend's twelve filtered sums over the summary
-- aggregate and the quarters' second grouping of its quarter-end rows took 0,25-0,3 s of CPU.
-- The quarters as queries/kpa_ppk_triwulan.sql summed them from the same rows (those with a line
-- in force or realization by the quarter's end), with the pagu that carries a target and pagu x
-- target (the quarter end's target % of each jenis belanja, given as three parallel lists), so
-- the view takes realization % and the weighted target % as summary.rollup does.
-- Pagu x target is a floating sum added in whatever order the threads meet the rows: the same
-- bits in every order only with whole-number targets and sums below 2^53 (every partial sum an
-- exact integer). Otherwise the view takes those three sums from queries/kpa_ppk_urut.sql, added
-- in a fixed order. No ORDER BY: the view looks the rows up by their keys. With the ordered
-- aggregate here (switched off by a filter) and the ORDER BY the query took 0,115 s of CPU
-- nationally, without them 0,088 s.
-- params: :tahun (int), :sampai (date, a month end), :per_ppk (bool: one row per satker and PPK,
--         else per satker with kdppk ''), :target_bulan (ints), :target_jenis (jenis belanja
--         codes), :target_persen (floats, the target % of that jenis belanja at that month),
--         scope and filters (lists, empty = all)
-- returns: kdsatker, kdppk, bulan_1 .. bulan_12 (BIGINT rupiah, January to the end of that month,
--          NULL after :sampai's month), ada_3, pagu_3, realisasi_3, pagu_bertarget_3,
--          pagu_x_target_3, ada_6, pagu_6, realisasi_6, pagu_bertarget_6, pagu_x_target_6, ada_9,
--          pagu_9, realisasi_9, pagu_bertarget_9, pagu_x_target_9 (at the end of quarter month q of
--          3, 6 and 9: ada_q whether the row has a line in force or realization then and q is before
--          :sampai's month, the other columns of q counting only then; pagu, realisasi and
--          pagu_bertarget BIGINT rupiah, 0 where none; pagu_x_target DOUBLE, the sum of pagu x
--          target % of the rows with a target), kdunit, nmunit, nmsatker, kpa (the satker's KPA, of
--          several the one of the lowest kdppk, NULL where none), ppk (the PPK's name with :per_ppk,
--          NULL where none or per satker)
with s as (
    select kdsatker, kdunit, nmunit, nmsatker
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
),
kpa as (
    select kdsatker, arg_min(nama, kdppk) as kpa
    from dim_pejabat
    where thang = :tahun and peran = 'KPA'
    group by kdsatker
),
ppk as (
    select kdsatker, kdppk, nama as ppk
    from dim_pejabat
    where thang = :tahun and peran = 'PPK' and :per_ppk
),
t as (
    -- one row per jenis belanja, its target at each quarter end listed (schema 20)
    select * from target_kuartal(:target_bulan, :target_jenis, :target_persen)
),
baris as (
    -- a row without a line in force or realization at a quarter's end has pagu and realization 0
    -- then (agg_ringkasan_bulanan's coalesce), so the quarter's sums need no filter on ada_q: a
    -- group with none of them is left out by ada_q, and 0 and 0.0 added change no sum (a tenth of
    -- this query's CPU saved)
    select w.kdsatker, case when :per_ppk then w.kdppk else '' end as kdppk,
           case when month(CAST(:sampai AS DATE)) >= 1 then sum(w.realisasi_1) end::bigint as bulan_1,
           case when month(CAST(:sampai AS DATE)) >= 2 then sum(w.realisasi_2) end::bigint as bulan_2,
           case when month(CAST(:sampai AS DATE)) >= 3 then sum(w.realisasi_3) end::bigint as bulan_3,
           case when month(CAST(:sampai AS DATE)) >= 4 then sum(w.realisasi_4) end::bigint as bulan_4,
           case when month(CAST(:sampai AS DATE)) >= 5 then sum(w.realisasi_5) end::bigint as bulan_5,
           case when month(CAST(:sampai AS DATE)) >= 6 then sum(w.realisasi_6) end::bigint as bulan_6,
           case when month(CAST(:sampai AS DATE)) >= 7 then sum(w.realisasi_7) end::bigint as bulan_7,
           case when month(CAST(:sampai AS DATE)) >= 8 then sum(w.realisasi_8) end::bigint as bulan_8,
           case when month(CAST(:sampai AS DATE)) >= 9 then sum(w.realisasi_9) end::bigint as bulan_9,
           case when month(CAST(:sampai AS DATE)) >= 10 then sum(w.realisasi_10) end::bigint as bulan_10,
           case when month(CAST(:sampai AS DATE)) >= 11 then sum(w.realisasi_11) end::bigint as bulan_11,
           case when month(CAST(:sampai AS DATE)) >= 12 then sum(w.realisasi_12) end::bigint as bulan_12,
           bool_or(w.ada_3) and 3 < month(CAST(:sampai AS DATE)) as ada_3,
           sum(w.pagu_3)::bigint as pagu_3,
           sum(w.realisasi_3)::bigint as realisasi_3,
           coalesce(sum(w.pagu_3) filter (where t.t_3 is not null), 0)::bigint as pagu_bertarget_3,
           coalesce(sum(w.pagu_3 * t.t_3), 0.0)::double as pagu_x_target_3,
           bool_or(w.ada_6) and 6 < month(CAST(:sampai AS DATE)) as ada_6,
           sum(w.pagu_6)::bigint as pagu_6,
           sum(w.realisasi_6)::bigint as realisasi_6,
           coalesce(sum(w.pagu_6) filter (where t.t_6 is not null), 0)::bigint as pagu_bertarget_6,
           coalesce(sum(w.pagu_6 * t.t_6), 0.0)::double as pagu_x_target_6,
           bool_or(w.ada_9) and 9 < month(CAST(:sampai AS DATE)) as ada_9,
           sum(w.pagu_9)::bigint as pagu_9,
           sum(w.realisasi_9)::bigint as realisasi_9,
           coalesce(sum(w.pagu_9) filter (where t.t_9 is not null), 0)::bigint as pagu_bertarget_9,
           coalesce(sum(w.pagu_9 * t.t_9), 0.0)::double as pagu_x_target_9
    from agg_kpa_ppk w
    join s on s.kdsatker = w.kdsatker
    left join t on t.jenis_belanja = w.jenis_belanja
    where w.thang = :tahun
      and allowed(:f_jenis_belanja, w.jenis_belanja)
      and cakupan_ppk(:scope_ppk, w.kdsatker, w.kdppk)
    group by all
)
select b.*, s.kdunit, s.nmunit, s.nmsatker, kpa.kpa, ppk.ppk
from baris b
join s on s.kdsatker = b.kdsatker
left join kpa on kpa.kdsatker = b.kdsatker
left join ppk on ppk.kdsatker = b.kdsatker and ppk.kdppk = b.kdppk;
