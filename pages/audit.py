"""Audit (admins only): the append-only record, filtered by date, user and event, with its download."""
from datetime import date, timedelta

import streamlit as st

from monev.access import admin
from monev.ui import access
from monev.ui.download import download_button
from monev.ui.texts import t

access.require_admin()
engine = access.app_engine()
st.title(t("audit"))
st.caption(t("audit_petunjuk"))
since_col, until_col, who_col, event_col = st.columns(4)
since = since_col.date_input(t("audit_dari"), value=date.today() - timedelta(days=30), key="audit_dari",
                             format="DD/MM/YYYY")
until = until_col.date_input(t("audit_sampai"), value=date.today(), key="audit_sampai", format="DD/MM/YYYY")
who = who_col.selectbox(t("audit_pengguna"), [None, *admin.audit_users(engine)], key="audit_pengguna",
                        format_func=lambda v: t("semua") if v is None else v)
events = event_col.multiselect(t("audit_kejadian"), admin.EVENTS, key="audit_kejadian", placeholder=t("semua"))
table = admin.audit_table(engine, since, until, who, events)
if len(table) >= admin.AUDIT_ROWS:
    st.caption(t("audit_batas", n=admin.AUDIT_ROWS))
st.dataframe(table, hide_index=True, key="audit_tabel",
             column_config={c: t(f"audit_kol_{c}") for c in table.columns})
download_button(table, "audit", key="audit_unduh")
