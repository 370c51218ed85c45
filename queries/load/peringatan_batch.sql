-- load/peringatan_batch.sql
-- The warnings kept with a load batch (rows that loaded but deserve a look).
-- params: :batch_id (int)
-- returns: baris, kolom, nilai, alasan
select baris, kolom, nilai, alasan from load_warning where batch_id = :batch_id
order by baris nulls last, kolom, alasan;
