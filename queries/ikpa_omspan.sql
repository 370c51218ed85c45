-- ikpa_omspan.sql
-- The official IKPA values (OM-SPAN export) of every selected satker: the latest report of the
-- fiscal year whose month is not after that of :sampai; null values where there is none.
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, bulan_resmi (month of the report used, null = none), resmi_revisi_dipa,
--          resmi_deviasi_halaman_iii, resmi_nilai_perencanaan, resmi_penyerapan,
--          resmi_belanja_kontraktual, resmi_penyelesaian_tagihan, resmi_pengelolaan_up_tup,
--          resmi_nilai_pelaksanaan, resmi_capaian_output, resmi_nilai (doubles)
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
),
o as (
    -- the whole row of the latest month (arg_max would skip an empty value and take an older one)
    select kode_satker, bulan as bulan_resmi,
           revisi_dipa::double as resmi_revisi_dipa,
           deviasi_halaman_iii_dipa::double as resmi_deviasi_halaman_iii,
           nilai_perencanaan::double as resmi_nilai_perencanaan,
           penyerapan_anggaran::double as resmi_penyerapan,
           belanja_kontraktual::double as resmi_belanja_kontraktual,
           penyelesaian_tagihan::double as resmi_penyelesaian_tagihan,
           pengelolaan_up_tup::double as resmi_pengelolaan_up_tup,
           nilai_pelaksanaan::double as resmi_nilai_pelaksanaan,
           capaian_output::double as resmi_capaian_output,
           nilai_akhir::double as resmi_nilai
    from fact_ikpa_omspan
    where tahun = :tahun and bulan <= month(CAST(:sampai AS DATE))
    qualify row_number() over (partition by kode_satker order by bulan desc) = 1
)
select s.kdsatker, o.bulan_resmi::integer as bulan_resmi, o.resmi_revisi_dipa, o.resmi_deviasi_halaman_iii,
       o.resmi_nilai_perencanaan, o.resmi_penyerapan, o.resmi_belanja_kontraktual,
       o.resmi_penyelesaian_tagihan, o.resmi_pengelolaan_up_tup, o.resmi_nilai_pelaksanaan,
       o.resmi_capaian_output, o.resmi_nilai
from s
left join o on o.kode_satker = s.kdsatker
order by s.kdsatker;
