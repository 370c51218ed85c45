"""Tables shown with Indonesian number formats, and the controls of long tables.

st.dataframe's own number formats follow the browser's locale (or printf, which is English). A
pandas Styler carried the display text before, one Python call per cell in pandas and again in
Streamlit: a third of a page visit's server time on 25 rows. The numbers are written here as text
columns instead, whole columns at once (monev.i18n.format); the paged tables' "Urutkan menurut"
orders every row by the numbers themselves, and the Excel download keeps them as numbers.
"""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from monev.i18n import format as fmt
from monev.ui.texts import lang, t
from monev.views import paging


def formatted(frame: pd.DataFrame, lang: str, config: dict | None = None, money=(), percent=(),
              scores=()) -> tuple[pd.DataFrame, dict]:
    """(frame with rupiah columns in thousands dots, percentage columns with a decimal comma and
    '%', score columns with a decimal comma, all as text; the column_config for st.dataframe).
    `config` maps columns to labels (or column configs, or None to hide them); the written columns
    become right-aligned text columns under their label, as numbers stand."""
    config = dict(config or {})
    writers = ([(money, _amounts), (percent, _percents), (scores, _scores)] if len(frame) <= FEW_ROWS else
               [(money, fmt.amounts), (percent, fmt.percents), (scores, fmt.scores)])
    columns = {c: write(frame[c], lang) for names, write in writers for c in names if c in frame}
    for c in columns:
        label = config.get(c, c)
        if isinstance(label, str):
            config[c] = st.column_config.TextColumn(label, alignment="right")
    return frame.assign(**columns), config


# A screenful of rows (a page of paged(): 25 to 100) is written value by value: the whole-column
# writers cost about 1 ms a column whatever its length (Arrow and numpy set-up), ten times the
# per-value path on 25 rows; a page run wrote some ten such columns per table. Both write the same
# text (fmt.percents is percent() of each value, fmt.amounts rupiah() without 'Rp ', a dash where
# missing or infinite): tests/test_tables_format.py holds them equal.
FEW_ROWS = 60


def _amounts(column: pd.Series, lang: str) -> pd.Series:
    return pd.Series([fmt.MISSING if fmt.is_missing(v) or not math.isfinite(v) else fmt.format_decimal(int(v), lang)
                      for v in column], index=column.index, dtype="str")


def _percents(column: pd.Series, lang: str) -> pd.Series:
    return pd.Series([fmt.percent(v, lang) for v in column], index=column.index, dtype="str")


def _scores(column: pd.Series, lang: str) -> pd.Series:
    return pd.Series([fmt.percent(v, lang).removesuffix("%") for v in column], index=column.index, dtype="str")


def paged(frame: pd.DataFrame, key: str, search: list[str], sort: dict[str, str],
          default_sort: str | None = None, default_descending: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Search, order and page controls above a long table; returns (the rows to draw, every row the
    search kept in the chosen order — what the download holds). A table of one page is returned
    whole, without controls. `sort` maps the columns offered for ordering to their labels; widget
    keys start with `key`, so each table keeps its own choices."""
    if len(frame) <= paging.PAGE_ROWS[0]:
        return frame, frame
    left, order, direction, size, number = st.columns([3, 2, 1, 1, 1], vertical_alignment="bottom")
    to_first = {"on_change": _first_page, "args": (key,)}
    text = left.text_input(t("tabel_cari"), key=f"{key}_cari", placeholder=t("tabel_cari_petunjuk"),
                           max_chars=100, **to_first)
    columns = [None, *sort] if default_sort is None else list(sort)
    sort_by = order.selectbox(t("tabel_urut"), columns, key=f"{key}_urut",
                              index=columns.index(default_sort) if default_sort in columns else 0,
                              format_func=lambda c: t("tabel_urut_asli") if c is None else sort[c], **to_first)
    descending = direction.toggle(t("tabel_menurun"), value=default_descending, key=f"{key}_menurun", **to_first)
    rows = size.selectbox(t("tabel_baris"), paging.PAGE_ROWS, key=f"{key}_baris", **to_first)
    kept = paging.matching(frame, text, search, sort_by, descending)
    pages = paging.pages_of(len(kept), rows)
    page_key = f"{key}_halaman"
    if not 1 <= st.session_state.get(page_key, 1) <= pages:  # fewer pages than the page kept
        st.session_state[page_key] = pages if st.session_state.get(page_key, 1) > pages else 1
    chosen = number.number_input(t("tabel_halaman"), min_value=1, max_value=pages, step=1, key=page_key)
    shown = paging.page_of(kept, chosen, rows)
    if shown.total:
        where = t("tabel_posisi", awal=_count(shown.first), akhir=_count(shown.first + len(shown.rows) - 1),
                  jumlah=_count(shown.total), halaman=_count(shown.page), halaman_semua=_count(shown.pages))
        found = t("tabel_hasil_cari", semula=_count(len(frame))) if shown.total < len(frame) else ""
        st.caption(f"{where}{found} {t('tabel_unduh_semua', jumlah=_count(shown.total))}")
    else:
        st.caption(t("tabel_tidak_ketemu"))
    return shown.rows, kept


def _first_page(key: str) -> None:
    st.session_state[f"{key}_halaman"] = 1


def _count(n: int) -> str:
    return fmt.format_decimal(n, lang(), "#,##0")


PICK_OPTIONS = 200  # a choice list longer than this is searched first: 24.000 satker names are
# sent with every run and scrolled by nobody


def pick(frame: pd.DataFrame, code: str, name: str, label: str, key: str, *, none: bool = True):
    """One code of `frame[code]`, chosen in a select box labelled "code name"; None while nothing
    is chosen (with `none`), else the first offered. Beyond PICK_OPTIONS rows a search box narrows
    the list first."""
    names = dict(zip(frame[code], frame[name]))
    options = list(names)
    if len(options) > PICK_OPTIONS:
        text = st.text_input(t("tabel_cari_pilihan", jumlah=_count(len(options))), key=f"{key}_cari", max_chars=100,
                             placeholder=t("tabel_cari_petunjuk"))
        options = paging.searched(frame[[code, name]], text, [code, name])[code].tolist()
        if len(options) > PICK_OPTIONS:
            st.caption(t("tabel_pilihan_terpotong", jumlah=_count(len(options)), tampil=_count(PICK_OPTIONS)))
            options = options[:PICK_OPTIONS]
        if not options:
            st.caption(t("tabel_tidak_ketemu"))
            return None
        if st.session_state.get(key) not in options and key in st.session_state:
            del st.session_state[key]  # a choice the new search no longer offers
    return st.selectbox(label, options, index=None if none else 0, key=key,
                        format_func=lambda k: f"{k} {names.get(k, '')}".strip(), placeholder=t("semua"))
