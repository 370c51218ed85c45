"""Texts of the app's frame (entry, errors), Indonesian first."""
TEXTS = {
    "galat_halaman": ("Maaf, halaman ini gagal ditampilkan. Coba muat ulang halaman; bila masih gagal, "
                      "sampaikan kode {kode} kepada pengelola aplikasi.",
                      "Sorry, this page could not be shown. Try reloading it; if it still fails, give the "
                      "code {kode} to the app's administrator."),
    "galat_awal": ("Maaf, aplikasi gagal menyiapkan data. Coba muat ulang halaman; bila masih gagal, "
                   "sampaikan kode {kode} kepada pengelola aplikasi.",
                   "Sorry, the app could not prepare its data. Try reloading the page; if it still fails, "
                   "give the code {kode} to the app's administrator."),
}
# long tables, one page at a time (monev.ui.tables.paged)
TEXTS.update({
    "tabel_cari": ("Cari (kode atau nama)", "Search (code or name)"),
    "tabel_cari_petunjuk": ("mis. 019 atau Jakarta", "e.g. 019 or Jakarta"),
    "tabel_urut": ("Urutkan menurut", "Sort by"),
    "tabel_urut_asli": ("Urutan bawaan", "Default order"),
    "tabel_menurun": ("Menurun", "Descending"),
    "tabel_baris": ("Baris per halaman", "Rows per page"),
    "tabel_halaman": ("Halaman", "Page"),
    "tabel_posisi": ("Baris {awal}–{akhir} dari {jumlah}, halaman {halaman} dari {halaman_semua}",
                     "Rows {awal}–{akhir} of {jumlah}, page {halaman} of {halaman_semua}"),
    "tabel_hasil_cari": (" (hasil pencarian di antara {semula} baris)", " (found among {semula} rows)"),
    "tabel_unduh_semua": ("· Unduhan Excel memuat semua {jumlah} baris.", "· The Excel download holds all {jumlah} rows."),
    "tabel_tidak_ketemu": ("Tidak ada baris yang cocok dengan pencarian.", "No row matches the search."),
})
TEXTS.update({
    "tabel_cari_pilihan": ("Cari di antara {jumlah} pilihan (kode atau nama)", "Search {jumlah} choices (code or name)"),
    "tabel_pilihan_terpotong": ("{jumlah} cocok; {tampil} yang pertama ditawarkan. Persempit pencarian.",
                                "{jumlah} match; the first {tampil} are offered. Narrow the search."),
})
TEXTS.update({
    "capaian_grafik_terbesar": ("Grafik menampilkan {tampil} baris dengan pagu terbesar dari {jumlah}; tabel dan "
                                "unduhan memuat semuanya.",
                                "The chart shows the {tampil} rows with the largest budget of {jumlah}; the table "
                                "and the download hold them all."),
})
