-- ikpa_satker.sql
-- The satker of the selection with their echelon I unit, in the order the IKPA tables list them
-- (unit, then satker): the names of the IKPA months' rows, which ikpa_bulanan.sql returns by code.
-- params: :tahun (int), scope and filters (lists, empty = all)
-- returns: kdunit, nmunit, kdsatker, nmsatker, kode (kdsatker as an integer, as ikpa_bulanan.sql's)
select kdunit, nmunit, kdsatker, nmsatker, kdsatker::integer as kode
from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan, :f_lokasi)
where satker_utuh(:scope_ppk)  -- IKPA is a satker-level measure: none for a scope of PPK only
order by kdunit, kdsatker;
