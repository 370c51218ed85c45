"""Monev Anggaran: entry point. Page setup, the warehouse, the shared filters, navigation."""
import streamlit as st

from monev.ui import data, filters, startup
from monev.ui.texts import t

st.set_page_config(page_title="Monev Anggaran", page_icon=":material/monitoring:", layout="wide")


def _ready_warehouse() -> str:
    bar = st.progress(0.0, text=t("menyiapkan_contoh"))
    try:
        return str(startup.ensure_warehouse(lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg)))
    finally:
        bar.empty()


PAGES = [  # file, text key, icon
    ("pages/ringkasan.py", "ringkasan", ":material/home:"),
    ("pages/rincian.py", "rincian", ":material/account_tree:"),
    ("pages/kpa_ppk.py", "kpa_ppk", ":material/groups:"),
    ("pages/ikpa.py", "ikpa", ":material/speed:"),
    ("pages/capaian.py", "capaian", ":material/task_alt:"),
    ("pages/rpd.py", "rpd", ":material/calendar_month:"),
    ("pages/wilayah.py", "wilayah", ":material/map:"),
    ("pages/tren.py", "tren", ":material/trending_up:"),
    ("pages/muat.py", "muat", ":material/upload_file:"),
]
filters.language()  # before the menu: its page titles are in the chosen language
navigation = st.navigation([
    st.Page(file, title=t(key), icon=icon, url_path=key, default=(key == "ringkasan"))
    for file, key, icon in PAGES
])
# the navigation is declared first, so the menu shows page titles while the warehouse is built
try:
    path = _ready_warehouse()
except startup.WarehouseMissing as exc:
    st.error(str(exc))
    st.stop()

engine = data.engine(path)
as_loaded = filters.as_loaded_at(engine)
if as_loaded is not None:
    with st.spinner(t("per_batch_menyiapkan", id=as_loaded["batch_id"])):
        engine = data.engine_as_loaded_at(path, as_loaded["batch_id"])
selection = filters.sidebar(engine)
data.set_context(path, engine, selection, as_loaded)
data.sidebar_status()
navigation.run()
