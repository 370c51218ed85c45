"""Cached access to the warehouse for pages: one engine per file, query results keyed by the
warehouse's last load so a new load shows at once."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from monev import reports
from monev.ui import format as fmt
from monev.ui.texts import lang, t
from monev.warehouse import db, query

CACHE_TTL_SECONDS = 600


@st.cache_resource
def engine(path: str):
    return db.engine(path)


def data_version(engine) -> int:
    """The last load batch: part of every cache key, so cached figures never outlive a load."""
    return int(query.run(engine, "data_terakhir", tahun=0)["batch_terakhir"].fillna(0).iloc[0])


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _summary(_engine, path: str, version: int, tahun: int, bulan: int, scope, filters):
    return reports.budget_summary(_engine, reports.Period(tahun, bulan), scope, filters)


def summary(engine, period, scope=query.EVERYTHING, filters=query.NO_FILTER):
    return _summary(engine, str(engine.url), data_version(engine), period.tahun, period.bulan, scope, filters)


@dataclass(frozen=True)
class PageContext:
    engine: object
    selection: object  # filters.Selection, or None when the warehouse has no budget yet
    sample: bool


def set_context(engine, selection) -> None:
    st.session_state["page_context"] = PageContext(engine, selection, reports.is_sample(engine))


def context() -> PageContext:
    """What every page starts from; stops the page with a message when there is nothing to show."""
    ctx = st.session_state["page_context"]
    if ctx.sample:
        st.warning(t("sample_banner"))
    if ctx.selection is None:
        st.info(t("no_pagu"))
        st.stop()
    return ctx


def sidebar_status(engine, selection) -> None:
    if selection is None:
        return
    last = query.run(engine, "data_terakhir", tahun=selection.period.tahun).iloc[0]
    tgl = last["tgl_realisasi_terakhir"]
    muat = last["dimuat_terakhir"]
    st.sidebar.caption(t("freshness", tgl=str(tgl)[:10] if tgl == tgl and tgl is not None else "–",
                         muat=str(muat)[:16] if muat == muat and muat is not None else "–"))
    if reports.is_sample(engine):
        st.sidebar.caption("⚠ " + t("sample_banner"))
