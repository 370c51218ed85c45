-- load/peringatan_pagu.sql
-- Budget lines of a realization load whose realization to a month's end is above the pagu in
-- force then, or that have realization while no pagu is in force (no line in the pagu, or only
-- from a later revision): the first month each happens, per line. Read after the load and the
-- aggregate refresh, in the load's transaction. Lines: the relation staging_lines (the line
-- columns and baris, the line's first file row).
-- params: none
-- Each staged line is named by its baris (one per line) once, by joining on the line's eight
-- columns; the months, running sums and the pagu in force are then keyed by that integer: half the
-- CPU of keying every step by the eight text columns (nationally a million lines: 17 -> 9 s).
-- returns: the line columns, bulan, realisasi (to the month's end), pagu (null: none in force), baris
with a as (
    select g.baris, a.bulan, sum(a.realisasi) as realisasi
    from agg_realisasi_bulanan a
    join staging_lines g
      on g.thang = a.thang and g.kdsatker = a.kdsatker and g.kdprogram = a.kdprogram and g.kdgiat = a.kdgiat
     and g.kdoutput = a.kdoutput and g.kdsoutput = a.kdsoutput and g.kdakun = a.kdakun and g.kdppk = a.kdppk
    group by g.baris, a.bulan
),
r as (
    select baris, bulan, sum(realisasi) over (partition by baris order by bulan)::bigint as realisasi
    from a
),
p as (
    select g.baris, m.bulan, arg_max(f.pagu, f.revisi_ke) as pagu
    from fact_pagu f
    join staging_lines g
      on g.thang = f.thang and g.kdsatker = f.kdsatker and g.kdprogram = f.kdprogram and g.kdgiat = f.kdgiat
     and g.kdoutput = f.kdoutput and g.kdsoutput = f.kdsoutput and g.kdakun = f.kdakun and g.kdppk = f.kdppk
    join range(1, 13) m(bulan) on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
    group by g.baris, m.bulan
),
flagged as (
    select r.*, p.pagu
    from r
    left join p on p.baris = r.baris and p.bulan = r.bulan
    where (p.pagu is null and r.realisasi <> 0) or r.realisasi > p.pagu
)
select g.thang, g.kdsatker, g.kdprogram, g.kdgiat, g.kdoutput, g.kdsoutput, g.kdakun, g.kdppk,
       f.bulan, f.realisasi, f.pagu, g.baris
from (
    select baris, min(bulan) as bulan, arg_min(realisasi, bulan) as realisasi, arg_min(pagu, bulan) as pagu
    from flagged
    group by baris, pagu is null
) f
join staging_lines g on g.baris = f.baris
order by g.baris, f.pagu is null;
