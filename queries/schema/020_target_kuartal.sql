-- Schema version 20: the quarter-end targets per jenis belanja as a macro, which
-- queries/kpa_ppk_baris.sql and kpa_ppk_urut.sql each spelled out (their pagu x target sums must
-- take the same targets: the second orders the first's sums).

-- One row per jenis belanja with its target % at the end of quarter months 3, 6 and 9 (t_3, t_6,
-- t_9; NULL where none is given), from three parallel lists as the views bind them: the month,
-- the jenis belanja and the target % of each target (the columns named apart from the parameters,
-- which a macro's body would read in their place).
create or replace macro target_kuartal(target_bulan, target_jenis, target_persen) as table
    select jenis_belanja,
           any_value(persen) filter (where bulan = 3) as t_3,
           any_value(persen) filter (where bulan = 6) as t_6,
           any_value(persen) filter (where bulan = 9) as t_9
    from (select unnest(CAST(target_bulan AS INTEGER[])) as bulan,
                 unnest(CAST(target_jenis AS VARCHAR[])) as jenis_belanja,
                 unnest(CAST(target_persen AS DOUBLE[])) as persen)
    group by jenis_belanja;
