"""The sidebar filters shared by every page, kept in the URL so a link reproduces the view.

Values in the URL that are not valid for the warehouse (an unknown year or code, a hostile
string) are dropped with a note, never passed on. The values offered, and so those kept from a
link, are only those within the viewer's scope: a link asking for another unit or province is
reduced to what the viewer may see (the note does not say whether the rest exists). The scope
itself never comes from the URL or a widget; the filters only narrow it further.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, KEWENANGAN
from monev.ui import data
from monev.ui.texts import label, lang, t
from monev.warehouse.query import Filters, Scope

URL_KEYS = {"unit": "unit", "kewenangan": "kew", "jenis_belanja": "jb", "lokasi": "prov"}


@dataclass(frozen=True)
class Selection:
    period: Period
    filters: Filters


def _from_url(key: str, allowed: list[str], scope: Scope) -> list[str]:
    wanted = st.query_params.get_all(key)
    kept = [v for v in wanted if v in allowed]
    if len(kept) < len(wanted):
        st.sidebar.caption(t("tautan_diabaikan", kunci=key) if scope.everything else t("tautan_di_luar_wewenang"))
    return kept


def _int_from_url(key: str, allowed: list[int], default: int) -> int:
    raw = st.query_params.get(key)
    return int(raw) if raw is not None and raw.isdigit() and int(raw) in allowed else default


def _keyed(state_key: str, allowed: list, initial):
    """Widgets keep their value in session state, seeded once from the URL; a value that is no
    longer offered (another year was chosen) falls back to the initial one."""
    current = st.session_state.get(state_key)
    valid = (all(v in allowed for v in current) if isinstance(current, list) else current in allowed)
    if current is None or not valid:
        st.session_state[state_key] = initial
    return state_key


def language() -> str:
    """The language control, first in the sidebar: every text after it follows the choice."""
    languages = ["id", "en"]
    chosen = st.sidebar.radio(t("language"), languages, horizontal=True,
                              key=_keyed("f_lang", languages, "en" if st.query_params.get("lang") == "en" else "id"),
                              format_func=lambda v: {"id": "Indonesia", "en": "English"}[v])
    st.session_state["lang"] = chosen
    st.query_params["lang"] = chosen
    return chosen


BATCH_CHOICES = 50  # the newest batches offered; an older one can still come from a link


def as_loaded_at(engine, *, scope: Scope) -> dict | None:
    """The "as loaded at" control: None for the current data, else the chosen batch's history row
    (batch_id, file_name, loaded_at). Kept in the URL as `batch`. A viewer who does not see every
    satker is shown each batch's kind of data instead of its file name, which may name a satker
    (the figures as loaded then are within the scope like every other)."""
    history = data.version_of(engine).batches
    # (file name, loaded at) by batch; the kind of data in place of a file name for a partial scope
    rows = {batch: (name if scope.everything else kind, at) for batch, name, kind, at in history}
    offered = [None, *list(rows)[:BATCH_CHOICES]]
    raw = st.query_params.get("batch")
    wanted = int(raw) if raw is not None and raw.isdigit() and int(raw) in rows else None
    if raw is not None and wanted is None:
        st.sidebar.caption(t("tautan_diabaikan", kunci="batch"))
    if wanted is not None and wanted not in offered:
        offered.append(wanted)
    chosen = st.sidebar.selectbox(
        t("per_batch"), offered, key=_keyed("f_batch", offered, wanted), help=t("per_batch_bantuan"),
        # the widget shows its placeholder, not format_func(None), while None is chosen
        placeholder=t("per_batch_terkini"),
        format_func=lambda b: t("per_batch_terkini") if b is None else f"{b} · {rows[b][0]} · {rows[b][1]}")
    if chosen is None:
        st.query_params.pop("batch", None)
        return None
    st.query_params["batch"] = str(chosen)
    file_name, loaded_at = rows[chosen]
    return {"batch_id": chosen, "file_name": file_name, "loaded_at": loaded_at}


def sidebar(engine, *, scope: Scope) -> Selection | None:
    """Draw the filters, offering only what `scope` may see; None when the warehouse has no fiscal
    year (within the scope) yet."""
    language = lang()
    with st.sidebar:
        years = list(data.years(engine, scope=scope))
        if not years:
            return None
        tahun = st.selectbox(t("tahun"), years, key=_keyed("f_tahun", years, _int_from_url("tahun", years, years[0])))
        offered = data.offered(engine, scope=scope, tahun=tahun)
        latest = offered.latest_month or 12
        months = list(range(1, 13))
        bulan = st.selectbox(t("sampai"), months, key=_keyed("f_sampai", months, _int_from_url("sampai", months,
                                                                                               latest)),
                             format_func=lambda m: fmt.month_name(m, language))
        units, places = dict(offered.choices["unit"]), dict(offered.choices["lokasi"])
        chosen = {}
        for field, allowed, show in (
            ("unit", list(units), lambda c: f"{c} {units.get(c, '')}"),
            ("kewenangan", [code for code, _ in offered.choices["kewenangan"]], lambda c: label(KEWENANGAN, c)),
            ("jenis_belanja", list(JENIS_BELANJA), lambda c: label(JENIS_BELANJA, c)),
            ("lokasi", list(places), lambda c: f"{c} {places.get(c, '')}"),
        ):
            key = _keyed(f"f_{field}", allowed, _from_url(URL_KEYS[field], allowed, scope))
            chosen[field] = st.multiselect(t(field), allowed, key=key, format_func=show, placeholder=t("semua"))
    # only the filters' own keys: pages keep their state (e.g. a drill path) in the URL too
    st.query_params.update({"tahun": str(tahun), "sampai": str(bulan)})
    for field, values in chosen.items():
        if values:
            st.query_params[URL_KEYS[field]] = values
        elif URL_KEYS[field] in st.query_params:
            del st.query_params[URL_KEYS[field]]
    return Selection(Period(tahun, bulan), Filters(
        units=tuple(chosen["unit"]), kewenangan=tuple(chosen["kewenangan"]),
        jenis_belanja=tuple(chosen["jenis_belanja"]), lokasi=tuple(chosen["lokasi"]),
    ))
