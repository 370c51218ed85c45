-- kpa_ppk_urut.sql
-- The pagu x target sums of queries/kpa_ppk_baris.sql (the same rows, groups and targets) added
-- in PPK and jenis belanja order: an ordered aggregate, the order of the summary aggregate's rows
-- as a national warehouse holds them, so its bits there, and the same bits whatever loads did
-- since. The view runs it only when the order can change a bit (a target that is not a whole
-- number or is negative, or a sum past 2^53): its sort per row of the page cost 0,05 s of CPU
-- nationally.
-- params: :tahun (int), :per_ppk (bool: one row per satker and PPK, else per satker with kdppk
--         ''), :target_bulan (ints), :target_jenis (jenis belanja codes), :target_persen (floats,
--         the target % of that jenis belanja at that month), scope and filters (lists, empty = all)
-- returns: kdsatker, kdppk, pagu_x_target_3, pagu_x_target_6, pagu_x_target_9 (DOUBLE, the sum
--          of pagu x target % at the end of quarter month 3, 6 and 9 of the rows with a target, 0
--          where none)
with s as (
    select kdsatker
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
),
t as (
    -- one row per jenis belanja, its target at each quarter end listed (schema 20)
    select * from target_kuartal(:target_bulan, :target_jenis, :target_persen)
)
select w.kdsatker, case when :per_ppk then w.kdppk else '' end as kdppk,
       coalesce(sum(w.pagu_3 * t.t_3 order by w.kdppk, w.jenis_belanja), 0.0)::double as pagu_x_target_3,
       coalesce(sum(w.pagu_6 * t.t_6 order by w.kdppk, w.jenis_belanja), 0.0)::double as pagu_x_target_6,
       coalesce(sum(w.pagu_9 * t.t_9 order by w.kdppk, w.jenis_belanja), 0.0)::double as pagu_x_target_9
from agg_kpa_ppk w
join s on s.kdsatker = w.kdsatker
left join t on t.jenis_belanja = w.jenis_belanja
where w.thang = :tahun
  and allowed(:f_jenis_belanja, w.jenis_belanja)
  and cakupan_ppk(:scope_ppk, w.kdsatker, w.kdppk)
group by all;
