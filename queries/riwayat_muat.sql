-- riwayat_muat.sql
-- The load history: every batch loaded, newest first, with whether a later batch superseded some
-- of its rows (then it cannot be undone before that later batch).
-- params: none (load history is not per satker: run with query.reference, on the admins' page)
-- returns: batch_id, file_name, kind, row_count, loaded_at, loaded_by, sha256,
--          baris_dilampaui (rows superseded by later batches), dilampaui_oleh (those batches, text)
with dilampaui as (
    select batch_id, superseded_by from dim_lokasi_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_unit_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_satker_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_program_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_kegiatan_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_ro_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_akun_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from dim_pejabat_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from ref_target_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_pagu_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_rpd_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_realisasi_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_capaian_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_revisi_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from ref_ikpa_aturan_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_ikpa_omspan_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_dispensasi_spm_hist where superseded_by is not null
    union all
    select batch_id, superseded_by from fact_realisasi_kumulatif_hist where superseded_by is not null
)
select b.batch_id, b.file_name, b.kind, b.row_count, b.loaded_at, b.loaded_by, b.sha256,
       coalesce(d.baris, 0)::bigint as baris_dilampaui, coalesce(d.oleh, '') as dilampaui_oleh
from load_batch b
left join (
    select batch_id, count(*) as baris,
           string_agg(distinct superseded_by::varchar, ', ' order by superseded_by::varchar) as oleh
    from dilampaui group by batch_id
) d on d.batch_id = b.batch_id
order by b.batch_id desc;
