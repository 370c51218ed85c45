-- data_terakhir.sql
-- How current a fiscal year's data is: the last realization month and date within the viewer's
-- scope, and the last load (of the whole warehouse: a load is not a satker's figure).
-- Read on every run of the sidebar: monev.ui.data.scoped_query keeps it per warehouse version and scope.
-- Each maximum is taken twice, once for a viewer of every satker (no join: DuckDB answers it from
-- the column's statistics in milliseconds where the join costs a second nationally) and once
-- joined to the scope's satker; the condition on the scope empties the branch that does not apply.
-- params: :tahun (int), scope (lists, empty = all)
-- returns: bulan_terakhir, tgl_realisasi_terakhir, batch_terakhir, dimuat_terakhir
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, [], [], [], [])
)
select
    greatest(
        (select max(a.bulan) from agg_realisasi_bulanan a
         where a.thang = :tahun and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
           and len(CAST(:scope_unit AS VARCHAR[])) = 0 and len(CAST(:scope_satker AS VARCHAR[])) = 0),
        (select max(a.bulan) from agg_realisasi_bulanan a semi join s on s.kdsatker = a.kdsatker
         where a.thang = :tahun and cakupan_ppk(:scope_ppk, a.kdsatker, a.kdppk)
           and (len(CAST(:scope_unit AS VARCHAR[])) > 0 or len(CAST(:scope_satker AS VARCHAR[])) > 0))
    ) as bulan_terakhir,
    greatest(
        (select max(r.tgl_sp2d) from fact_realisasi r
         where r.thang = :tahun and cakupan_ppk(:scope_ppk, r.kdsatker, r.kdppk)
           and len(CAST(:scope_unit AS VARCHAR[])) = 0 and len(CAST(:scope_satker AS VARCHAR[])) = 0),
        (select max(r.tgl_sp2d) from fact_realisasi r semi join s on s.kdsatker = r.kdsatker
         where r.thang = :tahun and cakupan_ppk(:scope_ppk, r.kdsatker, r.kdppk)
           and (len(CAST(:scope_unit AS VARCHAR[])) > 0 or len(CAST(:scope_satker AS VARCHAR[])) > 0))
    ) as tgl_realisasi_terakhir,
    -- the last batch number used, also by an undo (warehouse_info, see undo/catat_batal.sql)
    greatest((select max(batch_id) from load_batch),
             (select max(CAST(value AS INTEGER)) from warehouse_info where key = 'batch_terakhir')) as batch_terakhir,
    (select max(loaded_at) from load_batch) as dimuat_terakhir;
