"""Muat data (admins only): check uploaded CSV/XLSX files (kind, preview, every problem) without
loading them, load the clean ones, and the load history with undo. Works on an empty warehouse too.
File names come from users and loaded files: shown escaped, never as markdown."""
import streamlit as st

from monev.i18n.markdown import escape
from monev.ui import access, admission, data, guard
from monev.ui.data import data_version
from monev.ui.download import download_button
from monev.ui.texts import t
from monev.views import muat as views

ctx = guard.page_context()  # not data.context(): an empty warehouse is when loading matters most
viewer = access.require_admin()
engine = data.engine(ctx.warehouse)  # loads check against the current data, whatever is shown
st.title(t("muat"))
st.caption(t("muat_petunjuk"))

for note in st.session_state.pop("muat_pesan", []):  # what the last click did, shown once
    (st.success if note[0] else st.error)(escape(note[1]))
for number, (found, total) in enumerate(st.session_state.pop("muat_peringatan_dimuat", [])):
    st.warning(t("muat_peringatan", n=total))
    st.dataframe(found, hide_index=True, key=f"muat_peringatan_dimuat_{number}")
    download_button(found, f"peringatan_dimuat_{number + 1}", key=f"muat_unduh_peringatan_dimuat_{number}")

uploads = st.file_uploader(t("muat_pilih"), type=["csv", "xlsx"], accept_multiple_files=True, key="muat_berkas")
version = data_version(engine)
earlier = st.session_state.get("muat_periksa", {})
checked_cache = st.session_state["muat_periksa"] = {}  # checks of the files chosen now, at this version
for number, upload in enumerate(uploads or []):
    cache_key = (upload.file_id, version)
    checked = checked_cache[cache_key] = earlier.get(cache_key) or views.check_upload(
        engine, upload.name, upload.getvalue())
    result = checked.result
    with st.container(border=True, key=f"muat_berkas_{number}"):
        st.subheader(escape(result.file_name))
        st.caption(t("muat_jenis", jenis=checked.kind_label) if checked.kind_label else t("muat_jenis_tak_dikenal"))
        {"siap": st.success, "sudah_dimuat": st.info}.get(result.status, st.error)(escape(result.message))
        if checked.preview is not None:
            with st.expander(t("muat_pratinjau", n=len(checked.preview))):
                st.dataframe(checked.preview, hide_index=True)
        found = views.problems(result)
        if result.status == "ditolak" and not found.empty:  # a whole-file problem is its message only
            st.markdown(t("muat_masalah", n=result.total_problems))
            st.dataframe(found, hide_index=True)
            download_button(found, f"kesalahan_{number + 1}", key=f"muat_unduh_{number}")
        if result.total_warnings:
            st.warning(t("muat_peringatan_periksa", n=result.total_warnings))
            st.dataframe(result.warnings, hide_index=True, key=f"muat_peringatan_{number}")
            download_button(result.warnings, f"peringatan_{number + 1}", key=f"muat_unduh_peringatan_{number}")
        if st.button(t("muat_tombol"), key=f"muat_tombol_{number}", type="primary",
                     disabled=result.status != "siap"):
            with admission.long_step(t("muat_sedang", nama=result.file_name)):  # not holding the room's line
                loaded = views.load_upload(ctx.warehouse, upload.name, upload.getvalue(), loaded_by=viewer.name)
            access.record("muat", page="muat", detail={"berkas": loaded.file_name, "status": loaded.status,
                                                       "batch": loaded.batch_id, "baris": loaded.rows})
            st.session_state["muat_pesan"] = [(loaded.status == "dimuat", loaded.message)]
            if loaded.total_warnings:  # shown after the rerun, with their download
                st.session_state["muat_peringatan_dimuat"] = [(loaded.warnings, loaded.total_warnings)]
            st.rerun()  # data_version moved: every cached view is recomputed

st.subheader(t("muat_riwayat"))
history = data.per_version(views.history, engine)  # kept per version: a load or undo is a new one
if history.empty:
    st.info(t("muat_riwayat_kosong"))
else:
    shown = history.drop(columns="dapat_dibatalkan")
    st.dataframe(shown, hide_index=True, key="muat_riwayat",
                 column_config={c: t(f"muat_kol_{c}") for c in shown.columns})
    download_button(history, "riwayat_muat", key="muat_unduh_riwayat")

    st.subheader(t("muat_peringatan_batch_judul"))
    names = dict(zip(history["batch_id"], history["file_name"]))
    chosen = st.selectbox(t("muat_peringatan_batch_pilih"), list(names), index=None, key="muat_peringatan_batch",
                          format_func=lambda batch: f"{batch} · {names[batch]}")  # st.selectbox shows text only
    if chosen is not None:
        kept = views.warnings(engine, chosen)
        if kept.empty:
            st.info(t("muat_peringatan_batch_kosong", id=chosen))
        else:
            st.caption(t("muat_peringatan_batch_catatan", n=len(kept), per=views.MAX_WARNINGS_PER_RULE))
            st.dataframe(kept, hide_index=True, key="muat_peringatan_batch_tabel")
            download_button(kept, f"peringatan_batch_{chosen}", key="muat_unduh_peringatan_batch")

    st.subheader(t("muat_batal_judul"))
    pending = st.session_state.get("muat_batal")
    if pending is not None:
        st.warning(t("muat_batal_tanya", id=pending["id"], nama=escape(pending["nama"])))
        yes, no = st.columns(2)
        if yes.button(t("muat_ya"), key="muat_ya", type="primary"):
            done, message = views.undo(ctx.warehouse, pending["id"])
            access.record("batal_muat", page="muat", detail={"batch": pending["id"], "berhasil": done,
                                                             "hasil": message})
            st.session_state["muat_pesan"] = [(done, message)]
            del st.session_state["muat_batal"]
            st.rerun()
        if no.button(t("muat_tidak"), key="muat_tidak"):
            del st.session_state["muat_batal"]
            st.rerun()
    for row in history.head(views.UNDO_ROWS).itertuples(index=False):
        text, button = st.columns([5, 1])
        note = "" if row.dapat_dibatalkan else " — " + t("muat_dilampaui", oleh=row.dilampaui_oleh)
        text.markdown(f"**{row.batch_id}** · {escape(row.file_name)} · {row.kind} · {row.row_count} · "
                      f"{str(row.loaded_at)[:16]}{escape(note)}")
        if button.button(t("muat_batalkan"), key=f"muat_batal_{row.batch_id}", disabled=not row.dapat_dibatalkan):
            st.session_state["muat_batal"] = {"id": int(row.batch_id), "nama": row.file_name}
            st.rerun()
