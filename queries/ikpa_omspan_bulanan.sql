-- ikpa_omspan_bulanan.sql
-- ikpa_omspan.sql for every month up to :sampai at once: for each as-of month bulan_sd and
-- selected satker, the official IKPA values of its latest OM-SPAN report whose month is not after
-- bulan_sd; only satker and months that have one.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: bulan_sd, kdsatker, bulan_resmi (month of the report used), resmi_revisi_dipa,
--          resmi_deviasi_halaman_iii, resmi_nilai_perencanaan, resmi_penyerapan,
--          resmi_belanja_kontraktual, resmi_penyelesaian_tagihan, resmi_pengelolaan_up_tup,
--          resmi_nilai_pelaksanaan, resmi_capaian_output, resmi_nilai (doubles)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
),
m as (
    select bulan_sd::integer as bulan_sd from range(1, month(CAST(:sampai AS DATE)) + 1) t(bulan_sd)
),
o as (
    -- the whole row of the latest month (arg_max would skip an empty value and take an older one)
    select m.bulan_sd, o.kode_satker, o.bulan as bulan_resmi,
           o.revisi_dipa::double as resmi_revisi_dipa,
           o.deviasi_halaman_iii_dipa::double as resmi_deviasi_halaman_iii,
           o.nilai_perencanaan::double as resmi_nilai_perencanaan,
           o.penyerapan_anggaran::double as resmi_penyerapan,
           o.belanja_kontraktual::double as resmi_belanja_kontraktual,
           o.penyelesaian_tagihan::double as resmi_penyelesaian_tagihan,
           o.pengelolaan_up_tup::double as resmi_pengelolaan_up_tup,
           o.nilai_pelaksanaan::double as resmi_nilai_pelaksanaan,
           o.capaian_output::double as resmi_capaian_output,
           o.nilai_akhir::double as resmi_nilai
    from fact_ikpa_omspan o
    join m on o.bulan <= m.bulan_sd
    where o.tahun = :tahun
    qualify row_number() over (partition by m.bulan_sd, o.kode_satker order by o.bulan desc) = 1
)
select o.bulan_sd, s.kdsatker, o.bulan_resmi::integer as bulan_resmi, o.resmi_revisi_dipa,
       o.resmi_deviasi_halaman_iii, o.resmi_nilai_perencanaan, o.resmi_penyerapan,
       o.resmi_belanja_kontraktual, o.resmi_penyelesaian_tagihan, o.resmi_pengelolaan_up_tup,
       o.resmi_nilai_pelaksanaan, o.resmi_capaian_output, o.resmi_nilai
from o
join s on s.kdsatker = o.kode_satker
order by o.bulan_sd, s.kdsatker;
