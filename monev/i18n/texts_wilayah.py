"""Texts of the Wilayah (regions) page, Indonesian first."""
TEXTS = {
    "wilayah_subjudul": ("Realisasi per provinsi, satker {kew}, TA {tahun} s.d. {bulan}",
                         "Realization by province, {kew} work units, FY {tahun} to end of {bulan}"),
    "wilayah_pilih_kewenangan": ("Kewenangan satker", "Work-unit authority"),
    "wilayah_dan": ("dan", "and"),
    "wilayah_termasuk_kd": ("Termasuk kantor daerah (KD)", "Include regional offices (KD)"),
    "wilayah_judul_peta": ("Realisasi per provinsi (satker {kew}), TA {tahun} s.d. {bulan}",
                           "Realization by province ({kew} work units), FY {tahun} to end of {bulan}"),
    "wilayah_catatan_peta": (
        "Provinsi menurut lokasi satker (kode BPS, daftar provinsi tahun anggaran ini). Warna = realisasi "
        "dikurangi target bulan ini (poin persen): merah di belakang target, hijau di depannya; abu-abu = "
        "tanpa satker terpilih.",
        "Provinces by work-unit location (BPS code, this fiscal year's province list). Colour = realized "
        "minus this month's target (percentage points): red behind target, green ahead; grey = no "
        "selected work unit."),
    "wilayah_papua_lama": (
        "Kode Papua sebelum 2022 ({daftar}) mencakup beberapa provinsi hasil pemekaran 2022: angkanya "
        "digambar pada setiap wilayah itu, tidak dibagi.",
        "The pre-2022 Papua codes ({daftar}) cover several of the provinces created in 2022: their figure "
        "is drawn on each of those areas, not divided."),
    "wilayah_sumber_peta": (
        "Batas provinsi: Indonesia GeoJSON & TopoJSON Maps (38 Provinces), denyherianto, CC BY 4.0; "
        "bentuk tidak diubah.",
        "Province boundaries: Indonesia GeoJSON & TopoJSON Maps (38 Provinces), denyherianto, CC BY 4.0; "
        "shapes unchanged."),
    "wilayah_poin": ("poin", "points"),
    "wilayah_selisih": ("selisih", "difference"),
    "wilayah_skala": ("Realisasi − target<br>(poin persen)", "Realized − target<br>(percentage points)"),
    "wilayah_bentuk_bersama": ("Satu angka untuk {n} wilayah peta 2022 (ini: {nama})",
                               "One figure for {n} areas of the 2022 map (this one: {nama})"),
    "wilayah_unduh_peta": ("Data peta (satu baris per wilayah yang digambar)",
                           "Map data (one row per area drawn)"),
    "wilayah_judul_tabel": ("Tabel per provinsi (satker {kew}), TA {tahun} s.d. {bulan}",
                            "Table by province ({kew} work units), FY {tahun} to end of {bulan}"),
    "wilayah_kode": ("Kode", "Code"),
    "wilayah_jumlah_satker": ("Jumlah satker", "Work units"),
        "wilayah_tanpa_posisi": ("Tidak tergambar di peta (kode provinsi tanpa wilayah pada tahun ini): {daftar}",
                             "Not on the map (province code without an area in this year): {daftar}"),
    "wilayah_total": ("Jumlah {n} provinsi: pagu {pagu}, realisasi {realisasi} ({persen}).",
                      "{n} provinces in all: budget {pagu}, realized {realisasi} ({persen})."),
}
