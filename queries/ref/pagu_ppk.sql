-- The PPK holding each budget line in the pagu (any revision), for wide realization files that
-- carry no kdppk column.
select distinct thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk
from fact_pagu;
