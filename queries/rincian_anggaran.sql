-- rincian_anggaran.sql
-- The children of one node of the budget hierarchy (unit eselon I > satker > program > kegiatan
-- > KRO/RO > akun), each with its pagu and blokir in force at :sampai and its realization up to
-- the end of that month: the table and treemap of the drill-down page at one level.
-- params: :tahun (int), :sampai (date, a month end),
--         :tingkat ('unit' | 'satker' | 'program' | 'kegiatan' | 'ro' | 'akun': the level listed),
--         the drill path as lists (empty = not yet chosen): :p_unit, :p_satker, :p_program,
--         :p_giat, :p_ro ('KRO.RO', e.g. 'EBA.962'), scope and filters (lists, empty = all)
-- returns: kode (the child's code; 'KRO.RO' at level ro), nama, pagu, blokir, realisasi
--          (BIGINT rupiah), one row per child, ordered by kode
with s as (
    select kdsatker, kdunit
    from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
    where allowed(:p_unit, kdunit) and allowed(:p_satker, kdsatker)
),
p as (
    select kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun,
           sum(pagu)::bigint as pagu, sum(blokir)::bigint as blokir
    from pagu_berlaku(:tahun, :sampai)
    where allowed(:f_jenis_belanja, jenis_belanja) and allowed(:p_satker, kdsatker)
      and allowed(:p_program, kdprogram) and allowed(:p_giat, kdgiat)
      and allowed(:p_ro, kdoutput || '.' || kdsoutput) and cakupan_ppk(:scope_ppk, kdsatker, kdppk)
    group by all
),
r as (
    select kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, sum(realisasi)::bigint as realisasi
    from agg_realisasi_bulanan
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, jenis_belanja) and allowed(:p_satker, kdsatker)
      and allowed(:p_program, kdprogram) and allowed(:p_giat, kdgiat)
      and allowed(:p_ro, kdoutput || '.' || kdsoutput) and cakupan_ppk(:scope_ppk, kdsatker, kdppk)
    group by all
),
pr as (
    select coalesce(p.kdsatker, r.kdsatker) as kdsatker, coalesce(p.kdprogram, r.kdprogram) as kdprogram,
           coalesce(p.kdgiat, r.kdgiat) as kdgiat, coalesce(p.kdoutput, r.kdoutput) as kdoutput,
           coalesce(p.kdsoutput, r.kdsoutput) as kdsoutput, coalesce(p.kdakun, r.kdakun) as kdakun,
           coalesce(p.pagu, 0) as pagu, coalesce(p.blokir, 0) as blokir, coalesce(r.realisasi, 0) as realisasi
    from p
    full join r on r.kdsatker = p.kdsatker and r.kdprogram = p.kdprogram and r.kdgiat = p.kdgiat
        and r.kdoutput = p.kdoutput and r.kdsoutput = p.kdsoutput and r.kdakun = p.kdakun
),
g as (
    select case CAST(:tingkat AS VARCHAR)
               when 'unit' then s.kdunit
               when 'satker' then pr.kdsatker
               when 'program' then pr.kdprogram
               when 'kegiatan' then pr.kdgiat
               when 'ro' then pr.kdoutput || '.' || pr.kdsoutput
               else pr.kdakun end as kode,
           case when CAST(:tingkat AS VARCHAR) = 'ro' then pr.kdgiat end as kdgiat,
           sum(pr.pagu)::bigint as pagu, sum(pr.blokir)::bigint as blokir,
           sum(pr.realisasi)::bigint as realisasi
    from pr
    join s on s.kdsatker = pr.kdsatker
    group by 1, 2
)
select g.kode,
       coalesce(u.nmunit, ds.nmsatker, dp.nmprogram, dk.nmgiat, dr.nmro, da.nmakun, '') as nama,
       g.pagu, g.blokir, g.realisasi
from g
left join dim_unit u on CAST(:tingkat AS VARCHAR) = 'unit' and u.thang = :tahun and u.kdunit = g.kode
left join dim_satker ds on CAST(:tingkat AS VARCHAR) = 'satker' and ds.thang = :tahun and ds.kdsatker = g.kode
left join dim_program dp on CAST(:tingkat AS VARCHAR) = 'program' and dp.thang = :tahun and dp.kdprogram = g.kode
left join dim_kegiatan dk on CAST(:tingkat AS VARCHAR) = 'kegiatan' and dk.thang = :tahun and dk.kdgiat = g.kode
left join dim_ro dr on CAST(:tingkat AS VARCHAR) = 'ro' and dr.thang = :tahun and dr.kdgiat = g.kdgiat
    and dr.kdoutput || '.' || dr.kdsoutput = g.kode
left join dim_akun da on CAST(:tingkat AS VARCHAR) = 'akun' and da.kdakun = g.kode
order by g.kode;
