-- ikpa_dispensasi.sql
-- Input of the IKPA Dispensasi SPM deduction: for every selected satker, the deduction of its
-- latest dispensasi_spm report of the fiscal year whose month is not after that of :sampai.
-- The latest month, not the sum of the months: like the OM-SPAN IKPA values, a month's report
-- is taken as cumulative within the year (docs/ikpa.md, unverified), so summing would count
-- earlier dispensations again. Only satker that have a report.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, bulan_dispensasi (month of the report used), jumlah_spm (int, may be null),
--          dispensasi_spm (double, the deduction in IKPA points)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
)
select d.kdsatker, d.bulan::integer as bulan_dispensasi, d.jumlah_spm::integer as jumlah_spm,
       d.pengurang::double as dispensasi_spm
from fact_dispensasi_spm d
join s on s.kdsatker = d.kdsatker
where d.thang = :tahun and d.bulan <= month(CAST(:sampai AS DATE))
qualify row_number() over (partition by d.kdsatker order by d.bulan desc) = 1
order by d.kdsatker;
