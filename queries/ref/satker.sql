-- Known satker codes, for checking imports.
select distinct thang, kdsatker from dim_satker;
