"""Texts of the Capaian output (output achievement) page, Indonesian first."""
TEXTS = {
    "capaian_subjudul": ("TA {tahun} s.d. {bulan}", "FY {tahun} to end of {bulan}"),
    "capaian_tingkat": ("Tingkat", "Level"),
    "capaian_tingkat_ro": ("RO", "Output (RO)"),
    "capaian_tingkat_kegiatan": ("Kegiatan", "Activity"),
    "capaian_tingkat_program": ("Program", "Programme"),
    "capaian_tingkat_unit": ("Unit eselon I", "Echelon I unit"),
    "capaian_output": ("Capaian output (rata-rata geometrik)", "Output achievement (geometric mean)"),
    "capaian_keuangan": ("Realisasi keuangan (%)", "Financial realization (%)"),
    "capaian_fisik": ("Progres fisik (%)", "Physical progress (%)"),
    "capaian_ro_dilaporkan": ("RO dilaporkan", "RO reported"),
    "capaian_dibayar_belum_terwujud": ("Dibayar, belum terwujud", "Spent but not delivered"),
    "capaian_terwujud_belum_dibayar": ("Terwujud, belum dibayar", "Delivered but not paid"),
    "capaian_sejalan": ("Sejalan (selisih ≤ 10 poin)", "In line (gap ≤ 10 points)"),
    "capaian_judul_kuadran": ("Progres fisik vs realisasi keuangan per {level}, TA {tahun} s.d. {bulan}",
                              "Physical progress vs financial realization by {level}, FY {tahun} to end of {bulan}"),
    "capaian_judul_tabel": ("Capaian output per {level}, TA {tahun} s.d. {bulan}",
                            "Output achievement by {level}, FY {tahun} to end of {bulan}"),
    "capaian_belum_ada_laporan": ("Belum ada laporan capaian output s.d. bulan ini untuk pilihan ini.",
                                  "No output achievement report up to this month for this selection."),
    "capaian_catatan": (
        "Capaian = volume terealisasi / target per RO (laporan terakhir s.d. bulan ini, maks. 100%), "
        "diagregasi dengan rata-rata geometrik (PMK 22/2021); progres fisik = rata-rata tertimbang pagu; "
        "realisasi keuangan = realisasi / pagu RO.",
        "Achievement = realized / target volume per RO (latest report up to this month, at most 100%), "
        "aggregated by geometric mean (PMK 22/2021); physical progress = pagu-weighted mean; "
        "financial realization = realization / RO budget."),
    "capaian_posisi": ("Posisi", "Position"),
    "capaian_selisih": ("Fisik − keuangan (poin)", "Physical − financial (points)"),
    "capaian_nama": ("Uraian", "Name"),
    "capaian_volume": ("Volume (realisasi / target)", "Volume (realized / target)"),
}
