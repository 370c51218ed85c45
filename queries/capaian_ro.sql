-- capaian_ro.sql
-- Per Rincian Output (RO) of each satker in the selection: the latest capaian report up to the
-- month of :sampai (target and realized volume, physical progress), and the RO's pagu in force
-- at :sampai and realization up to the end of that month, summed over the RO's budget lines
-- (kdsatker, kdgiat, kdoutput, kdsoutput: every akun and PPK).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all);
--         :f_jenis_belanja restricts the budget lines, and with it only RO that hold such lines
--         are returned (capaian has no jenis belanja)
-- returns: kdunit, nmunit, kdsatker, nmsatker, kdprogram, nmprogram, kdgiat, nmgiat, kdoutput,
--          kdsoutput, nmro, satuan, pagu, realisasi (BIGINT rupiah), bulan_capaian (month of the
--          report used, null = no report yet), target_vol, real_vol, progres_fisik (double, null
--          without a report)
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
),
-- the RO's pagu and realization: macros of queries/schema/008_langkah_bersama.sql
p as (select * from pagu_ro(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)),
r as (select * from realisasi_ro(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)),
c as (
    select kdsatker, kdgiat, kdoutput, kdsoutput, max(bulan) as bulan_capaian,
           arg_max(target_vol, bulan)::double as target_vol,
           arg_max(real_vol, bulan)::double as real_vol,
           arg_max(progres_fisik, bulan)::double as progres_fisik
    from fact_capaian
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
      and satker_utuh(:scope_ppk)  -- reports are per satker RO: none for a scope of PPK only
    group by kdsatker, kdgiat, kdoutput, kdsoutput
),
ro as (
    select kdsatker, kdgiat, kdoutput, kdsoutput from p
    union
    select kdsatker, kdgiat, kdoutput, kdsoutput from r
    union
    select kdsatker, kdgiat, kdoutput, kdsoutput from c
    where len(CAST(:f_jenis_belanja AS VARCHAR[])) = 0
)
select s.kdunit, s.nmunit, s.kdsatker, s.nmsatker,
       coalesce(k.kdprogram, p.kdprogram, r.kdprogram) as kdprogram, g.nmprogram,
       ro.kdgiat, k.nmgiat, ro.kdoutput, ro.kdsoutput, d.nmro, d.satuan,
       coalesce(p.pagu, 0)::bigint as pagu, coalesce(r.realisasi, 0)::bigint as realisasi,
       c.bulan_capaian, c.target_vol, c.real_vol, c.progres_fisik
from ro
join s on s.kdsatker = ro.kdsatker
left join p on p.kdsatker = ro.kdsatker and p.kdgiat = ro.kdgiat and p.kdoutput = ro.kdoutput
     and p.kdsoutput = ro.kdsoutput
left join r on r.kdsatker = ro.kdsatker and r.kdgiat = ro.kdgiat and r.kdoutput = ro.kdoutput
     and r.kdsoutput = ro.kdsoutput
left join c on c.kdsatker = ro.kdsatker and c.kdgiat = ro.kdgiat and c.kdoutput = ro.kdoutput
     and c.kdsoutput = ro.kdsoutput
left join dim_kegiatan k on k.thang = s.thang and k.kdgiat = ro.kdgiat
left join dim_program g on g.thang = s.thang
     and g.kdprogram = coalesce(k.kdprogram, p.kdprogram, r.kdprogram)
left join dim_ro d on d.thang = s.thang and d.kdgiat = ro.kdgiat and d.kdoutput = ro.kdoutput
     and d.kdsoutput = ro.kdsoutput
order by s.kdunit, s.kdsatker, ro.kdgiat, ro.kdoutput, ro.kdsoutput;
