-- Known kegiatan codes, for checking imports.
select distinct thang, kdgiat from dim_kegiatan;
