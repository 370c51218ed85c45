-- tren_kurva.sql
-- Month by month in one fiscal year: how much was realized in the month, and how much pagu was in
-- force at the month's end? The yearly trends page turns this into a cumulative realization %
-- curve per year. Read from agg_ringkasan_bulanan (pagu_berlaku at each month's end and the
-- realization to date), so December matches the year-end summary.
-- params: :tahun (int), scope and filters (lists, empty = all)
-- returns: bulan (1-12), realisasi (BIGINT rupiah of that month alone),
--          pagu (BIGINT rupiah in force at the end of the month)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
),
per_bulan as (
    select a.bulan, sum(a.pagu)::bigint as pagu, sum(a.realisasi_kumulatif)::bigint as kumulatif
    from agg_ringkasan_bulanan a
    join s on s.kdsatker = a.kdsatker
    where a.thang = :tahun and allowed(:f_jenis_belanja, a.jenis_belanja)
      and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
    group by a.bulan
),
months as (
    select range::integer as bulan from range(1, 13)
)
select m.bulan,
       (coalesce(b.kumulatif, 0) - coalesce(lag(b.kumulatif) over (order by m.bulan), 0))::bigint as realisasi,
       coalesce(b.pagu, 0)::bigint as pagu
from months m
left join per_bulan b on b.bulan = m.bulan
order by m.bulan;
