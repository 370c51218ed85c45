"""The Rakor's follow-ups on the pages: their table (Indonesian formats, with its download), the
form of the follow-up page, the one-click record from the IKPA page's needs-attention list, the
commitments of the satker in view on the KPA/PPK page, and a commitment's status at each data
position since it was made.

Who may record is monev.appdb.tindak_lanjut.may_record's rule (admins and pimpinan; an echelon I
official for his own units): a viewer who may not sees no form and no button. Every record goes
through `_record`, which checks the unit, the PPK and the RO against the warehouse before writing
(store.add writes the commitment and its audit row in one transaction)."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from monev.appdb import tindak_lanjut as store
from monev.domain import tindak_lanjut as rules
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.markdown import escape
from monev.i18n.texts import JENIS_BELANJA
from monev.ui import access, data, download, tables
from monev.ui.texts import label, lang, t
from monev.views import tindak_lanjut as view

MONEY = ["pagu", "realisasi", "target_rupiah_setara", "kekurangan"]
PERCENT = ["capaian_persen"]
VOLUMES = ["target_volume", "realisasi_volume", "kekurangan_volume"]
VOLUME_ONLY = ["kode_ro", "nmro", "satuan", *VOLUMES, "bulan_laporan"]


def _labels() -> dict:
    return {"id": "ID", "rakor": t("tl_kol_rakor"), "kdunit": t("unit"), "kdsatker": t("tl_satker"),
            "nmsatker": t("tl_kol_nama_satker"), "kdppk": t("tl_kol_ppk"), "komitmen": t("tl_kol_komitmen"),
            "penanggung_jawab": t("tl_kol_pj"), "batas": t("tl_kol_batas"), "dinilai_bulan": t("tl_kol_dinilai"),
            "pagu": t("pagu"), "realisasi": t("realisasi"), "capaian_persen": t("tl_kol_capaian"),
            "target_rupiah_setara": t("tl_kol_target_rupiah"), "kekurangan": t("tl_kol_kekurangan"),
            "kode_ro": t("tl_kol_kode_ro"), "nmro": t("tl_kol_nmro"), "satuan": t("tl_kol_satuan"),
            "target_volume": t("tl_kol_target_volume"), "realisasi_volume": t("tl_kol_realisasi_volume"),
            "kekurangan_volume": t("tl_kol_kekurangan_volume"), "bulan_laporan": t("tl_kol_bulan_laporan"),
            "posisi": t("tl_kol_posisi"), "posisi_bulan": None, "status": t("tl_kol_status")}


def _worded(frame: pd.DataFrame) -> pd.DataFrame:
    """Status in the reader's language; the volume columns only when a volume commitment is there."""
    shown = frame.assign(status=[t("tl_status_" + s.replace(" ", "_")) for s in frame["status"]])
    volume_rows = shown["target_volume"].notna().any() if "target_volume" in shown else False
    return shown if volume_rows else shown.drop(columns=[c for c in VOLUME_ONLY if c in shown])


def _written(frame: pd.DataFrame, labels: dict) -> tuple[pd.DataFrame, dict]:
    """Rupiah and percentages in the reader's formats over their numbers (monev.ui.tables.formatted:
    a click on a header sorts by the numbers, whatever the browser's locale); volumes, written
    with their unit, as right-aligned text. The download keeps the numbers."""
    L = lang()
    volumes = {c: [view.volume_text(x, L) for x in frame[c]] for c in VOLUMES if c in frame}
    config = {c: labels.get(c, c) for c in frame}
    config.update({c: st.column_config.TextColumn(config[c], alignment="right") for c in volumes})
    return tables.formatted(frame.assign(**volumes), L, config, money=MONEY, percent=PERCENT)


