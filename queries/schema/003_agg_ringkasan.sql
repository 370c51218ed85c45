-- Schema version 3: one aggregate at the summary's grain, so a summary of a national warehouse
-- reads one row per satker x PPK x jenis belanja instead of every budget line, revision and
-- month. For every month of the year it holds the pagu and blokir in force at the month's end
-- (pagu_berlaku then) and the realization up to it. It is rebuilt inside each pagu or
-- realization load for the satker that load touched; this migration fills it for warehouses
-- loaded before it.

create table agg_ringkasan_bulanan (
    thang smallint not null, bulan smallint not null, kdsatker varchar not null,
    kdppk varchar not null, jenis_belanja varchar not null,
    pagu bigint not null, blokir bigint not null, realisasi_kumulatif bigint not null,
    ada_pagu boolean not null,        -- a budget line of this grain is in force at the month's end
    ada_realisasi boolean not null    -- something was realized on it up to the month's end
);

-- The aggregate's rows for the satker listed in a relation named staging_satker (thang, kdsatker):
-- a load registers it for the satker it touched; here, every satker. (DuckDB binds the macro
-- when it is created, so the relation must exist then.)
create temp view staging_satker as select distinct thang, kdsatker from dim_satker;

create macro ringkasan_bulanan_baru() as table
    with p as (
        select thang, bulan, kdsatker, kdppk, left(kdakun, 2) as jenis_belanja,
               sum(pagu)::bigint as pagu, sum(blokir)::bigint as blokir
        from (
            select f.thang, m.bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput,
                   f.kdakun, f.kdppk,
                   arg_max(f.pagu, f.revisi_ke) as pagu, arg_max(f.blokir, f.revisi_ke) as blokir
            from fact_pagu f
            semi join staging_satker s on s.thang = f.thang and s.kdsatker = f.kdsatker
            join range(1, 13) m(bulan)
              on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
            group by all
        )
        group by all
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

insert into agg_ringkasan_bulanan select * from ringkasan_bulanan_baru();
drop view staging_satker;
