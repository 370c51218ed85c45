-- load/peringatan_pagu.sql
-- Budget lines of a realization load whose realization to a month's end is above the pagu in
-- force then, or that have realization while no pagu is in force (no line in the pagu, or only
-- from a later revision): the first month each happens, per line. Read after the load and the
-- aggregate refresh, in the load's transaction. Lines: the relation staging_lines (the line
-- columns and baris, the line's first file row).
-- params: none
-- returns: the line columns, bulan, realisasi (to the month's end), pagu (null: none in force), baris
with r as (
    select a.thang, a.bulan, a.kdsatker, a.kdprogram, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdakun, a.kdppk,
           sum(sum(a.realisasi)) over (
               partition by a.thang, a.kdsatker, a.kdprogram, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdakun, a.kdppk
               order by a.bulan)::bigint as realisasi
    from agg_realisasi_bulanan a
    semi join staging_lines g
      on g.thang = a.thang and g.kdsatker = a.kdsatker and g.kdprogram = a.kdprogram and g.kdgiat = a.kdgiat
     and g.kdoutput = a.kdoutput and g.kdsoutput = a.kdsoutput and g.kdakun = a.kdakun and g.kdppk = a.kdppk
    group by a.thang, a.bulan, a.kdsatker, a.kdprogram, a.kdgiat, a.kdoutput, a.kdsoutput, a.kdakun, a.kdppk
),
p as (
    select f.thang, m.bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun, f.kdppk,
           arg_max(f.pagu, f.revisi_ke) as pagu
    from fact_pagu f
    semi join staging_lines g
      on g.thang = f.thang and g.kdsatker = f.kdsatker and g.kdprogram = f.kdprogram and g.kdgiat = f.kdgiat
     and g.kdoutput = f.kdoutput and g.kdsoutput = f.kdsoutput and g.kdakun = f.kdakun and g.kdppk = f.kdppk
    join range(1, 13) m(bulan) on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
    group by all
),
flagged as (
    select r.*, p.pagu
    from r
    left join p on p.thang = r.thang and p.bulan = r.bulan and p.kdsatker = r.kdsatker
               and p.kdprogram = r.kdprogram and p.kdgiat = r.kdgiat and p.kdoutput = r.kdoutput
               and p.kdsoutput = r.kdsoutput and p.kdakun = r.kdakun and p.kdppk = r.kdppk
    where (p.pagu is null and r.realisasi <> 0) or r.realisasi > p.pagu
)
select f.*, g.baris
from (
    select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk,
           min(bulan) as bulan, arg_min(realisasi, bulan) as realisasi, arg_min(pagu, bulan) as pagu
    from flagged
    group by thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, pagu is null
) f
join staging_lines g
  on g.thang = f.thang and g.kdsatker = f.kdsatker and g.kdprogram = f.kdprogram and g.kdgiat = f.kdgiat
 and g.kdoutput = f.kdoutput and g.kdsoutput = f.kdsoutput and g.kdakun = f.kdakun and g.kdppk = f.kdppk
order by g.baris, f.pagu is null;