def table(ctx, frame: pd.DataFrame, name: str, key: str) -> None:
    """Judged commitments (views.tindak_lanjut.judged or .judged_by_month) as a table with
    Indonesian formats, and their Excel download."""
    shown = _worded(frame)
    written, config = _written(shown, _labels())
    tables.show(written, config, key=f"{key}_tabel")
    download.download_button(shown, name, sample=ctx.sample, key=f"{key}_unduh")


def _viewer():
    return st.session_state.get(access.VIEWER)


def _record(ctx, commitment: store.Commitment, page: str) -> int | None:
    """Check and write one commitment: the viewer may record for its unit, its PPK is one of the
    satker's, its RO one the warehouse knows for the satker; an error is shown (nothing written)
    otherwise. Returns the new id."""
    viewer = _viewer()
    if not store.may_record(viewer, commitment.kdunit):
        st.error(t("tl_tidak_berwenang", unit=commitment.kdunit))
        return None
    places = data.view(view.choices, ctx)
    if commitment.kdppk and commitment.kdppk not in set(places.loc[places["kdsatker"] == commitment.kdsatker, "kdppk"]):
        st.error(escape(t("tl_ppk_tidak_ada", satker=commitment.kdsatker, ppk=commitment.kdppk)))
        return None
    wrong = store.problems(commitment)
    if not wrong and commitment.ukuran == "volume":
        problem = rules.ro_problem(data.view(view.ros, ctx), commitment.kdsatker, commitment.kode_ro)
        wrong = [problem] if problem else []
    if wrong:
        st.error(escape(" ".join(wrong)))
        return None
    new_id = store.add(access.app_engine(), commitment, viewer.name, page=page)
    st.success(t("tl_tersimpan", id=new_id))
    return new_id


# ---------------------------------------------------------------- the follow-up page

def record_form(ctx) -> None:
    """The follow-up page's form: any satker or PPK the viewer may record for, by hand."""
    period = ctx.selection.period
    viewer = _viewer()
    places = data.view(view.choices, ctx)
    allowed = places[[store.may_record(viewer, u) for u in places["kdunit"]]] if len(places) else places
    if allowed.empty:
        return
    st.subheader(t("tl_judul_catat"))
    names = dict(zip(allowed["kdsatker"], allowed["nmsatker"]))
    with st.form("tl_catat", clear_on_submit=True):
        left, right = st.columns(2)
        satker = left.selectbox(t("tl_satker"), list(names), format_func=lambda k: f"{k} {names[k]}", key="tl_satker")
        ppk = right.text_input(t("tl_ppk"), key="tl_ppk").strip()
        ukuran = left.radio(t("tl_ukuran"), list(store.MEASURES), horizontal=True, key="tl_ukuran",
                            format_func=lambda k: t(f"tl_ukuran_{k}"))
        target = right.text_input(t("tl_target"), key="tl_target")
        jenis = left.selectbox(t("tl_jenis"), list(store.JENIS), key="tl_jenis",
                               format_func=lambda k: label(JENIS_BELANJA, k) if k else t("semua"))
        kode_ro = right.text_input(t("tl_ro"), key="tl_ro", max_chars=32).strip()
        batas = left.selectbox(t("tl_batas"), list(range(period.bulan, 13)), key="tl_batas",
                               format_func=lambda m: fmt.month_name(m, lang()))
        pj = right.text_input(t("tl_pj"), key="tl_pj")
        rakor = left.text_input(t("tl_rakor"), key="tl_rakor")
        if st.form_submit_button(t("tl_simpan")):
            unit = str(allowed.loc[allowed["kdsatker"] == satker, "kdunit"].iloc[0])
            _record(ctx, store.Commitment(rakor=rakor, tahun=period.tahun, kdunit=unit, kdsatker=satker, kdppk=ppk,
                                          ukuran=ukuran, target=target, batas_bulan=batas, penanggung_jawab=pj,
                                          jenis_belanja=jenis, kode_ro=kode_ro if ukuran == "volume" else ""),
                    "tindak_lanjut")


