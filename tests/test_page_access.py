"""The sign-in gate and the admin pages in streamlit.testing: no figure before a sign-in on a
configured warehouse, the labelled demo on the sample, the viewer's scope in the page context,
admin pages refused to others, an account disabled or idle too long is signed out."""
from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from monev.access import passwords
from monev.access.roles import Viewer
from monev.appdb import audit, users
from monev.appdb import db as appdb
from monev.warehouse import query

import builders as b
from apptest import APP, open_page, signed_in

KPA = Viewer(name="kpa", role="kpa", satkers=(b.S2,))


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("MONEV_APP_DB", str(path))
    yield appdb.engine(path)
    appdb.dispose(path)


def _fresh(monkeypatch, db_path) -> AppTest:
    monkeypatch.setenv("MONEV_DB", str(db_path))
    return AppTest.from_file(APP, default_timeout=60)


def test_a_configured_warehouse_without_accounts_shows_no_figure_and_how_to_begin(shared_warehouse, app_db,
                                                                                  monkeypatch):
    at = _fresh(monkeypatch, shared_warehouse).run()
    assert not at.exception
    assert "python -m monev user add admin --role admin --password-stdin" in at.info[0].value
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe
    assert not at.text_input  # no form either: there is no account to sign in with


def test_with_accounts_the_form_is_shown_and_nothing_else(shared_warehouse, app_db, monkeypatch):
    users.add(app_db, "siti", "admin", password_hash=passwords.hash_password("sandi-rahasia-siti"))
    at = _fresh(monkeypatch, shared_warehouse).run()
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.button[0].label == "Masuk"
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe

    at.text_input[0].set_value("siti")
    at.text_input[1].set_value("sandi-salah-sekali")
    at.button[0].click().run()
    assert at.error[0].value == "Nama pengguna atau kata sandi salah." and not at.metric

    at.text_input[0].set_value("siti")
    at.text_input[1].set_value("sandi-rahasia-siti")
    at.button[0].click().run()
    assert not at.exception and at.metric  # the overview, with its figures
    assert "siti" in at.sidebar.markdown[0].value


