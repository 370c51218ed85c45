-- ikpa_capaian_tersimpan.sql
-- The stored Capaian Output inputs (schema 5: agg_ikpa_capaian) of the selected satker for every
-- month up to :sampai: the IKPA months' satker rows (ikpa_bulanan.sql) take them by (bulan_sd,
-- kode); a row without them has no RO ratio (jumlah_ro 0, log_rasio missing, ada_nol false).
-- kode: kdsatker as an integer, as ikpa_bulanan.sql's. In no order.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all; the
--         jenis belanja filter is not read: with one, monev.views.ikpa reads the facts instead)
-- returns: bulan_sd, kode (integer), jumlah_ro, log_rasio, ada_nol
select c.bulan_sd::integer as bulan_sd, c.kdsatker::integer as kode, c.jumlah_ro::integer as jumlah_ro,
       c.log_rasio, c.ada_nol
from agg_ikpa_capaian c
where c.thang = :tahun and c.bulan_sd <= month(CAST(:sampai AS DATE))
  and c.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk);  -- a satker-level measure: none for a scope of PPK only
