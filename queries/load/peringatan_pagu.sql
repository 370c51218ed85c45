-- load/peringatan_pagu.sql
-- Budget lines of a realization load whose realization to a month's end is above the pagu in
-- force then, or that have realization while no pagu is in force (no line in the pagu, or only
-- from a later revision): the first month each happens, per line, among the months the line has
-- realization in. Read after the load and the aggregate refresh, in the load's transaction.
-- Lines: the relation staging_lines (the line columns and baris, the line's first file row).
-- params: none
-- Each staged line is named by its baris once, by joining on the line's eight columns; then its
-- twelve months are kept side by side in one row (realization of the month, cumulative, pagu in
-- force at the month's end), so the first month above the pagu is a CASE over twelve columns,
-- not a window and a join over a row per line and month (nationally a million lines: 6,8 million
-- line x month rows; 11,5 -> 6,1 s of CPU with the machine loaded, docs/benchmarks.md session 7).
-- returns: the line columns, bulan, realisasi (to the month's end), pagu (null: none in force), baris
with g as (
    select thang::smallint as thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, baris
    from staging_lines
),
r as (
    -- agg_realisasi_bulanan holds one row per line and month: a month without one is null. Its
    -- value taken by max(case ...), not summed: a BIGINT sum keeps 128-bit states, and over the
    -- 6,8 M line x month rows of a national file that was a tenth of the query's CPU
    -- (docs/benchmarks.md session 11, muat7; sum(case ...) was slower still, session 10)
    select g.baris,
           max(case when a.bulan = 1 then a.realisasi end) as r1,
           max(case when a.bulan = 2 then a.realisasi end) as r2,
           max(case when a.bulan = 3 then a.realisasi end) as r3,
           max(case when a.bulan = 4 then a.realisasi end) as r4,
           max(case when a.bulan = 5 then a.realisasi end) as r5,
           max(case when a.bulan = 6 then a.realisasi end) as r6,
           max(case when a.bulan = 7 then a.realisasi end) as r7,
           max(case when a.bulan = 8 then a.realisasi end) as r8,
           max(case when a.bulan = 9 then a.realisasi end) as r9,
           max(case when a.bulan = 10 then a.realisasi end) as r10,
           max(case when a.bulan = 11 then a.realisasi end) as r11,
           max(case when a.bulan = 12 then a.realisasi end) as r12
    from agg_realisasi_bulanan a
    join g
      on g.thang = a.thang and g.kdsatker = a.kdsatker and g.kdprogram = a.kdprogram and g.kdgiat = a.kdgiat
     and g.kdoutput = a.kdoutput and g.kdsoutput = a.kdsoutput and g.kdakun = a.kdakun and g.kdppk = a.kdppk
    group by g.baris
),
p as (
    -- the pagu in force at each month's end: of the revisions dated on or before it, the highest
    select g.baris,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 1) as p1,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 2) as p2,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 3) as p3,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 4) as p4,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 5) as p5,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 6) as p6,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 7) as p7,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 8) as p8,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 9) as p9,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 10) as p10,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 11) as p11,
           arg_max(f.pagu, f.revisi_ke) filter (where f.awal <= 12) as p12
    from (select *, case when year(tgl_revisi) < thang then 1 when year(tgl_revisi) > thang then 13
                         else month(tgl_revisi) end as awal
          from fact_pagu) f
    join g
      on g.thang = f.thang and g.kdsatker = f.kdsatker and g.kdprogram = f.kdprogram and g.kdgiat = f.kdgiat
     and g.kdoutput = f.kdoutput and g.kdsoutput = f.kdsoutput and g.kdakun = f.kdakun and g.kdppk = f.kdppk
    group by g.baris
),
bulanan as (
    select r.*, p.* exclude (baris),
           coalesce(r1, 0) as c1,
           c1 + coalesce(r2, 0) as c2,
           c2 + coalesce(r3, 0) as c3,
           c3 + coalesce(r4, 0) as c4,
           c4 + coalesce(r5, 0) as c5,
           c5 + coalesce(r6, 0) as c6,
           c6 + coalesce(r7, 0) as c7,
           c7 + coalesce(r8, 0) as c8,
           c8 + coalesce(r9, 0) as c9,
           c9 + coalesce(r10, 0) as c10,
           c10 + coalesce(r11, 0) as c11,
           c11 + coalesce(r12, 0) as c12
    from r
    left join p on p.baris = r.baris
),
pertama as (
    select baris, list_value(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12) as kumulatif,
           list_value(p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12) as pagu,
           case when r1 is not null and c1 > p1 then 1
                when r2 is not null and c2 > p2 then 2
                when r3 is not null and c3 > p3 then 3
                when r4 is not null and c4 > p4 then 4
                when r5 is not null and c5 > p5 then 5
                when r6 is not null and c6 > p6 then 6
                when r7 is not null and c7 > p7 then 7
                when r8 is not null and c8 > p8 then 8
                when r9 is not null and c9 > p9 then 9
                when r10 is not null and c10 > p10 then 10
                when r11 is not null and c11 > p11 then 11
                when r12 is not null and c12 > p12 then 12
           end as bulan_lebih,
           case when r1 is not null and p1 is null and c1 <> 0 then 1
                when r2 is not null and p2 is null and c2 <> 0 then 2
                when r3 is not null and p3 is null and c3 <> 0 then 3
                when r4 is not null and p4 is null and c4 <> 0 then 4
                when r5 is not null and p5 is null and c5 <> 0 then 5
                when r6 is not null and p6 is null and c6 <> 0 then 6
                when r7 is not null and p7 is null and c7 <> 0 then 7
                when r8 is not null and p8 is null and c8 <> 0 then 8
                when r9 is not null and p9 is null and c9 <> 0 then 9
                when r10 is not null and p10 is null and c10 <> 0 then 10
                when r11 is not null and p11 is null and c11 <> 0 then 11
                when r12 is not null and p12 is null and c12 <> 0 then 12
           end as bulan_tanpa
    from bulanan
),
flagged as (
    select baris, bulan_lebih as bulan, kumulatif[bulan_lebih] as realisasi, pagu[bulan_lebih] as pagu
    from pertama where bulan_lebih is not null
    union all
    select baris, bulan_tanpa, kumulatif[bulan_tanpa], null
    from pertama where bulan_tanpa is not null
)
select g.thang, g.kdsatker, g.kdprogram, g.kdgiat, g.kdoutput, g.kdsoutput, g.kdakun, g.kdppk,
       f.bulan::smallint as bulan, f.realisasi::bigint as realisasi, f.pagu::bigint as pagu, g.baris
from flagged f
join g on g.baris = f.baris
order by g.baris, f.pagu is null;
