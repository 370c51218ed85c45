"""Tindak lanjut Rakor: the previous Rakor's commitments judged at the selected data position,
within the viewer's scope, with their download; admins, pimpinan and an echelon I official (for
his own units) record new ones. Every recorded change is audited (monev.appdb.tindak_lanjut)."""
import streamlit as st

from monev.appdb import tindak_lanjut as store
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA
from monev.ui import access, data, download
from monev.ui.texts import label, lang, t
from monev.views import tindak_lanjut as view

ctx = data.context()
period = ctx.selection.period
L = lang()
viewer = st.session_state.get(access.VIEWER)
st.title(t("tindak_lanjut"))
st.caption(t("tl_subjudul", tahun=period.tahun, bulan=fmt.month_name(period.bulan, L)))

commitments = store.listed(access.app_engine(), period.tahun)
judged = data.view(view.judged, ctx, commitments=commitments, lang=L)
if judged.empty:
    st.info(t("tl_belum_ada"))
else:
    shown = judged.assign(status=[t("tl_status_" + s.replace(" ", "_")) for s in judged["status"]])
    st.dataframe(shown, hide_index=True, key="tl_tabel", column_config={
        "rakor": t("tl_kol_rakor"), "kdsatker": t("tl_satker"), "komitmen": t("tl_kol_komitmen"),
        "penanggung_jawab": t("tl_kol_pj"), "dinilai_bulan": t("tl_kol_dinilai"), "capaian_persen": t("tl_kol_capaian"),
        "target_rupiah_setara": t("tl_kol_target_rupiah"), "kekurangan": t("tl_kol_kekurangan"),
        "pagu": t("pagu"), "realisasi": t("realisasi")})
    download.download_button(shown, f"tindak_lanjut_{period.tahun}_{period.bulan:02d}", sample=ctx.sample,
                             key="tl_unduh")

places = data.view(view.choices, ctx)
allowed = places[[store.may_record(viewer, u) for u in places["kdunit"]]] if len(places) else places
if len(allowed):
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
        batas = right.selectbox(t("tl_batas"), list(range(period.bulan, 13)), key="tl_batas",
                                format_func=lambda m: fmt.month_name(m, L))
        pj = left.text_input(t("tl_pj"), key="tl_pj")
        rakor = right.text_input(t("tl_rakor"), key="tl_rakor")
        if st.form_submit_button(t("tl_simpan")):
            unit = str(allowed.loc[allowed["kdsatker"] == satker, "kdunit"].iloc[0])
            ppks = set(allowed.loc[allowed["kdsatker"] == satker, "kdppk"])
            if not store.may_record(viewer, unit):
                st.error(t("tl_tidak_berwenang", unit=unit))
            elif ppk and ppk not in ppks:
                st.error(t("tl_ppk_tidak_ada", satker=satker, ppk=ppk))
            else:
                commitment = store.Commitment(rakor=rakor, tahun=period.tahun, kdunit=unit, kdsatker=satker, kdppk=ppk,
                                              ukuran=ukuran, target=target, batas_bulan=batas, penanggung_jawab=pj,
                                              jenis_belanja=jenis)
                wrong = store.problems(commitment)
                if wrong:
                    st.error(" ".join(wrong))
                else:
                    new_id = store.add(access.app_engine(), commitment, viewer.name, page="tindak_lanjut")
                    st.success(t("tl_tersimpan", id=new_id))
                    st.rerun()
