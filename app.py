"""Monev Anggaran: entry point. Page setup, the warehouse, navigation; the pages do the rest."""
import streamlit as st

from monev.ui import startup

st.set_page_config(page_title="Monev Anggaran", page_icon="📊", layout="wide")


def _ready_warehouse():
    bar = st.progress(0.0, text="Menyiapkan gudang data contoh (hanya pada awal pertama)...")
    try:
        return startup.ensure_warehouse(lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg))
    finally:
        bar.empty()


try:
    st.session_state["warehouse_path"] = str(_ready_warehouse())
except startup.WarehouseMissing as exc:
    st.error(str(exc))
    st.stop()

navigation = st.navigation([st.Page("pages/ringkasan.py", title="Ringkasan", icon="🏠", default=True)])
navigation.run()
