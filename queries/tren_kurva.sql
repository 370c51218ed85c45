-- tren_kurva.sql
-- Month by month in one fiscal year: how much was realized in the month, and how much pagu was in
-- force at the month's end? The yearly trends page turns this into a cumulative realization %
-- curve per year. Pagu per budget line is its highest revision dated on or before the month end
-- (as pagu_berlaku), so December matches the year-end summary.
-- params: :tahun (int), scope and filters (lists, empty = all)
-- returns: bulan (1-12), realisasi (BIGINT rupiah of that month alone),
--          pagu (BIGINT rupiah in force at the end of the month)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
),
months as (
    select range::integer as bulan,
           last_day(make_date(CAST(:tahun AS INTEGER), range::integer, 1)) as akhir
    from range(1, 13)
),
lines as (
    select f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun, f.kdppk,
           f.pagu, f.revisi_ke, f.tgl_revisi
    from fact_pagu f
    join s on s.kdsatker = f.kdsatker
    where f.thang = :tahun and allowed(:f_jenis_belanja, left(f.kdakun, 2))
),
berlaku as (
    select m.bulan, l.kdsatker, l.kdprogram, l.kdgiat, l.kdoutput, l.kdsoutput, l.kdakun, l.kdppk,
           arg_max(l.pagu, l.revisi_ke) as pagu
    from months m
    join lines l on l.tgl_revisi <= m.akhir
    group by all
),
p as (
    select bulan, sum(pagu)::bigint as pagu from berlaku group by bulan
),
r as (
    select a.bulan, sum(a.realisasi)::bigint as realisasi
    from agg_realisasi_bulanan a
    join s on s.kdsatker = a.kdsatker
    where a.thang = :tahun and allowed(:f_jenis_belanja, a.jenis_belanja)
    group by a.bulan
)
select m.bulan, coalesce(r.realisasi, 0)::bigint as realisasi, coalesce(p.pagu, 0)::bigint as pagu
from months m
left join r on r.bulan = m.bulan
left join p on p.bulan = m.bulan
order by m.bulan;
