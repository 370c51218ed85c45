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

-- ikpa_bulanan_baru() (schema 5) again, its ordered means as running window sums: the same bits
-- on all 288.000 rows of a national warehouse, 15 against 19 s of CPU for every satker (a
-- national realization load rebuilds every satker; docs/benchmarks.md, session 6).
create or replace macro ikpa_bulanan_baru() as table
    with m as (
        select distinct s.thang, b.bulan_sd::smallint as bulan_sd,
               last_day(make_date(s.thang, b.bulan_sd::integer, 1)) as akhir
        from staging_satker s, range(1, 13) b(bulan_sd)
    ),
    p as (
        select m.thang, m.bulan_sd, x.kdsatker, x.jenis_belanja, x.bulan,
               arg_max(x.rpd, x.tgl_update)::bigint as rpd
        from fact_rpd x
        semi join staging_satker s on s.thang = x.thang and s.kdsatker = x.kdsatker
        join m on m.thang = x.thang and x.tgl_update <= m.akhir and x.bulan <= m.bulan_sd
        group by all
    ),
    r_bulan as (
        select a.thang, a.kdsatker, a.jenis_belanja, a.bulan, sum(a.realisasi)::bigint as realisasi
        from agg_realisasi_bulanan a
        semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
        group by all
    ),
    r as (
        select m.bulan_sd, r_bulan.* from r_bulan join m on m.thang = r_bulan.thang and r_bulan.bulan <= m.bulan_sd
    ),
    bobot as (
        select a.thang, a.bulan as bulan_sd, a.kdsatker, a.jenis_belanja, sum(a.pagu)::bigint as pagu
        from agg_ringkasan_bulanan a
        semi join staging_satker s on s.thang = a.thang and s.kdsatker = a.kdsatker
        where a.ada_pagu or a.ada_realisasi
        group by all
    ),
    dev as (
        select coalesce(p.thang, r.thang) as thang, coalesce(p.bulan_sd, r.bulan_sd) as bulan_sd,
               coalesce(p.kdsatker, r.kdsatker) as kdsatker, coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
               coalesce(p.bulan, r.bulan) as bulan,
               coalesce(p.rpd, 0) as rpd, coalesce(r.realisasi, 0) as realisasi
        from p
        full join r on r.thang = p.thang and r.bulan_sd = p.bulan_sd and r.kdsatker = p.kdsatker
             and r.jenis_belanja = p.jenis_belanja and r.bulan = p.bulan
    ),
    dev_persen as (
        -- monev.domain.rpd.deviation_percent: capped at 100, none where plan and realization are 0
        select d.thang, d.bulan_sd, d.kdsatker, d.bulan, d.jenis_belanja, coalesce(b.pagu, 0)::double as w,
               case when d.rpd > 0 then least(abs(d.rpd::double - d.realisasi::double) / d.rpd::double * 100.0, 100.0)
                    when d.realisasi <> 0 then 100.0 end as dev
        from dev d
        left join bobot b on b.thang = d.thang and b.bulan_sd = d.bulan_sd and b.kdsatker = d.kdsatker
                         and b.jenis_belanja = d.jenis_belanja
    ),
    per_bulan_baris as (
        -- the month's mean over the jenis belanja as running sums in jenis belanja order, taken at
        -- each group's last row: the same bits as sum(... order by jenis_belanja), without sorting
        -- every small group on its own (schema 9)
        select thang, bulan_sd, kdsatker, bulan,
               sum(w) over semua as sum_w, sum(dev * w) over urut as sum_dw, avg(dev) over urut as avg_dev,
               row_number() over urut as ke, count(*) over semua as banyak
        from dev_persen
        where dev is not null
        window semua as (partition by thang, bulan_sd, kdsatker, bulan),
               urut as (partition by thang, bulan_sd, kdsatker, bulan order by jenis_belanja
                        rows between unbounded preceding and current row)
    ),
    per_bulan as (
        select thang, bulan_sd, kdsatker, bulan,
               case when sum_w > 0 then sum_dw / sum_w else avg_dev end as pagu, avg_dev as biasa
        from per_bulan_baris
        where ke = banyak
    ),
    deviasi_baris as (
        select thang, bulan_sd, kdsatker,
               avg(pagu) over urut as deviasi_rata_pagu, avg(biasa) over urut as deviasi_rata_biasa,
               row_number() over urut as ke, count(*) over semua as banyak
        from per_bulan
        window semua as (partition by thang, bulan_sd, kdsatker),
               urut as (partition by thang, bulan_sd, kdsatker order by bulan
                        rows between unbounded preceding and current row)
    ),
    deviasi as (
        select thang, bulan_sd, kdsatker, banyak::smallint as bulan_dinilai, deviasi_rata_pagu, deviasi_rata_biasa
        from deviasi_baris
        where ke = banyak
    ),
    dinilai as (
        select thang, bulan_sd, kdsatker, sum(pagu)::bigint as pagu from bobot group by all
    )
    select n.thang, n.bulan_sd, n.kdsatker, n.pagu, d.bulan_dinilai, d.deviasi_rata_pagu, d.deviasi_rata_biasa
    from dinilai n
    left join deviasi d on d.thang = n.thang and d.bulan_sd = n.bulan_sd and d.kdsatker = n.kdsatker;

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
