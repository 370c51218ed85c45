"""Pengguna (admins only): the accounts, their roles and scopes. Creating, disabling and
resetting passwords stays on the server's command line (a password never crosses a browser)."""
import streamlit as st

from monev.access import admin
from monev.ui import access
from monev.ui.download import download_button
from monev.ui.texts import t

access.require_admin()
st.title(t("pengguna"))
st.caption(t("pengguna_petunjuk"))
table = admin.users_table(access.app_engine())
st.dataframe(table, hide_index=True, key="pengguna_tabel")
download_button(table, "pengguna", key="pengguna_unduh")