def history(ctx, judged: pd.DataFrame, commitments: pd.DataFrame) -> None:
    """One commitment of the list judged at every data position since it was made, downloadable."""
    if judged.empty:
        return
    st.subheader(t("tl_judul_riwayat"))
    described = dict(zip(judged["id"], judged["kdsatker"] + " · " + judged["komitmen"]))
    chosen = st.selectbox(t("tl_pilih_riwayat"), list(described), key="tl_riwayat", index=None,
                          format_func=lambda i: f"{i}: {described[i]}", placeholder=t("tl_pilih_riwayat_petunjuk"))
    if chosen is None:  # read for the one asked about, not on every visit of the page
        return
    rows = data.view(view.judged_by_month, ctx, commitments=commitments[commitments["id"] == chosen], lang=lang())
    st.caption(t("tl_catatan_riwayat"))
    period = ctx.selection.period
    table(ctx, rows, f"tindak_lanjut_{chosen}_per_bulan_{period.tahun}_{period.bulan:02d}", "tl_riwayat")
    unit = str(judged.loc[judged["id"] == chosen, "kdunit"].iloc[0])
    if store.may_record(_viewer(), unit):
        _cancel_form(int(chosen))


def _cancel_form(commitment_id: int) -> None:
    """Cancel the chosen commitment, with a reason: it stays in the database, marked, and the
    audit keeps who cancelled it and why (a Rakor may drop a commitment it made)."""
    with st.form("tl_batal", clear_on_submit=True):
        reason = st.text_input(t("tl_alasan_batal"), key="tl_alasan_batal", max_chars=500).strip()
        if st.form_submit_button(t("tl_batalkan", id=commitment_id)):
            if not reason:
                st.error(t("tl_alasan_batal_kosong"))
                return
            try:
                store.cancel(access.app_engine(), commitment_id, _viewer().name, reason, page="tindak_lanjut")
            except ValueError as exc:  # cancelled meanwhile in another session
                st.error(escape(str(exc)))
                return
            st.session_state.pop("tl_riwayat", None)
            st.session_state["tl_pesan"] = t("tl_dibatalkan", id=commitment_id)
            st.rerun()


# ---------------------------------------------------------------- the IKPA page's needs-attention list

