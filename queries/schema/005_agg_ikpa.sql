-- Schema version 5: the IKPA inputs that cost seconds per page visit at national scale, kept per
-- satker and as-of month (bulan_sd: the month whose end they are as of) so the IKPA
-- page's months read 12 rows per satker instead of every satker x jenis belanja x month x as-of
-- month. Only what no rule changes is stored: the weights, tolerance and bands are applied when
-- the page reads them (monev.domain.ikpa), so a rule import needs no rebuild. Without a jenis
-- belanja filter the page reads these; with one it computes the same from the facts
-- (queries/ikpa_deviasi_bulanan.sql, ikpa_capaian_bulanan.sql). Rebuilt inside each load for the
-- satker it touched (queries/load/refresh_agg_ikpa_*.sql); this migration fills them for
-- warehouses loaded before it.

-- One row per satker scored at a month's end: with pagu or realization by then (as
-- agg_ringkasan_bulanan's ada_pagu, ada_realisasi). Its gross pagu in force then, the weight of
-- its scores in the unit and ministry. Deviasi Halaman III DIPA: per month assessed, dev(j,m) of
-- each jenis belanja (monev.domain.rpd deviation_percent) averaged over the jenis belanja,
-- weighted by the gross pagu in force at the as-of month's end (the plain mean where those
-- weights sum to 0), or plainly; then the mean of the months assessed, both ways, as
-- monev.domain.ikpa.deviation_months and deviation compute it (missing: no month assessed).
create table agg_ikpa_bulanan (
    thang smallint not null, bulan_sd smallint not null, kdsatker varchar not null,
    pagu bigint not null,
    bulan_dinilai smallint,               -- months 1 .. bulan_sd with a plan or a realization
    deviasi_rata_pagu double,             -- the mean deviation (%), months weighted by pagu
    deviasi_rata_biasa double             -- the same with plain means over the jenis belanja
);

-- Capaian Output: over the satker's RO, each at its latest capaian report up to the as-of month,
-- the parts of the geometric mean of the achievement ratios capped at 1 (monev.domain.capaian).
create table agg_ikpa_capaian (
    thang smallint not null, bulan_sd smallint not null, kdsatker varchar not null,
    jumlah_ro integer not null,           -- RO with a ratio (target_vol > 0)
    log_rasio double not null,            -- sum of ln(ratio) over the positive ratios
    ada_nol boolean not null              -- a ratio is 0 (or below): the geometric mean is 0
);

-- The floating sums and means are ordered (by jenis belanja, month, RO) so that rebuilding a
-- satker's rows, after an undo or in an "as loaded at" copy, gives them again to the last bit.

-- The rows for the satker listed in a relation named staging_satker (thang, kdsatker), as in
-- schema 3; here, every satker.
create temp view staging_satker as
    select distinct thang, kdsatker from agg_ringkasan_bulanan
    union select distinct thang, kdsatker from fact_capaian;

create macro ikpa_bulanan_baru() as table
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
    per_bulan as (
        select thang, bulan_sd, kdsatker, bulan,
               case when sum(w) > 0 then sum(dev * w order by jenis_belanja) / sum(w)
                    else avg(dev order by jenis_belanja) end as pagu,
               avg(dev order by jenis_belanja) as biasa
        from dev_persen
        where dev is not null
        group by all
    ),
    deviasi as (
        select thang, bulan_sd, kdsatker, count(*)::smallint as bulan_dinilai,
               avg(pagu order by bulan) as deviasi_rata_pagu, avg(biasa order by bulan) as deviasi_rata_biasa
        from per_bulan
        group by all
    ),
    dinilai as (
        select thang, bulan_sd, kdsatker, sum(pagu)::bigint as pagu from bobot group by all
    )
    select n.thang, n.bulan_sd, n.kdsatker, n.pagu, d.bulan_dinilai, d.deviasi_rata_pagu, d.deviasi_rata_biasa
    from dinilai n
    left join deviasi d on d.thang = n.thang and d.bulan_sd = n.bulan_sd and d.kdsatker = n.kdsatker;

create macro ikpa_capaian_baru() as table
    with m as (
        select distinct s.thang, b.bulan_sd::smallint as bulan_sd
        from staging_satker s, range(1, 13) b(bulan_sd)
    ),
    ro as (
        select m.thang, m.bulan_sd, f.kdsatker, f.kdgiat, f.kdoutput, f.kdsoutput,
               arg_max(f.target_vol, f.bulan)::double as target_vol,
               arg_max(f.real_vol, f.bulan)::double as real_vol
        from fact_capaian f
        semi join staging_satker s on s.thang = f.thang and s.kdsatker = f.kdsatker
        join m on m.thang = f.thang and f.bulan <= m.bulan_sd
        group by all
    ),
    rasio as (
        -- monev.domain.capaian.ratio: real / target where the target is above 0, capped at 1
        select thang, bulan_sd, kdsatker, kdgiat, kdoutput, kdsoutput, least(real_vol / target_vol, 1.0) as rasio
        from ro
        where target_vol > 0
    )
    select thang, bulan_sd, kdsatker, count(*)::integer as jumlah_ro,
           coalesce(sum(ln(rasio) order by kdgiat, kdoutput, kdsoutput) filter (where rasio > 0), 0.0) as log_rasio,
           bool_or(rasio <= 0) as ada_nol
    from rasio
    group by all;

insert into agg_ikpa_bulanan select * from ikpa_bulanan_baru();
insert into agg_ikpa_capaian select * from ikpa_capaian_baru();
drop view staging_satker;
