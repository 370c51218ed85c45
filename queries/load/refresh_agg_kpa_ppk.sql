-- Rebuild the KPA/PPK page's wide year (schema 12: agg_kpa_ppk) for the satker a pagu,
-- realization or snapshot load, an undo or an "as loaded at" copy touched; runs after the
-- summary aggregate's refresh, whose rows it pivots.
delete from agg_kpa_ppk
where exists (
    select 1 from staging_satker s
    where s.thang = agg_kpa_ppk.thang and s.kdsatker = agg_kpa_ppk.kdsatker
);

insert into agg_kpa_ppk select * from kpa_ppk_baru();
