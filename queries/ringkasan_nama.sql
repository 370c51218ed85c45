-- ringkasan_nama.sql
-- The unit and satker names of the selected satker (the names queries/ringkasan_ppk.sql puts on
-- each of its rows), for pages that read the grain without them (ringkasan_ppk_kode.sql).
-- params: :tahun (int), scope and filters (lists, empty = all; jenis belanja does not apply; a
--         scope of PPK narrows scope_satker to their satker)
-- returns: kdunit, nmunit, kdsatker, nmsatker
select kdunit, nmunit, kdsatker, nmsatker
from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
order by kdunit, kdsatker;
