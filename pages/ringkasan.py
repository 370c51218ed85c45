"""Ringkasan: headline figures, the cumulative curve against RPD and targets, realization by
echelon I unit and jenis belanja, and the satker furthest behind target."""
import pandas as pd
import streamlit as st

from monev.i18n import format as fmt
from monev.i18n import texts
from monev.i18n.texts import JENIS_BELANJA
from monev.ui import charts, data
from monev.ui.download import download_button
from monev.ui.texts import lang, t
from monev.views import ringkasan


def headline(row, lg: str) -> None:
    cols = st.columns(3) + st.columns(3)
    cols[0].metric(t("pagu"), fmt.rupiah_short(row.pagu, lg), help=fmt.rupiah(row.pagu, lg))
    cols[1].metric(t("blokir"), fmt.rupiah_short(row.blokir, lg), help=fmt.rupiah(row.blokir, lg))
    cols[2].metric(t("realisasi"), fmt.rupiah_short(row.realisasi, lg), help=fmt.rupiah(row.realisasi, lg))
    cols[3].metric(t("persen"), fmt.percent(row.persen, lg))
    cols[4].metric(t("ringkasan_target_persen", bulan=fmt.month_name(int(row.bulan), lg)),
                   fmt.percent(row.target_persen, lg))
    needed = None if pd.isna(row.kebutuhan) else int(row.kebutuhan)
    cols[5].metric(t("ringkasan_kekurangan"), fmt.rupiah_short(needed, lg), help=fmt.rupiah(needed, lg))


def by_unit(per_unit, title: str, lg: str):
    units = per_unit.assign(nama=lambda f: f.kdunit + " " + f.nmunit.fillna(""))
    return charts.realization_vs_target(units, label="nama", lang=lg, title=title)


def by_kind(per_jenis, title: str, lg: str):
    kinds = per_jenis.assign(nama=lambda f: f.jenis_belanja.map(lambda c: texts.label(JENIS_BELANJA, c, lg)))
    return charts.realization_vs_target(kinds, label="nama", lang=lg, title=title)


ctx = data.context(t("app_title"))
period = ctx.selection.period
lg = lang()
view = data.view(ringkasan.overview, ctx)
asof = dict(tahun=period.tahun, bulan=fmt.month_name(period.bulan, lg))

st.subheader(t("ringkasan_subjudul", **asof))
heads = view["headline"]
rows = list(heads.itertuples(index=False))  # keeps int64 rupiah; iloc would upcast the row to float
headline(rows[0], lg)
if len(rows) > 1:
    st.caption(t("ringkasan_tahun_lalu", tahun=int(rows[1].tahun), bulan=asof["bulan"]))
    with st.container(key="tahun_lalu"):
        headline(rows[1], lg)
download_button(heads, "ringkasan_angka", sample=ctx.sample)

st.plotly_chart(data.figure(charts.cumulative_curve, ctx, ("kurva",), view["kurva"],
                            title=t("ringkasan_judul_kurva", **asof), lang=lg), key="kurva")
download_button(view["kurva"], "ringkasan_kurva", sample=ctx.sample)

left, right = st.columns(2)
with left:
    st.plotly_chart(data.figure(by_unit, ctx, ("per_unit",), view["per_unit"], title=t("ringkasan_judul_unit", **asof),
                                lg=lg), key="per_unit")
    download_button(view["per_unit"], "ringkasan_per_unit", sample=ctx.sample)
with right:
    st.plotly_chart(data.figure(by_kind, ctx, ("per_jenis",), view["per_jenis_belanja"],
                                title=t("ringkasan_judul_jenis", **asof), lg=lg), key="per_jenis")
    download_button(view["per_jenis_belanja"], "ringkasan_per_jenis_belanja", sample=ctx.sample)

st.subheader(t("ringkasan_judul_tertinggal", **asof))
behind = view["satker_tertinggal"]
if behind.empty:
    st.info(t("ringkasan_tidak_tertinggal"))
else:
    st.dataframe(pd.DataFrame({
        t("ringkasan_satker"): behind.kdsatker + " " + behind.nmsatker.fillna(""),
        t("unit"): behind.kdunit + " " + behind.nmunit.fillna(""),
        t("pagu"): [fmt.rupiah(v, lg) for v in behind.pagu],
        t("realisasi"): [fmt.rupiah(v, lg) for v in behind.realisasi],
        t("persen"): [fmt.percent(v, lg) for v in behind.persen],
        t("target"): [fmt.percent(v, lg) for v in behind.target_persen],
        t("ringkasan_selisih"): [fmt.percent(v, lg) for v in behind.selisih_persen],
        t("ringkasan_kekurangan"): [fmt.rupiah(None if pd.isna(v) else int(v), lg) for v in behind.kebutuhan],
    }), hide_index=True, key="tertinggal")
download_button(behind, "ringkasan_satker_tertinggal", sample=ctx.sample)
