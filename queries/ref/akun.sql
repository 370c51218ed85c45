-- Known akun codes, for checking imports.
select distinct kdakun from dim_akun;
