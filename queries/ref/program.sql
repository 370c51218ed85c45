-- Known program codes, for checking imports.
select distinct thang, kdprogram from dim_program;
