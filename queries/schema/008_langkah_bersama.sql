-- Schema version 8: steps that several queries share, written once as table macros (issue 15)
-- rather than copied into each query as common table expressions. A macro is expanded into the
-- query that calls it, so the optimizer sees the same plan as with the copies; its arguments are
-- the query's bound parameters, passed on. 'or replace': running it again is harmless (tests
-- rewind schema_version), and a later fix is a new migration replacing the macro.

-- Per RO of each satker (kdsatker, kdgiat, kdoutput, kdsoutput): the pagu in force at `sampai`,
-- summed over the RO's budget lines of the chosen jenis belanja within the PPK scope
-- (queries/capaian_ro.sql, queries/capaian_tingkat.sql).
create or replace macro pagu_ro(tahun, sampai, f_jenis_belanja, scope_ppk) as table
    select kdsatker, kdgiat, kdoutput, kdsoutput, any_value(kdprogram) as kdprogram,
           sum(pagu)::bigint as pagu
    from pagu_berlaku(tahun, sampai)
    where allowed(f_jenis_belanja, jenis_belanja) and cakupan_ppk(scope_ppk, kdsatker, kdppk)
    group by kdsatker, kdgiat, kdoutput, kdsoutput;

-- Per RO as above: the realization up to the end of the month of `sampai`.
create or replace macro realisasi_ro(tahun, sampai, f_jenis_belanja, scope_ppk) as table
    select kdsatker, kdgiat, kdoutput, kdsoutput, any_value(kdprogram) as kdprogram,
           sum(realisasi)::bigint as realisasi
    from agg_realisasi_bulanan
    where thang = tahun and bulan <= month(CAST(sampai AS DATE))
      and allowed(f_jenis_belanja, jenis_belanja) and cakupan_ppk(scope_ppk, kdsatker, kdppk)
    group by kdsatker, kdgiat, kdoutput, kdsoutput;

-- satker_terpilih for each fiscal year of a bound list, with that year's unit (a satker's code
-- may move between units from year to year): the seasonal history of the year-end projection
-- (queries/proyeksi_bulanan.sql, queries/proyeksi_riwayat.sql).
create or replace macro satker_terpilih_per_tahun(daftar_tahun, scope_unit, scope_satker, f_unit, f_satker,
                                                  f_kewenangan, f_lokasi) as table
    select t.thang, t.kdsatker, t.kdunit, t.nmunit
    from (select unnest(CAST(daftar_tahun AS INTEGER[])) as tahun) y,
         lateral (select * from satker_terpilih(y.tahun, scope_unit, scope_satker, f_unit, f_satker,
                                                f_kewenangan, f_lokasi)) t;
