"""Tren tahunan: pagu and realization across fiscal years (past years as of December, the selected
year as of the selected month), per unit and per jenis belanja, and each year's monthly cumulative
realization % curve. Units are grouped by code and name of each year, never merged."""
import pandas as pd
import streamlit as st

from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA
from monev.ui import charts_tren, data
from monev.ui.download import download_button
from monev.ui.texts import label, lang, t
from monev.views import tren


def year_label(frame: pd.DataFrame, lg: str) -> pd.Series:
    """Past years read as December; the selected year says how far it goes."""
    current = t("tren_label_tahun", tahun=period.tahun, bulan=fmt.month_name(period.bulan, lg))
    return frame["tahun"].astype(int).map(lambda y: current if y == period.tahun else str(y))


ctx = data.context(t("tren"))
period = ctx.selection.period
lg = lang()
yearly = data.view(tren.yearly, ctx)
curves = data.view(tren.monthly_curves, ctx)
totals = yearly["per_tahun"]
if totals.empty:
    st.info(t("no_data"))
    st.stop()
first = int(totals.tahun.min())
asof = dict(rentang=f"{first}–{period.tahun}" if first < period.tahun else str(period.tahun),
            akhir=period.tahun, bulan=fmt.month_name(period.bulan, lg))
st.subheader(t("tren_subjudul", **asof))

st.plotly_chart(data.figure(charts_tren.yearly_totals, ctx, ("total",),
                            totals.assign(year_label=year_label(totals, lg)), title=t("tren_judul_total", **asof),
                            lang=lg), key="tren_total")
download_button(totals, "tren_per_tahun", sample=ctx.sample, key="unduh-tren-total")

units = yearly["per_unit"]
units = units.assign(year_label=year_label(units, lg), unit=(units.kdunit + " " + units.nmunit).str.strip())
st.plotly_chart(data.figure(charts_tren.yearly_breakdown, ctx, ("unit",), units, category="unit",
                            title=t("tren_judul_unit", **asof), lang=lg), key="tren_unit")
st.caption(t("tren_catatan_unit"))
if ctx.selection.filters.units:
    st.caption(t("tren_catatan_filter_unit"))
st.markdown(f"**{t('tren_judul_tabel_unit', **asof)}**")
st.dataframe(pd.DataFrame({
    t("tahun"): units.year_label,
    t("unit"): units.unit,
    t("pagu"): [fmt.rupiah(v, lg) for v in units.pagu],
    t("realisasi"): [fmt.rupiah(v, lg) for v in units.realisasi],
    t("persen"): [fmt.percent(None if pd.isna(v) else v, lg) for v in units.persen],
}), hide_index=True, key="tabel_tren_unit")
download_button(yearly["per_unit"], "tren_per_unit", sample=ctx.sample, key="unduh-tren-unit")

kinds = yearly["per_jenis_belanja"]
kinds = kinds.assign(year_label=year_label(kinds, lg), jenis=kinds.jenis_belanja.map(lambda c: label(JENIS_BELANJA, c)))
st.plotly_chart(data.figure(charts_tren.yearly_breakdown, ctx, ("jenis",), kinds, category="jenis",
                            title=t("tren_judul_jenis", **asof), lang=lg), key="tren_jenis")
download_button(yearly["per_jenis_belanja"], "tren_per_jenis_belanja", sample=ctx.sample, key="unduh-tren-jenis")

st.plotly_chart(data.figure(charts_tren.monthly_curves, ctx, ("kurva",), curves, selected_year=period.tahun,
                            title=t("tren_judul_kurva", **asof), lang=lg), key="tren_kurva")
st.caption(t("tren_catatan_kurva"))
download_button(curves, "tren_kurva_bulanan", sample=ctx.sample, key="unduh-tren-kurva")
