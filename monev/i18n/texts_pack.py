"""Texts of the Rakor pack (deck, workbook, PDF) and its page "Bahan Rakor", Indonesian first."""
TEXTS = {
    "rakor": ("Bahan Rakor", "Rakor pack"),
    "pack_judul": ("Bahan Rapat Koordinasi Pelaksanaan Anggaran", "Budget Execution Coordination Meeting (Rakor) pack"),
    "pack_periode": ("Tahun anggaran {tahun}, s.d. akhir {bulan} ({tw})",
                     "Fiscal year {tahun}, to end of {bulan} ({tw})"),
    "pack_posisi": ("Posisi data s.d. {akhir}; realisasi (SP2D) terakhir di gudang data {tgl}, dimuat terakhir {muat}",
                    "Figures as of {akhir}; last realization (SP2D) in the warehouse {tgl}, last load {muat}"),
    "pack_cakupan": ("Cakupan: {cakupan}", "Scope: {cakupan}"),
    "pack_cakupan_semua": ("seluruh unit eselon I", "every echelon I unit"),
    "pack_dibuat": ("Dibuat {waktu} dengan Monev Anggaran", "Made {waktu} with Monev Anggaran"),
    "pack_contoh": ("DATA CONTOH: angka dibangkitkan, bukan data resmi",
                    "SAMPLE DATA: generated figures, not official"),
    "pack_kaki": ("Bahan Rakor · TA {tahun} s.d. {bulan} · {cakupan}",
                  "Rakor pack · FY {tahun} to {bulan} · {cakupan}"),
    "pack_halaman": ("Halaman {n}", "Page {n}"),
    # the headline
    "pack_judul_utama": ("Angka utama: pagu, realisasi dan target", "Headline: budget, realization and targets"),
    "pack_kol_tahun": ("Tahun anggaran", "Fiscal year"),
    "pack_kol_bulan": ("s.d. bulan", "To end of"),
    "pack_kol_persen": ("Realisasi (% pagu)", "Realized (% of budget)"),
    "pack_kol_target_bulan": ("Target s.d. bulan (%)", "Target to the month (%)"),
    "pack_kol_kekurangan": ("Kurang untuk target s.d. bulan", "Still needed for the month's target"),
    "pack_kol_target_tw": ("Target akhir {tw} (%)", "{tw} end target (%)"),
    "pack_kol_kebutuhan_tw": ("Kebutuhan s.d. target {tw}", "Needed for the {tw} target"),
    "pack_tahun_lalu": ("Setahun sebelumnya (TA {tahun} s.d. {bulan}): realisasi {persen} dari pagu {pagu}",
                        "A year earlier (FY {tahun} to {bulan}): realized {persen} of a budget of {pagu}"),
    "pack_tahun_lalu_tidak_ada": ("Tahun anggaran sebelumnya tidak ada di gudang data.",
                                  "The previous fiscal year is not in the warehouse."),
    "pack_ubin_realisasi": ("Realisasi", "Realization"),
    "pack_ubin_target": ("Target {tw}", "{tw} target"),
    "pack_ubin_kebutuhan": ("Masih diperlukan s.d. {tw}", "Still needed by {tw}"),
    "pack_dari_pagu": ("dari pagu {pagu}", "of a budget of {pagu}"),
    # the curve, units, jenis belanja
    "pack_judul_kurva": ("Realisasi kumulatif vs RPD dan target triwulan",
                         "Cumulative realization vs RPD and quarterly targets"),
    "pack_kol_bulan_nama": ("Bulan", "Month"),
    "pack_kol_realisasi_bulan": ("Realisasi bulan", "Realization of the month"),
    "pack_kol_realisasi_kumulatif": ("Realisasi kumulatif", "Cumulative realization"),
    "pack_kol_rpd_bulan": ("RPD bulan", "RPD of the month"),
    "pack_kol_rpd_kumulatif": ("RPD kumulatif", "Cumulative RPD"),
    "pack_kol_target_rupiah": ("Target triwulan (Rp)", "Quarterly target (Rp)"),
    "pack_judul_unit": ("Realisasi per unit eselon I vs target", "Realization by echelon I unit vs target"),
    "pack_judul_jenis": ("Realisasi per jenis belanja vs target", "Realization by spending type vs target"),
    "pack_kol_unit": ("Unit eselon I", "Echelon I unit"),
    "pack_kol_jenis": ("Jenis belanja", "Spending type"),
    "pack_kol_target_persen": ("Target (%)", "Target (%)"),
    # IKPA
    "pack_judul_ikpa": ("Nilai IKPA per unit eselon I", "IKPA score by echelon I unit"),
    "pack_total_cakupan": ("Total cakupan", "Scope total"),
    "pack_catatan_ikpa": ("Nilai dihitung dari data gudang (PER-5/PB/2024), tertimbang pagu; indikator tanpa data "
                          "tidak dihitung (bobot diskalakan ulang).",
                          "Scores computed from the warehouse (PER-5/PB/2024), pagu-weighted; indicators without "
                          "data are left out (weights rescaled)."),
    # needs attention
    "pack_judul_perhatian": ("Satker dan PPK perlu perhatian", "Work units and PPK needing attention"),
    "pack_tidak_ada": ("Tidak ada.", "None."),
    "pack_sebagian": ("{n} teratas dari {total}; daftar lengkap di lembar Excel \"{lembar}\".",
                      "The first {n} of {total}; the full list is in the workbook's sheet \"{lembar}\"."),
    "pack_kol_tingkat": ("Tingkat", "Level"),
    "pack_kol_satker": ("Satker", "Work unit"),
    "pack_kol_nama_satker": ("Nama satker", "Work unit name"),
    "pack_kol_ppk": ("PPK", "PPK"),
    "pack_kol_bobot": ("Bobot (poin)", "Weight (points)"),
    "pack_kol_alasan": ("Alasan", "Reasons"),
    # one slide per unit
    "pack_judul_per_unit": ("Unit {unit}", "Unit {unit}"),
    "pack_judul_unit_satker": ("Satker paling tertinggal dari target", "Work units furthest behind target"),
    "pack_judul_unit_ppk": ("Status PPK ({tw}, s.d. {bulan})", "PPK status ({tw}, to {bulan})"),
    "pack_unit_ringkas": ("Pagu {pagu}, realisasi {realisasi} ({persen}; target {target}); {behind} dari {satker} "
                          "satker di bawah target.",
                          "Budget {pagu}, realized {realisasi} ({persen}; target {target}); {behind} of {satker} "
                          "work units behind target."),
    "pack_semua_satker_tercapai": ("Semua satker unit ini mencapai target.",
                                   "Every work unit of this unit is on target."),
    "pack_kol_kpa": ("KPA", "KPA"),
    "pack_kol_status": ("Status", "Status"),
    "pack_kol_selisih": ("Selisih (poin %)", "Gap (% points)"),
    "pack_kol_jumlah_ppk": ("Jumlah PPK", "PPK count"),
    # the page
    "rakor_subjudul": ("Bahan Rakor TA {tahun} s.d. {bulan}: deck PowerPoint, buku kerja Excel dan PDF dari angka "
                       "yang sama dengan halaman dasbor.",
                       "Rakor pack for FY {tahun} to {bulan}: a PowerPoint deck, an Excel workbook and a PDF from "
                       "the same figures as the dashboard's pages."),
    "rakor_unit": ("Unit eselon I dalam bahan (kosong: semua dalam cakupan Anda)",
                   "Echelon I units in the pack (empty: all within your scope)"),
    "rakor_unit_bantuan": ("Awalnya unit yang dipilih di bilah samping. Filter lain di bilah samping (kewenangan, "
                           "jenis belanja, provinsi) tidak berlaku: bahan selalu mencakup seluruh belanja unitnya.",
                           "Starts with the units chosen in the sidebar. The sidebar's other filters (authority, "
                           "spending type, province) do not apply: the pack always covers all of its units' spending."),
    "rakor_bahasa": ("Bahasa bahan", "Pack language"),
    "rakor_buat": ("Buat bahan Rakor", "Build the Rakor pack"),
    "rakor_membuat": ("Membuat bahan Rakor...", "Building the Rakor pack..."),
    "rakor_siap": ("Bahan siap ({detik} detik). Unduh:", "The pack is ready ({detik} s). Download:"),
    "rakor_unduh_pptx": ("Unduh deck PowerPoint", "Download the PowerPoint deck"),
    "rakor_unduh_xlsx": ("Unduh buku kerja Excel", "Download the Excel workbook"),
    "rakor_unduh_pdf": ("Unduh PDF", "Download the PDF"),
    "rakor_gagal": ("Bahan Rakor tidak dapat dibuat (kode {kode}). Rinciannya dicatat di log server dengan kode itu.",
                    "The Rakor pack could not be built (code {kode}). The details are in the server log under "
                    "that code."),
    "rakor_isi": ("Isi: judul, tindak lanjut Rakor sebelumnya (halaman Tindak lanjut Rakor), angka utama, kurva "
                  "kumulatif, realisasi per unit dan per jenis belanja, IKPA per unit, daftar perlu perhatian, "
                  "dan satu halaman per unit eselon I.",
                  "Contents: title, the previous Rakor's follow-ups (page Rakor follow-ups), headline, cumulative "
                  "curve, realization by unit and by spending type, IKPA by unit, the needs-attention list, and one "
                  "slide per echelon I unit."),
    # the follow-ups on the pack's opening slide (their own texts: texts_tindak_lanjut.py)
    "pack_judul_tindak_lanjut": ("Tindak lanjut Rakor sebelumnya", "The previous Rakor's follow-ups"),
    "pack_catatan_tindak_lanjut": ("Dinilai dengan data s.d. akhir {bulan}, atau s.d. batas waktunya bila sudah "
                                   "lewat: {tercapai} tercapai, {berjalan} berjalan, {tidak} tidak tercapai.",
                                   "Judged with the data to the end of {bulan}, or to its due month when past: "
                                   "{tercapai} met, {berjalan} on its way, {tidak} missed."),
}
