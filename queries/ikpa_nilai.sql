-- ikpa_nilai.sql
-- The stored IKPA scores (schema 19: agg_ikpa_nilai) of the selection's satker as of each month
-- :bulan_awal .. the month of :sampai: the rows monev.views.ikpa.months computes from ikpa_bulanan.sql
-- and the inputs keyed by satker, scored at the last load. Read only while they are of the
-- version read (ikpa_nilai_berlaku.sql) and without a jenis belanja filter (not read here: the
-- stored scores are of every jenis belanja). By code and in no order, as ikpa_bulanan.sql: the
-- names (ikpa_satker.sql) and the order are added in Python.
-- params: :tahun (int), :bulan_awal (int, the first as-of month), :sampai (date, a month end), scope and
--         filters (lists, empty = all)
-- returns: bulan_sd, kode (kdsatker as an integer), pagu (BIGINT rupiah), penyerapan,
--          deviasi_halaman_iii, revisi_dipa, capaian_output, belanja_kontraktual,
--          penyelesaian_tagihan, pengelolaan_up_tup, dispensasi_spm, jumlah_spm, bulan_dispensasi,
--          deviasi_rata, nilai_tertimbang, bobot_berlaku, pengurang, nilai, kategori, bulan_resmi,
--          resmi_revisi_dipa, resmi_deviasi_halaman_iii, resmi_nilai_perencanaan, resmi_penyerapan,
--          resmi_belanja_kontraktual, resmi_penyelesaian_tagihan, resmi_pengelolaan_up_tup,
--          resmi_nilai_pelaksanaan, resmi_capaian_output, resmi_nilai (agg_ikpa_nilai's columns)
-- Two branches, one empty: for a viewer of every satker without a filter (the stored rows are
-- exactly satker_terpilih's then, as they were scored with that selection) no semi join of 288.000
-- rows to the year's satker, a third of this query's time nationally; else the selection's satker.
select n.bulan_sd::integer as bulan_sd, n.kdsatker::integer as kode, n.* exclude (thang, bulan_sd, kdsatker)
from agg_ikpa_nilai n
where n.thang = :tahun and n.bulan_sd between :bulan_awal and month(CAST(:sampai AS DATE))
  and satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
  and len(CAST(:scope_unit AS VARCHAR[])) + len(CAST(:scope_satker AS VARCHAR[])) + len(CAST(:f_unit AS VARCHAR[]))
      + len(CAST(:f_satker AS VARCHAR[])) + len(CAST(:f_kewenangan AS VARCHAR[]))
      + len(CAST(:f_lokasi AS VARCHAR[])) = 0
union all
select n.bulan_sd::integer as bulan_sd, n.kdsatker::integer as kode, n.* exclude (thang, bulan_sd, kdsatker)
from agg_ikpa_nilai n
where n.thang = :tahun and n.bulan_sd between :bulan_awal and month(CAST(:sampai AS DATE))
  and satker_utuh(:scope_ppk)
  and len(CAST(:scope_unit AS VARCHAR[])) + len(CAST(:scope_satker AS VARCHAR[])) + len(CAST(:f_unit AS VARCHAR[]))
      + len(CAST(:f_satker AS VARCHAR[])) + len(CAST(:f_kewenangan AS VARCHAR[]))
      + len(CAST(:f_lokasi AS VARCHAR[])) > 0
  and n.kdsatker in (select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit,
                                                          :f_satker, :f_kewenangan, :f_lokasi));
