"""Rincian anggaran: drill down unit eselon I > satker > program > kegiatan > KRO/RO > akun."""
from functools import partial

import streamlit as st

from monev.i18n import format as fmt
from monev.ui import charts_rincian, data, download, tables
from monev.ui.texts import lang, t
from monev.views import rincian

PATH = "rincian_path"  # session state: {"tahun": int, "path": tuple of (level, kode, nama)}


def _short(text, width=40):
    return text if len(text) <= width else text[:width - 1] + "…"


def _go_to(path):
    st.session_state[PATH]["path"] = tuple(path)


def _descend_from_table(key, frame, level, path):
    rows = st.session_state[key]["selection"]["rows"]
    if rows:
        row = frame.iloc[rows[0]]
        _go_to(path + ((level, row["kode"], row["nama"]),))


def _descend_from_list(key, frame, level, path):
    kode = st.session_state.get(key)
    if kode is not None:
        _go_to(path + ((level, kode, frame.set_index("kode").at[kode, "nama"]),))


ctx = data.context(t("rincian"))
period = ctx.selection.period
bulan = fmt.month_name(period.bulan, lang())
if st.session_state.get(PATH, {}).get("tahun") != period.tahun:
    st.session_state[PATH] = {"tahun": period.tahun, "path": ()}
path = st.session_state[PATH]["path"]
level = rincian.level_of(path)

st.caption(t("rincian_subjudul", tahun=period.tahun, bulan=bulan))
with st.container(horizontal=True):
    crumbs = [t("rincian_semua")] + [_short(f"{kode} {nama}".strip()) for _, kode, nama in path]
    for depth, crumb in enumerate(crumbs):
        st.button(("› " if depth else "") + crumb, key=f"rincian_jalur_{depth}", on_click=_go_to,
                  args=(path[:depth],), disabled=depth == len(path),
                  type="tertiary" if depth < len(path) else "secondary")

if level is None:
    st.info(t("rincian_terdalam"))
    st.stop()
frame = data.view(rincian.children, ctx, path=tuple(path))
if frame.empty:
    st.info(t("no_data"))
    st.stop()

node = rincian.totals(frame)
cols = st.columns(5)
for col, key, value in zip(cols, ["pagu", "blokir", "realisasi", "rincian_sisa"],
                           [node["pagu"], node["blokir"], node["realisasi"], node["sisa"]]):
    col.metric(t(key), fmt.rupiah_short(value, lang()), help=fmt.rupiah(value, lang()))
cols[4].metric(t("persen"), fmt.percent(node["persen"], lang()))

tingkat = t(f"rincian_tingkat_{level}")
st.plotly_chart(data.figure(
    charts_rincian.treemap, ctx, ("treemap", tuple(path)), frame,
    title=t("rincian_judul_treemap", tingkat=tingkat, tahun=period.tahun, bulan=bulan), lang=lang(),
    labels={"pagu": t("pagu"), "realisasi": t("realisasi"), "persen": t("persen")}), key="rincian_treemap")

st.subheader(t("rincian_judul_tabel", tingkat=tingkat, tahun=period.tahun, bulan=bulan))
deepest = level == rincian.LEVELS[-1]
table_key = "rincian_tabel_" + "/".join(kode for _, kode, _ in path)
shown, config = tables.formatted(
    frame, lang(), {"kode": t("rincian_kode"), "nama": t("rincian_nama"), "pagu": t("pagu"), "blokir": t("blokir"),
                    "realisasi": t("realisasi"), "sisa": t("rincian_sisa"), "persen": t("rincian_persen")},
    money=["pagu", "blokir", "realisasi", "sisa"], percent=["persen"])
tables.show(shown, config, key=table_key, selection_mode="single-row",
            on_select="ignore" if deepest else partial(_descend_from_table, table_key, frame, level, path))
st.caption(t("rincian_caption", bulan=bulan))
download.download_button(frame, f"rincian_{level}_{period.tahun}_{period.bulan:02d}", sample=ctx.sample,
                         key="rincian_unduh")
if deepest:
    st.caption(t("rincian_terdalam"))
else:
    pick_key = "rincian_pilih_" + "/".join(kode for _, kode, _ in path)
    names = dict(zip(frame["kode"], frame["nama"]))
    st.selectbox(t("rincian_pilih", tingkat=tingkat), frame["kode"].tolist(), index=None, key=pick_key,
                 format_func=lambda k: f"{k} {names.get(k, '')}".strip(), placeholder=t("rincian_pilih_kosong"),
                 on_change=_descend_from_list, args=(pick_key, frame, level, path))
    st.caption(t("rincian_petunjuk"))
