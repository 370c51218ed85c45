-- data_terakhir.sql
-- How current a fiscal year's data is: the last realization month and date, and the last load.
-- params: :tahun (int)
-- returns: bulan_terakhir, tgl_realisasi_terakhir, batch_terakhir, dimuat_terakhir
select
    (select max(bulan) from agg_realisasi_bulanan where thang = :tahun) as bulan_terakhir,
    (select max(tgl_sp2d) from fact_realisasi where thang = :tahun) as tgl_realisasi_terakhir,
    -- the last batch number used, also by an undo (warehouse_info, see undo/catat_batal.sql)
    greatest((select max(batch_id) from load_batch),
             (select max(CAST(value AS INTEGER)) from warehouse_info where key = 'batch_terakhir')) as batch_terakhir,
    (select max(loaded_at) from load_batch) as dimuat_terakhir;
