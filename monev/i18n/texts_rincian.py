"""Texts of the Rincian anggaran (budget drill-down) page, Indonesian first."""
TEXTS = {
    "rincian_semua": ("Semua unit", "All units"),
    "rincian_tingkat_unit": ("Unit eselon I", "Echelon I unit"),
    "rincian_tingkat_satker": ("Satker", "Work unit"),
    "rincian_tingkat_program": ("Program", "Programme"),
    "rincian_tingkat_kegiatan": ("Kegiatan", "Activity"),
    "rincian_tingkat_ro": ("KRO/RO", "Output (KRO/RO)"),
    "rincian_tingkat_akun": ("Akun", "Account"),
    "rincian_subjudul": ("TA {tahun} s.d. {bulan}", "FY {tahun} to end of {bulan}"),
    "rincian_pilih": ("Rinci satu {tingkat}", "Drill into one {tingkat}"),
    "rincian_pilih_kosong": ("Pilih untuk merinci", "Choose to drill down"),
    "rincian_petunjuk": ("Pilih satu baris tabel (atau dari daftar) untuk merinci ke tingkat berikutnya; "
                         "tombol jalur di atas untuk kembali.",
                         "Select a table row (or pick from the list) to drill into the next level; "
                         "use the path buttons above to go back up."),
    "rincian_judul_treemap": ("Pagu per {tingkat} (warna: realisasi / pagu), TA {tahun} s.d. {bulan}",
                              "Budget by {tingkat} (colour: realized / budget), FY {tahun} to end of {bulan}"),
    "rincian_judul_tabel": ("{tingkat}: pagu, blokir dan realisasi, TA {tahun} s.d. {bulan}",
                            "{tingkat}: budget, blocked and realization, FY {tahun} to end of {bulan}"),
    "rincian_caption": ("Sisa = pagu − realisasi (blokir tidak dikurangkan; blokir ditampilkan tersendiri). "
                        "% = realisasi / pagu. Pagu dan blokir yang berlaku pada akhir {bulan}; realisasi "
                        "kumulatif s.d. akhir {bulan}.",
                        "Remaining = budget − realization (blocked amounts are not deducted; they are shown "
                        "on their own). % = realization / budget. Budget and blocked amounts in force at the "
                        "end of {bulan}; realization cumulative to the end of {bulan}."),
    "rincian_terdalam": ("Akun adalah tingkat terdalam.", "Account is the deepest level."),
    "rincian_kode": ("Kode", "Code"),
    "rincian_nama": ("Uraian", "Name"),
    "rincian_sisa": ("Sisa (pagu − realisasi)", "Remaining (budget − realization)"),
    "rincian_persen": ("% realisasi", "% realized"),
}
