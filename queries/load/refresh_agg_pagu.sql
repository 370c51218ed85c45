-- Rebuild the pagu in force at each month's end for the satker a pagu load touched
-- (see queries/schema/003_agg_ringkasan.sql).
delete from agg_pagu_ppk_bulanan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_pagu_ppk_bulanan.thang and s.kdsatker = agg_pagu_ppk_bulanan.kdsatker
);

insert into agg_pagu_ppk_bulanan
select thang, bulan, kdsatker, kdppk, left(kdakun, 2), sum(pagu)::bigint, sum(blokir)::bigint
from (
    select f.thang, m.bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun,
           f.kdppk, arg_max(f.pagu, f.revisi_ke) as pagu, arg_max(f.blokir, f.revisi_ke) as blokir
    from fact_pagu f
    semi join staging_satker s on s.thang = f.thang and s.kdsatker = f.kdsatker
    join range(1, 13) m(bulan) on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
    group by all
)
group by all;
