"""Monev Anggaran: entry point. Page setup, the warehouse, who is looking, the shared filters,
navigation. The sign-in gate runs before any figure is drawn."""
import streamlit as st

from monev.ui import access, admission, data, filters, guard, startup
from monev.ui.texts import t

st.set_page_config(page_title="Monev Anggaran", page_icon=":material/monitoring:", layout="wide")


def _ready_warehouse() -> str:
    found = startup.existing_warehouse()
    if found is not None:  # every run but a first start's: no progress bar drawn and emptied each time
        return str(found)
    bar = st.progress(0.0, text=t("menyiapkan_contoh"))
    try:
        with admission.aside():  # the sample's build takes a while: no ticket held meanwhile
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
    ("pages/rakor.py", "rakor", ":material/slideshow:"),
    ("pages/tindak_lanjut.py", "tindak_lanjut", ":material/task:"),
]
ADMIN_PAGES = [  # loading and undo, the accounts and the audit: for admins only, absent for others
    ("pages/muat.py", "muat", ":material/upload_file:"),
    ("pages/pengguna.py", "pengguna", ":material/manage_accounts:"),
    ("pages/audit.py", "audit", ":material/policy:"),
]

# runs served a few at a time per process, in arrival order: in a room, the late sign-ins are not held
# up by the first sessions' next pages (monev/ui/admission.py); released however the run ends
with admission.turn():
    # any failure below: a message in the viewer's language with a code, the details in the server log
    with guard.friendly_errors("galat_awal"):
        filters.language()  # first: the sign-in page follows the language chosen too
        try:
            path = _ready_warehouse()
        except startup.WarehouseMissing as exc:
            st.error(str(exc))
            st.stop()
        engine = data.engine(path)
        # who is looking, before anything else is drawn; the menu holds only the pages of their role
        viewer = access.gate(data.version_of(engine).sample, [key for _, key, _ in PAGES + ADMIN_PAGES])
        navigation = st.navigation([
            st.Page(file, title=t(key), icon=icon, url_path=key, default=(key == "ringkasan"))
            for file, key, icon in PAGES + (ADMIN_PAGES if viewer.can_load() else [])
        ], expanded=True)  # every page listed: past 12 Streamlit folds the menu behind "View more"
        access.sidebar(viewer)
        scope = viewer.scope()  # what the viewer may see: every query, filter and cache below takes it
        as_loaded = filters.as_loaded_at(engine, scope=scope)
        if as_loaded is not None:
            with admission.long_step(t("per_batch_menyiapkan", id=as_loaded["batch_id"])):
                engine = data.engine_as_loaded_at(path, as_loaded["batch_id"])
        selection = filters.sidebar(engine, scope=scope)
        data.set_context(path, engine, selection, as_loaded, scope=scope)
        data.sidebar_status()
        access.record_page_view(viewer, navigation.url_path or "ringkasan",  # the default page's path is empty
                                access.page_view_detail(st.session_state[guard.CONTEXT_KEY]))
    with guard.friendly_errors("galat_halaman"):
        navigation.run()
