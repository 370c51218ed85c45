-- Bring the capaian RO aggregate (schema 10) up to date after a capaian load: only the reports
-- of the satker it touched are found again (macro capaian_ro_laporan_baru over staging_satker);
-- the pagu in force and the realization it holds are kept (a rebuild, which finds the pagu in
-- force per month again, costs about 35 s of CPU nationally). A capaian load adds or supersedes
-- reports, never removes one, so every RO keeps a report it had and only gains RO.
create or replace temp table capaian_ro_laporan_ganti as
select thang, kdsatker, kdgiat, kdoutput, kdsoutput,
       -- at each month's end: the latest report by then (one per month)
       [
           max(bulan) filter (where bulan <= 1),
           max(bulan) filter (where bulan <= 2),
           max(bulan) filter (where bulan <= 3),
           max(bulan) filter (where bulan <= 4),
           max(bulan) filter (where bulan <= 5),
           max(bulan) filter (where bulan <= 6),
           max(bulan) filter (where bulan <= 7),
           max(bulan) filter (where bulan <= 8),
           max(bulan) filter (where bulan <= 9),
           max(bulan) filter (where bulan <= 10),
           max(bulan) filter (where bulan <= 11),
           max(bulan) filter (where bulan <= 12)
       ]::smallint[] as bulan_capaian,
       [
           arg_max(target_vol, bulan) filter (where bulan <= 1),
           arg_max(target_vol, bulan) filter (where bulan <= 2),
           arg_max(target_vol, bulan) filter (where bulan <= 3),
           arg_max(target_vol, bulan) filter (where bulan <= 4),
           arg_max(target_vol, bulan) filter (where bulan <= 5),
           arg_max(target_vol, bulan) filter (where bulan <= 6),
           arg_max(target_vol, bulan) filter (where bulan <= 7),
           arg_max(target_vol, bulan) filter (where bulan <= 8),
           arg_max(target_vol, bulan) filter (where bulan <= 9),
           arg_max(target_vol, bulan) filter (where bulan <= 10),
           arg_max(target_vol, bulan) filter (where bulan <= 11),
           arg_max(target_vol, bulan) filter (where bulan <= 12)
       ]::double[] as target_vol,
       [
           arg_max(real_vol, bulan) filter (where bulan <= 1),
           arg_max(real_vol, bulan) filter (where bulan <= 2),
           arg_max(real_vol, bulan) filter (where bulan <= 3),
           arg_max(real_vol, bulan) filter (where bulan <= 4),
           arg_max(real_vol, bulan) filter (where bulan <= 5),
           arg_max(real_vol, bulan) filter (where bulan <= 6),
           arg_max(real_vol, bulan) filter (where bulan <= 7),
           arg_max(real_vol, bulan) filter (where bulan <= 8),
           arg_max(real_vol, bulan) filter (where bulan <= 9),
           arg_max(real_vol, bulan) filter (where bulan <= 10),
           arg_max(real_vol, bulan) filter (where bulan <= 11),
           arg_max(real_vol, bulan) filter (where bulan <= 12)
       ]::double[] as real_vol,
       [
           arg_max(progres_fisik, bulan) filter (where bulan <= 1),
           arg_max(progres_fisik, bulan) filter (where bulan <= 2),
           arg_max(progres_fisik, bulan) filter (where bulan <= 3),
           arg_max(progres_fisik, bulan) filter (where bulan <= 4),
           arg_max(progres_fisik, bulan) filter (where bulan <= 5),
           arg_max(progres_fisik, bulan) filter (where bulan <= 6),
           arg_max(progres_fisik, bulan) filter (where bulan <= 7),
           arg_max(progres_fisik, bulan) filter (where bulan <= 8),
           arg_max(progres_fisik, bulan) filter (where bulan <= 9),
           arg_max(progres_fisik, bulan) filter (where bulan <= 10),
           arg_max(progres_fisik, bulan) filter (where bulan <= 11),
           arg_max(progres_fisik, bulan) filter (where bulan <= 12)
       ]::double[] as progres_fisik
from capaian_ro_laporan_baru()
group by thang, kdsatker, kdgiat, kdoutput, kdsoutput;

-- an RO new to the aggregate: a row with nothing yet, filled below
insert into agg_capaian_ro
select s.thang, s.kdsatker, s.kdgiat, s.kdoutput, s.kdsoutput, null, null,
       list_transform(range(1, 13), lambda i: null::bigint), list_transform(range(1, 13), lambda i: null::bigint),
       list_transform(range(1, 13), lambda i: null::smallint), list_transform(range(1, 13), lambda i: null::double),
       list_transform(range(1, 13), lambda i: null::double), list_transform(range(1, 13), lambda i: null::double)
from capaian_ro_laporan_ganti s
anti join agg_capaian_ro a
  on a.thang = s.thang and a.kdsatker = s.kdsatker and a.kdgiat = s.kdgiat and a.kdoutput = s.kdoutput
 and a.kdsoutput = s.kdsoutput;

update agg_capaian_ro
set bulan_capaian = x.bulan_capaian, target_vol = x.target_vol, real_vol = x.real_vol,
    progres_fisik = x.progres_fisik
from capaian_ro_laporan_ganti x
where x.thang = agg_capaian_ro.thang and x.kdsatker = agg_capaian_ro.kdsatker and x.kdgiat = agg_capaian_ro.kdgiat
  and x.kdoutput = agg_capaian_ro.kdoutput and x.kdsoutput = agg_capaian_ro.kdsoutput;

drop table capaian_ro_laporan_ganti;
