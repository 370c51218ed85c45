"""Monev Anggaran: entry point. Page setup, the warehouse, the shared filters, navigation."""
import streamlit as st

from monev.ui import data, filters, startup
from monev.ui.texts import t

st.set_page_config(page_title="Monev Anggaran", page_icon="📊", layout="wide")


def _ready_warehouse() -> str:
    bar = st.progress(0.0, text="Menyiapkan gudang data contoh (hanya pada awal pertama)...")
    try:
        return str(startup.ensure_warehouse(lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg)))
    finally:
        bar.empty()


try:
    path = _ready_warehouse()
except startup.WarehouseMissing as exc:
    st.error(str(exc))
    st.stop()

engine = data.engine(path)
navigation = st.navigation([st.Page("pages/ringkasan.py", title=t("ringkasan"), icon="🏠", default=True)])
selection = filters.sidebar(engine)
data.set_context(engine, selection)
data.sidebar_status(engine, selection)
navigation.run()
