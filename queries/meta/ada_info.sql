-- Whether the warehouse has its info table yet (a new file has none, before migration 1).
select count(*) from information_schema.tables where table_name = 'warehouse_info';
