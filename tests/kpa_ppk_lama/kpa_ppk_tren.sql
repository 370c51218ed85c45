-- kpa_ppk_tren.sql (before schema 12: the reference of tests/kpa_ppk_lama.py)
-- Cumulative realization at the end of each month up to :sampai per satker (or per satker and
-- PPK), one row per row of the KPA/PPK page, the months wide: the page's monthly sparkline of
-- every KPA and PPK. Summed here rather than pivoted in pandas (about 450.000 satker x PPK x month
-- rows at national scale, 0,3 s of the page); read from agg_ringkasan_bulanan, which holds it per
-- month, rather than summing the line x month aggregate (about 9,5 million rows a year).
-- The row's names come along (unit, satker, its KPA or PPK): a query of officials, its
-- de-duplication and three merges in pandas took about 0,09 s of the page nationally.
-- params: :tahun (int), :sampai (date, a month end), :per_ppk (bool: one row per satker and PPK,
--         else per satker with kdppk ''), scope and filters (lists, empty = all)
-- returns: kdsatker, kdppk, bulan_1 .. bulan_12 (BIGINT rupiah, January to the end of that month;
--          NULL after :sampai's month or where the month has no row), kdunit, nmunit, nmsatker,
--          kpa (the satker's KPA; of several, the one of the lowest kdppk; NULL where none), ppk
--          (the PPK's name with :per_ppk, NULL where none or per satker)
with s as (
    select kdsatker, kdunit, nmunit, nmsatker
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
),
kpa as (
    select kdsatker, arg_min(nama, kdppk) as kpa
    from dim_pejabat
    where thang = :tahun and peran = 'KPA'
    group by kdsatker
),
ppk as (
    select kdsatker, kdppk, nama as ppk
    from dim_pejabat
    where thang = :tahun and peran = 'PPK' and :per_ppk
),
baris as (
    select a.kdsatker, case when :per_ppk then a.kdppk else '' end as kdppk,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 1)::bigint as bulan_1,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 2)::bigint as bulan_2,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 3)::bigint as bulan_3,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 4)::bigint as bulan_4,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 5)::bigint as bulan_5,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 6)::bigint as bulan_6,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 7)::bigint as bulan_7,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 8)::bigint as bulan_8,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 9)::bigint as bulan_9,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 10)::bigint as bulan_10,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 11)::bigint as bulan_11,
           sum(a.realisasi_kumulatif) filter (where a.bulan = 12)::bigint as bulan_12
    from agg_ringkasan_bulanan a
    join s on s.kdsatker = a.kdsatker
    where a.thang = :tahun and a.bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, a.jenis_belanja)
      and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
    group by all
)
select b.*, s.kdunit, s.nmunit, s.nmsatker, kpa.kpa, ppk.ppk
from baris b
join s on s.kdsatker = b.kdsatker
left join kpa on kpa.kdsatker = b.kdsatker
left join ppk on ppk.kdsatker = b.kdsatker and ppk.kdppk = b.kdppk
order by b.kdsatker, b.kdppk;
