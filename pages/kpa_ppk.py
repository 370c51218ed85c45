"""KPA dan PPK: each satker (KPA) or PPK against its target, with status band, rupiah still needed
for the quarter's target, a monthly trend and the quarter-by-quarter view."""
import streamlit as st

from monev.i18n import format as fmt
from monev.i18n.markdown import escape
from monev.ui import charts_kpa_ppk, data, download, tables
from monev.ui import tindak_lanjut_form as follow_ups
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


def _table(rows, key, tw):
    """At most a screenful of rows (tables.paged), its numbers written as Indonesian text."""
    if "tren" in rows:  # the drawn rows' trend as the Python lists a line chart cell takes
        rows = rows.assign(tren=kpa_ppk.trend_lists(rows["tren"]))
    shown, config = tables.formatted(_shown(rows), lang(), _config(tw),
                                     money=["pagu", "blokir", "realisasi", "kebutuhan"],
                                     percent=[c for c, _ in PERCENT_LABELS] + [f"{q} %" for q in kpa_ppk.QUARTERS])
    tables.show(shown, config, key=f"{key}_tabel")


def _download(frame, name, key):
    download.download_button(_shown(frame).drop(columns=["tren"], errors="ignore"), name, sample=ctx.sample,
                             key=f"{key}_unduh")


def _sorts(tw):
    return {"persen": t("kpa_persen"), "rasio": t("kpa_rasio"), "kebutuhan": t("kpa_kebutuhan", tw=tw),
            "pagu": t("pagu"), "realisasi": t("realisasi"), "kdsatker": t("kpa_satker")}


def _spread(quarters, rows, keys):
    return kpa_ppk.status_counts(quarters.merge(rows, on=keys))


ctx = data.context(t("kpa_ppk"))
period = ctx.selection.period
bulan = fmt.month_name(period.bulan, lang())
quarter = kpa_ppk.quarter_of(period.bulan)
tw = fmt.QUARTERS[quarter - 1]
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
keys = kpa_ppk.KEYS[grain]
search = ["kdsatker", "nmsatker", "kpa", "kdppk", "ppk"]
rows, kept = tables.paged(frame, f"kpa_utama_{grain}", search=search, sort=_sorts(tw))
_table(rows, "kpa_utama", tw)
_download(kept, f"kpa_ppk_{grain}_{stamp}", "kpa_utama")

if grain == "satker":
    satker = tables.pick(frame, "kdsatker", "nmsatker", t("kpa_lihat_ppk"), "kpa_lihat_ppk")
    if satker is not None:
        name = frame.loc[frame["kdsatker"] == satker, "nmsatker"].iloc[0]
        ppk = data.view(kpa_ppk.table, ctx, grain_name="ppk")["tabel"]
        ppk = ppk[ppk["kdsatker"] == satker]
        ppk = ppk[kpa_ppk.behind(ppk)] if only_behind else ppk
        st.markdown("**" + t("kpa_judul_ppk_satker", satker=escape(f"{satker} {name}"), tahun=period.tahun,
                             bulan=bulan) + "**")
        ppk = ppk.reset_index(drop=True)
        _table(ppk, "kpa_ppk_satker", tw)
        _download(ppk, f"kpa_ppk_{satker}_{stamp}", "kpa_ppk_satker")

st.subheader(t("kpa_judul_triwulan", tingkat=grains[grain], tahun=period.tahun, bulan=bulan))
st.caption(t("kpa_caption_triwulan", bulan=bulan))
# the rows of the table above, in its order; the download: every row it kept
quarters = figures["triwulan"]
_table(rows[keys].merge(quarters, on=keys, how="left"), "kpa_triwulan", tw)
_download(kept[keys].merge(quarters, on=keys, how="left"), f"kpa_ppk_triwulan_{grain}_{stamp}", "kpa_triwulan")
# the rows of the table above (grain, behind-only) at each quarter's end, counted per status
counts = data.derived(_spread, ctx, (grain, only_behind), figures["triwulan_panjang"], frame[keys], keys)
st.plotly_chart(data.figure(
    charts_kpa_ppk.status_bars, ctx, ("sebaran", grain, only_behind), counts,
    title=t("kpa_judul_sebaran", tingkat=grains[grain], tahun=period.tahun, bulan=bulan), lang=lang(), labels=_bands(),
    texts={"jumlah": t("kpa_jumlah"), "pagu": t("pagu"), "realisasi": t("realisasi"), "triwulan": t("kpa_triwulan")}),
    key="kpa_sebaran")
download.download_button(_shown(counts), f"kpa_ppk_sebaran_{grain}_{stamp}", sample=ctx.sample, key="kpa_sebaran_unduh")
follow_ups.on_kpa_ppk(ctx, satker if grain == "satker" else None)  # the Rakor's commitments in view
