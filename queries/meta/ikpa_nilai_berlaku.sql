-- meta/ikpa_nilai_berlaku.sql
-- Whether the stored IKPA scores (agg_ikpa_nilai, schema 19) were scored for this version of the
-- warehouse: their stamp equals keadaan_gudang() (a load, an undo or a migration since changes it).
-- params: none
-- returns: berlaku (boolean)
select coalesce((select value from warehouse_info where key = 'ikpa_nilai_keadaan') = keadaan_gudang(),
                false) as berlaku;
