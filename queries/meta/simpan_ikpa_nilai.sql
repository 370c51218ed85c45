-- meta/simpan_ikpa_nilai.sql
-- Keep the IKPA scores of every year (registered as staging_ikpa_nilai: agg_ikpa_nilai's columns)
-- for this version of the warehouse, replacing those kept before, and stamp them with its state
-- (keadaan_gudang(), schema 19), in the transaction of the load or undo whose draft they score.
-- params: none
-- returns: nothing
delete from agg_ikpa_nilai;
insert into agg_ikpa_nilai by name select * from staging_ikpa_nilai;
insert or replace into warehouse_info select 'ikpa_nilai_keadaan', keadaan_gudang();
