-- capaian_tingkat.sql
-- Output achievement rolled up from the RO of queries/capaian_ro.sql (the same RO, pagu,
-- realization and latest report) to kegiatan, program, unit and the whole selection, as sums
-- that monev.domain.capaian finishes: a national warehouse has about 476.000 RO, too many to
-- fetch for a roll-up. The RO come from agg_capaian_ro (schema 10) unless a jenis belanja is
-- chosen or the scope is of PPK only (1,8-2,1 s of CPU nationally from the lines, 0,2-0,4 s
-- from the aggregate: docs/benchmarks.md). Geometric means (PMK 22/2021) travel as the sum of
-- ln(ratio) over the positive ratios, their count and whether one is zero; a unit's needs its
-- programs', hence the level unit_program.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all);
--         :f_jenis_belanja as in capaian_ro.sql
-- returns: tingkat ('kegiatan' | 'program' | 'unit' | 'unit_program' | 'total'), kdunit, nmunit,
--          kdprogram, nmprogram, kdgiat, nmgiat (null where the level has no such key),
--          jumlah_ro, jumlah_ro_dilaporkan, jumlah_ro_nol, jumlah_rasio (RO with a ratio),
--          pagu, realisasi, pagu_dilaporkan (BIGINT rupiah; pagu of the RO with a report),
--          fisik_x_pagu, fisik (sums over the RO with a report of progres_fisik x pagu and of
--          progres_fisik), log_rasio (sum of ln(ratio) over ratios > 0, null if none),
--          ada_nol (a ratio is 0 or below)
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
),
-- Without a jenis belanja filter and for whole satker, the RO are read from agg_capaian_ro
-- (schema 10) at the month's end; otherwise they are found from the lines. Each branch is guarded
-- by capaian_dari_agregat (schema 10) or its opposite: on bound parameters, so the branch not
-- taken reads nothing (0,05 s nationally).
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
    -- the ratio is capped at 1 and missing without a positive target (monev.domain.capaian.ratio)
    select kdsatker, kdgiat, kdoutput, kdsoutput, laporan.progres_fisik,
           case when laporan.target_vol > 0
                then least(laporan.real_vol / laporan.target_vol, 1.0) end as rasio
    from (
        select kdsatker, kdgiat, kdoutput, kdsoutput,
               arg_max({'target_vol': target_vol::double, 'real_vol': real_vol::double,
                        'progres_fisik': progres_fisik::double}, bulan) as laporan
        from fact_capaian
        where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
          and satker_utuh(:scope_ppk)  -- reports are per satker RO: none for a scope of PPK only
          and not capaian_dari_agregat(:f_jenis_belanja, :scope_ppk)
        group by kdsatker, kdgiat, kdoutput, kdsoutput
    )
),
ro_garis as (
    select kdsatker, kdgiat, kdoutput, kdsoutput, coalesce(p.kdprogram, r.kdprogram) as kdprogram,
           coalesce(p.pagu, 0) as pagu, coalesce(r.realisasi, 0) as realisasi, c.progres_fisik, c.rasio
    from p full join r using (kdsatker, kdgiat, kdoutput, kdsoutput)
    full join c using (kdsatker, kdgiat, kdoutput, kdsoutput)
    -- with a jenis belanja chosen, only RO that hold such budget lines (capaian has none)
    where len(CAST(:f_jenis_belanja AS VARCHAR[])) = 0 or p.pagu is not null or r.realisasi is not null
),
-- From the aggregate: the same RO with the same figures, kept by each load (schema 10), at the
-- month's end (schema 15's macro)
ro_agregat as (
    select kdsatker, kdgiat, kdoutput, kdsoutput, kdprogram, coalesce(pagu, 0) as pagu,
           coalesce(realisasi, 0) as realisasi, progres_fisik,
           case when target_vol > 0 then least(real_vol / target_vol, 1.0) end as rasio
    from capaian_ro_di_bulan(:tahun, :sampai, :f_jenis_belanja, :scope_ppk)
),
ro as (
    select * from ro_garis
    union all
    select * from ro_agregat
),
-- every level is a sum of these few thousand rows
giat as (
    select s.kdunit, coalesce(k.kdprogram, ro.kdprogram) as kdprogram, ro.kdgiat,
           count(*) as jumlah_ro,
           count(ro.progres_fisik) as jumlah_ro_dilaporkan,
           count(*) filter (where ro.rasio = 0) as jumlah_ro_nol,
           count(ro.rasio) as jumlah_rasio,
           sum(ro.pagu) as pagu, sum(ro.realisasi) as realisasi,
           sum(ro.pagu) filter (where ro.progres_fisik is not null) as pagu_dilaporkan,
           fsum(ro.progres_fisik * ro.pagu::double) as fisik_x_pagu,
           fsum(ro.progres_fisik) as fisik,
           fsum(ln(ro.rasio)) filter (where ro.rasio > 0) as log_rasio,
           bool_or(ro.rasio <= 0) as ada_nol
    from ro
    join s on s.kdsatker = ro.kdsatker
    left join dim_kegiatan k on k.thang = s.thang and k.kdgiat = ro.kdgiat
    group by all
),
t as (
    select case grouping(kdunit, kdprogram, kdgiat)
                when 4 then 'kegiatan' when 5 then 'program' when 3 then 'unit'
                when 1 then 'unit_program' else 'total' end as tingkat,
           kdunit, kdprogram, kdgiat,
           -- an empty selection still has its total row: zeros, not nulls
           coalesce(sum(jumlah_ro), 0)::bigint as jumlah_ro,
           coalesce(sum(jumlah_ro_dilaporkan), 0)::bigint as jumlah_ro_dilaporkan,
           coalesce(sum(jumlah_ro_nol), 0)::bigint as jumlah_ro_nol,
           coalesce(sum(jumlah_rasio), 0)::bigint as jumlah_rasio,
           coalesce(sum(pagu), 0)::bigint as pagu, coalesce(sum(realisasi), 0)::bigint as realisasi,
           coalesce(sum(pagu_dilaporkan), 0)::bigint as pagu_dilaporkan,
           fsum(fisik_x_pagu) as fisik_x_pagu, fsum(fisik) as fisik, fsum(log_rasio) as log_rasio,
           coalesce(bool_or(ada_nol), false) as ada_nol
    from giat
    group by grouping sets ((kdprogram, kdgiat), (kdprogram), (kdunit), (kdunit, kdprogram), ())
)
select t.tingkat, t.kdunit, u.nmunit, t.kdprogram, g.nmprogram, t.kdgiat, k.nmgiat,
       t.jumlah_ro, t.jumlah_ro_dilaporkan, t.jumlah_ro_nol, t.jumlah_rasio,
       t.pagu, t.realisasi, t.pagu_dilaporkan, t.fisik_x_pagu, t.fisik, t.log_rasio, t.ada_nol
from t
left join dim_unit u on u.thang = :tahun and u.kdunit = t.kdunit
left join dim_program g on g.thang = :tahun and g.kdprogram = t.kdprogram
left join dim_kegiatan k on k.thang = :tahun and k.kdgiat = t.kdgiat
order by t.tingkat, t.kdunit nulls last, t.kdprogram nulls last, t.kdgiat nulls last;
