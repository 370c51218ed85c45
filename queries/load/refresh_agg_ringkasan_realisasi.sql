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
    -- (a semi join to either, not `exists ... or exists`: that built a hash table of the whole
    -- summary aggregate even when the batch superseded nothing)
    select k.thang, k.kdsatker, k.kdppk, k.jenis_belanja, true
    from ringkasan_ulang k
    semi join (
        select thang, kdsatker, kdppk, jenis_belanja from ulang
        union all
        select o.thang, o.kdsatker, o.kdppk, o.jenis_belanja
        from agg_ringkasan_bulanan o
        semi join ringkasan_ulang u
          on u.thang = o.thang and u.kdsatker = o.kdsatker and u.kdppk = o.kdppk and u.jenis_belanja = o.jenis_belanja
        where o.ada_pagu
    ) x
      on x.thang = k.thang and x.kdsatker = k.kdsatker and x.kdppk = k.kdppk and x.jenis_belanja = k.jenis_belanja
),
bulan_nilai as (
    -- per key, the months' realization to add (tambah) or to sum again (ulang) side by side: one
    -- row per key and month in either, so max(case ...) takes it. Running sums along twelve
    -- columns, then unnested to a row per month, instead of a window over the key x month grid
    -- (its sort by four text columns was 1,5 of the statement's 1,7 s nationally,
    -- docs/benchmarks.md session 11, muat7)
    select thang, kdsatker, kdppk, jenis_belanja,
           max(case when bulan = 1 then realisasi end) as r1,
           max(case when bulan = 2 then realisasi end) as r2,
           max(case when bulan = 3 then realisasi end) as r3,
           max(case when bulan = 4 then realisasi end) as r4,
           max(case when bulan = 5 then realisasi end) as r5,
           max(case when bulan = 6 then realisasi end) as r6,
           max(case when bulan = 7 then realisasi end) as r7,
           max(case when bulan = 8 then realisasi end) as r8,
           max(case when bulan = 9 then realisasi end) as r9,
           max(case when bulan = 10 then realisasi end) as r10,
           max(case when bulan = 11 then realisasi end) as r11,
           max(case when bulan = 12 then realisasi end) as r12
    from (select * from tambah union all by name select * from ulang)
    group by thang, kdsatker, kdppk, jenis_belanja
),
berjalan as (
    select k.thang, k.kdsatker, k.kdppk, k.jenis_belanja, k.ulang,
           coalesce(r1, 0) as c1,
           c1 + coalesce(r2, 0) as c2,
           c2 + coalesce(r3, 0) as c3,
           c3 + coalesce(r4, 0) as c4,
           c4 + coalesce(r5, 0) as c5,
           c5 + coalesce(r6, 0) as c6,
           c6 + coalesce(r7, 0) as c7,
           c7 + coalesce(r8, 0) as c8,
           c8 + coalesce(r9, 0) as c9,
           c9 + coalesce(r10, 0) as c10,
           c10 + coalesce(r11, 0) as c11,
           c11 + coalesce(r12, 0) as c12,
           r1 is not null as a1,
           a1 or r2 is not null as a2,
           a2 or r3 is not null as a3,
           a3 or r4 is not null as a4,
           a4 or r5 is not null as a5,
           a5 or r6 is not null as a6,
           a6 or r7 is not null as a7,
           a7 or r8 is not null as a8,
           a8 or r9 is not null as a9,
           a9 or r10 is not null as a10,
           a10 or r11 is not null as a11,
           a11 or r12 is not null as a12
    from kunci k
    left join bulan_nilai n
      on n.thang = k.thang and n.kdsatker = k.kdsatker and n.kdppk = k.kdppk and n.jenis_belanja = k.jenis_belanja
),
bulanan as (
    -- per key and month: the running sum to its end (0: nothing yet) and whether any month had a row
    select thang, kdsatker, kdppk, jenis_belanja, ulang,
           unnest(range(1, 13))::smallint as bulan,
           unnest([c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12]) as kumulatif,
           unnest([a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12]) as ada
    from berjalan
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
