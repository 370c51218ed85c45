-- Schema version 19: the IKPA scores of every satker as of every month's end, kept with the
-- version they were scored for (issue 13: the IKPA page's first tab scored a national year's
-- 288.000 satker x month rows on every call, 0,36 s of its page data, above the 0,3 s target).

-- One row per year x as-of month x satker, as monev.views.ikpa.months computes them for every
-- satker without a filter (the scores of a satker do not depend on which others are selected, so
-- a selection's scores are these rows of its satker; with a jenis belanja filter the page scores
-- the facts itself). Written after a load or undo, in its draft, by the layer that scores them
-- (monev.views.ikpa.store_scores, passed to the load as `derived`): the warehouse cannot score.
-- Read only while ikpa_nilai_keadaan in warehouse_info equals keadaan_gudang(): every load and
-- undo takes a new batch number, every migration a new schema version, and a rewound copy
-- (undo/mundur_ke.sql) drops the key, so rows scored for another state are never read; without
-- them the page scores the aggregates as before.
create or replace table agg_ikpa_nilai (  -- or replace: tests rewind schema_version and migrate again
    thang smallint not null, bulan_sd smallint not null, kdsatker varchar not null,
    pagu bigint not null,
    penyerapan double, deviasi_halaman_iii double, revisi_dipa double, capaian_output double,
    belanja_kontraktual double, penyelesaian_tagihan double, pengelolaan_up_tup double,
    dispensasi_spm double, jumlah_spm integer, bulan_dispensasi integer, deviasi_rata double,
    nilai_tertimbang double, bobot_berlaku double, pengurang double, nilai double, kategori varchar,
    bulan_resmi integer,
    resmi_revisi_dipa double, resmi_deviasi_halaman_iii double, resmi_nilai_perencanaan double,
    resmi_penyerapan double, resmi_belanja_kontraktual double, resmi_penyelesaian_tagihan double,
    resmi_pengelolaan_up_tup double, resmi_nilai_pelaksanaan double, resmi_capaian_output double,
    resmi_nilai double
);

-- The warehouse's state as far as derived figures go: its schema version and the last batch
-- number taken (by a load or an undo, queries/batch_berikutnya.sql).
create or replace macro keadaan_gudang() as (
    coalesce((select value from warehouse_info where key = 'schema_version'), '') || ':' ||
    CAST(greatest(coalesce((select max(batch_id) from load_batch), 0),
                  coalesce((select max(CAST(value AS INTEGER)) from warehouse_info
                            where key = 'batch_terakhir'), 0)) AS VARCHAR)
);

delete from warehouse_info where key = 'ikpa_nilai_keadaan';
