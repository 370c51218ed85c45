-- ikpa_dispensasi_bulanan.sql
-- ikpa_dispensasi.sql for every month up to :sampai at once: for each as-of month bulan_sd and
-- selected satker, its latest dispensasi_spm report whose month is not after bulan_sd (the latest,
-- not the sum: see ikpa_dispensasi.sql); only satker and months that have one.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan_sd, kdsatker, bulan_dispensasi (month of the report used), jumlah_spm (int, may
--          be null), dispensasi_spm (double, the deduction in IKPA points)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
),
m as (
    select bulan_sd::integer as bulan_sd from range(1, month(CAST(:sampai AS DATE)) + 1) t(bulan_sd)
)
select m.bulan_sd, d.kdsatker, d.bulan::integer as bulan_dispensasi, d.jumlah_spm::integer as jumlah_spm,
       d.pengurang::double as dispensasi_spm
from fact_dispensasi_spm d
join m on d.bulan <= m.bulan_sd
join s on s.kdsatker = d.kdsatker
where d.thang = :tahun
qualify row_number() over (partition by m.bulan_sd, d.kdsatker order by d.bulan desc) = 1
order by m.bulan_sd, d.kdsatker;
