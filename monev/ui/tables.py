"""Tables shown with Indonesian number formats, and the controls of long tables.

A user who clicks a column header of st.dataframe sorts the rows in the browser by the cells'
values: numbers written as text sorted as text ("9.000" after "10.000"). The cells therefore keep
their numbers and only their display text is Indonesian, whatever the browser's locale (Streamlit
1.65's own number formats follow the browser's locale or printf, which is English):
- rupiah: NumberColumn(format="%'.,d"), Streamlit's sprintf with "." as thousands separator
  (1.234.567); English "%,d". Nothing is written in Python.
- percentages and scores need a decimal comma, which no format of 1.65 writes whatever the
  locale; the only cell text st.dataframe shows over a number is a pandas Styler's display value.
  Those columns are written here (monev.i18n.format) and handed to Streamlit as display values.
Missing values show MISSING ("–"), and sort with the zeros (the grid's comparator, not ours); the
paged tables' "Urutkan menurut" puts them last. The Excel download keeps the numbers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from monev.i18n import format as fmt
from monev.ui.texts import lang, t
from monev.views import paging

# Rupiah in Streamlit's sprintf (1.65: `'X` before `,` makes X the thousands separator; `d` drops
# the decimals as int() does). Held to monev.i18n.format by tests/test_tables_format.py.
MONEY_FORMATS = {"id": "%'.,d", "en": "%,d"}


def formatted(frame: pd.DataFrame, lang: str, config: dict | None = None, money=(), percent=(),
              scores=()) -> tuple[pd.DataFrame | Styler, dict]:
    """(what st.dataframe draws, its column_config): rupiah columns in thousands dots, percentage
    columns with a decimal comma and '%', score columns with a decimal comma, each still a number
    column, so a click on its header orders the rows by the numbers. `config` maps columns to
    labels (or column configs, or None to hide them). Draw it with `show()`."""
    config = dict(config or {})
    money = [c for c in money if c in frame]
    numbers = {c: _whole_rupiah(frame[c]) for c in money if frame[c].dtype.kind == "f"}
    frame = frame.assign(**numbers) if numbers else frame
    for c in money:
        label = config.get(c, c)
        if isinstance(label, str):
            config[c] = st.column_config.NumberColumn(label, format=MONEY_FORMATS.get(lang, MONEY_FORMATS["id"]))
    writers = ([(percent, _percents), (scores, _scores)] if len(frame) <= FEW_ROWS else
               [(percent, fmt.percents), (scores, fmt.scores)])
    texts = {c: write(frame[c], lang) for names, write in writers for c in names if c in frame}
    labels = {c: config.get(c, c) for c in texts if isinstance(config.get(c, c), str)}
    if frame.size > STYLED_CELLS:  # Streamlit refuses a Styler this big: the texts themselves
        config.update({c: st.column_config.TextColumn(label, alignment="right") for c, label in labels.items()})
        return frame.assign(**texts), config
    config.update({c: st.column_config.NumberColumn(label) for c, label in labels.items()})  # no format:
    # the display value is shown
    return (_with_display_texts(frame, texts) if texts else frame), config


# pandas' styler.render.max_elements, which Streamlit 1.65 enforces on a Styler (262.144 cells); the
# paged tables show at most 100 rows, a rincian level can be longer.
STYLED_CELLS = 262_144


def show(table: pd.DataFrame | Styler, config: dict, **kwargs):
    """st.dataframe of formatted()'s result: index hidden, MISSING for missing values."""
    return st.dataframe(table, hide_index=True, column_config=config, placeholder=fmt.MISSING, **kwargs)


def _whole_rupiah(column: pd.Series) -> pd.Series:
    """Rupiah held as floats, cut to whole rupiah as int() cuts (-0,4 -> 0, never '-0'); not finite
    -> missing."""
    values = column.to_numpy(dtype="float64", na_value=np.nan)
    whole = np.trunc(np.where(np.isfinite(values), values, np.nan)) + 0.0  # + 0.0: -0.0 -> 0.0
    return pd.Series(whole, index=column.index)


def _with_display_texts(frame: pd.DataFrame, texts: dict[str, pd.Series]) -> Styler:
    """A Styler whose display values are `texts` (column -> text of each row): Streamlit shows them
    over the cells' numbers. pandas' own Styler.format would format every cell of the table in
    Python (Styler._translate: 15 ms for 25 rows x 14 columns, twice what the whole table cost
    before); Streamlit 1.65 reads only the translated body's cell ids and display values
    (elements/lib/pandas_styler_utils.py: marshall_styler), so that body is given as it is. Held by
    tests/test_tables_format.py (through Streamlit's marshall_styler) and the browser test."""
    styler = Styler(frame, uuid="monev")
    positions = {c: i for i, c in enumerate(frame.columns)}
    body = [[] for _ in range(len(frame))]
    for column, written in texts.items():
        j = positions[column]
        for i, value in enumerate(written.tolist()):
            body[i].append({"id": f"row{i}_col{j}", "display_value": value})
    translated = {"body": body, "table_styles": [], "cellstyle": []}
    styler._compute = lambda: styler  # nothing to apply: no styles, only display values
    styler._translate = lambda *args, **kwargs: translated
    return styler


# A screenful of rows (a page of paged(): 25 to 100) is written value by value: the whole-column
# writers cost about 1 ms a column whatever its length (Arrow and numpy set-up), ten times the
# per-value path on 25 rows. Both write the same text (fmt.percents is percent() of each value, a
# dash where missing or infinite): tests/test_tables_format.py holds them equal.
FEW_ROWS = 60


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
    is chosen (with `none`), else the first offered. Beyond PICK_OPTIONS codes a search box narrows
    the list first. Only the offered codes are named: a national attention list's 62.000 rows
    named in Python cost a tenth of a second on every run of its tab."""
    options = pd.unique(frame[code]).tolist()
    if len(options) > PICK_OPTIONS:
        text = st.text_input(t("tabel_cari_pilihan", jumlah=_count(len(options))), key=f"{key}_cari", max_chars=100,
                             placeholder=t("tabel_cari_petunjuk"))
        options = pd.unique(paging.searched(frame[[code, name]], text, [code, name])[code]).tolist()
        if len(options) > PICK_OPTIONS:
            st.caption(t("tabel_pilihan_terpotong", jumlah=_count(len(options)), tampil=_count(PICK_OPTIONS)))
            options = options[:PICK_OPTIONS]
        if not options:
            st.caption(t("tabel_tidak_ketemu"))
            return None
        if st.session_state.get(key) not in options and key in st.session_state:
            del st.session_state[key]  # a choice the new search no longer offers
    offered = frame[frame[code].isin(options)]
    names = dict(zip(offered[code], offered[name]))  # as over every row: a repeated code, its last name
    return st.selectbox(label, options, index=None if none else 0, key=key,
                        format_func=lambda k: f"{k} {names.get(k, '')}".strip(), placeholder=t("semua"))
