-- proyeksi_rpd.sql
-- The RPD plan (Halaman III DIPA) of a whole fiscal year per satker, jenis belanja and month,
-- each month at its latest tgl_update on or before :sampai: the shape the year-end projection
-- falls back to where earlier years give no seasonal pattern.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, jenis_belanja, bulan (1-12), rpd (BIGINT rupiah of that month alone)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
)
select x.kdsatker, x.jenis_belanja, x.bulan::integer as bulan,
       arg_max(x.rpd, x.tgl_update)::bigint as rpd
from fact_rpd x
join s on s.kdsatker = x.kdsatker
where x.thang = :tahun and x.tgl_update <= CAST(:sampai AS DATE)
  and allowed(:f_jenis_belanja, x.jenis_belanja)
group by all
order by x.kdsatker, x.jenis_belanja, bulan;
