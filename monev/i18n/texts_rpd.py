"""Texts of the Rencana vs realisasi (Halaman III DIPA) page, Indonesian first."""
TEXTS = {
    "rpd_subjudul": ("Halaman III DIPA, TA {tahun} s.d. {bulan}", "DIPA page III, FY {tahun} to end of {bulan}"),
    "rpd_rencana": ("RPD (rencana)", "Plan (RPD)"),
    "rpd_rencana_kumulatif": ("RPD kumulatif", "Cumulative plan (RPD)"),
    "rpd_realisasi_kumulatif": ("Realisasi kumulatif", "Cumulative realization"),
    "rpd_pita": ("Toleransi ±5% dari RPD", "±5% tolerance around the plan"),
    "rpd_batas": ("Batas toleransi 5%", "5% tolerance limit"),
    "rpd_deviasi": ("Deviasi (%)", "Deviation (%)"),
    "rpd_deviasi_bulan": ("Deviasi bulan (tertimbang pagu)", "Month's deviation (pagu-weighted)"),
    "rpd_selisih": ("Selisih realisasi − RPD", "Realization − plan"),
    "rpd_dalam_toleransi": ("Dalam toleransi (≤ 5%)", "Within tolerance (≤ 5%)"),
    "rpd_ya": ("Ya", "Yes"),
    "rpd_tidak": ("Tidak", "No"),
    "rpd_bulan": ("Bulan", "Month"),
    "rpd_rata_deviasi": ("Rata-rata deviasi s.d. bulan ini", "Mean deviation to date"),
    "rpd_bulan_toleransi": ("Bulan dalam toleransi", "Months within tolerance"),
    "rpd_judul_bulanan": ("RPD dan realisasi per bulan dengan pita toleransi ±5%, TA {tahun} s.d. {bulan}",
                          "Plan (RPD) and realization per month with ±5% tolerance band, FY {tahun} to end of {bulan}"),
    "rpd_judul_kumulatif": ("RPD dan realisasi kumulatif, TA {tahun} s.d. {bulan}",
                            "Cumulative plan (RPD) and realization, FY {tahun} to end of {bulan}"),
    "rpd_judul_deviasi": ("Deviasi Halaman III DIPA per bulan, TA {tahun} s.d. {bulan}",
                          "DIPA page III deviation per month, FY {tahun} to end of {bulan}"),
    "rpd_judul_tabel": ("RPD vs realisasi per bulan dan jenis belanja, TA {tahun} s.d. {bulan}",
                        "Plan vs realization by month and spending type, FY {tahun} to end of {bulan}"),
    "rpd_catatan": (
        "RPD yang berlaku: pemutakhiran terakhir s.d. akhir bulan terpilih. Deviasi = |RPD − realisasi| / RPD "
        "(maks. 100%; 100% bila RPD nol tetapi ada realisasi); deviasi bulan = rata-rata tertimbang pagu "
        "antarjenis belanja. Angka untuk seluruh pilihan, bukan per satker.",
        "Plan in force: the latest update up to the end of the chosen month. Deviation = |plan − realization| / "
        "plan (at most 100%; 100% where the plan is zero but something was realized); the month's deviation is "
        "the pagu-weighted mean over spending types. Figures for the whole selection, not per work unit."),
}
