-- undo/catat_batal.sql
-- Record an undo: it takes the next batch number (never reused by a later load), so the data
-- version pages cache by (data_terakhir.batch_terakhir) changes and old figures are not shown.
-- params: :batch_id (int, the batch undone), :nomor (int, the number the undo takes)
-- returns: nothing
insert or replace into warehouse_info values ('batch_terakhir', CAST(:nomor AS VARCHAR));
insert or replace into warehouse_info values ('batch_dibatalkan_terakhir', CAST(:batch_id AS VARCHAR));
