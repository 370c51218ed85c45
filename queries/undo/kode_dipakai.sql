-- undo/kode_dipakai.sql
-- Reference codes that undoing batch :batch_id would remove (no other row in force provides them)
-- while rows in force still use them: undoing it would leave those rows pointing at nothing.
-- Every reference an import checks (monev.warehouse.formats, Kind.refs) is here; a test holds
-- the two lists equal.
-- params: :batch_id (int)
-- returns: referensi, kode, dipakai_di (the kind of rows using it), baris (how many), most first
with
satker_hilang as (
    select thang, kdsatker from dim_satker_hist where batch_id = :batch_id
    except
    select thang, kdsatker from dim_satker_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
),
unit_hilang as (
    select thang, kdunit from dim_unit_hist where batch_id = :batch_id
    except
    select thang, kdunit from dim_unit_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
),
lokasi_hilang as (
    select thang, kdlokasi from dim_lokasi_hist where batch_id = :batch_id
    except
    select thang, kdlokasi from dim_lokasi_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
    except
    -- a year left with no loaded province row falls back to the built-in list (schema 6)
    select d.thang, d.kdlokasi from lokasi_bawaan() d
    where not exists (select 1 from dim_lokasi_hist h where h.thang = d.thang and h.batch_id <> :batch_id
                      and (h.superseded_by is null or h.superseded_by = :batch_id))
),
program_hilang as (
    select thang, kdprogram from dim_program_hist where batch_id = :batch_id
    except
    select thang, kdprogram from dim_program_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
),
kegiatan_hilang as (
    select thang, kdgiat from dim_kegiatan_hist where batch_id = :batch_id
    except
    select thang, kdgiat from dim_kegiatan_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
),
ro_hilang as (
    select thang, kdgiat, kdoutput, kdsoutput from dim_ro_hist where batch_id = :batch_id
    except
    select thang, kdgiat, kdoutput, kdsoutput from dim_ro_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
),
ppk_hilang as (
    -- a PPK code is known while some pejabat row in force names it as PPK (queries/ref/pejabat.sql)
    select thang, kdsatker, kdppk from dim_pejabat_hist where batch_id = :batch_id and peran = 'PPK'
    except
    select thang, kdsatker, kdppk from dim_pejabat_hist
    where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id) and peran = 'PPK'
),
akun_hilang as (
    select kdakun from dim_akun_hist where batch_id = :batch_id
    except
    select kdakun from dim_akun_hist where batch_id <> :batch_id and (superseded_by is null or superseded_by = :batch_id)
)
select 'satker' as referensi, u.kdsatker as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join satker_hilang using (thang, kdsatker) where u.superseded_by is null group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'rpd' as dipakai_di, count(*)::bigint as baris
from fact_rpd u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'capaian' as dipakai_di, count(*)::bigint as baris
from fact_capaian u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'revisi' as dipakai_di, count(*)::bigint as baris
from fact_revisi u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'pejabat' as dipakai_di, count(*)::bigint as baris
from dim_pejabat u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kdsatker as kode, 'dispensasi_spm' as dipakai_di, count(*)::bigint as baris
from fact_dispensasi_spm u join satker_hilang using (thang, kdsatker) group by all
union all
select 'satker' as referensi, u.kode_satker as kode, 'ikpa_omspan' as dipakai_di, count(*)::bigint as baris
from fact_ikpa_omspan u join satker_hilang s on s.thang = u.tahun and s.kdsatker = u.kode_satker group by all
union all
select 'unit' as referensi, u.kdunit as kode, 'satker' as dipakai_di, count(*)::bigint as baris
from dim_satker u join unit_hilang using (thang, kdunit) group by all
union all
select 'lokasi' as referensi, u.kdlokasi as kode, 'satker' as dipakai_di, count(*)::bigint as baris
from dim_satker u join lokasi_hilang using (thang, kdlokasi) group by all
union all
select 'program' as referensi, u.kdprogram as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join program_hilang using (thang, kdprogram) group by all
union all
select 'program' as referensi, u.kdprogram as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join program_hilang using (thang, kdprogram) where u.superseded_by is null group by all
union all
select 'program' as referensi, u.kdprogram as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join program_hilang using (thang, kdprogram) group by all
union all
select 'program' as referensi, u.kdprogram as kode, 'kegiatan' as dipakai_di, count(*)::bigint as baris
from dim_kegiatan u join program_hilang using (thang, kdprogram) group by all
union all
select 'kegiatan' as referensi, u.kdgiat as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join kegiatan_hilang using (thang, kdgiat) group by all
union all
select 'kegiatan' as referensi, u.kdgiat as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join kegiatan_hilang using (thang, kdgiat) where u.superseded_by is null group by all
union all
select 'kegiatan' as referensi, u.kdgiat as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join kegiatan_hilang using (thang, kdgiat) group by all
union all
select 'kegiatan' as referensi, u.kdgiat as kode, 'ro' as dipakai_di, count(*)::bigint as baris
from dim_ro u join kegiatan_hilang using (thang, kdgiat) group by all
union all
select 'ro' as referensi, u.kdgiat::varchar || '.' || u.kdoutput::varchar || '.' || u.kdsoutput::varchar as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join ro_hilang using (thang, kdgiat, kdoutput, kdsoutput) group by all
union all
select 'ro' as referensi, u.kdgiat::varchar || '.' || u.kdoutput::varchar || '.' || u.kdsoutput::varchar as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join ro_hilang using (thang, kdgiat, kdoutput, kdsoutput) where u.superseded_by is null group by all
union all
select 'ro' as referensi, u.kdgiat::varchar || '.' || u.kdoutput::varchar || '.' || u.kdsoutput::varchar as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join ro_hilang using (thang, kdgiat, kdoutput, kdsoutput) group by all
union all
select 'ro' as referensi, u.kdgiat::varchar || '.' || u.kdoutput::varchar || '.' || u.kdsoutput::varchar as kode, 'capaian' as dipakai_di, count(*)::bigint as baris
from fact_capaian u join ro_hilang using (thang, kdgiat, kdoutput, kdsoutput) group by all
union all
select 'akun' as referensi, u.kdakun as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join akun_hilang using (kdakun) group by all
union all
select 'akun' as referensi, u.kdakun as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join akun_hilang using (kdakun) where u.superseded_by is null group by all
union all
select 'akun' as referensi, u.kdakun as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join akun_hilang using (kdakun) group by all
union all
select 'pejabat' as referensi, u.kdsatker || '.' || u.kdppk as kode, 'pagu' as dipakai_di, count(*)::bigint as baris
from fact_pagu u join ppk_hilang using (thang, kdsatker, kdppk) group by all
union all
select 'pejabat' as referensi, u.kdsatker || '.' || u.kdppk as kode, 'realisasi' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_hist u join ppk_hilang using (thang, kdsatker, kdppk) where u.superseded_by is null group by all
union all
select 'pejabat' as referensi, u.kdsatker || '.' || u.kdppk as kode, 'realisasi_kumulatif' as dipakai_di, count(*)::bigint as baris
from fact_realisasi_kumulatif u join ppk_hilang using (thang, kdsatker, kdppk) group by all
order by baris desc, referensi, kode, dipakai_di;
