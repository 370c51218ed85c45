"""The viewer's language in a page run, and texts in it (the texts themselves: monev.i18n.texts)."""
from __future__ import annotations

import streamlit as st

from monev.i18n import texts


def lang() -> str:
    return st.session_state.get("lang", "id")


def t(key: str, **values) -> str:
    return texts.text(key, lang(), **values)


def label(table: dict[str, tuple[str, str]], code: str) -> str:
    return texts.label(table, code, lang())
