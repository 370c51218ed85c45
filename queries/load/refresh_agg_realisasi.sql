-- Rebuild the monthly realization aggregate for the satker a load touched.
delete from agg_realisasi_bulanan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_realisasi_bulanan.thang and s.kdsatker = agg_realisasi_bulanan.kdsatker
);

insert into agg_realisasi_bulanan
select f.thang, month(f.tgl_sp2d) as bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput,
       f.kdsoutput, f.kdakun, f.kdppk, left(f.kdakun, 2) as jenis_belanja,
       sum(f.nilai)::bigint as realisasi
from fact_realisasi f
semi join staging_satker s on s.thang = f.thang and s.kdsatker = f.kdsatker
group by all;

