-- tindak_lanjut_ro.sql
-- The Rincian Output (RO) of each selected satker that a follow-up on output volume may name, with
-- their output reports (capaian) up to the month of :sampai: one row per RO and reported month, one
-- row with bulan null for an RO without a report yet. An RO is the satker's when one of its budget
-- lines of the fiscal year (any revision) or one of its reports names it.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all; jenis
--         belanja does not apply); capaian is kept per satker RO: nothing for a scope of PPK only
-- returns: kdsatker, kdgiat, kdoutput, kdsoutput, nmro, satuan (null: not in the RO reference),
--          bulan (null: no report), target_vol_x10000, real_vol_x10000 (BIGINT: the reported
--          decimal(18,4) volumes times 10.000, exact)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
),
ro as (
    select kdsatker, kdgiat, kdoutput, kdsoutput from fact_pagu
    where thang = :tahun and kdsatker in (select kdsatker from s)
    union
    select kdsatker, kdgiat, kdoutput, kdsoutput from fact_capaian
    where thang = :tahun and kdsatker in (select kdsatker from s)
),
c as (
    select kdsatker, kdgiat, kdoutput, kdsoutput, bulan,
           CAST(target_vol * 10000 AS BIGINT) as target_vol_x10000,
           CAST(real_vol * 10000 AS BIGINT) as real_vol_x10000
    from fact_capaian
    where thang = :tahun and bulan <= month(CAST(:sampai AS DATE))
)
select ro.kdsatker, ro.kdgiat, ro.kdoutput, ro.kdsoutput, d.nmro, d.satuan,
       c.bulan, c.target_vol_x10000, c.real_vol_x10000
from ro
left join c on c.kdsatker = ro.kdsatker and c.kdgiat = ro.kdgiat and c.kdoutput = ro.kdoutput
     and c.kdsoutput = ro.kdsoutput
left join dim_ro d on d.thang = :tahun and d.kdgiat = ro.kdgiat and d.kdoutput = ro.kdoutput
     and d.kdsoutput = ro.kdsoutput
where satker_utuh(:scope_ppk)  -- RO and their reports are the satker's: none for a scope of PPK only
order by ro.kdsatker, ro.kdgiat, ro.kdoutput, ro.kdsoutput, c.bulan;
