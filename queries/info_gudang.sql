-- info_gudang.sql
-- Facts about the warehouse itself (schema version, whether it holds sample data).
-- returns: key, value
select key, value from warehouse_info order by key;
