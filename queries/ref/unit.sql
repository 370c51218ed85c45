-- Known unit codes, for checking imports.
select distinct thang, kdunit from dim_unit;
