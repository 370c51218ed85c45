"""Texts of the Tren tahunan (yearly trends) page, Indonesian first."""
TEXTS = {
    "tren_subjudul": ("Pagu dan realisasi TA {rentang}: tahun lalu posisi Desember, TA {akhir} s.d. {bulan}",
                      "Budget and realization FY {rentang}: past years as of December, FY {akhir} to end of {bulan}"),
    "tren_label_tahun": ("{tahun} (s.d. {bulan})", "{tahun} (to {bulan})"),
    "tren_judul_total": ("Pagu dan realisasi per tahun anggaran, TA {rentang} (TA {akhir} s.d. {bulan})",
                         "Budget and realization per fiscal year, FY {rentang} (FY {akhir} to end of {bulan})"),
    "tren_judul_unit": ("Realisasi/pagu per unit eselon I, TA {rentang} (TA {akhir} s.d. {bulan})",
                        "Realized/budget per echelon I unit, FY {rentang} (FY {akhir} to end of {bulan})"),
    "tren_judul_jenis": ("Realisasi/pagu per jenis belanja, TA {rentang} (TA {akhir} s.d. {bulan})",
                         "Realized/budget per spending type, FY {rentang} (FY {akhir} to end of {bulan})"),
    "tren_judul_kurva": ("Realisasi kumulatif (% pagu) per bulan, TA {rentang} (TA {akhir} s.d. {bulan})",
                         "Cumulative realization (% of budget) by month, FY {rentang} (FY {akhir} to end of {bulan})"),
    "tren_catatan_unit": (
        "Kode dan nama unit eselon I berbeda antartahun (reorganisasi 2022: tujuh unit menjadi lima). Unit "
        "dikelompokkan menurut kode dan nama pada tahunnya masing-masing; unit yang berbeda tidak digabung.",
        "Echelon I unit codes and names differ between years (the 2022 reorganisation turned seven units into "
        "five). Units are grouped by code and name of each year; different units are never merged."),
    "tren_catatan_filter_unit": (
        "Filter unit diterapkan menurut kode pada setiap tahun: kode yang sama dapat berarti unit lain di tahun lain.",
        "The unit filter applies by code in every year: the same code may mean another unit in another year."),
    "tren_catatan_kurva": ("Persen = realisasi kumulatif / pagu yang berlaku pada akhir bulan.",
                           "Percent = cumulative realization / budget in force at the end of the month."),
    "tren_bulan": ("Bulan", "Month"),
    "tren_rupiah": ("Rupiah", "Rupiah"),
    "tren_persen_pagu": ("% pagu", "% of budget"),
    "tren_judul_tabel_unit": ("Tabel per unit eselon I per tahun, TA {rentang} (TA {akhir} s.d. {bulan})",
                              "Table per echelon I unit and year, FY {rentang} (FY {akhir} to end of {bulan})"),
}
