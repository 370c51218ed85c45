"""UI text in Indonesian (default) and English. Pages ask `t(key)`; missing keys fail loudly."""
from __future__ import annotations

import streamlit as st

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
    "no_data": ("Tidak ada data untuk pilihan ini.", "No data for this selection."),
    "no_pagu": ("Gudang data belum berisi pagu. Muat berkas dengan `python -m monev ingest`.",
                "The warehouse holds no budget yet. Load files with `python -m monev ingest`."),
    "freshness": ("Realisasi terakhir: {tgl} · dimuat terakhir: {muat}",
                  "Last realization: {tgl} · last load: {muat}"),
    "pagu": ("Pagu", "Budget (pagu)"),
    "blokir": ("Blokir", "Blocked"),
    "realisasi": ("Realisasi", "Realization"),
    "persen": ("Realisasi / pagu", "Realized / budget"),
    "target": ("Target", "Target"),
    "download_excel": ("Unduh Excel", "Download Excel"),
    "ringkasan": ("Ringkasan", "Overview"),
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


def lang() -> str:
    return st.session_state.get("lang", "id")


def t(key: str, **values) -> str:
    text = TEXTS[key][0 if lang() == "id" else 1]
    return text.format(**values) if values else text


def label(table: dict[str, tuple[str, str]], code: str) -> str:
    names = table.get(code)
    return f"{code} {names[0 if lang() == 'id' else 1]}" if names else code
