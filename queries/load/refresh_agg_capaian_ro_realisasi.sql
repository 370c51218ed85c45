-- Bring the capaian RO aggregate (schema 10) up to date after a realisasi or realisasi_bulanan
-- load (batch :batch_id), touching only the realization of the RO whose lines the batch added or
-- superseded: such a load changes no pagu in force and no capaian report (finding the pagu in
-- force per month again is a large part of a rebuild, which costs about 30 s of CPU nationally).
-- An RO the batch only added to gets its old running sums plus the batch's, month by month (exact:
-- integer rupiah); an RO where it superseded a line is summed again from the realization
-- aggregate (brought up to date before this runs), so what a rebuild gives, to the rupiah.
-- per RO: the change to the end of each month, the batch's lines less those it superseded, as
-- twelve filtered sums in one pass (null: nothing by then; list lambdas took 1,2 s nationally)
create or replace temp table capaian_ro_selisih as
select thang, kdsatker, kdgiat, kdoutput, kdsoutput,
       [
           sum(nilai) filter (where bulan <= 1),
           sum(nilai) filter (where bulan <= 2),
           sum(nilai) filter (where bulan <= 3),
           sum(nilai) filter (where bulan <= 4),
           sum(nilai) filter (where bulan <= 5),
           sum(nilai) filter (where bulan <= 6),
           sum(nilai) filter (where bulan <= 7),
           sum(nilai) filter (where bulan <= 8),
           sum(nilai) filter (where bulan <= 9),
           sum(nilai) filter (where bulan <= 10),
           sum(nilai) filter (where bulan <= 11),
           sum(nilai) filter (where bulan <= 12)
       ]::bigint[] as selisih,
       min(kdprogram) as kdprogram, bool_or(ganti) as ganti
from (
    -- two scans, not one with `or`: the batch's own rows are found by the zone maps
    select thang, kdsatker, kdgiat, kdoutput, kdsoutput, month(tgl_sp2d) as bulan, nilai, kdprogram,
           false as ganti
    from fact_realisasi_hist
    where batch_id = :batch_id
    union all
    select thang, kdsatker, kdgiat, kdoutput, kdsoutput, month(tgl_sp2d) as bulan, -nilai, null, true
    from fact_realisasi_hist
    where superseded_by = :batch_id
)
group by thang, kdsatker, kdgiat, kdoutput, kdsoutput;

-- RO where the batch superseded a line: their realization again, from the lines in force
create or replace temp table capaian_ro_ulang as
select a.thang, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput, min(a.kdprogram) as kdprogram,
       [
           sum(a.realisasi) filter (where a.bulan <= 1),
           sum(a.realisasi) filter (where a.bulan <= 2),
           sum(a.realisasi) filter (where a.bulan <= 3),
           sum(a.realisasi) filter (where a.bulan <= 4),
           sum(a.realisasi) filter (where a.bulan <= 5),
           sum(a.realisasi) filter (where a.bulan <= 6),
           sum(a.realisasi) filter (where a.bulan <= 7),
           sum(a.realisasi) filter (where a.bulan <= 8),
           sum(a.realisasi) filter (where a.bulan <= 9),
           sum(a.realisasi) filter (where a.bulan <= 10),
           sum(a.realisasi) filter (where a.bulan <= 11),
           sum(a.realisasi) filter (where a.bulan <= 12)
       ]::bigint[] as realisasi
from agg_realisasi_bulanan a
semi join capaian_ro_selisih s
  on s.thang = a.thang and s.kdsatker = a.kdsatker and s.kdgiat = a.kdgiat and s.kdoutput = a.kdoutput
 and s.kdsoutput = a.kdsoutput and s.ganti
group by a.thang, a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput;

-- an RO new to the aggregate: a row with nothing yet, filled below
insert into agg_capaian_ro
select s.thang, s.kdsatker, s.kdgiat, s.kdoutput, s.kdsoutput, null, null,
       list_transform(range(1, 13), lambda i: null::bigint), list_transform(range(1, 13), lambda i: null::bigint),
       list_transform(range(1, 13), lambda i: null::smallint), list_transform(range(1, 13), lambda i: null::double),
       list_transform(range(1, 13), lambda i: null::double), list_transform(range(1, 13), lambda i: null::double)
from capaian_ro_selisih s
anti join agg_capaian_ro a
  on a.thang = s.thang and a.kdsatker = s.kdsatker and a.kdgiat = s.kdgiat and a.kdoutput = s.kdoutput
 and a.kdsoutput = s.kdsoutput;

update agg_capaian_ro
set kdprogram_realisasi = case when x.ganti then x.ulang_program
                               else least(agg_capaian_ro.kdprogram_realisasi, x.kdprogram) end,
    realisasi = case when x.ganti then coalesce(x.ulang, list_transform(range(1, 13), lambda i: null::bigint))
                     -- month by month: the old running sum plus the change, either where the
                     -- other has none, null where neither has
                     else list_transform(range(1, 13), lambda i: coalesce(
                         agg_capaian_ro.realisasi[i] + x.selisih[i], agg_capaian_ro.realisasi[i], x.selisih[i])) end
from (
    select s.*, u.realisasi as ulang, u.kdprogram as ulang_program
    from capaian_ro_selisih s
    left join capaian_ro_ulang u
      on u.thang = s.thang and u.kdsatker = s.kdsatker and u.kdgiat = s.kdgiat and u.kdoutput = s.kdoutput
     and u.kdsoutput = s.kdsoutput
) x
where x.thang = agg_capaian_ro.thang and x.kdsatker = agg_capaian_ro.kdsatker and x.kdgiat = agg_capaian_ro.kdgiat
  and x.kdoutput = agg_capaian_ro.kdoutput and x.kdsoutput = agg_capaian_ro.kdsoutput;

-- an RO left with no line, realization or report in any month is no RO of the year
delete from agg_capaian_ro a
using capaian_ro_selisih s
where s.ganti and s.thang = a.thang and s.kdsatker = a.kdsatker and s.kdgiat = a.kdgiat
  and s.kdoutput = a.kdoutput and s.kdsoutput = a.kdsoutput
  and list_count(a.pagu) = 0 and list_count(a.realisasi) = 0 and list_count(a.bulan_capaian) = 0;

drop table capaian_ro_selisih;

drop table capaian_ro_ulang;
