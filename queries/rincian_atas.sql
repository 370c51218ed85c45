-- rincian_atas.sql
-- rincian_anggaran.sql's two top levels (unit eselon I, satker), read from the summary aggregate
-- agg_ringkasan_bulanan (schema 3: per satker x PPK x jenis belanja and month end, the pagu and
-- blokir in force then and the realization up to it) instead of finding the pagu in force over
-- every budget line and summing every line x month: nationally 906.000 lines and 9,5 million
-- realization rows against 90.000 summary rows. A grain counts as at the line level: with a
-- budget line in force at the month's end or something realized by then.
-- params: :tahun (int), :sampai (date, a month end of :tahun), :tingkat ('unit' | 'satker'),
--         :p_unit, :p_satker (the drill path as lists, empty = not chosen), scope and filters
-- returns: kode, nama, pagu, blokir, realisasi (BIGINT rupiah), one row per child, ordered by kode
with s as (
    select kdsatker, kdunit
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
    where allowed(:p_unit, kdunit) and allowed(:p_satker, kdsatker)
),
a as (
    select kdsatker, sum(pagu)::bigint as pagu, sum(blokir)::bigint as blokir,
           sum(realisasi_kumulatif)::bigint as realisasi
    from agg_ringkasan_bulanan
    where thang = :tahun and bulan = month(CAST(:sampai AS DATE)) and (ada_pagu or ada_realisasi)
      and allowed(:f_jenis_belanja, jenis_belanja) and allowed(:p_satker, kdsatker)
      and cakupan_ppk(:scope_ppk, kdsatker, kdppk)
    group by all
),
g as (
    select case CAST(:tingkat AS VARCHAR) when 'unit' then s.kdunit else a.kdsatker end as kode,
           sum(a.pagu)::bigint as pagu, sum(a.blokir)::bigint as blokir, sum(a.realisasi)::bigint as realisasi
    from a
    join s on s.kdsatker = a.kdsatker
    group by 1
)
select g.kode, coalesce(u.nmunit, ds.nmsatker, '') as nama, g.pagu, g.blokir, g.realisasi
from g
left join dim_unit u on CAST(:tingkat AS VARCHAR) = 'unit' and u.thang = :tahun and u.kdunit = g.kode
left join dim_satker ds on CAST(:tingkat AS VARCHAR) = 'satker' and ds.thang = :tahun and ds.kdsatker = g.kode
order by g.kode;
