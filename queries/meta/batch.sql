-- One load batch, by number.
-- params: :batch_id
select file_name, kind, row_count from load_batch where batch_id = :batch_id;
