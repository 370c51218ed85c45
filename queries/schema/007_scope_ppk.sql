-- Schema version 7: the viewer's scope down to the PPK (issue 11). A PPK sees only the budget and
-- realization lines of his own PPK; the tables that carry kdppk (fact_pagu, fact_realisasi and
-- the aggregates agg_realisasi_bulanan, agg_ringkasan_bulanan) are narrowed line by line, and the
-- satker-level measures (RPD plan, output achievement, revisions, IKPA and its inputs) are not
-- shown to a scope of PPK only: they cannot be split per PPK, and showing the satker's would show
-- figures of lines outside the scope. Numbered 7, not 6, beside another change that takes 6:
-- monev.warehouse.db applies every migration a warehouse has not had, whatever their order.

-- `scope_ppk` is a bound list of 'KDSATKER.KDPPK'; an empty list means no PPK restriction. 'or replace':
-- running it again is harmless (a warehouse whose recorded version was set back keeps the macros).
create or replace macro cakupan_ppk(scope_ppk, satker, ppk) as
    len(CAST(scope_ppk AS VARCHAR[])) = 0
    or list_contains(CAST(scope_ppk AS VARCHAR[]), satker || '.' || ppk);

-- Whether the scope covers whole satker, so satker-level measures may be shown.
create or replace macro satker_utuh(scope_ppk) as len(CAST(scope_ppk AS VARCHAR[])) = 0;
