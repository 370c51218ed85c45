-- ikpa_bulanan.sql
-- For every month up to :sampai, the satker scored then (pagu or realization by the month's end)
-- with their gross pagu in force at that end and the stored Deviasi Halaman III inputs (schema 5:
-- agg_ikpa_bulanan; the Capaian Output inputs: ikpa_capaian_tersimpan.sql, put on these rows in
-- Python by (bulan_sd, kode), where that costs a third of joining them here). The IKPA months
-- without a jenis belanja filter: the aggregates hold every jenis belanja.
-- By code and in no order: the names (ikpa_satker.sql) and the order are added in Python, where
-- they cost a tenth of what carrying four strings through a national year's rows costs here; the
-- satker as an integer (kode: kdsatker read as a number; every loaded kdsatker is six digits,
-- monev.warehouse.formats.KDSATKER, so the numbers sort as the codes do), as its 288.000 code
-- strings cost more to hand to Python and look up there than the rest of this query.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all; the
--         jenis belanja filter is not read: with one, monev.views.ikpa reads the facts instead)
-- returns: bulan_sd, kode (integer), pagu (BIGINT rupiah), bulan_dinilai, deviasi_rata_pagu,
--          deviasi_rata_biasa
select a.bulan_sd::integer as bulan_sd, a.kdsatker::integer as kode, a.pagu,
       a.bulan_dinilai::integer as bulan_dinilai, a.deviasi_rata_pagu, a.deviasi_rata_biasa
from agg_ikpa_bulanan a
where a.thang = :tahun and a.bulan_sd <= month(CAST(:sampai AS DATE))
  and a.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi))
  and satker_utuh(:scope_ppk);  -- a satker-level measure: none for a scope of PPK only
