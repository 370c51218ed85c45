-- Schema version 15: the RO of agg_capaian_ro (schema 10) at one month's end, written once as a
-- table macro. capaian_ro.sql and capaian_tingkat.sql each carried the same common table
-- expression; the macro is expanded into each query, so the plans and figures are unchanged.
-- Guarded like the lines' branch by capaian_dari_agregat: on bound parameters, the branch not
-- taken reads nothing.

-- The RO with a pagu in force, realization or a report by the end of the month of `sampai`, with
-- those figures (the lists' element at that month) and the program: of its lines where it has a
-- pagu, else of its realization.
create or replace macro capaian_ro_di_bulan(tahun, sampai, f_jenis_belanja, scope_ppk) as table
select * from (
    select kdsatker, kdgiat, kdoutput, kdsoutput,
           case when pagu[bulan] is not null then kdprogram_pagu else kdprogram_realisasi end as kdprogram,
           pagu[bulan] as pagu, realisasi[bulan] as realisasi, bulan_capaian[bulan] as bulan_capaian,
           target_vol[bulan] as target_vol, real_vol[bulan] as real_vol, progres_fisik[bulan] as progres_fisik
    from agg_capaian_ro, (select month(CAST(sampai AS DATE)) as bulan)
    where thang = tahun
      and capaian_dari_agregat(f_jenis_belanja, scope_ppk) and satker_utuh(scope_ppk)
)
where pagu is not null or realisasi is not null or bulan_capaian is not null;
