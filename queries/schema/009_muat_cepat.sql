-- Schema version 9: what a realization load of a national warehouse needs to stay within
-- seconds, and the steps the IKPA monthly queries share.
--
-- ringkasan_realisasi_baru(): agg_ringkasan_bulanan's rows for the satker in staging_satker
-- after a load that changed realization only (realisasi, realisasi_bulanan). The pagu and blokir
-- in force per month do not change in such a load, so they are taken from the rows the
-- aggregate already holds (the months with ada_pagu: exactly ringkasan_bulanan_baru()'s `p`)
-- instead of being found again over every budget line and revision (8 of the 12 s the rebuild
-- took nationally); realization is summed again from agg_realisasi_bulanan as there. Must run
-- before the old rows are deleted (queries/load/refresh_agg_ringkasan_realisasi.sql).
create temp view staging_satker as select distinct thang, kdsatker from dim_satker;

create or replace macro ringkasan_realisasi_baru() as table
    with p as (
        select a.thang, a.bulan, a.kdsatker, a.kdppk, a.jenis_belanja, a.pagu, a.blokir
        from agg_ringkasan_bulanan a
        semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
        where a.ada_pagu
    ),
    r as (
        select a.thang, a.bulan, a.kdsatker, a.kdppk, a.jenis_belanja,
               sum(a.realisasi)::bigint as realisasi
        from agg_realisasi_bulanan a
        semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
        group by all
    ),
    kunci as (
        select thang, kdsatker, kdppk, jenis_belanja from p
        union
        select thang, kdsatker, kdppk, jenis_belanja from r
    ),
    grid as (
        select k.*, m.bulan::smallint as bulan from kunci k, range(1, 13) m(bulan)
    )
    select g.thang, g.bulan, g.kdsatker, g.kdppk, g.jenis_belanja,
           coalesce(p.pagu, 0) as pagu, coalesce(p.blokir, 0) as blokir,
           coalesce(sum(r.realisasi) over w, 0)::bigint as realisasi_kumulatif,
           p.pagu is not null as ada_pagu,
           count(r.realisasi) over w > 0 as ada_realisasi
    from grid g
    left join p on p.thang = g.thang and p.bulan = g.bulan and p.kdsatker = g.kdsatker
               and p.kdppk = g.kdppk and p.jenis_belanja = g.jenis_belanja
    left join r on r.thang = g.thang and r.bulan = g.bulan and r.kdsatker = g.kdsatker
               and r.kdppk = g.kdppk and r.jenis_belanja = g.jenis_belanja
    window w as (partition by g.thang, g.kdsatker, g.kdppk, g.jenis_belanja order by g.bulan
                 rows between unbounded preceding and current row);

drop view staging_satker;

-- The satker the IKPA months score for a viewer and selection, and the as-of months
-- 1 .. month(sampai) with their month ends: shared by queries/ikpa_deviasi_bulanan.sql and
-- ikpa_capaian_bulanan.sql. `utuh` is the caller's satker_utuh(:scope_ppk) (IKPA is a satker-level
-- measure: none for a scope of PPK only), passed in so each query still says so where it binds the
-- scope (tests/test_scope_sql.py reads the query text).
create or replace macro ikpa_satker_dinilai(tahun, scope_unit, scope_satker, f_unit, f_satker, f_kewenangan,
                                            f_lokasi, utuh) as table
    select kdsatker from satker_terpilih(tahun, scope_unit, scope_satker, f_unit, f_satker, f_kewenangan, f_lokasi)
    where utuh;

create or replace macro ikpa_bulan_sd(tahun, sampai) as table
    select bulan_sd::integer as bulan_sd,
           last_day(make_date(CAST(tahun AS INTEGER), bulan_sd::integer, 1)) as akhir
    from range(1, month(CAST(sampai AS DATE)) + 1) t(bulan_sd);
