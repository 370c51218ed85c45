-- kpa_ppk_pejabat.sql
-- Who is accountable for each selected satker (its KPA) and each of its PPK, for the KPA/PPK page.
-- params: :tahun (int), scope and filters (lists, empty = all; jenis belanja does not apply)
-- returns: kdsatker, peran ('KPA' | 'PPK'), kdppk ('' for a KPA), nama, nip
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
)
select j.kdsatker, j.peran, j.kdppk, j.nama, j.nip
from dim_pejabat j
join s on s.kdsatker = j.kdsatker
where j.thang = :tahun
  and (j.peran = 'KPA' or (j.peran = 'PPK' and cakupan_ppk(:scope_ppk, j.kdsatker, j.kdppk)))
order by j.kdsatker, j.peran, j.kdppk;
