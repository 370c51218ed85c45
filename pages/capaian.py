"""Capaian output: each RO's achievement and its physical against financial progress, by level."""
import streamlit as st

from monev.i18n import format as fmt
from monev.ui import charts_capaian as charts
from monev.ui import data, download
from monev.ui.texts import lang, t
from monev.views import capaian as view

ctx = data.context()
period = ctx.selection.period
when = dict(tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang()))
figures = data.view(view.output_achievement, ctx)
total = next(figures["total"].itertuples(index=False))  # iloc would upcast rupiah to float

st.title(t("capaian"))
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
    st.plotly_chart(charts.quadrant(points, level, title, lang()), width="stretch", key="capaian-kuadran")
    download.download_button(points, f"capaian_kuadran_{level}", sample=ctx.sample, key="unduh-capaian-kuadran")

st.subheader(t("capaian_judul_tabel", level=level_name, **when))
st.dataframe(charts.display_table(frame, level, lang()), hide_index=True, width="stretch")
download.download_button(frame, f"capaian_{level}", sample=ctx.sample, key="unduh-capaian-tabel")
