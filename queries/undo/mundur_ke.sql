-- undo/mundur_ke.sql
-- Rewind a copy of the warehouse to how it was right after batch :batch_id was loaded (the
-- figures "as loaded at" that batch): remove every later batch's rows, put back in force the rows
-- they superseded, and drop their load_batch records. Runs only on a derived copy, never on the
-- version in force; the caller rebuilds the aggregates afterwards.
-- (tests/test_batches.py checks that every *_hist table of the schema is listed here.)
-- params: :batch_id (int)
-- returns: nothing
delete from dim_lokasi_hist where batch_id > :batch_id;
delete from dim_unit_hist where batch_id > :batch_id;
delete from dim_satker_hist where batch_id > :batch_id;
delete from dim_program_hist where batch_id > :batch_id;
delete from dim_kegiatan_hist where batch_id > :batch_id;
delete from dim_ro_hist where batch_id > :batch_id;
delete from dim_akun_hist where batch_id > :batch_id;
delete from dim_pejabat_hist where batch_id > :batch_id;
delete from ref_target_hist where batch_id > :batch_id;
delete from fact_pagu_hist where batch_id > :batch_id;
delete from fact_rpd_hist where batch_id > :batch_id;
delete from fact_realisasi_hist where batch_id > :batch_id;
delete from fact_capaian_hist where batch_id > :batch_id;
delete from fact_revisi_hist where batch_id > :batch_id;
delete from ref_ikpa_aturan_hist where batch_id > :batch_id;
delete from fact_ikpa_omspan_hist where batch_id > :batch_id;
delete from fact_dispensasi_spm_hist where batch_id > :batch_id;
delete from fact_realisasi_kumulatif_hist where batch_id > :batch_id;
update dim_lokasi_hist set superseded_by = null where superseded_by > :batch_id;
update dim_unit_hist set superseded_by = null where superseded_by > :batch_id;
update dim_satker_hist set superseded_by = null where superseded_by > :batch_id;
update dim_program_hist set superseded_by = null where superseded_by > :batch_id;
update dim_kegiatan_hist set superseded_by = null where superseded_by > :batch_id;
update dim_ro_hist set superseded_by = null where superseded_by > :batch_id;
update dim_akun_hist set superseded_by = null where superseded_by > :batch_id;
update dim_pejabat_hist set superseded_by = null where superseded_by > :batch_id;
update ref_target_hist set superseded_by = null where superseded_by > :batch_id;
update fact_pagu_hist set superseded_by = null where superseded_by > :batch_id;
update fact_rpd_hist set superseded_by = null where superseded_by > :batch_id;
update fact_realisasi_hist set superseded_by = null where superseded_by > :batch_id;
update fact_capaian_hist set superseded_by = null where superseded_by > :batch_id;
update fact_revisi_hist set superseded_by = null where superseded_by > :batch_id;
update ref_ikpa_aturan_hist set superseded_by = null where superseded_by > :batch_id;
update fact_ikpa_omspan_hist set superseded_by = null where superseded_by > :batch_id;
update fact_dispensasi_spm_hist set superseded_by = null where superseded_by > :batch_id;
update fact_realisasi_kumulatif_hist set superseded_by = null where superseded_by > :batch_id;
delete from load_warning where batch_id > :batch_id;
delete from load_batch where batch_id > :batch_id;
insert or replace into warehouse_info values ('dimuat_per_batch', CAST(:batch_id AS VARCHAR));
-- the stored IKPA scores are of the version in force, not of this rewound copy (schema 19)
delete from warehouse_info where key = 'ikpa_nilai_keadaan';
