-- Schema version 19: ikpa_bulanan_baru() (schema 11) with the month's mean over the jenis belanja
-- folded in one window instead of two (issue 13: a million realization lines into the national
-- warehouse spend 3,1-3,5 s CPU refreshing agg_ikpa_bulanan; of that the sort of the 2 million
-- satker x jenis belanja x month x tahap rows for this fold is the largest step, and the former
-- window sorted them twice, once per window specification). The same operations on the same
-- values in the same order: the same bits on all 288.000 rows of the national warehouse after a
-- million-line load (docs/benchmarks.md, session 10, muat6), tests/test_ikpa_refresh.py. The
-- stored rows are unchanged, so nothing is rebuilt. Everything else as schema 11 explains it.

-- The macro binds the relation staging_satker when it is created (as schema 3 explains).
create temp view staging_satker as select distinct thang, kdsatker from agg_ringkasan_bulanan;

create or replace macro ikpa_bulanan_baru() as table
    with kode as (
        select thang, kdsatker, (row_number() over ())::bigint as ks from staging_satker
    ),
    r_kum as (
        select k.ks, a.jenis_belanja, a.bulan, sum(a.realisasi_kumulatif)::bigint as kumulatif,
               coalesce(sum(a.pagu) filter (where a.ada_pagu), 0)::bigint as pagu,
               bool_or(a.ada_pagu or a.ada_realisasi) as dinilai
        from agg_ringkasan_bulanan a
        join kode k on k.thang = a.thang and k.kdsatker = a.kdsatker
        group by all
    ),
    bulanan as (
        -- per satker x jenis belanja x month: the pagu in force at its end (the weight when it is an
        -- as-of month), whether the satker is scored then, and the month's own realization
        select ks, jenis_belanja, bulan, pagu, dinilai,
               kumulatif - coalesce(lag(kumulatif) over w, 0) as realisasi,
               pagu is distinct from lag(pagu) over w as pagu_berubah
        from r_kum
        window w as (partition by ks, jenis_belanja order by bulan)
    ),
    rencana as (
        select k.ks, x.jenis_belanja, x.bulan, x.bulan_sd_awal as awal, x.bulan_sd_akhir as akhir, x.rpd
        from agg_rpd_berlaku x
        join kode k on k.thang = x.thang and k.kdsatker = x.kdsatker
    ),
    ubah as (
        select ks, awal as t0 from rencana where awal > 1
        union select ks, bulan from bulanan where pagu_berubah and bulan > 1
        union select ks, 1 from kode
    ),
    tahap as (
        select ks, t0, coalesce(lead(t0) over (partition by ks order by t0) - 1, 12) as t1 from ubah
    ),
    kunci as (
        -- every satker x jenis belanja x month with a plan or a realization; awal: the first as-of
        -- month with a plan in force (13: none)
        select coalesce(p.ks, r.ks) as ks, coalesce(p.jenis_belanja, r.jenis_belanja) as jenis_belanja,
               coalesce(p.bulan, r.bulan) as bulan, coalesce(r.realisasi, 0) as realisasi,
               coalesce(p.awal, 13) as awal
        from (select ks, jenis_belanja, bulan, min(awal) as awal from rencana group by all) p
        full join (select ks, jenis_belanja, bulan, realisasi from bulanan where realisasi <> 0) r
          on r.ks = p.ks and r.jenis_belanja = p.jenis_belanja and r.bulan = p.bulan
    ),
    tahap_jenis as (
        -- the weight of each jenis belanja during a tahap: its pagu at the tahap's first month (0
        -- without one)
        select t.ks, j.jenis_belanja, t.t0, t.t1, coalesce(w.pagu, 0)::double as w
        from tahap t
        join (select distinct ks, jenis_belanja from kunci) j on j.ks = t.ks
        left join bulanan w on w.ks = t.ks and w.jenis_belanja = j.jenis_belanja and w.bulan = t.t0
    ),
    segmen as (
        -- the plan per key tiles the as-of months 1 .. 12: its rows, and before the first one (or
        -- for a key with realization only) no plan in force, rpd 0
        select p.ks, p.jenis_belanja, p.bulan, p.awal, p.akhir, p.rpd, coalesce(k.realisasi, 0) as realisasi
        from rencana p
        left join kunci k on k.ks = p.ks and k.jenis_belanja = p.jenis_belanja and k.bulan = p.bulan
        union all
        select ks, jenis_belanja, bulan, 1 as awal, awal - 1 as akhir, 0 as rpd, realisasi
        from kunci where awal > 1
    ),
    dev_persen as (
        -- monev.domain.rpd.deviation_percent: capped at 100, none where plan and realization are 0;
        -- per tahap, for the months up to its last as-of month
        select x.ks, x.jenis_belanja, x.bulan, t.t0, t.w,
               case when x.rpd > 0 then least(abs(x.rpd::double - x.realisasi::double) / x.rpd::double * 100.0, 100.0)
                    when x.realisasi <> 0 then 100.0 end as dev
        from segmen x
        join tahap_jenis t on t.ks = x.ks and t.jenis_belanja = x.jenis_belanja
                          and x.bulan <= t.t1 and t.t0 between x.awal and x.akhir
    ),
    per_bulan_baris as (
        -- the month's mean over the jenis belanja as running sums in jenis belanja order, taken at
        -- each group's last row (as schema 9), now with one window instead of two: the last row is
        -- the one without a next, and the weights' sum is the running one read there (the pagu
        -- are whole numbers, so their sum as doubles is exact in any order). The jenis belanja is
        -- unique in a group (one plan stretch per key and tahap), so the default frame (up to the
        -- current row and its peers) is the rows up to the current one.
        select ks, t0, bulan,
               sum(w) over urut as sum_w, sum(dev * w) over urut as sum_dw, avg(dev) over urut as avg_dev,
               lead(jenis_belanja) over urut is null as akhir
        from dev_persen
        where dev is not null
        window urut as (partition by ks, t0, bulan order by jenis_belanja)
    ),
    per_bulan as (
        select ks, t0, bulan,
               case when sum_w > 0 then sum_dw / sum_w else avg_dev end as pagu, avg_dev as biasa
        from per_bulan_baris
        where akhir
    ),
    berjalan as (
        -- the mean over the months so far, month by month within the tahap
        select ks, t0, bulan, count(*) over urut as bulan_dinilai,
               avg(pagu) over urut as deviasi_rata_pagu, avg(biasa) over urut as deviasi_rata_biasa
        from per_bulan
        window urut as (partition by ks, t0 order by bulan rows between unbounded preceding and current row)
    ),
    per_bulan_sd as (
        select t.ks, t.t0, b.bulan_sd::smallint as bulan_sd
        from tahap t, range(1, 13) b(bulan_sd)
        where b.bulan_sd between t.t0 and t.t1
    ),
    deviasi as (
        -- at as-of month t: the running mean at the last month up to t that was assessed
        select s.ks, s.bulan_sd, b.bulan_dinilai::smallint as bulan_dinilai, b.deviasi_rata_pagu, b.deviasi_rata_biasa
        from per_bulan_sd s
        asof join berjalan b on b.ks = s.ks and b.t0 = s.t0 and b.bulan <= s.bulan_sd
    ),
    dinilai as (
        select ks, bulan as bulan_sd, sum(pagu)::bigint as pagu from bulanan where dinilai group by all
    )
    select k.thang, n.bulan_sd, k.kdsatker, n.pagu, d.bulan_dinilai, d.deviasi_rata_pagu, d.deviasi_rata_biasa
    from dinilai n
    join kode k on k.ks = n.ks
    left join deviasi d on d.ks = n.ks and d.bulan_sd = n.bulan_sd;

drop view staging_satker;
