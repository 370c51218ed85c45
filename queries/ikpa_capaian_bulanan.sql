-- ikpa_capaian_bulanan.sql
-- The RO reports behind the IKPA Capaian Output indicator for every month up to :sampai at
-- once: for each as-of month bulan_sd, each RO's latest capaian report up to that month, as
-- capaian_ro.sql reports it for a single month. With a jenis belanja filter an RO counts, as
-- there, only once it holds budget lines of that jenis belanja (in force or realized) by then:
-- from the first date it does, found once per RO rather than once per RO and month.
-- The IKPA months read it with a jenis belanja filter; without one, the schema 5 aggregate a
-- load keeps holds the same per satker (ikpa_bulanan.sql).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan_sd, kdsatker, kdgiat, kdoutput, kdsoutput, target_vol, real_vol, progres_fisik
--          (double)
with s as (
    -- the satker scored: a satker-level measure, none for a scope of PPK only (macros of schema 9)
    select kdsatker from ikpa_satker_dinilai(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker, :f_kewenangan,
                                             :f_lokasi, satker_utuh(:scope_ppk))
),
m as (select bulan_sd, akhir from ikpa_bulan_sd(:tahun, :sampai)),
c as (
    select m.bulan_sd, m.akhir, f.kdsatker, f.kdgiat, f.kdoutput, f.kdsoutput,
           arg_max(f.target_vol, f.bulan)::double as target_vol,
           arg_max(f.real_vol, f.bulan)::double as real_vol,
           arg_max(f.progres_fisik, f.bulan)::double as progres_fisik
    from fact_capaian f
    join m on f.bulan <= m.bulan_sd
    where f.thang = :tahun
    group by all
),
dengan_jenis as (
    -- empty without a jenis belanja filter: the planner builds the join below even when the
    -- where clause is already true
    select kdsatker, kdgiat, kdoutput, kdsoutput, min(mulai) as mulai
    from (
        select f.kdsatker, f.kdgiat, f.kdoutput, f.kdsoutput, min(f.tgl_revisi) as mulai
        from fact_pagu f
        where f.thang = :tahun and allowed(:f_jenis_belanja, left(f.kdakun, 2))
          and len(CAST(:f_jenis_belanja AS VARCHAR[])) > 0
        group by all
        union all
        select a.kdsatker, a.kdgiat, a.kdoutput, a.kdsoutput,
               last_day(make_date(CAST(:tahun AS INTEGER), min(a.bulan)::integer, 1)) as mulai
        from agg_realisasi_bulanan a
        where a.thang = :tahun and allowed(:f_jenis_belanja, a.jenis_belanja)
          and len(CAST(:f_jenis_belanja AS VARCHAR[])) > 0
        group by all
    )
    group by all
)
select c.bulan_sd, c.kdsatker, c.kdgiat, c.kdoutput, c.kdsoutput, c.target_vol, c.real_vol, c.progres_fisik
from c
join s on s.kdsatker = c.kdsatker
left join dengan_jenis d on d.kdsatker = c.kdsatker and d.kdgiat = c.kdgiat and d.kdoutput = c.kdoutput
                        and d.kdsoutput = c.kdsoutput
where len(CAST(:f_jenis_belanja AS VARCHAR[])) = 0 or d.mulai <= c.akhir
order by c.bulan_sd, c.kdsatker, c.kdgiat, c.kdoutput, c.kdsoutput;
