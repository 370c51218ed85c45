-- ringkasan_ppk.sql
-- Pagu and blokir in force at :sampai and realization up to the end of that month, per satker,
-- PPK and jenis belanja: the grain every summary rolls up from. Reads the month aggregates
-- (schema 003), which hold pagu_berlaku at each month's end and realization per month.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, nmsatker, kewenangan, kdlokasi, kdppk, jenis_belanja,
--          pagu, blokir, realisasi (BIGINT rupiah)
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
),
p as (
    select kdsatker, kdppk, jenis_belanja, pagu, blokir
    from agg_pagu_ppk_bulanan
    where thang = :tahun and bulan = month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, jenis_belanja)
),
r as (
    select kdsatker, kdppk, jenis_belanja, sum(realisasi)::bigint as realisasi
    from agg_realisasi_ppk_bulanan
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
      and allowed(:f_jenis_belanja, jenis_belanja)
    group by all
),
pr as (
    select coalesce(p.kdsatker, r.kdsatker) as kdsatker,
           coalesce(p.kdppk, r.kdppk) as kdppk,
           coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
           coalesce(p.pagu, 0) as pagu, coalesce(p.blokir, 0) as blokir,
           coalesce(r.realisasi, 0) as realisasi
    from p
    full join r on r.kdsatker = p.kdsatker and r.kdppk = p.kdppk and r.jenis_belanja = p.jenis_belanja
)
select s.kdunit, s.nmunit, s.kdsatker, s.nmsatker, s.kewenangan, s.kdlokasi,
       pr.kdppk, pr.jenis_belanja, pr.pagu, pr.blokir, pr.realisasi
from pr
join s on s.kdsatker = pr.kdsatker
order by s.kdunit, s.kdsatker, pr.kdppk, pr.jenis_belanja;
