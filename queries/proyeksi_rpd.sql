-- proyeksi_rpd.sql
-- The RPD plan (Halaman III DIPA) of a whole fiscal year per satker and jenis belanja, one column
-- per month, each month at its latest tgl_update on or before :sampai: the shape the year-end
-- projection falls back to where earlier years give no seasonal pattern. Read from
-- agg_proyeksi_rpd (schema 18), kept at load time per stretch of as-of months: picking each
-- month's latest plan among the 1,6 million plan rows of a national warehouse and pivoting them
-- here took 0,32 s a call (0,04 s from the aggregate; docs/benchmarks.md, Session 10 (proj5)).
-- params: :tahun (int), :sampai (date, a month end in :tahun: its month is the as-of month),
--         scope and filters (lists, empty = all)
-- returns: kdsatker, jenis_belanja, rpd_1 .. rpd_12 (BIGINT rupiah of that month alone; NULL
--          where the month has no plan)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
)
select x.kdsatker, x.jenis_belanja,
       x.rpd_1, x.rpd_2, x.rpd_3, x.rpd_4, x.rpd_5, x.rpd_6,
       x.rpd_7, x.rpd_8, x.rpd_9, x.rpd_10, x.rpd_11, x.rpd_12
from agg_proyeksi_rpd x
semi join s on s.kdsatker = x.kdsatker
where x.thang = :tahun and month(CAST(:sampai AS DATE)) between x.bulan_sd_awal and x.bulan_sd_akhir
  and allowed(:f_jenis_belanja, x.jenis_belanja)
order by x.kdsatker, x.jenis_belanja;
