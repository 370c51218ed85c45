-- Rebuild the IKPA Penyerapan inputs (schema 13: agg_ikpa_penyerapan) for the satker a pagu or
-- realization load (or an undo, or a rewind) touched; runs after the summary aggregate
-- (refresh_agg_ringkasan*.sql), which it reads.
delete from agg_ikpa_penyerapan
where exists (
    select 1 from staging_satker s
    where s.thang = agg_ikpa_penyerapan.thang and s.kdsatker = agg_ikpa_penyerapan.kdsatker
);

insert into agg_ikpa_penyerapan select * from ikpa_penyerapan_baru();
