"""Excel downloads of exactly the rows a page shows, with rupiah as numbers.

Text cells are always written as text (xlsxwriter's strings_to_formulas off), so a value like
`=HYPERLINK(...)` from an imported file is shown, never run, by a spreadsheet.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from monev.ui import access, data, guard
from monev.ui.texts import t

SAMPLE_SHEET_NOTE = "DATA CONTOH: angka dibangkitkan, bukan data resmi."


def excel_bytes(frame: pd.DataFrame, sheet: str = "data", sample: bool = False, note: str | None = None) -> bytes:
    """The rows as a sheet; the sample marker and a note (e.g. "as loaded at batch 12") above them."""
    buffer = io.BytesIO()
    notes = [n for n in (SAMPLE_SHEET_NOTE if sample else None, note) if n]
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False,
                                                   "strings_to_urls": False}}) as writer:
        start = len(notes) + 1 if notes else 0
        frame.to_excel(writer, sheet_name=sheet[:31], index=False, startrow=start)
        for row, text in enumerate(notes):
            writer.sheets[sheet[:31]].write_string(row, 0, text)
    return buffer.getvalue()


def _workbook(frame: pd.DataFrame, name: str, sample: bool, note: str | None, viewer, page: str | None,
              finish: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> bytes:
    """Called by Streamlit when the button is clicked: the audit row, then the workbook."""
    access.record("unduh", page=page, detail={"tabel": name}, viewer=viewer)
    return excel_bytes(frame if finish is None else finish(frame), sheet=name, sample=sample, note=note)


def download_button(frame: pd.DataFrame, name: str, sample: bool = False, key: str | None = None,
                    finish: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> None:
    """The button; the workbook is written only when it is clicked (Streamlit 1.65 calls a callable
    `data` then, on its own thread), not on every run of every page: writing a 24.000-row sheet
    takes seconds, and most runs download nothing. A click does not rerun the page, so the audit of
    the download is written by that call too, with the viewer and page read now (the callable
    runs outside the page's run and its session state). finish(frame): what the rows still need
    before they are written (the attention list's words), done then too."""
    ctx = st.session_state.get(guard.CONTEXT_KEY)
    note = data.as_loaded_note(ctx) if ctx is not None else None
    st.download_button(
        t("download_excel"),
        data=partial(_workbook, frame, name, sample, note, st.session_state.get(access.VIEWER),
                     st.session_state.get(access.PAGE), finish),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key or f"unduh-{name}",
        on_click="ignore",
    )
