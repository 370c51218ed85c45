"""Tindak lanjut Rakor: the previous Rakor's commitments judged at the selected data position,
within the viewer's scope, with their download and each one's status at every data position
since it was made; admins, pimpinan and an echelon I official (for his own units) record new
ones. Every recorded change is audited (monev.appdb.tindak_lanjut)."""
import streamlit as st

from monev.appdb import tindak_lanjut as store
from monev.i18n import format as fmt
from monev.ui import access, data, tindak_lanjut_form
from monev.ui.texts import lang, t
from monev.views import tindak_lanjut as view

ctx = data.context(t("tindak_lanjut"))
period = ctx.selection.period
st.caption(t("tl_subjudul", tahun=period.tahun, bulan=fmt.month_name(period.bulan, lang())))

if note := st.session_state.pop("tl_pesan", None):  # what the last cancel did, shown once
    st.success(note)
listing = st.container()  # drawn above the form, filled after it: a commitment recorded now is listed
tindak_lanjut_form.record_form(ctx)
with listing:
    commitments = store.listed(access.app_engine(), period.tahun)
    judged = data.view(view.judged, ctx, commitments=commitments, lang=lang())
    if judged.empty:
        st.info(t("tl_belum_ada"))
    else:
        tindak_lanjut_form.table(ctx, judged, f"tindak_lanjut_{period.tahun}_{period.bulan:02d}", "tl")
        tindak_lanjut_form.history(ctx, judged, commitments)
