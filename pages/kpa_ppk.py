"""KPA dan PPK: each satker (KPA) or PPK against its target, with status band, rupiah still needed
for the quarter's target, a monthly trend and the quarter-by-quarter view."""
import streamlit as st

from monev.ui import charts_kpa_ppk, data, download, tables
from monev.i18n import format as fmt
from monev.i18n.markdown import escape
from monev.ui.texts import lang, t
from monev.views import kpa_ppk


def _bands() -> dict[str, str]:
    return {name: t("kpa_band_" + name.lower().replace(" ", "_")) for name in kpa_ppk.status.ORDER}


def _shown(frame):
    status_columns = [c for c in frame if c.endswith("status")]
    return frame.replace({c: _bands() for c in status_columns})


PERCENT_LABELS = (("persen", "kpa_persen"), ("target_persen", "kpa_target_persen"), ("rasio", "kpa_rasio"))


def _config(tw):
    percent = {c: t(c_key) for c, c_key in PERCENT_LABELS}
    money = {c: t(c) for c in ("pagu", "blokir", "realisasi")}
    return {"kdunit": t("kpa_unit"), "nmunit": None, "kdsatker": t("kpa_satker"), "nmsatker": t("kpa_nama_satker"),
            "kpa": t("kpa_kpa"), "kdppk": t("kpa_kol_ppk"), "ppk": t("kpa_nama_ppk"), "status": t("kpa_status"),
            **percent, **money,
            "kebutuhan": t("kpa_kebutuhan", tw=tw),
            "tren": st.column_config.LineChartColumn(t("kpa_tren"), y_min=0, y_max=100),
            **{f"{q} %": f"{q} %" for q in kpa_ppk.QUARTERS}}


def _table_with_download(frame, name, key, tw):
    shown = _shown(frame)
    numbers = tables.styled(shown, lang(), money=["pagu", "blokir", "realisasi", "kebutuhan"],
                            percent=[c for c, _ in PERCENT_LABELS] + [f"{q} %" for q in kpa_ppk.QUARTERS])
    st.dataframe(numbers, hide_index=True, column_config=_config(tw), key=f"{key}_tabel")
    download.download_button(shown.drop(columns=["tren"], errors="ignore"), name, sample=ctx.sample, key=f"{key}_unduh")


ctx = data.context()
period = ctx.selection.period
bulan = fmt.month_name(period.bulan, lang())
quarter = kpa_ppk.quarter_of(period.bulan)
tw = fmt.QUARTERS[quarter - 1]
st.title(t("kpa_ppk"))
st.caption(t("kpa_subjudul", tahun=period.tahun, bulan=bulan))

grains = {"satker": t("kpa_tingkat_satker"), "ppk": t("kpa_tingkat_ppk")}
left, right = st.columns([2, 1])
grain = left.radio(t("kpa_tingkat"), list(grains), format_func=grains.get, horizontal=True, key="kpa_tingkat")
only_behind = right.toggle(t("kpa_tertinggal"), key="kpa_tertinggal")
figures = data.view(kpa_ppk.table, ctx, grain_name=grain)
frame = figures["tabel"]
if frame.empty:
    st.info(t("no_data"))
    st.stop()
if only_behind:
    frame = frame[kpa_ppk.behind(frame)].reset_index(drop=True)

st.subheader(t("kpa_judul_tabel", tingkat=grains[grain], tahun=period.tahun, bulan=bulan))
st.caption(t("kpa_caption", pita=kpa_ppk.band_caption(_bands()), bulan=bulan, tw=tw,
             bulan_tw=fmt.month_name(3 * quarter, lang())))
if frame.empty:
    st.success(t("kpa_semua_tercapai"))
    st.stop()
stamp = f"{period.tahun}_{period.bulan:02d}"
_table_with_download(frame, f"kpa_ppk_{grain}_{stamp}", "kpa_utama", tw)

if grain == "satker":
    names = dict(zip(frame["kdsatker"], frame["nmsatker"]))
    satker = st.selectbox(t("kpa_lihat_ppk"), frame["kdsatker"].tolist(), index=None, key="kpa_lihat_ppk",
                          format_func=lambda k: f"{k} {names.get(k, '')}", placeholder=t("semua"))
    if satker is not None:
        ppk = data.view(kpa_ppk.table, ctx, grain_name="ppk")["tabel"]
        ppk = ppk[ppk["kdsatker"] == satker]
        ppk = ppk[kpa_ppk.behind(ppk)] if only_behind else ppk
        st.markdown("**" + t("kpa_judul_ppk_satker", satker=escape(f"{satker} {names[satker]}"), tahun=period.tahun,
                             bulan=bulan) + "**")
        _table_with_download(ppk.reset_index(drop=True), f"kpa_ppk_{satker}_{stamp}", "kpa_ppk_satker", tw)

st.subheader(t("kpa_judul_triwulan", tingkat=grains[grain], tahun=period.tahun, bulan=bulan))
st.caption(t("kpa_caption_triwulan", bulan=bulan))
keys = kpa_ppk.KEYS[grain]
quarters = figures["triwulan"].merge(frame[keys], on=keys)
_table_with_download(quarters, f"kpa_ppk_triwulan_{grain}_{stamp}", "kpa_triwulan", tw)
long = figures["triwulan_panjang"].merge(frame[keys], on=keys)
counts = kpa_ppk.status_counts(long)
st.plotly_chart(charts_kpa_ppk.status_bars(
    counts, t("kpa_judul_sebaran", tingkat=grains[grain], tahun=period.tahun, bulan=bulan), lang(), _bands(),
    {"jumlah": t("kpa_jumlah"), "pagu": t("pagu"), "realisasi": t("realisasi"), "triwulan": t("kpa_triwulan")}),
    key="kpa_sebaran")
download.download_button(_shown(counts), f"kpa_ppk_sebaran_{grain}_{stamp}", sample=ctx.sample, key="kpa_sebaran_unduh")
