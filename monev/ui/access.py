"""The sign-in gate, run by app.py before anything is drawn, and the audit of what a viewer does.

Who may look, in order:
1. single sign-on, when `.streamlit/secrets.toml` has an `[auth]` section: Streamlit's own
   st.login / st.user / st.logout (OpenID Connect); the identity's e-mail names the account;
2. otherwise a local account: the "Nama pengguna" / "Kata sandi" form (monev.access.accounts);
3. on the sample warehouse with no account at all: a clearly labelled demo, so the README's
   first command opens a working app. A configured warehouse without accounts shows no figure
   and tells the admin how to create the first one.

What the session keeps (server side, in st.session_state) is the account's name or e-mail and
the time of its last run; the role and scope are read again from the application database at
every run, so disabling an account or changing its scope takes effect on the next click.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

import streamlit as st

from monev.access import accounts
from monev.access.roles import ROLE_LABELS, Viewer
from monev.appdb import audit, users
from monev.appdb import db as appdb
from monev.i18n.markdown import escape
from monev.ui import guard
from monev.ui.texts import lang, t

log = logging.getLogger(__name__)

SESSION = "monev_masuk"  # {"method": "lokal"|"sso"|"demo", "name": ..., "email": ..., "last_seen": epoch s}
VIEWER = "monev_viewer"  # the Viewer of this run, for download callbacks and pages that check a role
NOTICE = "monev_masuk_pesan"  # a message for the sign-in page after an expiry or a revoked account
PAGE = "monev_halaman"  # the page of this run (its url path), for the audit of downloads and refusals
LAST_VIEW = "monev_audit_lihat"  # the last page view audited in this session: one row per change
FORM_NAME, FORM_PASSWORD = "akses_nama", "akses_sandi"  # the sign-in form's fields, read by its callback
SIGNED_IN_NOW = "monev_masuk_baru"  # the Viewer the callback just read: the gate of that run does not read it again
REFUSED = "monev_masuk_ditolak"  # the text key of the sign-in form's refusal, set by its callback
KEPT_AT_SIGN_OUT = {"lang", "f_lang", NOTICE}
DEMO = Viewer(name="demo", role="admin", display="Demo", demo=True)


def idle_minutes() -> float:
    """MONEV_IDLE_MINUTES (a number, fractions allowed), else 30."""
    try:
        return max(float(os.environ.get("MONEV_IDLE_MINUTES", "30")), 0.0)
    except ValueError:
        return 30.0


def sso_configured() -> bool:
    """Whether an [auth] section is configured (in any of Streamlit's secrets files)."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # noqa: BLE001 - an unreadable secrets file: Streamlit reports it itself
        log.exception("secrets.toml tidak terbaca")
        return False


def app_engine():
    return appdb.engine()


def record(event: str, *, page: str | None = None, detail: dict | None = None, viewer: Viewer | None = None) -> None:
    """One audit row for the viewer of this session; a failing audit database is logged and the
    viewer goes on (refusing to show figures because the audit is down would be worse for a Rakor)."""
    viewer = viewer or st.session_state.get(VIEWER)
    who = viewer.name if viewer is not None else "(belum masuk)"
    try:
        audit.record(app_engine(), event, who, page=page, detail=detail,
                     scope=viewer.scope_record() if viewer is not None else None)
    except Exception:  # noqa: BLE001
        log.exception("catatan audit %s tidak tersimpan", event)


def gate(sample: bool, page_keys: list[str]) -> Viewer:
    """The signed-in viewer, or the sign-in page and the end of this run. `page_keys` are the
    app's url paths: the sign-in page answers at each of them, so a shared link still opens its
    page, with its filters, once signed in."""
    try:
        engine = app_engine()
    except Exception:  # noqa: BLE001 - a message, not a traceback; details in the server log
        log.exception("basis data aplikasi tidak dapat dibuka")
        _stop_with(page_keys, lambda: st.error(t("akses_db_gagal")))
    state = st.session_state.get(SESSION)
    if state is not None and state["method"] != "demo" and time.time() - state["last_seen"] > idle_minutes() * 60:
        _expire(state)
        state = None
    fresh = st.session_state.pop(SIGNED_IN_NOW, None)  # read by the form's callback just before this run
    viewer = (fresh if fresh is not None else _current(engine, state)) if state is not None else None
    if state is not None and viewer is None:  # disabled or removed since the last run
        _forget(state, "akun_dicabut")
        st.session_state[NOTICE] = t("akses_akun_dicabut")
        state = None
    if viewer is None and sso_configured():
        viewer = _from_sso(engine, page_keys)
    if viewer is None and sample and users.count(engine) == 0:
        viewer = DEMO
        st.session_state[SESSION] = {"method": "demo", "name": DEMO.name}
    if viewer is None:
        has_accounts = users.count(engine) > 0
        _stop_with(page_keys, lambda: _sign_in_page(engine, has_accounts))
    st.session_state[SESSION]["last_seen"] = time.time()
    st.session_state[VIEWER] = viewer
    return viewer


def _current(engine, state: dict) -> Viewer | None:
    if state["method"] == "demo":
        return DEMO if users.count(engine) == 0 else None
    if state["method"] == "sso":
        if not st.user.is_logged_in or (st.user.get("email") or "").lower() != state["email"]:
            return None
        return accounts.sso_viewer(engine, state["email"], _sso_display())
    return accounts.current_viewer(engine, state["name"])


def _sso_display() -> str:
    name, email = st.user.get("name"), st.user.get("email")
    return f"{name} ({email})" if name and name != email else str(email)


def _from_sso(engine, page_keys: list[str]) -> Viewer | None:
    """The account of the signed-in SSO identity; a known identity without an enabled account is
    told so, with a way out, and sees nothing else."""
    if not st.user.is_logged_in:
        return None
    email = (st.user.get("email") or "").strip().lower()
    viewer = accounts.sso_viewer(engine, email, _sso_display()) if email else None
    if viewer is None:
        if not st.session_state.get("monev_sso_ditolak"):
            st.session_state["monev_sso_ditolak"] = True
            audit.record(engine, "gagal_masuk", email or "(sso tanpa e-mail)", detail={"alasan": "sso_tidak_terdaftar"})

        def refused():
            st.title(t("akses_judul"))
            st.error(t("akses_sso_tak_terdaftar", email=escape(email)) if email else t("akses_sso_tanpa_email"))
            if st.button(t("akses_keluar"), key="akses_keluar_sso"):
                st.logout()

        _stop_with(page_keys, refused)
    st.session_state[SESSION] = {"method": "sso", "name": viewer.name, "email": email}
    audit.record(engine, "masuk", viewer.name, scope=viewer.scope_record(), detail={"cara": "sso"})
    return viewer


def _stop_with(page_keys: list[str], draw: Callable[[], None]) -> None:
    """Answer every url path of the app with `draw` (the menu hidden), then end the run."""
    pages = [st.Page(draw, title=t("akses_judul"), url_path=key, default=(n == 0))
             for n, key in enumerate(page_keys)]
    st.navigation(pages, position="hidden").run()
    st.stop()


def _sign_in_page(engine, has_accounts: bool) -> None:
    st.title(t("akses_judul"))
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.warning(notice)
    if not has_accounts:
        st.info(t("akses_belum_ada_akun"))
        return
    if sso_configured():
        st.caption(t("akses_sso_petunjuk"))
        if st.button(t("akses_sso"), type="primary", key="akses_sso"):
            st.login()
        return
    with st.form("akses_form", clear_on_submit=True):
        st.text_input(t("akses_nama"), autocomplete="username", key=FORM_NAME)
        st.text_input(t("akses_sandi"), type="password", autocomplete="current-password", key=FORM_PASSWORD)
        st.form_submit_button(t("akses_tombol"), type="primary", on_click=_submitted)
    policy = accounts.Policy.from_env()
    st.caption(t("akses_kunci_info", menit=f"{policy.lock_minutes:g}", n=policy.max_failures))
    refused = st.session_state.pop(REFUSED, None)
    if refused:
        st.error(t(refused))


def _submitted() -> None:
    """The sign-in form's callback, run before the run its click starts: the account and password
    checked here (accounts.sign_in, as strict as in the script), so that very run passes the gate
    and draws the page, where checking in the script drew the form again and ran once more after
    st.rerun (a new session's sign-in, ~0,02 s of CPU). A refusal is shown under the form."""
    try:
        outcome = accounts.sign_in(app_engine(), st.session_state.get(FORM_NAME) or "",
                                   st.session_state.get(FORM_PASSWORD) or "", policy=accounts.Policy.from_env())
    except Exception:  # noqa: BLE001 - a message, not a traceback; details in the server log
        log.exception("masuk gagal diperiksa")
        st.session_state[REFUSED] = "akses_db_gagal"
        return
    if outcome.ok:
        st.session_state[SESSION] = {"method": "lokal", "name": outcome.viewer.name, "last_seen": time.time()}
        st.session_state[SIGNED_IN_NOW] = outcome.viewer
    else:
        st.session_state[REFUSED] = "akses_salah"


def _expire(state: dict) -> None:
    _forget(state, "tidak_aktif")
    st.session_state[NOTICE] = t("akses_sesi_habis", menit=f"{idle_minutes():g}")
    if state["method"] == "sso":
        st.logout()  # the identity cookie would sign the next session in again without asking


def _forget(state: dict, reason: str) -> None:
    if state["method"] != "demo":
        record("keluar", detail={"alasan": reason, "cara": state["method"]},
               viewer=st.session_state.get(VIEWER))
    # the next person at this browser starts clean: no filter, upload or choice of the last one
    for key in list(st.session_state.keys()):
        if key not in KEPT_AT_SIGN_OUT:
            del st.session_state[key]


def sign_out() -> None:
    state = st.session_state.get(SESSION) or {}
    _forget(state or {"method": "demo"}, "keluar")
    if state.get("method") == "sso":
        st.logout()
    else:
        st.rerun()


def scope_text(viewer: Viewer) -> str:
    parts = ([t("unit") + ": " + ", ".join(viewer.units)] if viewer.units else []) + (
        ["Satker: " + ", ".join(viewer.satkers)] if viewer.satkers else []) + (
        ["PPK: " + ", ".join(f"{s}.{p}" for s, p in viewer.ppks)] if viewer.ppks else [])
    return "; ".join(parts) or t("akses_semua")


def sidebar(viewer: Viewer) -> None:
    """Who is signed in, the role and the scope, and the way out; the demo says it is one."""
    box = st.sidebar.container(border=True, key="akses_siapa")
    if viewer.demo:
        box.warning(t("akses_demo"), icon=":material/visibility:")
        return
    box.markdown(f"{t('akses_sebagai')} **{escape(viewer.display or viewer.name)}**")
    box.caption(t("akses_peran", peran=ROLE_LABELS[viewer.role][0 if lang() == "id" else 1]) + " · "
                + t("akses_lingkup", lingkup=escape(scope_text(viewer))))
    if box.button(t("akses_keluar"), key="akses_keluar", icon=":material/logout:"):
        sign_out()


def record_page_view(viewer: Viewer, page: str, detail: dict) -> None:
    """A page view with its filters, once per change of page or filters in this session; the
    page is kept for the rows its downloads and refusals write."""
    st.session_state[PAGE] = page
    seen = (page, repr(sorted(detail.items())))
    if st.session_state.get(LAST_VIEW) == seen:
        return
    st.session_state[LAST_VIEW] = seen
    record("lihat_halaman", page=page, detail=detail, viewer=viewer)


def page_view_detail(ctx) -> dict:
    """What a page view shows: the period, the filters chosen and the batch it is "as loaded at"."""
    detail: dict = {}
    if ctx.selection is not None:
        period, chosen = ctx.selection.period, ctx.selection.filters
        detail = {"tahun": period.tahun, "bulan": period.bulan,
                  "filter": {k: list(v) for k, v in vars(chosen).items() if v}}
    if ctx.as_loaded is not None:
        detail["batch"] = int(ctx.as_loaded["batch_id"])
    return detail


def require_admin() -> Viewer:
    """For pages only admins may open (loading, users, audit): a refusal for anyone else, also
    when the page is reached without the menu (a URL, a switch_page)."""
    guard.page_context()  # a page run without app.py (and so without the gate) goes through it first
    viewer = st.session_state.get(VIEWER)
    if viewer is None or not viewer.can_load():
        record("ditolak", page=st.session_state.get(PAGE), viewer=viewer)
        st.error(t("akses_khusus_admin"))
        st.stop()
    return viewer
