-- ikpa_revisi.sql
-- Inputs of the IKPA Revisi DIPA indicator: the DIPA revision log of the selected satker, dated
-- up to :sampai (one row per revision and revision code).
-- params: :tahun (int), :sampai (date, a month end), scope and filters (lists, empty = all)
-- returns: kdsatker, no_revisi, tgl_revisi, kode_jenis
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)  -- a satker-level measure: none for a scope of PPK only
)
select v.kdsatker, v.no_revisi, v.tgl_revisi, v.kode_jenis
from fact_revisi v
join s on s.kdsatker = v.kdsatker
where v.thang = :tahun and v.tgl_revisi <= CAST(:sampai AS DATE)
order by v.kdsatker, v.tgl_revisi, v.no_revisi, v.kode_jenis;
