"""Texts of the KPA dan PPK page, Indonesian first."""
TEXTS = {
    "kpa_subjudul": ("TA {tahun} s.d. {bulan}", "FY {tahun} to end of {bulan}"),
    "kpa_tingkat": ("Tampilkan per", "Show by"),
    "kpa_tingkat_satker": ("Satker (KPA)", "Work unit (KPA)"),
    "kpa_tingkat_ppk": ("PPK", "PPK"),
    "kpa_tertinggal": ("Hanya yang di bawah target", "Behind target only"),
    "kpa_judul_tabel": ("Realisasi per {tingkat} terhadap target, TA {tahun} s.d. {bulan}",
                        "Realization by {tingkat} against target, FY {tahun} to end of {bulan}"),
    "kpa_caption": ("Status = realisasi % ÷ target % × 100, dengan pita nilai IKPA: {pita}. Target % = target "
                    "akhir {bulan} per jenis belanja, dirata-rata dengan bobot pagu. Kebutuhan = rupiah yang "
                    "masih harus direalisasikan untuk mencapai target akhir {tw} ({bulan_tw}): "
                    "max(0, ⌈target % × pagu ÷ 100⌉ − realisasi). Persen terhadap pagu (blokir tidak dikurangkan).",
                    "Status = realized % ÷ target % × 100, with the IKPA score bands: {pita}. Target % = the "
                    "end-of-{bulan} target per spending type, weighted by budget. Needed = rupiah still to be "
                    "realized to reach the {tw} target (end of {bulan_tw}): "
                    "max(0, ⌈target % × budget ÷ 100⌉ − realization). Percentages of the budget (blocked "
                    "amounts not deducted)."),
    "kpa_unit": ("Unit", "Unit"),
    "kpa_satker": ("Satker", "Work unit"),
    "kpa_nama_satker": ("Nama satker", "Work unit name"),
    "kpa_kpa": ("KPA", "KPA"),
    "kpa_kol_ppk": ("PPK", "PPK"),
    "kpa_nama_ppk": ("Nama PPK", "PPK name"),
    "kpa_persen": ("Realisasi %", "Realized %"),
    "kpa_target_persen": ("Target %", "Target %"),
    "kpa_rasio": ("Realisasi ÷ target (%)", "Realized ÷ target (%)"),
    "kpa_status": ("Status", "Status"),
    "kpa_kebutuhan": ("Kebutuhan s.d. target {tw}", "Needed to reach {tw} target"),
    "kpa_tren": ("Realisasi kumulatif bulanan (% pagu)", "Cumulative monthly realization (% of budget)"),
    "kpa_semua_tercapai": ("Tidak ada yang di bawah target.", "None is behind target."),
    "kpa_lihat_ppk": ("Lihat PPK satker", "Show the PPKs of a work unit"),
    "kpa_judul_ppk_satker": ("PPK satker {satker}, TA {tahun} s.d. {bulan}",
                             "PPKs of work unit {satker}, FY {tahun} to end of {bulan}"),
    "kpa_judul_triwulan": ("Realisasi % dan status {tingkat} pada akhir tiap triwulan, TA {tahun} s.d. {bulan}",
                           "Realized % and status by {tingkat} at each quarter end, FY {tahun} to end of {bulan}"),
    "kpa_judul_sebaran": ("Jumlah {tingkat} per status pada akhir tiap triwulan, TA {tahun} s.d. {bulan}",
                          "Number of {tingkat} per status at each quarter end, FY {tahun} to end of {bulan}"),
    "kpa_caption_triwulan": ("Triwulan berjalan dihitung s.d. akhir {bulan}; pagu yang berlaku pada akhir "
                             "tiap triwulan.",
                             "The current quarter runs to the end of {bulan}; budget in force at each quarter end."),
    "kpa_jumlah": ("Jumlah", "Count"),
    "kpa_triwulan": ("Triwulan", "Quarter"),
    "kpa_band_sangat_baik": ("Sangat Baik", "Very good"),
    "kpa_band_baik": ("Baik", "Good"),
    "kpa_band_cukup": ("Cukup", "Fair"),
    "kpa_band_kurang": ("Kurang", "Poor"),
}
