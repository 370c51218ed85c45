"""Cached access to the warehouse for pages: one engine per file, query results keyed by the
warehouse's last load so a new load shows at once, and by the viewer's scope, so a frame
computed for one viewer is never served to another who may see less."""
from __future__ import annotations

import os
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from monev import reports
from monev.domain.period import Period
from monev.i18n.markdown import escape
from monev.ui import guard
from monev.ui.texts import lang, t
from monev.views import muat
from monev.warehouse import batches, db, query

CACHE_TTL_SECONDS = 600


def engine(path: str):
    """The engine of the warehouse version in force: asked once per run, so a load published by
    any process shows on the next run, and every view of one run reads the same version."""
    return db.engine(path)


def engine_as_loaded_at(path: str, batch_id: int):
    """The engine of a read-only copy of the warehouse as loaded at an earlier batch."""
    return db.engine(batches.as_loaded_at(path, batch_id, derived=muat.DERIVED), create=False)


@dataclass(frozen=True)
class Version:
    """What every run asks of the warehouse version in force, answered once per version file: its
    last load batch, whether it holds the sample, and the load history the "as loaded at" control
    offers. Plain immutable values, shared by every session (no copy, no unpickling per run)."""
    number: int  # the last load batch: part of every cache key, so cached figures never outlive a load
    sample: bool
    batches: tuple  # (batch_id, file_name, kind, loaded_at 'YYYY-MM-DD HH:MM'), newest first


@st.cache_resource(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=64)
def _version(_engine, database: str, stamp: tuple) -> Version:
    history = batches.history(_engine)
    return Version(
        number=int(query.reference(_engine, "batch_berikutnya")["nomor"].iloc[0]) - 1,
        sample=bool(reports.is_sample(_engine)),
        batches=tuple((int(r.batch_id), r.file_name, r.kind, str(r.loaded_at)[:16])
                      for r in history.itertuples(index=False)))


def version_of(engine) -> Version:
    """The Version of the file `engine` reads. A published version is never written again
    (monev.warehouse.store); the file's size and time are in the key all the same, for a plain file
    that predates versions."""
    database = str(engine.url.database)
    info = os.stat(database)
    return _version(engine, database, (info.st_mtime_ns, info.st_size))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=64)
def _per_version(_fn, _engine, name: str, database: str, stamp: tuple):
    return _fn(_engine)


def per_version(fn, engine):
    """fn(engine), a frame, cached per warehouse version file like version_of() (a copy per run:
    the caller may change it): for a question of the whole warehouse a page asks on every run (the
    Muat page's load history)."""
    database = str(engine.url.database)
    info = os.stat(database)
    return _per_version(fn, engine, f"{fn.__module__}.{fn.__qualname__}", database, (info.st_mtime_ns, info.st_size))


def data_version(engine) -> int:
    """The last load batch: part of every cache key, so cached figures never outlive a load."""
    return version_of(engine).number


def _text(value, width: int) -> str:
    return str(value)[:width] if value == value and value is not None else "–"  # NaN/NaT/None: a dash


@dataclass(frozen=True)
class Offered:
    """What the sidebar offers a scope for one fiscal year of a warehouse version: the latest month
    with data, how current the data is, and the filter choices (code, name) within the scope."""
    latest_month: int | None
    last_realization: str  # 'YYYY-MM-DD', or a dash
    last_load: str  # 'YYYY-MM-DD HH:MM', or a dash
    choices: dict  # kind ('unit', 'kewenangan', 'lokasi') -> tuple of (code, name); never changed