def test_a_sign_in_that_cannot_be_checked_says_so_and_lets_no_one_in(shared_warehouse, app_db, monkeypatch):
    """The form's callback checks the password (monev.ui.access._submitted): an application
    database failing there is a clear message under the form, never a traceback nor a page."""
    from monev.access import accounts

    users.add(app_db, "siti", "admin", password_hash=passwords.hash_password("sandi-rahasia-siti"))
    at = _fresh(monkeypatch, shared_warehouse).run()

    def broken(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(accounts, "sign_in", broken)
    at.text_input[0].set_value("siti")
    at.text_input[1].set_value("sandi-rahasia-siti")
    at.button[0].click().run()
    assert not at.exception and not at.metric
    assert at.error[0].value.startswith("Basis data aplikasi")
    assert [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]  # the form again


def test_english_labels_of_the_form(shared_warehouse, app_db, monkeypatch):
    users.add(app_db, "siti", "admin", password_hash=passwords.hash_password("sandi-rahasia-siti"))
    at = _fresh(monkeypatch, shared_warehouse)
    at.query_params["lang"] = "en"
    at.run()
    assert [w.label for w in at.text_input] == ["Username", "Password"] and at.button[0].label == "Log in"


def test_the_sample_without_accounts_opens_as_a_labelled_demo(shared_warehouse, app_db, monkeypatch):
    from monev import reports
    from monev.ui import data

    monkeypatch.setattr(reports, "is_sample", lambda engine: True)
    data._version.clear()  # the version's facts, sample marker included, are kept per version file
    try:
        at = _fresh(monkeypatch, shared_warehouse).run()
        assert not at.exception and at.metric
        assert any("Mode demo" in w.value for w in at.sidebar.warning)
        users.add(app_db, "siti", "admin", password_hash=passwords.hash_password("sandi-rahasia-siti"))
        at.run()  # the first account ends the demo, also for a session already open
        assert not at.metric and [w.label for w in at.text_input] == ["Nama pengguna", "Kata sandi"]
    finally:
        data._version.clear()  # the other tests' warehouse is no sample


@pytest.mark.parametrize("viewer, scope, shown", [
    (KPA, query.Scope(satkers=(b.S2,)), ["KPA (satker)", b.S2]),
    (Viewer(name="e", role="eselon1", units=("05",)), query.Scope(units=("05",)), ["Pejabat eselon I", "05"]),
    (Viewer(name="p", role="ppk", ppks=((b.S1, "02"),)), query.Scope(ppks=((b.S1, "02"),)), ["PPK", f"{b.S1}.02"]),
    (Viewer(name="q", role="pimpinan"), query.EVERYTHING, ["Pimpinan", "semua unit"]),
])
def test_the_page_context_carries_the_viewers_scope(shared_warehouse, monkeypatch, viewer, scope, shown):
    """app.py, signed in, hands the pages the viewer's scope: the scope tests (test_scope.py) take
    it from there."""
    monkeypatch.setenv("MONEV_DB", str(shared_warehouse))
    at = signed_in(AppTest.from_file(APP, default_timeout=60), viewer).run()
    assert not at.exception
    assert at.session_state["page_context"].scope == scope
    sidebar = " ".join(c.value for c in at.sidebar.caption).replace("\\", "")  # shown escaped
    assert all(part in sidebar for part in shown), sidebar


@pytest.mark.parametrize("page", ["pages/muat.py", "pages/pengguna.py", "pages/audit.py"])
def test_admin_pages_are_refused_to_others_even_when_opened_directly(shared_warehouse, monkeypatch, page):
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in a KPA's navigation
        open_page(monkeypatch, shared_warehouse, page, viewer=KPA)
    # and the page file itself refuses, run directly in a KPA's session
    signed = signed_in(AppTest.from_file(APP, default_timeout=60), KPA).run()
    at = AppTest.from_file(str(b.Path(APP).parent / page), default_timeout=60)
    for key in ("page_context", "monev_viewer", "monev_masuk"):
        at.session_state[key] = signed.session_state[key]
    at.run()
    assert not at.exception
    assert at.error[0].value == "Halaman ini hanya untuk admin (Biro Keuangan)."
    assert not at.get("file_uploader") and not at.dataframe and not at.title
    refused = audit.entries(appdb.engine(), events=["ditolak"])
    assert refused["who"].str.startswith("uji-kpa-").any()


def test_the_users_page_lists_accounts_without_any_hash(shared_warehouse, monkeypatch):
    at = open_page(monkeypatch, shared_warehouse, "pages/pengguna.py")
    assert not at.exception and at.title[0].value == "Pengguna"
    table = at.dataframe[0].value
    assert "uji-admin" in set(table["nama"]) and "password_hash" not in table.columns
    assert not table.astype(str).apply(lambda c: c.str.contains("argon2")).any().any()


def test_the_audit_page_filters_by_event(shared_warehouse, monkeypatch):
    at = open_page(monkeypatch, shared_warehouse, "pages/audit.py")
    assert not at.exception and at.title[0].value == "Audit"
    assert "lihat_halaman" in set(at.dataframe[0].value["event"])
    at.multiselect(key="audit_kejadian").set_value(["masuk"]).run()
    assert set(at.dataframe[0].value["event"]) <= {"masuk"}


def test_a_disabled_account_is_signed_out_at_its_next_click(shared_warehouse, monkeypatch):
    viewer = Viewer(name="x", role="pimpinan")
    monkeypatch.setenv("MONEV_DB", str(shared_warehouse))
    at = signed_in(AppTest.from_file(APP, default_timeout=60), viewer).run()
    assert at.metric
    name = at.session_state["monev_masuk"]["name"]
    users.set_disabled(appdb.engine(), name)
    try:
        at.run()
        assert not at.metric and "tidak lagi aktif" in at.warning[0].value
    finally:
        with appdb.engine().begin() as conn:  # the shared test account serves other tests
            conn.exec_driver_sql("update users set disabled = 0 where name = ?", (name,))


def test_an_idle_session_expires(shared_warehouse, monkeypatch):
    monkeypatch.setenv("MONEV_IDLE_MINUTES", "30")
    monkeypatch.setenv("MONEV_DB", str(shared_warehouse))
    at = signed_in(AppTest.from_file(APP, default_timeout=60), Viewer(name="uji-admin", role="admin")).run()
    assert at.metric
    at.session_state["monev_masuk"] = dict(at.session_state["monev_masuk"], last_seen=time.time() - 31 * 60)
    at.run()
    assert not at.metric
    assert "Sesi berakhir karena tidak aktif selama 30 menit" in at.warning[0].value
    assert "keluar" in set(audit.entries(appdb.engine(), who="uji-admin")["event"])
