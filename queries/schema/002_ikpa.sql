-- Schema version 2: IKPA rule data per fiscal year and regulation, and the OM-SPAN IKPA export
-- (the Ministry of Finance's official IKPA values per satker and month). Both keep history like
-- the tables of version 1.

create table ref_ikpa_aturan_hist (
    thang smallint not null, peraturan varchar not null, parameter varchar not null,
    kunci varchar not null, nilai decimal(18, 4) not null,
    batch_id integer not null, superseded_by integer
);
create table fact_ikpa_omspan_hist (
    bulan smallint not null, tahun smallint not null, kode_kppn varchar not null,
    kode_ba varchar not null, kode_satker varchar not null, nama_satker varchar not null,
    revisi_dipa decimal(6, 2), deviasi_halaman_iii_dipa decimal(6, 2),
    nilai_perencanaan decimal(6, 2), penyerapan_anggaran decimal(6, 2),
    belanja_kontraktual decimal(6, 2), penyelesaian_tagihan decimal(6, 2),
    pengelolaan_up_tup decimal(6, 2), nilai_pelaksanaan decimal(6, 2),
    capaian_output decimal(6, 2), nilai_akhir decimal(6, 2),
    batch_id integer not null, superseded_by integer
);

create view ref_ikpa_aturan as select * exclude (batch_id, superseded_by) from ref_ikpa_aturan_hist where superseded_by is null;
create view fact_ikpa_omspan as select * exclude (superseded_by) from fact_ikpa_omspan_hist where superseded_by is null;
