-- load/peringatan_pagu.sql
-- Budget lines of a realization load whose realization to a month's end is above the pagu in
-- force then, or that have realization while no pagu is in force (no line in the pagu, or only
-- from a later revision): the first month each happens, per line. Read after the load and the
-- aggregate refresh, in the load's transaction. Lines: the relation staging_lines (the line
-- columns and baris, the line's first file row).
-- params: none
-- The pagu in force is a step function per line: each revision's first month in force (the month
-- of tgl_revisi; 1 for a date before the year, never for one after it), and from each such month
-- the highest revision in force, joined to each month's realization by an ASOF join. The same as
-- pagu_berlaku at every month end, without repeating every budget line and revision for 12 months
-- (nationally a million lines: 10 million rows grouped, 12 of the 16 s this step took).
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
revisi as (
    select f.thang, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun, f.kdppk,
           case when f.tgl_revisi < make_date(f.thang, 1, 1) then 1
                when year(f.tgl_revisi) > f.thang then 13
                else month(f.tgl_revisi) end as mulai,
           f.pagu, f.revisi_ke
    from fact_pagu f
    semi join staging_lines g
      on g.thang = f.thang and g.kdsatker = f.kdsatker and g.kdprogram = f.kdprogram and g.kdgiat = f.kdgiat
     and g.kdoutput = f.kdoutput and g.kdsoutput = f.kdsoutput and g.kdakun = f.kdakun and g.kdppk = f.kdppk
),
p as (
    select distinct thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, mulai,
           arg_max(pagu, revisi_ke) over (
               partition by thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk
               order by mulai range between unbounded preceding and current row) as pagu
    from revisi
),
flagged as (
    select r.*, p.pagu
    from r
    asof left join p on p.thang = r.thang and p.kdsatker = r.kdsatker
               and p.kdprogram = r.kdprogram and p.kdgiat = r.kdgiat and p.kdoutput = r.kdoutput
               and p.kdsoutput = r.kdsoutput and p.kdakun = r.kdakun and p.kdppk = r.kdppk
               and r.bulan >= p.mulai
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
