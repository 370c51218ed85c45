"""Bahan Rakor: the Rakor pack (PowerPoint deck, Excel workbook, PDF) of the selected period,
within the viewer's scope, built by monev.pack from the same views as the other pages."""
import time
from functools import partial

import streamlit as st

from monev import pack
from monev.appdb import tindak_lanjut as follow_ups
from monev.i18n import format as fmt
from monev.ui import access, admission, data, guard
from monev.ui.texts import lang, t

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


def _audited(content: bytes, name: str, viewer, page) -> bytes:
    access.record("unduh", page=page, detail={"berkas": name}, viewer=viewer)
    return content


ctx = data.context(t("rakor"))
period = ctx.selection.period
st.caption(t("rakor_subjudul", tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang())))
st.caption(t("rakor_isi"))

units = data.view(pack.content.unit_choices, ctx)
names = dict(zip(units["kode"], units["nama"]))
left, right = st.columns([3, 1])
chosen = left.multiselect(t("rakor_unit"), list(names), format_func=lambda k: f"{k} {names[k]}", key="rakor_unit",
                          default=[u for u in ctx.selection.filters.units if u in names], placeholder=t("semua"),
                          help=t("rakor_unit_bantuan"))
language = right.radio(t("rakor_bahasa"), list(LANGUAGES), index=list(LANGUAGES).index(lang()),
                       format_func=LANGUAGES.get, key="rakor_bahasa")

# the files stay in the session for the download buttons' reruns, keyed by what they were made of
made_of = (str(ctx.engine.url.database), ctx.version, period, ctx.scope, tuple(chosen), language)  # follow-ups: rebuilt
if st.button(t("rakor_buat"), type="primary", key="rakor_buat"):
    with admission.long_step(t("rakor_membuat")):  # a pack takes seconds: not holding the room's line
        started = time.perf_counter()
        # a failure: a message naming the pack with a code, the details in the server log
        with guard.friendly_errors("rakor_gagal"):
            files = data.view(pack.for_page, ctx, units=tuple(chosen), lang=language, note=data.as_loaded_note(ctx),
                              commitments=follow_ups.listed(access.app_engine(), period.tahun))
    st.session_state["rakor_berkas"] = (made_of, files, time.perf_counter() - started)

viewer, page = st.session_state.get(access.VIEWER), st.session_state.get(access.PAGE)
built = st.session_state.get("rakor_berkas")
if built is not None and built[0] == made_of:
    _, files, seconds = built
    st.success(t("rakor_siap", detik=fmt.format_decimal(round(seconds, 1), lang(), "#,##0.0")))
    columns = st.columns(3)
    for column, suffix in zip(columns, pack.SUFFIXES):
        name = f"{files.name}.{suffix}"
        # audited when clicked, as every download (monev.ui.download): the call runs outside this run
        column.download_button(t(f"rakor_unduh_{suffix}"), data=partial(_audited, getattr(files, suffix), name, viewer,
                                                                                page),
                               file_name=name, mime=pack.MEDIA_TYPES[suffix], key=f"rakor_unduh_{suffix}",
                               on_click="ignore")
