"""Ringkasan: headline figures for the selection."""
import streamlit as st

from monev.ui import data
from monev.ui import format as fmt
from monev.ui.texts import lang, t

ctx = data.context()
period = ctx.selection.period
total = data.summary(ctx.engine, period, filters=ctx.selection.filters)["total"].iloc[0]

st.title(t("app_title"))
st.subheader(f"{t('tahun')} {period.tahun}, s.d. {fmt.month_name(period.bulan, lang())}")
cols = st.columns(4)
cols[0].metric(t("pagu"), fmt.rupiah_short(total.pagu, lang()), help=fmt.rupiah(total.pagu, lang()))
cols[1].metric(t("blokir"), fmt.rupiah_short(total.blokir, lang()), help=fmt.rupiah(total.blokir, lang()))
cols[2].metric(t("realisasi"), fmt.rupiah_short(total.realisasi, lang()), help=fmt.rupiah(total.realisasi, lang()))
cols[3].metric(t("persen"), fmt.percent(total.persen, lang()),
               delta=f"{t('target')} {fmt.percent(total.target_persen, lang())}", delta_color="off")
