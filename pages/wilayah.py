"""Wilayah: pagu and realization per province for dekonsentrasi (DK) and tugas pembantuan (TP)
satker (optionally kantor daerah, KD), as a map of the provinces (monev/ui/charts_wilayah.py) with
the table beside it."""
import pandas as pd
import streamlit as st

from monev.i18n import format as fmt
from monev.i18n.markdown import escape
from monev.i18n.texts import KEWENANGAN
from monev.ui import charts_wilayah, data
from monev.ui.download import download_button
from monev.ui.texts import label, lang, t
from monev.views import wilayah

CHOICES = {"DK_TP": ("DK", "TP"), "DK": ("DK",), "TP": ("TP",)}


ctx = data.context(t("wilayah"))
period = ctx.selection.period
lg = lang()

left, right = st.columns([2, 1])
choice = left.radio(t("wilayah_pilih_kewenangan"), list(CHOICES), horizontal=True, key="wilayah_kewenangan",
                    format_func=lambda c: f" {t('wilayah_dan')} ".join(label(KEWENANGAN, k) for k in CHOICES[c]))
with_kd = right.checkbox(t("wilayah_termasuk_kd"), key="wilayah_kd")
kewenangan = CHOICES[choice] + (("KD",) if with_kd else ())
asof = dict(kew=", ".join(kewenangan), tahun=period.tahun, bulan=fmt.month_name(period.bulan, lg))

st.subheader(t("wilayah_subjudul", **asof))
frame = data.view(wilayah.per_provinsi, ctx, kewenangan=tuple(kewenangan))
if frame.empty:
    st.info(t("no_data"))
    st.stop()

sums = wilayah.total(frame)
st.caption(t("wilayah_total", n=len(frame), pagu=fmt.rupiah(sums["pagu"], lg),
             realisasi=fmt.rupiah(sums["realisasi"], lg), persen=fmt.percent(sums["persen"], lg)))
drawn = charts_wilayah.map_frame(frame, period.tahun)
on_map, beside = st.columns([3, 2])
with on_map:
    st.plotly_chart(data.figure(charts_wilayah.choropleth, ctx, ("peta", kewenangan), drawn,
                                title=t("wilayah_judul_peta", **asof), lang=lg),
                    key="peta", config=charts_wilayah.PLOTLY_CONFIG)
    st.caption(t("wilayah_catatan_peta"))
    shared = sorted(set(drawn.loc[drawn["jumlah_bentuk"] > 1, "kdlokasi"]))
    if shared:
        st.caption(t("wilayah_papua_lama", daftar=escape(", ".join(shared))))
    missing = charts_wilayah.unplaced(frame, period.tahun)
    if missing:  # codes from loaded files: shown as text
        st.caption(t("wilayah_tanpa_posisi", daftar=escape(", ".join(missing))))
    st.caption(t("wilayah_sumber_peta"))
    st.caption(t("wilayah_unduh_peta"))
    download_button(drawn, "wilayah_peta", sample=ctx.sample, key="unduh-wilayah-peta")

with beside:
    st.markdown("**" + t("wilayah_judul_tabel", **asof) + "**")
    st.dataframe(pd.DataFrame({
        t("wilayah_kode"): frame.kdlokasi,
        t("lokasi"): frame.nmlokasi,
        t("wilayah_jumlah_satker"): frame.jumlah_satker,
        t("pagu"): [fmt.rupiah(v, lg) for v in frame.pagu],
        t("realisasi"): [fmt.rupiah(v, lg) for v in frame.realisasi],
        t("persen"): [fmt.percent(None if pd.isna(v) else v, lg) for v in frame.persen],
        t("target"): [fmt.percent(None if pd.isna(v) else v, lg) for v in frame.target_persen],
    }), hide_index=True, key="tabel_wilayah", height=440)
    download_button(frame, "wilayah_provinsi", sample=ctx.sample, key="unduh-wilayah-tabel")
