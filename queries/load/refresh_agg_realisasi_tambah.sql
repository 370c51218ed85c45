-- Bring the monthly realization aggregate up to date after a realisasi or realisasi_bulanan load
-- (batch :batch_id), touching only the line x month keys the batch changed instead of
-- re-summing every line of the satker it touched (at national scale a million random lines
-- touch every satker: 42 million lines re-summed, about 30 s). A key the batch only added to
-- gets its old sum plus the batch's lines (exact: integer rupiah). A key where the batch
-- superseded a line is summed again from the lines in force, so a key left without any line
-- disappears as it would in a rebuild. Snapshot loads (realisasi_kumulatif) change the flows of
-- every later month and keep the rebuild (refresh_agg_realisasi.sql).
create or replace temp table agg_kunci_ganti as
select distinct thang, month(tgl_sp2d)::smallint as bulan, kdsatker, kdprogram, kdgiat, kdoutput,
       kdsoutput, kdakun, kdppk
from fact_realisasi_hist
where superseded_by = :batch_id;

create or replace temp table agg_baris_baru as
select a.thang, a.bulan, a.kdsatker, a.kdprogram, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdakun, a.kdppk,
       a.jenis_belanja, (coalesce(o.realisasi, 0) + a.realisasi)::bigint as realisasi
from (
    select thang, month(tgl_sp2d)::smallint as bulan, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput,
           kdakun, kdppk, left(kdakun, 2) as jenis_belanja, sum(nilai)::bigint as realisasi
    from fact_realisasi_hist
    where batch_id = :batch_id
    group by all
) a
anti join agg_kunci_ganti k
  on k.thang = a.thang and k.bulan = a.bulan and k.kdsatker = a.kdsatker and k.kdprogram = a.kdprogram
 and k.kdgiat = a.kdgiat and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput and k.kdakun = a.kdakun
 and k.kdppk = a.kdppk
left join agg_realisasi_bulanan o
  on o.thang = a.thang and o.bulan = a.bulan and o.kdsatker = a.kdsatker and o.kdprogram = a.kdprogram
 and o.kdgiat = a.kdgiat and o.kdoutput = a.kdoutput and o.kdsoutput = a.kdsoutput and o.kdakun = a.kdakun
 and o.kdppk = a.kdppk
union all
select f.thang, month(f.tgl_sp2d)::smallint as bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput,
       f.kdsoutput, f.kdakun, f.kdppk, left(f.kdakun, 2) as jenis_belanja, sum(f.nilai)::bigint as realisasi
from fact_realisasi f
semi join agg_kunci_ganti k
  on k.thang = f.thang and k.bulan = month(f.tgl_sp2d) and k.kdsatker = f.kdsatker
 and k.kdprogram = f.kdprogram and k.kdgiat = f.kdgiat and k.kdoutput = f.kdoutput
 and k.kdsoutput = f.kdsoutput and k.kdakun = f.kdakun and k.kdppk = f.kdppk
group by all;

delete from agg_realisasi_bulanan a
using (select thang, bulan, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk from agg_baris_baru
       union select * from agg_kunci_ganti) k
where k.thang = a.thang and k.bulan = a.bulan and k.kdsatker = a.kdsatker and k.kdprogram = a.kdprogram
  and k.kdgiat = a.kdgiat and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput and k.kdakun = a.kdakun
  and k.kdppk = a.kdppk;

insert into agg_realisasi_bulanan select * from agg_baris_baru;

drop table agg_kunci_ganti;

drop table agg_baris_baru;
