-- data_terakhir.sql
-- How current a fiscal year's data is: the last realization month and date within the viewer's
-- scope, and the last load (of the whole warehouse: a load is not a satker's figure).
-- params: :tahun (int), scope (lists, empty = all)
-- returns: bulan_terakhir, tgl_realisasi_terakhir, batch_terakhir, dimuat_terakhir
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, [], [], [], [])
)
select
    (select max(a.bulan) from agg_realisasi_bulanan a semi join s on s.kdsatker = a.kdsatker
     where a.thang = :tahun and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)) as bulan_terakhir,
    (select max(r.tgl_sp2d) from fact_realisasi r semi join s on s.kdsatker = r.kdsatker
     where r.thang = :tahun and cakupan_ppk(:scope_ppk, r.kdsatker, r.kdppk)) as tgl_realisasi_terakhir,
    -- the last batch number used, also by an undo (warehouse_info, see undo/catat_batal.sql)
    greatest((select max(batch_id) from load_batch),
             (select max(CAST(value AS INTEGER)) from warehouse_info where key = 'batch_terakhir')) as batch_terakhir,
    (select max(loaded_at) from load_batch) as dimuat_terakhir;
