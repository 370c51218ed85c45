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
-- Without a jenis belanja filter and for whole satker, the RO are read from agg_capaian_ro
-- (schema 10) at the month's end, as in capaian_tingkat.sql; otherwise from the lines. Each
-- branch is guarded by capaian_dari_agregat or its opposite (bound parameters: the branch not
-- taken reads nothing).
-- From the lines: the RO's pagu and realization (macros of queries/schema/008_langkah_bersama.sql)
p as (
    select * from pagu_ro(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)
    where not capaian_dari_agregat(:f_jenis_belanja, :scope_ppk)
),
r as (
    select * from realisasi_ro(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)
    where not capaian_dari_agregat(:f_jenis_belanja, :scope_ppk)
),
c as (
    select kdsatker, kdgiat, kdoutput, kdsoutput, max(bulan) as bulan_capaian,
           arg_max(target_vol, bulan)::double as target_vol,
           arg_max(real_vol, bulan)::double as real_vol,
           arg_max(progres_fisik, bulan)::double as progres_fisik
    from fact_capaian
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
      and satker_utuh(:scope_ppk)  -- reports are per satker RO: none for a scope of PPK only
      and not capaian_dari_agregat(:f_jenis_belanja, :scope_ppk)
    group by kdsatker, kdgiat, kdoutput, kdsoutput
),
kunci as (
    select kdsatker, kdgiat, kdoutput, kdsoutput from p
    union
    select kdsatker, kdgiat, kdoutput, kdsoutput from r
    union
    select kdsatker, kdgiat, kdoutput, kdsoutput from c
    where len(CAST(:f_jenis_belanja AS VARCHAR[])) = 0
),
ro_garis as (
    select kunci.kdsatker, kunci.kdgiat, kunci.kdoutput, kunci.kdsoutput,
           coalesce(p.kdprogram, r.kdprogram) as kdprogram, p.pagu, r.realisasi,
           c.bulan_capaian, c.target_vol, c.real_vol, c.progres_fisik
    from kunci
    left join p on p.kdsatker = kunci.kdsatker and p.kdgiat = kunci.kdgiat and p.kdoutput = kunci.kdoutput
         and p.kdsoutput = kunci.kdsoutput
    left join r on r.kdsatker = kunci.kdsatker and r.kdgiat = kunci.kdgiat and r.kdoutput = kunci.kdoutput
         and r.kdsoutput = kunci.kdsoutput
    left join c on c.kdsatker = kunci.kdsatker and c.kdgiat = kunci.kdgiat and c.kdoutput = kunci.kdoutput
         and c.kdsoutput = kunci.kdsoutput
),
-- From the aggregate: its lists hold the figures at each month's end (schema 15's macro)
ro_agregat as (
    select * from capaian_ro_di_bulan(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)
),
ro as (
    select * from ro_garis
    union all
    select * from ro_agregat
)
select s.kdunit, s.nmunit, s.kdsatker, s.nmsatker,
       coalesce(k.kdprogram, ro.kdprogram) as kdprogram, g.nmprogram,
       ro.kdgiat, k.nmgiat, ro.kdoutput, ro.kdsoutput, d.nmro, d.satuan,
       coalesce(ro.pagu, 0)::bigint as pagu, coalesce(ro.realisasi, 0)::bigint as realisasi,
       ro.bulan_capaian, ro.target_vol, ro.real_vol, ro.progres_fisik
from ro
join s on s.kdsatker = ro.kdsatker
left join dim_kegiatan k on k.thang = s.thang and k.kdgiat = ro.kdgiat
left join dim_program g on g.thang = s.thang and g.kdprogram = coalesce(k.kdprogram, ro.kdprogram)
left join dim_ro d on d.thang = s.thang and d.kdgiat = ro.kdgiat and d.kdoutput = ro.kdoutput
     and d.kdsoutput = ro.kdsoutput
order by s.kdunit, s.kdsatker, ro.kdgiat, ro.kdoutput, ro.kdsoutput;
