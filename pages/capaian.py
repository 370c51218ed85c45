"""Capaian output: each RO's achievement and its physical against financial progress, by level."""
import streamlit as st

from monev.i18n import format as fmt
from monev.ui import charts_capaian as charts
from monev.ui import data, download, tables
from monev.ui.texts import lang, t
from monev.views import capaian as view

CHART_POINTS = 1000  # markers the quadrant chart draws at most
SEARCH = ["kdsatker", "nmsatker", "kdgiat", "nmgiat", "kdoutput", "kdsoutput", "nmro", "kdprogram", "nmprogram",
          "kdunit", "nmunit"]
SORTS = {"pagu": "pagu", "realisasi": "realisasi", "persen_keuangan": "capaian_keuangan",
         "progres_fisik": "capaian_fisik", "capaian_persen": "capaian_output",
         "selisih_fisik_keuangan": "capaian_selisih"}

ctx = data.context(t("capaian"), satker_level=True)  # output reports are per satker RO: not for a PPK-only scope
period = ctx.selection.period
when = dict(tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang()))
figures = data.view(view.output_achievement, ctx)
total = next(figures["total"].itertuples(index=False))  # iloc would upcast rupiah to float

st.subheader(t("capaian_subjudul", **when))
if total.jumlah_ro == 0:
    st.info(t("no_data"))
    st.stop()

cols = st.columns(4)
cols[0].metric(t("capaian_output"), fmt.percent(total.capaian_persen, lang()))
cols[1].metric(t("capaian_fisik"), fmt.percent(total.progres_fisik, lang()))
cols[2].metric(t("capaian_keuangan"), fmt.percent(total.persen_keuangan, lang()),
               help=f"{t('realisasi')} {fmt.rupiah(total.realisasi, lang())} / "
                    f"{t('pagu')} {fmt.rupiah(total.pagu, lang())}")
cols[3].metric(t("capaian_ro_dilaporkan"), f"{int(total.jumlah_ro_dilaporkan)} / {int(total.jumlah_ro)}")
st.caption(t("capaian_catatan"))

level = st.radio(t("capaian_tingkat"), view.LEVELS, index=1, horizontal=True, key="capaian_tingkat",
                 format_func=lambda v: t(f"capaian_tingkat_{v}"))
name = t(f"capaian_tingkat_{level}")
level_name = "RO" if level == "ro" else name[0].lower() + name[1:]
frame = data.view(view.ro_achievement, ctx) if level == "ro" else figures[level]
points = view.chart_rows(frame)
if points.empty:
    st.info(t("capaian_belum_ada_laporan"))
else:
    title = t("capaian_judul_kuadran", level=level_name, **when)
    # nationally 476.000 RO: a chart of every one is megabytes nobody can read; the largest by pagu
    plotted = points.nlargest(CHART_POINTS, "pagu", keep="first") if len(points) > CHART_POINTS else points
    st.plotly_chart(data.figure(charts.quadrant, ctx, ("kuadran", level, CHART_POINTS), plotted, level=level,
                                title=title, lang=lang()), width="stretch", key="capaian-kuadran")
    if len(plotted) < len(points):
        st.caption(t("capaian_grafik_terbesar", tampil=fmt.format_decimal(len(plotted), lang(), "#,##0"),
                     jumlah=fmt.format_decimal(len(points), lang(), "#,##0")))
    download.download_button(points, f"capaian_kuadran_{level}", sample=ctx.sample, key="unduh-capaian-kuadran")

st.subheader(t("capaian_judul_tabel", level=level_name, **when))
rows, kept = tables.paged(frame, f"capaian_tabel_{level}", search=SEARCH,
                          sort={c: t(k) for c, k in SORTS.items() if c in frame})
tables.show(*charts.display_table(rows, level, lang()), width="stretch")
download.download_button(kept, f"capaian_{level}", sample=ctx.sample, key="unduh-capaian-tabel")
