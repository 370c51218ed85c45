-- Known lokasi codes, for checking imports.
select distinct thang, kdlokasi from dim_lokasi;
