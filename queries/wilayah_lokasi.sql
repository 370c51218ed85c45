-- wilayah_lokasi.sql
-- Which provinces do the selected satker of a fiscal year sit in, and what are they called?
-- kdlokasi is the satker's province (two-digit BPS code).
-- params: :tahun (int), scope and filters (lists, empty = all; jenis belanja does not apply)
-- returns: kdlokasi, nmlokasi (the code itself where the lokasi list of that year lacks it)
select distinct s.kdlokasi, coalesce(l.nmlokasi, s.kdlokasi) as nmlokasi
from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                     :f_kewenangan, :f_lokasi) s
left join dim_lokasi l on l.thang = s.thang and l.kdlokasi = s.kdlokasi
order by s.kdlokasi;
