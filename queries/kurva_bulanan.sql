-- kurva_bulanan.sql
-- Month by month for the selection: realization up to the end of :sampai and the RPD plan
-- (Halaman III DIPA) of the whole year, for the cumulative curve on the overview page.
-- RPD is per satker x jenis belanja x month; each month takes its latest tgl_update: the plan in
-- force at the year's end (agg_rpd_berlaku, schema 11; the import refuses dates outside the year).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan (1-12), realisasi, rpd (BIGINT rupiah of that month alone, not cumulative)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
),
months as (
    select range::integer as bulan from range(1, 13)
),
r_kumulatif as (
    -- the summary aggregate holds every month of each satker x PPK x jenis belanja (schema 3), so a
    -- month's realization is the difference of two cumulative sums: 90.000 rows a month nationally
    -- instead of the 9,5 million line x month rows
    select a.bulan, sum(a.realisasi_kumulatif)::bigint as kumulatif
    from agg_ringkasan_bulanan a
    join s on s.kdsatker = a.kdsatker
    where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, a.jenis_belanja) and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
    group by a.bulan
),
r as (
    select bulan, (kumulatif - coalesce(lag(kumulatif) over (order by bulan), 0))::bigint as realisasi
    from r_kumulatif
),
p as (
    -- the RPD in force at the year's end per satker x jenis belanja x month, kept at load time
    -- (schema 11) rather than found over every fact_rpd row on each visit
    select x.bulan, sum(x.rpd)::bigint as rpd
    from agg_rpd_berlaku x
    join s on s.kdsatker = x.kdsatker
    where x.thang = :tahun and x.bulan_sd_akhir = 12 and allowed(:f_jenis_belanja, x.jenis_belanja)
      and satker_utuh(:scope_ppk)  -- the plan is per satker: none for a scope of PPK only
    group by x.bulan
)
select m.bulan, coalesce(r.realisasi, 0)::bigint as realisasi, coalesce(p.rpd, 0)::bigint as rpd
from months m
left join r on r.bulan = m.bulan
left join p on p.bulan = m.bulan
order by m.bulan;
