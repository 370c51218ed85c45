-- undo/dilampaui.sql
-- Which later batches superseded rows of a batch (so it cannot be undone before them)?
-- params: :batch_id (int)
-- returns: batch_id (the later batches, ascending), baris (how many of its rows each superseded)
select superseded_by as batch_id, count(*)::bigint as baris
from (
    select superseded_by from dim_lokasi_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_unit_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_satker_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_program_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_kegiatan_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_ro_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_akun_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from dim_pejabat_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from ref_target_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_pagu_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_rpd_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_realisasi_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_capaian_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_revisi_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from ref_ikpa_aturan_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_ikpa_omspan_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_dispensasi_spm_hist where batch_id = :batch_id and superseded_by is not null
    union all
    select superseded_by from fact_realisasi_kumulatif_hist where batch_id = :batch_id and superseded_by is not null
)
group by all
order by batch_id;
