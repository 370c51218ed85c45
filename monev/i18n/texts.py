"""Texts in Indonesian (default) and English, for pages, views, the CLI and exported reports.

Pages ask `monev.ui.texts.t(key)`, which reads the viewer's language; everything else passes the
language to `text(key, lang)`. Missing keys fail loudly."""
from __future__ import annotations

from monev.i18n import (
    texts_access,
    texts_app,
    texts_cakupan,
    texts_capaian,
    texts_ikpa,
    texts_kpa_ppk,
    texts_muat,
    texts_pack,
    texts_rincian,
    texts_ringkasan,
    texts_rpd,
    texts_tindak_lanjut,
    texts_tren,
    texts_wilayah,
)

COMMON = {
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
}


def _joined(*tables: dict) -> dict:
    """One table of every area's texts; a key defined in two areas is a mistake, not an override."""
    joined: dict = {}
    for table in tables:
        clash = joined.keys() & table.keys()
        if clash:
            raise KeyError(f"Kunci teks ganda: {sorted(clash)}")
        joined.update(table)
    return joined


# one module per page or area: a new page adds its own texts_<page>.py and joins it here
TEXTS = _joined(COMMON, texts_ringkasan.TEXTS, texts_rincian.TEXTS, texts_kpa_ppk.TEXTS, texts_capaian.TEXTS,
                texts_rpd.TEXTS, texts_wilayah.TEXTS, texts_tren.TEXTS, texts_ikpa.TEXTS, texts_muat.TEXTS,
                texts_app.TEXTS, texts_cakupan.TEXTS, texts_access.TEXTS, texts_pack.TEXTS,
                texts_tindak_lanjut.TEXTS)

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