def from_attention(ctx, attention: pd.DataFrame, worded: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Under the needs-attention list (before its words: worded(rows) writes the reasons of
    those rows): pick one of its satker or PPK the viewer may record for and
    record a commitment prefilled from it (views.tindak_lanjut.prefill: the quarter's target as a
    % of pagu by the quarter's last month, the KPA's or PPK's name, the Rakor) with one click; the
    prefilled values can be changed first. Nothing for a viewer who may not record."""
    viewer = _viewer()
    if attention.empty or viewer is None:
        return
    # asked per unit, not per row: a national list has 62.000 rows and 80 units
    units = [u for u in pd.unique(attention["kdunit"]) if store.may_record(viewer, u)]
    rows = attention[attention["kdunit"].isin(units)].reset_index(drop=True)
    if rows.empty:
        return
    period = ctx.selection.period
    st.subheader(t("tl_dari_perhatian"))
    st.caption(t("tl_dari_perhatian_catatan"))
    kdppk = rows["kdppk"].fillna("").astype(str)
    ppk = kdppk != ""
    rows = rows.assign(_kode=rows["kdsatker"] + ("." + kdppk).where(ppk, ""),
                       _nama=rows["nmsatker"].fillna("") + (" · PPK " + kdppk).where(ppk, ""))
    code = tables.pick(rows, "_kode", "_nama", t("tl_pilih_baris"), "tl_perhatian_pilih")
    if code is None:
        return
    row = worded(rows[rows["_kode"] == code].head(1)).iloc[0]
    ppk = str(row["kdppk"] or "")
    fill = data.view(view.prefill, ctx, kdsatker=row["kdsatker"], kdppk=ppk, lang=lang())
    st.markdown(escape(t("tl_alasan", alasan=row["alasan"])))
    earlier = st.empty()  # filled after the form: it names one recorded by this click too
    target = fmt.format_decimal(fill["target_persen_x100"] / 100, lang(), "0.##") if fill["target_persen_x100"] else ""
    with st.form(f"tl_perhatian_{code}"):
        left, right = st.columns(2)
        target = left.text_input(t("tl_target_persen_isian"), value=target, key=f"tl_perhatian_target_{code}")
        months = list(range(period.bulan, 13))
        batas = right.selectbox(t("tl_batas"), months, index=months.index(max(fill["batas_bulan"], period.bulan)),
                                key=f"tl_perhatian_batas_{code}", format_func=lambda m: fmt.month_name(m, lang()))
        pj = left.text_input(t("tl_pj"), value=fill["penanggung_jawab"], key=f"tl_perhatian_pj_{code}")
        rakor = right.text_input(t("tl_rakor"), value=fill["rakor"], key=f"tl_perhatian_rakor_{code}")
        if st.form_submit_button(t("tl_catat_satu_klik"), type="primary"):
            _record(ctx, store.Commitment(rakor=rakor, tahun=period.tahun, kdunit=str(row["kdunit"]),
                                          kdsatker=str(row["kdsatker"]), kdppk=ppk, ukuran="persen", target=target,
                                          batas_bulan=batas, penanggung_jawab=pj), "ikpa")
    recorded = _open_commitments(period.tahun, row["kdsatker"], ppk)
    if recorded:
        earlier.caption(t("tl_sudah_ada", daftar=", ".join(str(i) for i in recorded)))


def _open_commitments(tahun: int, kdsatker: str, kdppk: str) -> list[int]:
    listed = store.listed(access.app_engine(), tahun)
    mine = listed[(listed["kdsatker"] == kdsatker) & (listed["kdppk"] == kdppk)]
    return [int(i) for i in mine["id"]]


# ---------------------------------------------------------------- the KPA/PPK page

@st.cache_data(ttl=data.CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _judged(_warehouse, _app, path: str, version: int, tahun: int, bulan: int, scope, filters, app: str,
            stamp: tuple, language: str) -> pd.DataFrame:
    return view.judged(_warehouse, Period(tahun, bulan), scope=scope, filters=filters,
                       commitments=store.listed(_app, tahun), lang=language)


def commitments_judged(ctx) -> pd.DataFrame:
    """The year's commitments judged at the page's data position within the viewer's scope, cached
    like a view (warehouse version, period, scope, filters) and by the application database and its
    commitments' stamp (store.stamp: one small query a run instead of reading the commitments and
    hashing them into the key): a commitment recorded or cancelled shows on the next run."""
    period, app = ctx.selection.period, access.app_engine()
    return _judged(ctx.engine, app, str(ctx.engine.url.database), ctx.version, period.tahun, period.bulan, ctx.scope,
                   ctx.selection.filters, str(app.url), store.stamp(app, period.tahun), lang())


def on_kpa_ppk(ctx, satker: str | None) -> None:
    """The commitments of the satker in view (its own and its PPK's), or of every satker in the
    viewer's scope when none is picked, judged at the page's data position, with their download."""
    period = ctx.selection.period
    judged = commitments_judged(ctx)
    if satker:
        judged = judged[judged["kdsatker"] == satker].reset_index(drop=True)
    st.subheader(t("tl_judul_kpa", siapa=escape(satker) if satker else t("tl_cakupan_anda"),
                   bulan=fmt.month_name(period.bulan, lang()), tahun=period.tahun))
    if judged.empty:
        st.caption(t("tl_belum_ada"))
        return
    table(ctx, judged, f"tindak_lanjut_{satker or 'cakupan'}_{period.tahun}_{period.bulan:02d}", "kpa_tindak_lanjut")
