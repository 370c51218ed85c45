-- pilihan_filter.sql
-- The values offered by the sidebar filters for a fiscal year, within the viewer's scope.
-- params: :tahun (int), scope
-- returns: jenis ('unit' | 'kewenangan' | 'lokasi'), kode, nama
with s as (
    select * from satker_terpilih(:tahun, :scope_unit, :scope_satker, [], [], [], [])
)
select distinct 'unit' as jenis, kdunit as kode, coalesce(nmunit, kdunit) as nama from s
union all
select distinct 'kewenangan', kewenangan, kewenangan from s
union all
select distinct 'lokasi', s.kdlokasi, coalesce(l.nmlokasi, s.kdlokasi)
from s left join dim_lokasi l on l.thang = s.thang and l.kdlokasi = s.kdlokasi
order by jenis, kode;
