"""IKPA dan peringatan dini: the ministry's and units' IKPA scores over the months, the satker
ranking (computed beside official OM-SPAN values), the formula trace, the year-end projection
with what each KPA still has to realize per month, and the Rakor's needs-attention list."""
import streamlit as st

from monev.domain import catch_up
from monev.i18n import format as fmt
from monev.i18n.markdown import escape
from monev.ui import charts_ikpa as charts
from monev.ui import data, download, tables
from monev.ui import tindak_lanjut_form as follow_ups
from monev.ui.texts import lang, t
from monev.views import ikpa_page

ctx = data.context(t("ikpa"), satker_level=True)  # IKPA is a satker measure: not for a PPK-only scope
period = ctx.selection.period
L = lang()
when = dict(tahun=period.tahun, bulan=fmt.month_name(period.bulan, L))
tw = fmt.QUARTERS[catch_up.target_quarter(period.bulan) - 1]
labels = {**charts.column_labels(L, tw), "alasan_realistis": t("ikpa_kol_alasan_realistis")}
stamp = f"{period.tahun}_{period.bulan:02d}"


SEARCH = ["kdsatker", "nmsatker", "kdunit", "nmunit", "kdppk"]  # what a long table can be searched by
SORTS = ["peringkat", "nilai", "pagu", "realisasi", "persen", *charts.INDICATORS, "kebutuhan_triwulan",
         "kebutuhan_tahun", "proyeksi_persen", "bobot", "kdsatker"]


def show(frame, name, key, finish=None):
    """A screenful at a time (tables.paged: search, order, pages), its numbers written as text;
    the download holds every row the search kept, as numbers. finish(rows): what the rows shown
    and downloaded still need (the attention list's words), for those rows only."""
    rows, kept = tables.paged(frame.reset_index(drop=True), key, search=SEARCH,
                              sort={c: labels.get(c, c) for c in SORTS if c in frame})
    rows = rows if finish is None else finish(rows)
    rows, config = tables.formatted(charts.bands_shown(rows, L), L, {c: labels.get(c, c) for c in rows},
                                    money=charts.MONEY, percent=charts.PERCENT, scores=charts.score_columns(rows))
    tables.show(rows, config, key=f"{key}_tabel")
    # the band names and anything finish() adds, for the download's rows only on its click
    download.download_button(kept, f"{name}_{stamp}", sample=ctx.sample, key=f"{key}_unduh",
                             finish=lambda whole: charts.bands_shown(whole if finish is None else finish(whole), L))


st.caption(t("ikpa_subjudul", **when))
# shown[...]: each group of tabs' data fetched (and cached) when the open tab first reads it, so
# the first tab does not pay for the projection and the attention list (ikpa_page.Parts)
shown = ikpa_page.Parts(lambda part: data.view(part, ctx, lang=L))
now = shown["sekarang"]
if now["satker"].empty:
    st.info(t("no_data"))
    st.stop()


# each tab a function, run only while its tab is open (below): the five tabs' tables and figures
# were all built on every run, most of an IKPA visit's server time
def _monthly():
    months = shown["bulanan"]
    measure = st.selectbox(t("ikpa_ukuran"), ["nilai", *charts.INDICATORS], key="ikpa_ukuran",
                           format_func=lambda k: charts.indicator_label(k, L))
    st.plotly_chart(data.figure(charts.score_lines, ctx, ("bulanan",), months, measure=measure, lang=L, title=t(
        "ikpa_judul_bulanan", ukuran=charts.indicator_label(measure, L), **when)), key="ikpa_garis")
    download.download_button(months[["bulan", "kdunit", "nmunit", measure]], f"ikpa_{measure}_per_bulan_{stamp}",
                             sample=ctx.sample, key="ikpa_garis_unduh")
    st.subheader(t("ikpa_judul_tabel_bulanan", **when))
    show(months, "ikpa_per_bulan", "ikpa_bulanan")
    st.caption(t("ikpa_catatan"))


