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
