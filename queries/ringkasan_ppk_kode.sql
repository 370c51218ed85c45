-- ringkasan_ppk_kode.sql
-- queries/ringkasan_ppk.sql (the grain every summary rolls up from) with the codes only: no unit
-- or satker name, kewenangan or location. Nationally its 90.000 rows come back in 0,07 instead
-- of 0,11 s of CPU (the four text columns are most of the Arrow transfer); pages that show names
-- for a few rows take them from queries/ringkasan_nama.sql.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdunit, kdsatker, kdppk, jenis_belanja, pagu, blokir, realisasi (BIGINT rupiah)
with s as (
    select kdsatker, kdunit from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                                 :f_kewenangan, :f_lokasi)
)
select s.kdunit, s.kdsatker, a.kdppk, a.jenis_belanja, a.pagu, a.blokir, a.realisasi_kumulatif as realisasi
from agg_ringkasan_bulanan a
join s on s.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan = month(CAST(:sampai AS DATE))
  and (a.ada_pagu or a.ada_realisasi)
  and allowed(:f_jenis_belanja, a.jenis_belanja)
  and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
order by s.kdunit, s.kdsatker, a.kdppk, a.jenis_belanja;
