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
        "Gelembung di ibu kota provinsi (lokasi satker, kode BPS): luas = pagu, warna = realisasi/pagu.",
        "Bubbles at provincial capitals (work unit location, BPS code): area = budget, colour = realized/budget."),
    "wilayah_judul_tabel": ("Tabel per provinsi (satker {kew}), TA {tahun} s.d. {bulan}",
                            "Table by province ({kew} work units), FY {tahun} to end of {bulan}"),
    "wilayah_kode": ("Kode", "Code"),
    "wilayah_jumlah_satker": ("Jumlah satker", "Work units"),
    "wilayah_persen_realisasi": ("% realisasi", "% realized"),
    "wilayah_tanpa_posisi": ("Tidak tergambar di peta (kode provinsi tanpa posisi): {daftar}",
                             "Not on the map (province code without a position): {daftar}"),
    "wilayah_total": ("Jumlah {n} provinsi: pagu {pagu}, realisasi {realisasi} ({persen}).",
                      "{n} provinces in all: budget {pagu}, realized {realisasi} ({persen})."),
}
