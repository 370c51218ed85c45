-- Known ro codes, for checking imports.
select distinct thang, kdgiat, kdoutput, kdsoutput from dim_ro;