def _ranking():
    st.subheader(t("ikpa_judul_peringkat", **when))
    st.caption(t("ikpa_catatan_resmi", bulan=when["bulan"]))
    show(charts.ranking_table(now["satker"]), "ikpa_peringkat_satker", "ikpa_peringkat")


def _trace():
    left, right = st.columns(2)
    with left:
        satker = tables.pick(now["satker"], "kdsatker", "nmsatker", t("ikpa_pilih_satker"), "ikpa_jejak_satker",
                             none=False)
    month = right.selectbox(t("ikpa_pilih_bulan"), list(range(1, period.bulan + 1)), index=period.bulan - 1,
                            key="ikpa_jejak_bulan", format_func=lambda m: fmt.month_name(m, L))
    if satker is not None:
        name = now["satker"].loc[now["satker"]["kdsatker"] == satker, "nmsatker"].iloc[0]
        st.subheader(t("ikpa_judul_jejak", satker=escape(f"{satker} {name}"), tahun=period.tahun,
                       bulan=fmt.month_name(month, L)))
        show(data.view(ikpa_page.trace, ctx, kdsatker=satker, bulan=month, lang=L), f"ikpa_jejak_{satker}",
             "ikpa_jejak")


def _projection():
    # the total is the viewer's scope's: named the ministry only for a viewer who sees all of it
    levels = {"total": t("ikpa_tingkat_kementerian" if ctx.scope.everything else "cakupan_total"),
              "per_unit": t("ikpa_tingkat_unit"),
              "per_jenis_belanja": t("ikpa_tingkat_jenis")}
    level = st.radio(t("ikpa_tingkat_proyeksi"), list(levels), format_func=levels.get, horizontal=True,
                     key="ikpa_tingkat_proyeksi")
    figures = shown["proyeksi"][level]
    title = t("ikpa_judul_proyeksi", tingkat=levels[level].lower(), **when)
    st.plotly_chart(data.figure(charts.projection_bars, ctx, ("proyeksi", level), figures, title=title, lang=L),
                    key="ikpa_proyeksi_grafik")
    st.caption(t("ikpa_catatan_proyeksi"))
    show(figures, f"ikpa_proyeksi_{level}", "ikpa_proyeksi")
    st.subheader(t("ikpa_judul_kejar", tw=tw, **when))
    st.caption(t("ikpa_catatan_kejar", faktor=fmt.percent(catch_up.REALISTIC_FACTOR, L)[:-1]))
    needs = shown["kejar"]  # not `catch_up`: that names the domain module above; its words written per row shown
    show(ikpa_page.catch_up_table(needs), "ikpa_kebutuhan_satker", "ikpa_kejar",
         finish=lambda rows: ikpa_page.catch_up_shown(rows, period.bulan, L))


def _attention():
    st.subheader(t("ikpa_judul_perhatian", **when))
    listed = shown["perhatian"]  # the list before its words: those of the rows shown are written
    if listed.rows.empty:
        st.success(t("ikpa_tidak_ada_perhatian"))
    else:
        def worded(rows):
            return ikpa_page.attention_words(listed, rows, L)

        table = ikpa_page.attention_table(listed)
        show(table, "ikpa_perlu_perhatian", "ikpa_perhatian", finish=worded)
        follow_ups.from_attention(ctx, table, worded)  # a follow-up in one click from a row


# a widget not drawn in a run loses its value: the choices of the closed tabs are kept across runs
for key in ("ikpa_ukuran", "ikpa_jejak_satker", "ikpa_jejak_bulan", "ikpa_tingkat_proyeksi"):
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]
TABS = (("ikpa_tab_bulanan", _monthly), ("ikpa_tab_peringkat", _ranking), ("ikpa_tab_jejak", _trace),
        ("ikpa_tab_proyeksi", _projection), ("ikpa_tab_perhatian", _attention))
# on_change="rerun": the tabs keep which one is open (st.session_state["ikpa_tab"], its label),
# so a run draws that one only; a first visit opens the first
tabs = st.tabs([t(k) for k, _ in TABS], key="ikpa_tab", on_change="rerun")
for tab, (_, draw) in zip(tabs, TABS):
    if tab.open:
        with tab:
            draw()
