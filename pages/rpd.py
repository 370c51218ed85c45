"""Rencana vs realisasi (Halaman III DIPA): the monthly plan against realization, its deviation
and the 5% tolerance."""
import streamlit as st

from monev.domain import rpd
from monev.i18n import format as fmt
from monev.ui import charts_rpd as charts
from monev.ui import data, download, tables
from monev.ui.texts import lang, t
from monev.views import rpd as view

ctx = data.context(t("rpd"), satker_level=True)  # RPD plans are per satker: not for a PPK-only scope
period = ctx.selection.period
when = dict(tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang()))
figures = data.view(view.plan_vs_realization, ctx)
per_bulan, table = figures["per_bulan"], figures["tabel"]

st.subheader(t("rpd_subjudul", **when))
if per_bulan.empty:
    st.info(t("no_data"))
    st.stop()

now = next(per_bulan[per_bulan["bulan"] == period.bulan].itertuples(index=False))
score = rpd.indicator(per_bulan)
cols = st.columns(4)
cols[0].metric(t("rpd_rencana_kumulatif"), fmt.rupiah_short(now.rpd_kumulatif, lang()),
               help=fmt.rupiah(now.rpd_kumulatif, lang()))
cols[1].metric(t("rpd_realisasi_kumulatif"), fmt.rupiah_short(now.realisasi_kumulatif, lang()),
               help=fmt.rupiah(now.realisasi_kumulatif, lang()))
cols[2].metric(t("rpd_rata_deviasi"), fmt.percent(score["deviasi_rata"], lang()))
cols[3].metric(t("rpd_bulan_toleransi"), f"{score['bulan_dalam_toleransi']} / {score['bulan_dinilai']}")
st.caption(t("rpd_catatan"))

left, right = st.columns(2)
left.plotly_chart(data.figure(charts.monthly, ctx, ("bulanan",), per_bulan, title=t("rpd_judul_bulanan", **when),
                              lang=lang()), width="stretch", key="rpd-bulanan")
right.plotly_chart(data.figure(charts.cumulative, ctx, ("kumulatif",), per_bulan,
                               title=t("rpd_judul_kumulatif", **when), lang=lang()), width="stretch",
                   key="rpd-kumulatif")
download.download_button(per_bulan, "rpd_per_bulan", sample=ctx.sample, key="unduh-rpd-per-bulan")

st.plotly_chart(data.figure(charts.deviation, ctx, ("deviasi",), table, per_bulan,
                            title=t("rpd_judul_deviasi", **when), lang=lang()), width="stretch", key="rpd-deviasi")
st.subheader(t("rpd_judul_tabel", **when))
tables.show(*charts.display_table(table, lang()), width="stretch")
download.download_button(table, "rpd_per_jenis_belanja", sample=ctx.sample, key="unduh-rpd-tabel")
