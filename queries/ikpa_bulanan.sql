-- ikpa_bulanan.sql
-- For every month up to :sampai, the satker scored then (pagu or realization by the month's end)
-- with their gross pagu in force at that end and the stored Deviasi Halaman III and Capaian
-- Output inputs (schema 5: agg_ikpa_bulanan, agg_ikpa_capaian; missing where the satker has
-- none). The IKPA months without a jenis belanja filter: the aggregates hold every jenis belanja.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all; the
--         jenis belanja filter is not read: with one, monev.views.ikpa reads the facts instead)
-- returns: bulan_sd, kdunit, nmunit, kdsatker, nmsatker, pagu (BIGINT rupiah), bulan_dinilai,
--          deviasi_rata_pagu, deviasi_rata_biasa, jumlah_ro, log_rasio, ada_nol
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                  :f_kewenangan, :f_lokasi)
)
select a.bulan_sd::integer as bulan_sd, s.kdunit, s.nmunit, s.kdsatker, s.nmsatker, a.pagu,
       a.bulan_dinilai::integer as bulan_dinilai, a.deviasi_rata_pagu, a.deviasi_rata_biasa,
       c.jumlah_ro, c.log_rasio, c.ada_nol
from agg_ikpa_bulanan a
join s on s.kdsatker = a.kdsatker
left join agg_ikpa_capaian c on c.thang = a.thang and c.bulan_sd = a.bulan_sd and c.kdsatker = a.kdsatker
where a.thang = :tahun and a.bulan_sd <= month(CAST(:sampai AS DATE))
order by bulan_sd, s.kdunit, s.kdsatker;