@st.cache_resource(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _years(_engine, database: str, version: int, scope) -> tuple[int, ...]:
    return tuple(int(y) for y in query.run(_engine, "tahun_anggaran", scope=scope)["thang"])


@st.cache_resource(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _offered(_engine, database: str, version: int, scope, tahun: int) -> Offered:
    last = query.run(_engine, "data_terakhir", scope=scope, tahun=tahun).iloc[0]
    latest = last["bulan_terakhir"]
    options = query.run(_engine, "pilihan_filter", scope=scope, tahun=tahun)
    choices = {kind: tuple((r.kode, r.nama) for r in options[options.jenis == kind].itertuples(index=False))
               for kind in ("unit", "kewenangan", "lokasi")}
    return Offered(latest_month=int(latest) if latest == latest and latest is not None else None,
                   last_realization=_text(last["tgl_realisasi_terakhir"], 10),
                   last_load=_text(last["dimuat_terakhir"], 16), choices=choices)


def years(engine, *, scope: query.Scope) -> tuple[int, ...]:
    """The fiscal years within `scope`, newest first; asked once per warehouse version and scope (within
    a scope its joins over every line of a national warehouse cost a few hundred ms)."""
    return _years(engine, str(engine.url.database), data_version(engine), scope)


def offered(engine, *, scope: query.Scope, tahun: int) -> Offered:
    """The sidebar's choices and freshness for `scope` in year `tahun`, once per warehouse version."""
    return _offered(engine, str(engine.url.database), data_version(engine), scope, tahun)


@dataclass(frozen=True)
class PageContext:
    warehouse: str  # the path users name; loads and undo write to it, as a new version
    engine: object  # read-only, on the version in force when this run started
    selection: object  # filters.Selection, or None when the warehouse has no budget yet
    sample: bool
    version: int  # the warehouse's last load batch when this run started: part of every cache key
    scope: query.Scope  # what this viewer may see (the signed-in viewer's, decided once per run)
    as_loaded: dict | None = None  # the batch the figures are shown "as loaded at"; None: current


def set_context(warehouse: str, engine, selection, as_loaded: dict | None = None, *, scope: query.Scope) -> None:
    """What the pages of this run read: app.py passes the viewer's scope, which every view and
    cache key then takes from here (pages never build a scope themselves)."""
    if not isinstance(scope, query.Scope):
        raise TypeError("set_context: scope harus monev.warehouse.query.Scope")
    version = version_of(engine)
    st.session_state[guard.CONTEXT_KEY] = PageContext(warehouse, engine, selection, version.sample, version.number,
                                                      scope, as_loaded)


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


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _derived(_fn, name: str, path: str, version: int, tahun: int, bulan: int, scope, filters, key: tuple, _frames):
    return _fn(*_frames)


def derived(fn, ctx: PageContext, key: tuple, *frames):
    """fn(*frames) cached like a view: per warehouse version file, period, scope and filters, and
    `key`, which with those must determine the frames (they are not hashed: a page's frames come
    from cached views, so the view's key and the page's choices that cut them name them). For a
    page's pure reckoning over its figures that every run repeated (the status counts of KPA dan
    PPK)."""
    period = ctx.selection.period
    name = f"{fn.__code__.co_filename}:{fn.__qualname__}"  # pages run as __main__: their file tells them apart
    return _derived(fn, name, str(ctx.engine.url.database), ctx.version, period.tahun, period.bulan, ctx.scope,
                    ctx.selection.filters, key, frames)


class Drawn(go.Figure):
    """A figure built once and shown to every viewer with the same key (figure()): its dict, what
    st.plotly_chart serializes, is made once here rather than deep-copied from the figure on every
    run (the Wilayah map's 38 provinces: 19 ms a run). Never changed once built: the same object
    serves every session. to_dict hands out fresh containers down to the traces, so a caller that
    pops a key (plotly.io.to_json drops trace uids) cannot touch the kept dict."""

    def __init__(self, figure: go.Figure):
        super().__init__(figure)
        self._drawn = figure.to_dict()

    def to_dict(self) -> dict:
        drawn = self._drawn
        return {**drawn, "data": [dict(trace) for trace in drawn["data"]], "layout": dict(drawn["layout"])}


@st.cache_resource(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=512)
def _figure(_build, name: str, path: str, version: int, tahun: int, bulan: int, scope, filters, language: str,
            key: tuple, options: tuple, _frames):
    return Drawn(_build(*_frames, **dict(options)))


def figure(build, ctx: PageContext, key: tuple, *frames, **options) -> go.Figure:
    """build(*frames, **options), a plotly figure, built once per warehouse version file, load,
    period, scope, filters, the viewer's language, `key` and `options` (titles, labels: hashed), and
    shared by every run and session asking with the same: a figure cost a page run more than its
    cached data did (building and validating it). As with derived(), the frames are not hashed:
    `key` with the rest must determine them (the page's choices that cut them: a grain, a level, a
    drill path). The scope is in the key: a figure built for one viewer never reaches another who
    may see less. The figure returned is shared: draw it, never change it."""
    period = ctx.selection.period
    name = f"{build.__code__.co_filename}:{build.__qualname__}"  # pages run as __main__: their file tells them apart
    return _figure(build, name, str(ctx.engine.url.database), ctx.version, period.tahun, period.bulan, ctx.scope,
                   ctx.selection.filters, lang(), key, tuple(sorted(options.items())), frames)


def context(title: str, satker_level: bool = False) -> PageContext:
    """What every page starts from: its banners and its title (drawn here, so a page stopped
    below for lack of data still says which page it is); stops the page with a message when
    there is nothing to show.
    satker_level: the page shows measures kept per satker (RPD plan, IKPA, output achievement),
    which a viewer who sees only some PPK of a satker does not get: the page says so and stops."""
    ctx = guard.page_context()
    if ctx.sample:
        st.warning(t("sample_banner"))
    if ctx.as_loaded is not None:
        st.warning(escape(as_loaded_note(ctx)), icon=":material/history:")  # names a loaded file
    st.title(title)
    if ctx.scope.ppks:
        st.caption(t("cakupan_ppk_saja", daftar=scope_text(ctx.scope)))
    if ctx.selection is None:
        st.info(t("no_pagu"))
        st.stop()
    if satker_level and not ctx.scope.whole_satker:
        st.info(t("cakupan_tingkat_satker"))
        st.stop()
    return ctx


def scope_text(scope: query.Scope) -> str:
    """The PPK of a scope as 'satker 123456 PPK 01, ...', for the notes above."""
    return ", ".join(f"satker {s} PPK {p}" for s, p in scope.ppks)


def sidebar_status() -> None:
    """How current the data is, and the sample-data marker, under the filters."""
    ctx = st.session_state[guard.CONTEXT_KEY]  # set just before by app.py
    if ctx.selection is None:
        return
    last = offered(ctx.engine, scope=ctx.scope, tahun=ctx.selection.period.tahun)
    st.sidebar.caption(t("freshness", tgl=last.last_realization, muat=last.last_load))
    if ctx.sample:
        st.sidebar.caption("⚠ " + t("sample_banner"))
