-- ikpa_penyerapan.sql
-- Inputs of the IKPA Penyerapan Anggaran indicator: per satker, quarter ended by :sampai and
-- jenis belanja, the pagu and blokir in force at the quarter's end (pagu_berlaku) and the
-- realization cumulative from January to the quarter's end.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdunit, kdsatker, triwulan (1-4), jenis_belanja, pagu, blokir, realisasi (BIGINT rupiah)
with s as (
    select kdsatker, kdunit from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                                 :f_kewenangan, :f_lokasi)
),
q as (
    select triwulan from (values (1), (2), (3), (4)) t(triwulan)
    where triwulan * 3 <= month(CAST(:sampai AS DATE))
),
p as (
    select 1 as triwulan, kdsatker, jenis_belanja, sum(pagu)::bigint as pagu, sum(blokir)::bigint as blokir
    from pagu_berlaku(:tahun, make_date(CAST(:tahun AS INTEGER), 3, 31)) group by all
    union all
    select 2, kdsatker, jenis_belanja, sum(pagu)::bigint, sum(blokir)::bigint
    from pagu_berlaku(:tahun, make_date(CAST(:tahun AS INTEGER), 6, 30)) group by all
    union all
    select 3, kdsatker, jenis_belanja, sum(pagu)::bigint, sum(blokir)::bigint
    from pagu_berlaku(:tahun, make_date(CAST(:tahun AS INTEGER), 9, 30)) group by all
    union all
    select 4, kdsatker, jenis_belanja, sum(pagu)::bigint, sum(blokir)::bigint
    from pagu_berlaku(:tahun, make_date(CAST(:tahun AS INTEGER), 12, 31)) group by all
),
r as (
    select q.triwulan, a.kdsatker, a.jenis_belanja, sum(a.realisasi)::bigint as realisasi
    from agg_realisasi_bulanan a
    join q on a.bulan <= q.triwulan * 3
    where a.thang = :tahun
    group by all
),
pr as (
    select coalesce(p.triwulan, r.triwulan) as triwulan, coalesce(p.kdsatker, r.kdsatker) as kdsatker,
           coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
           coalesce(p.pagu, 0)::bigint as pagu, coalesce(p.blokir, 0)::bigint as blokir,
           coalesce(r.realisasi, 0)::bigint as realisasi
    from p
    full join r on r.triwulan = p.triwulan and r.kdsatker = p.kdsatker and r.jenis_belanja = p.jenis_belanja
)
select s.kdunit, s.kdsatker, pr.triwulan, pr.jenis_belanja, pr.pagu, pr.blokir, pr.realisasi
from pr
join s on s.kdsatker = pr.kdsatker
join q on q.triwulan = pr.triwulan
where allowed(:f_jenis_belanja, pr.jenis_belanja)
order by s.kdunit, s.kdsatker, pr.triwulan, pr.jenis_belanja;
