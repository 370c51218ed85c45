-- Known pejabat codes, for checking imports.
select distinct thang, kdsatker, kdppk from dim_pejabat where peran = 'PPK';
