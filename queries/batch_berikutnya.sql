-- batch_berikutnya.sql
-- The number the next load batch (or undo) takes: one above every number used so far, also by
-- batches since undone (warehouse_info.batch_terakhir), so a number is never reused.
-- params: none
-- returns: nomor
select greatest(
    coalesce((select max(batch_id) from load_batch), 0),
    coalesce((select max(CAST(value AS INTEGER)) from warehouse_info where key = 'batch_terakhir'), 0)
) + 1 as nomor;
