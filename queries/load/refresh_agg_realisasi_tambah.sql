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

-- the keys only added to: one merge (one join of the aggregate with the batch's keys, the sum
-- updated in place) instead of a join for the old sums, a delete and an insert of every key the
-- batch touched (3,8 -> 1,7-2,2 s of CPU nationally for a million lines, docs/benchmarks.md
-- session 8)
merge into agg_realisasi_bulanan o
using (
    select a.*
    from (
        select thang, month(tgl_sp2d)::smallint as bulan, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput,
               kdakun, kdppk, sum(nilai)::bigint as realisasi
        from fact_realisasi_hist
        where batch_id = :batch_id
        group by all
    ) a
    anti join agg_kunci_ganti k
      on k.thang = a.thang and k.bulan = a.bulan and k.kdsatker = a.kdsatker and k.kdprogram = a.kdprogram
     and k.kdgiat = a.kdgiat and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput and k.kdakun = a.kdakun
     and k.kdppk = a.kdppk
) a
on a.thang = o.thang and a.bulan = o.bulan and a.kdsatker = o.kdsatker and a.kdprogram = o.kdprogram
 and a.kdgiat = o.kdgiat and a.kdoutput = o.kdoutput and a.kdsoutput = o.kdsoutput and a.kdakun = o.kdakun
 and a.kdppk = o.kdppk
when matched then update set realisasi = (o.realisasi + a.realisasi)::bigint
when not matched then insert (thang, bulan, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk,
                              jenis_belanja, realisasi)
    values (a.thang, a.bulan, a.kdsatker, a.kdprogram, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdakun, a.kdppk,
            left(a.kdakun, 2), a.realisasi);

-- the keys where the batch superseded a line: summed again from the lines in force
delete from agg_realisasi_bulanan a
using agg_kunci_ganti k
where k.thang = a.thang and k.bulan = a.bulan and k.kdsatker = a.kdsatker and k.kdprogram = a.kdprogram
  and k.kdgiat = a.kdgiat and k.kdoutput = a.kdoutput and k.kdsoutput = a.kdsoutput and k.kdakun = a.kdakun
  and k.kdppk = a.kdppk;

insert into agg_realisasi_bulanan
select f.thang, month(f.tgl_sp2d)::smallint as bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput,
       f.kdsoutput, f.kdakun, f.kdppk, left(f.kdakun, 2) as jenis_belanja, sum(f.nilai)::bigint as realisasi
from fact_realisasi f
semi join agg_kunci_ganti k
  on k.thang = f.thang and k.bulan = month(f.tgl_sp2d) and k.kdsatker = f.kdsatker
 and k.kdprogram = f.kdprogram and k.kdgiat = f.kdgiat and k.kdoutput = f.kdoutput
 and k.kdsoutput = f.kdsoutput and k.kdakun = f.kdakun and k.kdppk = f.kdppk
group by all;

drop table agg_kunci_ganti;
