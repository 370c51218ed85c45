-- load/catat_peringatan.sql
-- Keep the warnings of a load (registered as `staging_warning`: baris, kolom, nilai, alasan) with
-- its batch :batch_id, in the load's transaction; undo removes them with the batch.
insert into load_warning
select :batch_id, baris, kolom, nilai, alasan from staging_warning;
