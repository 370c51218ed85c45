-- Bring the summary aggregate (schema 3: per satker x PPK x jenis belanja x month) up to date
-- after a realisasi or realisasi_bulanan load (batch :batch_id), keeping the pagu in force it
-- holds (such a load changes no pagu); runs after the realization aggregate is up to date.
-- Only the satker x PPK x jenis belanja keys the batch touched change. A key the batch only added
-- to gets its old cumulative sums plus the batch's (exact: integer rupiah) instead of being summed
-- again from the line x month aggregate with the rest of its satker (macro
-- ringkasan_realisasi_baru, schema 9: 3 s of CPU nationally for a million lines); a key where the
-- batch superseded a line is summed again from the line x month aggregate, and disappears, as in a
-- rebuild, when it is left without pagu in any month and without realization.
create or replace temp table ringkasan_tambah as
select thang, kdsatker, kdppk, left(kdakun, 2) as jenis_belanja, month(tgl_sp2d)::smallint as bulan,
       sum(nilai)::bigint as realisasi
from fact_realisasi_hist
where batch_id = :batch_id
group by all;

create or replace temp table ringkasan_ulang as
select distinct thang, kdsatker, kdppk, left(kdakun, 2) as jenis_belanja
from fact_realisasi_hist
where superseded_by = :batch_id;

create or replace temp table agg_ringkasan_ganti as
with tambah as (
    -- the keys the batch only added to: the batch's months
    select t.*
    from ringkasan_tambah t
    anti join ringkasan_ulang u
      on u.thang = t.thang and u.kdsatker = t.kdsatker and u.kdppk = t.kdppk and u.jenis_belanja = t.jenis_belanja
),
ulang as (
    -- the keys the batch superseded a line of: every month again, from the line x month aggregate
    select a.thang, a.kdsatker, a.kdppk, a.jenis_belanja, a.bulan, sum(a.realisasi)::bigint as realisasi
    from agg_realisasi_bulanan a
    semi join ringkasan_ulang u
      on u.thang = a.thang and u.kdsatker = a.kdsatker and u.kdppk = a.kdppk and u.jenis_belanja = a.jenis_belanja
    group by all
),
kunci as (
    select distinct thang, kdsatker, kdppk, jenis_belanja, false as ulang from tambah
    union all
    -- a key summed again stays while it has realization or pagu in some month, as in a rebuild
    select k.thang, k.kdsatker, k.kdppk, k.jenis_belanja, true
    from ringkasan_ulang k
    where exists (select 1 from ulang u
                  where u.thang = k.thang and u.kdsatker = k.kdsatker and u.kdppk = k.kdppk
                    and u.jenis_belanja = k.jenis_belanja)
       or exists (select 1 from agg_ringkasan_bulanan o
                  where o.thang = k.thang and o.kdsatker = k.kdsatker and o.kdppk = k.kdppk
                    and o.jenis_belanja = k.jenis_belanja and o.ada_pagu)
),
grid as (
    select k.*, m.bulan::smallint as bulan from kunci k, range(1, 13) m(bulan)
),
bulanan as (
    -- per key and month: the months' realization to add (tambah) or to sum again (ulang)
    select g.thang, g.bulan, g.kdsatker, g.kdppk, g.jenis_belanja, g.ulang,
           coalesce(sum(coalesce(t.realisasi, u.realisasi)) over w, 0) as kumulatif,
           count(coalesce(t.realisasi, u.realisasi)) over w > 0 as ada
    from grid g
    left join tambah t
      on not g.ulang and t.thang = g.thang and t.bulan = g.bulan and t.kdsatker = g.kdsatker
     and t.kdppk = g.kdppk and t.jenis_belanja = g.jenis_belanja
    left join ulang u
      on g.ulang and u.thang = g.thang and u.bulan = g.bulan and u.kdsatker = g.kdsatker
     and u.kdppk = g.kdppk and u.jenis_belanja = g.jenis_belanja
    window w as (partition by g.thang, g.kdsatker, g.kdppk, g.jenis_belanja order by g.bulan
                 rows between unbounded preceding and current row)
)
select b.thang, b.bulan, b.kdsatker, b.kdppk, b.jenis_belanja,
       coalesce(o.pagu, 0) as pagu, coalesce(o.blokir, 0) as blokir,
       case when b.ulang then b.kumulatif else coalesce(o.realisasi_kumulatif, 0) + b.kumulatif end::bigint
           as realisasi_kumulatif,
       coalesce(o.ada_pagu, false) as ada_pagu,
       case when b.ulang then b.ada else coalesce(o.ada_realisasi, false) or b.ada end as ada_realisasi
from bulanan b
left join agg_ringkasan_bulanan o
  on o.thang = b.thang and o.bulan = b.bulan and o.kdsatker = b.kdsatker and o.kdppk = b.kdppk
 and o.jenis_belanja = b.jenis_belanja;

delete from agg_ringkasan_bulanan a
using (select thang, kdsatker, kdppk, jenis_belanja from ringkasan_tambah
       union select * from ringkasan_ulang) k
where k.thang = a.thang and k.kdsatker = a.kdsatker and k.kdppk = a.kdppk and k.jenis_belanja = a.jenis_belanja;

insert into agg_ringkasan_bulanan select * from agg_ringkasan_ganti;

drop table agg_ringkasan_ganti;

drop table ringkasan_tambah;

drop table ringkasan_ulang;
