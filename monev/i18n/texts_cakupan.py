"""Texts about the viewer's scope (what a signed-in viewer may see), Indonesian first."""
TEXTS = {
    "cakupan_ppk_saja": ("Angka di halaman ini hanya mencakup baris anggaran PPK Anda ({daftar}).",
                         "The figures on this page cover only the budget lines of your PPK ({daftar})."),
    "cakupan_tingkat_satker": (
        "Halaman ini menampilkan ukuran yang disusun per satker (rencana penarikan dana, IKPA, capaian "
        "output) dan tidak dapat dipecah per PPK. Wewenang Anda hanya sebagian PPK dari satker, jadi "
        "halaman ini tidak tersedia; angka PPK Anda ada di halaman Ringkasan, Rincian anggaran, KPA dan "
        "PPK, Wilayah dan Tren tahunan.",
        "This page shows measures kept per satker (the withdrawal plan, IKPA, output achievement) that "
        "cannot be split per PPK. You may see only some PPK of a satker, so this page is not available; "
        "your PPK's figures are on the Overview, Budget drill-down, KPA and PPK, Regions and Yearly "
        "trends pages."),
    "cakupan_total": ("Total cakupan Anda", "Your scope's total"),
    "tautan_di_luar_wewenang": ("Sebagian pilihan di tautan di luar wewenang Anda dan diabaikan.",
                                "Some choices in the link are outside what you may see and were ignored."),
}
