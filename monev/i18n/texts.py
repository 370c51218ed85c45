"""Texts in Indonesian (default) and English, for pages, views, the CLI and exported reports.

Pages ask `monev.ui.texts.t(key)`, which reads the viewer's language; everything else passes the
language to `text(key, lang)`. Missing keys fail loudly."""
from __future__ import annotations

TEXTS = {
    "app_title": ("Monev Anggaran", "Budget Monitoring"),
    "language": ("Bahasa", "Language"),
    "tahun": ("Tahun anggaran", "Fiscal year"),
    "sampai": ("Posisi data s.d.", "Data as of end of"),
    "unit": ("Unit eselon I", "Echelon I unit"),
    "kewenangan": ("Kewenangan", "Authority"),
    "jenis_belanja": ("Jenis belanja", "Spending type"),
    "lokasi": ("Provinsi", "Province"),
    "semua": ("Semua", "All"),
    "sample_banner": ("Data contoh: angka dibangkitkan untuk peragaan, bukan data resmi.",
                      "Sample data: generated figures for demonstration, not official data."),
    "menyiapkan_contoh": ("Menyiapkan gudang data contoh (hanya pada awal pertama)...",
                          "Preparing the sample warehouse (first start only)..."),
    "tautan_diabaikan": ("Nilai tidak dikenal di tautan diabaikan ({kunci}).",
                         "Unknown values in the link were ignored ({kunci})."),
    "no_data": ("Tidak ada data untuk pilihan ini.", "No data for this selection."),
    "no_pagu": ("Gudang data belum berisi pagu. Muat berkas dengan `python -m monev ingest`.",
                "The warehouse holds no budget yet. Load files with `python -m monev ingest`."),
    "freshness": ("Realisasi terakhir: {tgl} · dimuat terakhir: {muat}",
                  "Last realization: {tgl} · last load: {muat}"),
    "per_batch": ("Data sebagaimana dimuat", "Data as loaded at"),
    "per_batch_terkini": ("Terkini (semua batch)", "Current (every batch)"),
    "per_batch_bantuan": ("Tampilkan angka seperti sesudah batch ini dimuat, misalnya yang dilihat pada "
                          "Rakor yang lalu. Batch yang dibatalkan sesudahnya tetap tidak dihitung.",
                          "Show the figures as they were right after this batch was loaded, e.g. what the "
                          "last Rakor saw. Batches undone since stay out."),
    "per_batch_menyiapkan": ("Menyiapkan data sebagaimana dimuat pada batch {id}...",
                             "Preparing the data as loaded at batch {id}..."),
    "per_batch_banner": ("Data sebagaimana dimuat s.d. batch {id} ({nama}, {waktu}), bukan data terkini.",
                         "Data as loaded up to batch {id} ({nama}, {waktu}), not the current data."),
    "pagu": ("Pagu", "Budget (pagu)"),
    "blokir": ("Blokir", "Blocked"),
    "realisasi": ("Realisasi", "Realization"),
    "persen": ("Realisasi / pagu", "Realized / budget"),
    "target": ("Target", "Target"),
    "download_excel": ("Unduh Excel", "Download Excel"),
    "ringkasan": ("Ringkasan", "Overview"),
    "rincian": ("Rincian anggaran", "Budget drill-down"),
    "kpa_ppk": ("KPA dan PPK", "KPA and PPK"),
    "capaian": ("Capaian output", "Output achievement"),
    "rpd": ("Rencana vs realisasi", "Plan vs realization"),
    "wilayah": ("Wilayah", "Regions"),
    "tren": ("Tren tahunan", "Yearly trends"),
    "ikpa": ("IKPA dan peringatan dini", "IKPA and early warning"),
    # page texts: add below, one block per page, Indonesian first
    # Ringkasan (overview)
    "ringkasan_subjudul": ("TA {tahun} s.d. {bulan}", "FY {tahun} to end of {bulan}"),
    "ringkasan_target_persen": ("Target s.d. {bulan}", "Target to end of {bulan}"),
    "ringkasan_kekurangan": ("Kurang untuk capai target", "Still needed to reach target"),
    "ringkasan_tahun_lalu": ("Tahun lalu, TA {tahun} s.d. {bulan}", "A year earlier, FY {tahun} to end of {bulan}"),
    "ringkasan_judul_kurva": ("Realisasi kumulatif vs RPD dan target, TA {tahun} s.d. {bulan}",
                              "Cumulative realization vs RPD and target, FY {tahun} to end of {bulan}"),
    "ringkasan_judul_unit": ("Realisasi per unit eselon I vs target, TA {tahun} s.d. {bulan}",
                             "Realization by echelon I unit vs target, FY {tahun} to end of {bulan}"),
    "ringkasan_judul_jenis": ("Realisasi per jenis belanja vs target, TA {tahun} s.d. {bulan}",
                              "Realization by spending type vs target, FY {tahun} to end of {bulan}"),
    "ringkasan_judul_tertinggal": ("10 satker paling tertinggal dari target, TA {tahun} s.d. {bulan}",
                                   "The 10 work units furthest behind target, FY {tahun} to end of {bulan}"),
    "ringkasan_tidak_tertinggal": ("Tidak ada satker di bawah target.", "No work unit is behind target."),
    "ringkasan_seri_realisasi": ("Realisasi kumulatif", "Cumulative realization"),
    "ringkasan_seri_rpd": ("RPD kumulatif", "Cumulative RPD"),
    "ringkasan_seri_target": ("Target triwulan (target % × pagu)", "Quarterly target (target % × budget)"),
    "ringkasan_seri_persen": ("Realisasi (% pagu)", "Realized (% of budget)"),
    "ringkasan_seri_target_persen": ("Target (% pagu)", "Target (% of budget)"),
    "ringkasan_bulan": ("Bulan", "Month"),
    "ringkasan_rupiah": ("Rupiah", "Rupiah"),
    "ringkasan_persen_pagu": ("% pagu", "% of budget"),
    "ringkasan_satker": ("Satker", "Work unit"),
    "ringkasan_selisih": ("Selisih (poin %)", "Gap (% points)"),
    # Rincian anggaran (budget drill-down)
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
    # KPA dan PPK
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
    # Capaian output (output achievement)
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
    # Rencana vs realisasi (Halaman III DIPA)
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
    # ---- wilayah (page 6)
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
    # ---- tren (page 7)
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
    # ---- ikpa (IKPA dan peringatan dini)
    "ikpa_subjudul": ("Nilai IKPA, proyeksi akhir tahun dan daftar perlu perhatian, TA {tahun} s.d. {bulan}",
                      "IKPA scores, year-end projection and the needs-attention list, FY {tahun} to end of {bulan}"),
    "ikpa_tab_bulanan": ("Nilai per bulan", "Scores by month"),
    "ikpa_tab_peringkat": ("Peringkat satker", "Work-unit ranking"),
    "ikpa_tab_jejak": ("Jejak rumus", "Formula trace"),
    "ikpa_tab_proyeksi": ("Proyeksi akhir tahun", "Year-end projection"),
    "ikpa_tab_perhatian": ("Perlu perhatian", "Needs attention"),
    "ikpa_ukuran": ("Ukuran pada grafik", "Measure charted"),
    "ikpa_judul_bulanan": ("{ukuran} kementerian dan unit eselon I per bulan, TA {tahun} s.d. {bulan}",
                           "{ukuran} of the ministry and echelon I units by month, FY {tahun} to end of {bulan}"),
    "ikpa_judul_tabel_bulanan": ("Nilai IKPA dan komponennya per bulan, TA {tahun} s.d. {bulan}",
                                 "IKPA score and components by month, FY {tahun} to end of {bulan}"),
    "ikpa_catatan": ("Nilai dihitung dari data gudang (PER-5/PB/2024; aturan per tahun anggaran dapat diubah). "
                     "Unit dan kementerian: rata-rata tertimbang pagu nilai satker (asumsi, lihat docs/ikpa.md). "
                     "Indikator tanpa data tidak dihitung dan bobotnya dinormalkan ulang.",
                     "Scores computed from the warehouse (PER-5/PB/2024; rules per fiscal year are editable). "
                     "Units and the ministry: pagu-weighted mean of the work units' scores (an assumption, see "
                     "docs/ikpa.md). Indicators without data are left out and the weights rescaled."),
    "ikpa_judul_peringkat": ("Peringkat satker menurut nilai IKPA, TA {tahun} s.d. {bulan}",
                             "Work units ranked by IKPA score, FY {tahun} to end of {bulan}"),
    "ikpa_catatan_resmi": ("Kolom (OM-SPAN) = nilai resmi dari ekspor OM-SPAN bulan terakhir s.d. {bulan}, "
                           "di samping nilai hitungan.",
                           "Columns marked (OM-SPAN) are the official values of the latest OM-SPAN export up to "
                           "{bulan}, beside the computed ones."),
    "ikpa_pilih_satker": ("Satker", "Work unit"),
    "ikpa_pilih_bulan": ("Posisi bulan", "As of the end of"),
    "ikpa_judul_jejak": ("Jejak rumus IKPA satker {satker}, TA {tahun} s.d. {bulan}",
                         "IKPA formula trace of work unit {satker}, FY {tahun} to end of {bulan}"),
    "ikpa_tingkat_proyeksi": ("Proyeksi per", "Projection by"),
    "ikpa_tingkat_kementerian": ("Kementerian", "Ministry"),
    "ikpa_tingkat_unit": ("Unit eselon I", "Echelon I unit"),
    "ikpa_tingkat_jenis": ("Jenis belanja", "Spending type"),
    "ikpa_judul_proyeksi": ("Proyeksi realisasi akhir tahun dan rentangnya per {tingkat}, TA {tahun}, "
                            "dari data s.d. {bulan}",
                            "Projected year-end realization and its range by {tingkat}, FY {tahun}, "
                            "from data to end of {bulan}"),
    "ikpa_catatan_proyeksi": ("Proyeksi = realisasi s.d. bulan ini ÷ pola musiman tahun-tahun sebelumnya (atau "
                              "RPD bila tanpa riwayat), dibatasi pagu netto blokir; rentang = terendah–tertinggi "
                              "antartahun. Lihat docs/projection.md.",
                              "Projection = realization to date ÷ the seasonal pattern of earlier years (or the "
                              "RPD without history), capped at pagu net of blokir; range = lowest–highest over "
                              "the years. See docs/projection.md."),
    "ikpa_judul_kejar": ("Rupiah per bulan tersisa untuk mencapai target {tw} dan akhir tahun per satker, "
                         "TA {tahun} s.d. {bulan}",
                         "Rupiah per remaining month to reach the {tw} and year-end targets by work unit, "
                         "FY {tahun} to end of {bulan}"),
    "ikpa_catatan_kejar": ("Realistis = yang masih perlu direalisasikan s.d. batas waktu ≤ {faktor} × yang biasa "
                           "direalisasikan satker pada bulan-bulan itu menurut pola musimannya sendiri (riwayat "
                           "tahun-tahun sebelumnya, tanpa riwayat RPD, tanpa keduanya laju rata-rata), pada laju "
                           "sejauh ini. Lihat docs/projection.md.",
                           "Realistic = what is still needed by the deadline ≤ {faktor} × what the work unit usually "
                           "realizes in those months by its own seasonal pattern (earlier years; without history "
                           "the RPD; without either the average pace), at its pace so far. See docs/projection.md."),
    "ikpa_judul_perhatian": ("Satker dan PPK perlu perhatian (Rakor), TA {tahun} s.d. {bulan}",
                             "Work units and PPKs needing attention (Rakor), FY {tahun} to end of {bulan}"),
    "ikpa_tidak_ada_perhatian": ("Tidak ada satker atau PPK yang perlu perhatian.",
                                 "No work unit or PPK needs attention."),
    "ikpa_kol_bulan": ("Bulan", "Month"),
    "ikpa_kol_unit": ("Unit", "Unit"),
    "ikpa_kol_nama_unit": ("Nama unit", "Unit name"),
    "ikpa_kol_satker": ("Satker", "Work unit"),
    "ikpa_kol_nama_satker": ("Nama satker", "Work unit name"),
    "ikpa_kol_ppk": ("PPK", "PPK"),
    "ikpa_kol_tingkat": ("Tingkat", "Level"),
    "ikpa_kol_peringkat": ("Peringkat", "Rank"),
    "ikpa_kol_jumlah_satker": ("Jumlah satker", "Work units"),
    "ikpa_kol_nilai": ("Nilai IKPA", "IKPA score"),
    "ikpa_kol_kategori": ("Kategori", "Band"),
    "ikpa_kol_resmi": ("{nama} (OM-SPAN)", "{nama} (OM-SPAN)"),
    "ikpa_kol_bulan_resmi": ("Bulan OM-SPAN", "OM-SPAN month"),
    "ikpa_kol_indikator": ("Indikator", "Indicator"),
    "ikpa_kol_masukan": ("Masukan", "Inputs"),
    "ikpa_kol_perhitungan": ("Perhitungan", "Arithmetic"),
    "ikpa_kol_hasil": ("Hasil", "Result"),
    "ikpa_kol_proyeksi": ("Proyeksi akhir tahun", "Projected year end"),
    "ikpa_kol_proyeksi_bawah": ("Rentang bawah", "Range low"),
    "ikpa_kol_proyeksi_atas": ("Rentang atas", "Range high"),
    "ikpa_kol_proyeksi_persen": ("Proyeksi % pagu", "Projected % of budget"),
    "ikpa_kol_target_persen": ("Target akhir tahun %", "Year-end target %"),
    "ikpa_kol_kebutuhan_triwulan": ("Kebutuhan s.d. target {tw}", "Needed for the {tw} target"),
    "ikpa_kol_per_bulan_triwulan": ("Per bulan s.d. {tw}", "Per month to {tw}"),
    "ikpa_kol_realistis_triwulan": ("Realistis ({tw})", "Realistic ({tw})"),
    "ikpa_kol_kebutuhan_tahun": ("Kebutuhan s.d. target akhir tahun", "Needed for the year-end target"),
    "ikpa_kol_per_bulan_tahun": ("Per bulan s.d. Desember", "Per month to December"),
    "ikpa_kol_realistis_tahun": ("Realistis (akhir tahun)", "Realistic (year end)"),
    "ikpa_kol_laju": ("Laju rata-rata per bulan", "Average monthly pace"),
    "ikpa_kol_capai": ("Proyeksi capai target", "Projection reaches target"),
    "ikpa_kol_bobot": ("Bobot (poin)", "Weight (points)"),
    "ikpa_kol_alasan": ("Alasan", "Reasons"),
    "ikpa_ind_revisi_dipa": ("Revisi DIPA", "DIPA revisions"),
    "ikpa_ind_deviasi_halaman_iii": ("Deviasi Halaman III DIPA", "DIPA page III deviation"),
    "ikpa_ind_penyerapan": ("Penyerapan Anggaran", "Budget absorption"),
    "ikpa_ind_belanja_kontraktual": ("Belanja Kontraktual", "Contractual spending"),
    "ikpa_ind_penyelesaian_tagihan": ("Penyelesaian Tagihan", "Invoice settlement"),
    "ikpa_ind_pengelolaan_up_tup": ("Pengelolaan UP dan TUP", "UP/TUP management"),
    "ikpa_ind_capaian_output": ("Capaian Output", "Output achievement"),
    "ikpa_ind_nilai": ("Nilai IKPA", "IKPA score"),
    # ---- ikpa: needs-attention reasons, realism of the catch-up, the formula trace (monev.views)
    "ikpa_alasan_proyeksi": ("proyeksi akhir tahun {proyeksi} (rentang {bawah}–{atas}) di bawah target {target}",
                             "projected year end {proyeksi} (range {bawah}–{atas}) below the target {target}"),
    "ikpa_alasan_jenis": ("realisasi {jenis} {persen} vs target {target}", "{jenis} realization {persen} vs target {target}"),
    "ikpa_alasan_jenis_51": ("belanja pegawai", "personnel spending"),
    "ikpa_alasan_jenis_52": ("belanja barang", "goods and services spending"),
    "ikpa_alasan_jenis_53": ("belanja modal", "capital spending"),
    "ikpa_alasan_jenis_57": ("belanja bantuan sosial", "social assistance spending"),
    "ikpa_alasan_jenis_lain": ("jenis belanja {kode}", "spending type {kode}"),
    "ikpa_alasan_ikpa": ("IKPA {skor} ({kategori})", "IKPA {skor} ({kategori})"),
    "ikpa_realistis_dasar": ("menurut {dasar}", "by {dasar}"),
    "ikpa_realistis_sampai": ("s.d. {batas} perlu {perlu}, biasanya {pola}", "to {batas} needs {perlu}, usually {pola}"),
    "ikpa_realistis_tanpa_bulan": ("tidak ada bulan tersisa", "no month left"),
    "ikpa_dasar_riwayat satker": ("pola riwayat satker", "the work unit's own history"),
    "ikpa_dasar_riwayat unit": ("pola riwayat unit eselon I", "its echelon I unit's history"),
    "ikpa_dasar_riwayat jenis belanja": ("pola riwayat jenis belanja", "the spending type's history"),
    "ikpa_dasar_RPD": ("pola RPD", "the RPD plan"),
    "ikpa_dasar_laju rata-rata": ("laju rata-rata sejauh ini", "the average pace so far"),
    "ikpa_kol_alasan_realistis": ("Dasar penilaian realistis", "Why (not) realistic"),
    "ikpa_ind_dispensasi_spm": ("Dispensasi SPM", "SPM dispensation"),
    "ikpa_jejak_pa_jenis": ("{indikator} {tw} JB {jb}", "{indikator} {tw} spending type {jb}"),
    "ikpa_jejak_pa_masukan": ("pagu {pagu} - blokir {blokir} = {netto}; realisasi s.d. akhir {tw} {realisasi}; "
                              "target {target}",
                              "pagu {pagu} - blocked {blokir} = {netto}; realization to the end of {tw} {realisasi}; "
                              "target {target}"),
    "ikpa_jejak_pa_rumus": ("min(100; {persen} / {target} × 100)", "min(100, {persen} / {target} × 100)"),
    "ikpa_jejak_triwulan_masukan": ("rata-rata tertimbang pagu netto", "mean weighted by net pagu"),
    "ikpa_jejak_triwulan_berakhir": ("{n} triwulan yang sudah berakhir", "{n} quarters ended"),
    "ikpa_jejak_rata": ("rata-rata ({nilai})", "mean ({nilai})"),
    "ikpa_jejak_belum_triwulan": ("belum ada triwulan yang berakhir", "no quarter has ended yet"),
    "ikpa_jejak_deviasi": ("{indikator} (deviasi)", "{indikator} (deviation)"),
    "ikpa_jejak_deviasi_masukan": ("{n} bulan dinilai; deviasi per bulan {bobot}: {bulan}",
                                   "{n} months assessed; monthly deviation {bobot}: {bulan}"),
    "ikpa_jejak_bobot_pagu": ("tertimbang pagu per jenis belanja", "weighted by pagu per spending type"),
    "ikpa_jejak_bobot_biasa": ("rata-rata biasa", "plain mean"),
    "ikpa_jejak_deviasi_rata": ("rata-rata deviasi bulanan", "mean of the monthly deviations"),
    "ikpa_jejak_skor_masukan": ("deviasi {deviasi}, toleransi {toleransi}", "deviation {deviasi}, tolerance {toleransi}"),
    "ikpa_jejak_skor_rumus": ("100 bila deviasi ≤ {toleransi}, selain itu 100 − deviasi (asumsi, belum diverifikasi)",
                              "100 if the deviation is ≤ {toleransi}, otherwise 100 − deviation (assumption, unverified)"),
    "ikpa_jejak_revisi_periode": ("periode {periode}: {n} revisi dihitung", "period {periode}: {n} revisions counted"),
    "ikpa_jejak_revisi_rumus": ("per periode 100 bila ≤ {maks} revisi, selain itu {lebih} (asumsi, belum diverifikasi); "
                                "rata-rata periode",
                                "per period 100 with ≤ {maks} revisions, otherwise {lebih} (assumption, unverified); "
                                "mean over the periods"),
    "ikpa_jejak_ro": ("{n} RO dilaporkan", "{n} RO reported"),
    "ikpa_jejak_ro_rumus": ("rata-rata geometrik capaian RO (maks. 100% per RO)",
                            "geometric mean of the RO achievements (at most 100% each)"),
    "ikpa_jejak_resmi": ("nilai resmi OM-SPAN", "official OM-SPAN value"),
    "ikpa_jejak_tanpa_data": ("tidak ada data", "no data"),
    "ikpa_jejak_dari_omspan": ("diambil dari ekspor OM-SPAN", "taken from the OM-SPAN export"),
    "ikpa_jejak_tertimbang": ("Nilai tertimbang", "Weighted score"),
    "ikpa_jejak_berlaku": ("indikator yang berlaku: {indikator}", "indicators that apply: {indikator}"),
    "ikpa_jejak_tanpa_indikator": ("tidak ada indikator", "no indicator"),
    "ikpa_jejak_dispensasi": ("laporan {bulan}: {n} SPM dengan dispensasi", "report of {bulan}: {n} SPM with a dispensation"),
    "ikpa_jejak_dispensasi_rumus": ("pengurang laporan terakhir s.d. bulan penilaian, kumulatif dalam tahun "
                                    "(asumsi, belum diverifikasi)",
                                    "deduction of the latest report up to the month assessed, cumulative within "
                                    "the year (assumption, unverified)"),
    "ikpa_jejak_pengurang": ("pengurang {dispensasi} {nilai}", "deduction for {dispensasi} {nilai}"),
    "ikpa_jejak_nilai_rumus": ("{sebelum} − {pengurang} → kategori {kategori}", "{sebelum} − {pengurang} → band {kategori}"),
    # --- muat (Muat data)
    "muat": ("Muat data", "Load data"),
    "muat_pilih": ("Pilih berkas CSV atau XLSX (boleh beberapa)", "Choose CSV or XLSX files (several allowed)"),
    "muat_petunjuk": ("Setiap berkas diperiksa dulu tanpa dimuat; tombol Muat aktif hanya bila tidak ada "
                      "kesalahan. Format berkas: docs/import-formats.md.",
                      "Each file is checked first without loading it; the Load button is enabled only when "
                      "there are no problems. File formats: docs/import-formats.md."),
    "muat_jenis": ("Jenis data: {jenis}", "Data kind: {jenis}"),
    "muat_jenis_tak_dikenal": ("Jenis data: tidak dikenali", "Data kind: not recognised"),
    "muat_pratinjau": ("Pratinjau {n} baris pertama", "Preview of the first {n} rows"),
    "muat_masalah": ("Daftar kesalahan: {n} (baris, kolom, nilai, alasan)", "Problems: {n} (row, column, value, reason)"),
    "muat_tombol": ("Muat", "Load"),
    "muat_riwayat": ("Riwayat muat", "Load history"),
    "muat_riwayat_kosong": ("Belum ada berkas yang dimuat.", "No files loaded yet."),
    "muat_batalkan": ("Batalkan", "Undo"),
    "muat_batal_judul": ("Batalkan batch", "Undo a batch"),
    "muat_batal_tanya": ("Batalkan batch {id} ({nama})? Baris yang dimuatnya dihapus dan baris yang "
                         "digantikannya berlaku kembali.",
                         "Undo batch {id} ({nama})? The rows it loaded are removed and the rows it "
                         "replaced are in force again."),
    "muat_ya": ("Ya, batalkan", "Yes, undo"),
    "muat_tidak": ("Tidak", "No"),
    "muat_kol_batch_id": ("Batch", "Batch"),
    "muat_kol_file_name": ("Nama berkas", "File name"),
    "muat_kol_kind": ("Jenis data", "Data kind"),
    "muat_kol_row_count": ("Jumlah baris", "Rows"),
    "muat_kol_loaded_at": ("Waktu muat", "Loaded at"),
    "muat_kol_loaded_by": ("Dimuat oleh", "Loaded by"),
    "muat_kol_sha256": ("Sidik berkas (SHA-256)", "File hash (SHA-256)"),
    "muat_sedang": ("Memuat {nama}; bila pemuatan lain sedang berjalan, menunggu sampai selesai...",
                    "Loading {nama}; if another load is running, waiting for it to finish..."),
    "muat_kol_baris_dilampaui": ("Baris digantikan kemudian", "Rows superseded later"),
    "muat_kol_dilampaui_oleh": ("Digantikan oleh batch", "Superseded by batch"),
    "muat_dilampaui": ("tidak dapat dibatalkan: digantikan batch {oleh}", "cannot be undone: superseded by batch {oleh}"),
}
JENIS_BELANJA = {
    "51": ("Belanja pegawai", "Personnel"),
    "52": ("Belanja barang", "Goods and services"),
    "53": ("Belanja modal", "Capital"),
    "57": ("Bantuan sosial", "Social assistance"),
}
KEWENANGAN = {
    "KP": ("Kantor pusat", "Head office"),
    "KD": ("Kantor daerah", "Regional office"),
    "DK": ("Dekonsentrasi", "Deconcentration"),
    "TP": ("Tugas pembantuan", "Co-administration"),
}


def text(key: str, lang: str, **values) -> str:
    """A text in a given language ('id' or 'en'); missing keys fail loudly."""
    words = TEXTS[key][0 if lang == "id" else 1]
    return words.format(**values) if values else words


def label(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """A code with its name from one of the code tables above, e.g. '57 Bantuan sosial'."""
    names = table.get(code)
    return f"{code} {names[0 if lang == 'id' else 1]}" if names else code
