"""Cached access to the warehouse for pages: one engine per file, query results keyed by the
warehouse's last load so a new load shows at once."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from monev import reports
from monev.domain.period import Period
from monev.ui.texts import t
from monev.warehouse import batches, db, query
from monev.warehouse.query import EVERYTHING

CACHE_TTL_SECONDS = 600


def engine(path: str):
    """The engine of the warehouse version in force: asked once per run, so a load published by
    any process shows on the next run, and every view of one run reads the same version."""
    return db.engine(path)


def engine_as_loaded_at(path: str, batch_id: int):
    """The engine of a read-only copy of the warehouse as loaded at an earlier batch."""
    return db.engine(batches.as_loaded_at(path, batch_id), create=False)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=64)
def _asked(_engine, path: str, name: str, scope, params: tuple):
    return query.run(_engine, name, scope=scope, **dict(params))


def ask(engine, name: str, scope=EVERYTHING, **params):
    """A small query every run asks (the years, the last month, the filter choices), cached per
    warehouse version file and scope: a load or an undo publishes a new version file and a
    published one is never written again, so the path names its contents."""
    return _asked(engine, str(engine.url.database), name, scope, tuple(sorted(params.items())))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=16)
def _history(_engine, path: str):
    return batches.history(_engine)


def load_history(engine):
    """batches.history, cached per warehouse version file as ask() is."""
    return _history(engine, str(engine.url.database))


def data_version(engine) -> int:
    """The last load batch: part of every cache key, so cached figures never outlive a load."""
    return int(query.run(engine, "data_terakhir", tahun=0)["batch_terakhir"].fillna(0).iloc[0])


@dataclass(frozen=True)
class PageContext:
    warehouse: str  # the path users name; loads and undo write to it, as a new version
    engine: object  # read-only, on the version in force when this run started
    selection: object  # filters.Selection, or None when the warehouse has no budget yet
    sample: bool
    version: int  # the warehouse's last load batch when this run started: part of every cache key
    as_loaded: dict | None = None  # the batch the figures are shown "as loaded at"; None: current
    scope: query.Scope = query.EVERYTHING  # what this viewer may see; access control sets it


def set_context(warehouse: str, engine, selection, as_loaded: dict | None = None) -> None:
    st.session_state["page_context"] = PageContext(warehouse, engine, selection, reports.is_sample(engine),
                                                   data_version(engine), as_loaded)


def as_loaded_note(ctx: PageContext) -> str | None:
    """The line every page and export carries while figures are shown as loaded at a batch."""
    loaded = ctx.as_loaded
    if loaded is None:
        return None
    return t("per_batch_banner", id=loaded["batch_id"], nama=loaded["file_name"], waktu=loaded["loaded_at"])


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _view(_fn, _engine, name: str, path: str, version: int, tahun: int, bulan: int, scope, filters, options):
    return _fn(_engine, Period(tahun, bulan), scope=scope, filters=filters, **dict(options))


def view(fn, ctx: PageContext, **options):
    """fn(engine, period, scope, filters, **options), cached per warehouse version file, period,
    scope, filters and options; the function's qualified name keeps different views apart."""
    period = ctx.selection.period
    return _view(fn, ctx.engine, f"{fn.__module__}.{fn.__qualname__}", str(ctx.engine.url.database),
                 ctx.version, period.tahun, period.bulan, ctx.scope,
                 ctx.selection.filters, tuple(sorted(options.items())))


def context() -> PageContext:
    """What every page starts from; stops the page with a message when there is nothing to show."""
    ctx = st.session_state["page_context"]
    if ctx.sample:
        st.warning(t("sample_banner"))
    if ctx.as_loaded is not None:
        st.warning(as_loaded_note(ctx), icon=":material/history:")
    if ctx.selection is None:
        st.info(t("no_pagu"))
        st.stop()
    return ctx


def sidebar_status() -> None:
    """How current the data is, and the sample-data marker, under the filters."""
    ctx = st.session_state["page_context"]
    if ctx.selection is None:
        return
    last = ask(ctx.engine, "data_terakhir", tahun=ctx.selection.period.tahun).iloc[0]
    tgl = last["tgl_realisasi_terakhir"]
    muat = last["dimuat_terakhir"]
    st.sidebar.caption(t("freshness", tgl=str(tgl)[:10] if tgl == tgl and tgl is not None else "–",
                         muat=str(muat)[:16] if muat == muat and muat is not None else "–"))
    if ctx.sample:
        st.sidebar.caption("⚠ " + t("sample_banner"))
