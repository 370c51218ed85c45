-- ringkasan_ppk.sql
-- Pagu and blokir in force at :sampai and realization up to the end of that month, per satker,
-- PPK and jenis belanja: the grain every summary rolls up from. Read from agg_ringkasan_bulanan
-- (schema 3), which holds exactly that for every month.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, nmsatker, kewenangan, kdlokasi, kdppk, jenis_belanja,
--          pagu, blokir, realisasi (BIGINT rupiah)
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
)
select s.kdunit, s.nmunit, s.kdsatker, s.nmsatker, s.kewenangan, s.kdlokasi,
       a.kdppk, a.jenis_belanja, a.pagu, a.blokir, a.realisasi_kumulatif as realisasi
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan = month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
order by s.kdunit, s.kdsatker, a.kdppk, a.jenis_belanja;
