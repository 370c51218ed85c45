"""Every page right whatever link opens it first, and no traceback ever shown to a user.

Why a page can run without app.py: Streamlit 1.65 decides once per process, when the first
session connects, whether this is a legacy `pages/`-folder app (`PagesManager.uses_pages_directory`,
True because a folder named `pages` sits next to app.py); only a call to `st.navigation` sets it
back to False. While it is True, every run goes through Streamlit's legacy path
(`script_runner._mpa_v1`), which builds a menu of the folder's file names and runs the file the URL
names on its own. So on a freshly started server, the first link straight to a page
(`/kpa_ppk?unit=03`) ran pages/kpa_ppk.py without app.py: no page setup, no sidebar filters, no
page context, Streamlit's raw file list as the menu. A link to `/` worked (the legacy path runs
app.py as its main page, whose st.navigation turns the legacy mode off for the process).

There is no hook that runs before the first session, and the folder keeps its name, so the page
context is the check: a page finding none ran outside app.py. It then turns the legacy mode off for
the process, as st.navigation would have, and asks for a rerun; the rerun runs app.py, whose
st.navigation opens the same page (a page's id is its url path in both modes) with the link's query
string. Every later run of any session in that process goes through app.py directly.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager

import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.pages_manager import PagesManager

from monev.ui.texts import t

LOG = get_logger(__name__)  # Streamlit's log format and level, on the server's stderr
CONTEXT_KEY = "page_context"
RERAN_KEY = "page_context_rerun"  # this session's page already reran once for want of a context


def page_context():
    """The context app.py left for this run's page; reruns through app.py when the page was run
    without it (see the module's docstring)."""
    ctx = st.session_state.get(CONTEXT_KEY)
    if ctx is not None:
        st.session_state.pop(RERAN_KEY, None)
        return ctx
    # A page runs without app.py's context only on the legacy path (under st.navigation app.py
    # sets it before any page runs, or stops the run). Not the process's flag alone: when a room
    # opens a link together on a fresh server, every first run has started on the legacy path
    # before the first of them turns it off, and each must rerun through app.py. Once per session:
    # a second run without a context is not the legacy path, and no loop of reruns.
    if PagesManager.uses_pages_directory or not st.session_state.get(RERAN_KEY):
        PagesManager.uses_pages_directory = False
        st.session_state[RERAN_KEY] = True
        st.rerun()
    # never a KeyError on screen
    LOG.error("halaman dijalankan tanpa konteks halaman dari app.py")
    st.stop()


def _reference() -> str:
    """A short code the user can quote and the log carries, to find the details."""
    return uuid.uuid4().hex[:8]


@contextmanager
def friendly_errors(text_key: str = "galat_halaman"):
    """Any error in the block: a clear message in the viewer's language with a code, the traceback
    in the server log under that code, and the run stopped. st.stop and st.rerun pass through
    (Streamlit's ScriptControlException is a BaseException, not an Exception)."""
    try:
        yield
    except Exception:
        code = _reference()
        LOG.exception("galat [%s] pada %s", code, st.context.url)
        st.error(t(text_key, kode=code), icon=":material/error:")
        st.stop()

