"""Signing in with a local account, end to end in headless Chromium against `streamlit run app.py`
on a configured (non-sample) warehouse: the form, a wrong password, an unknown name, lock-out,
what a KPA sees in the sidebar and that "Muat data" is refused by URL, signing out, expiry after
idle time; and that no password or hash reaches the server's log or the audit.
"""
from __future__ import annotations

import pytest
from e2e import (
    FORM,
    ROOT,
    app_server,
    fill_sign_in,
    main_text,
    needs_chromium,
    settle,
    sign_in,
)

import builders as b

pytestmark = needs_chromium
ARTIFACTS = ROOT / "test-artifacts" / "e2e"

PASSWORDS = {"admin-e2e": "sandi-admin-rahasia-1", "kpa-e2e": "sandi-kpa-rahasia-22",
             "dikunci-e2e": "sandi-dikunci-rahasia-333"}
WRONG_PASSWORD = "sandi-keliru-sekali-4444"
WRONG = "Nama pengguna atau kata sandi salah."
HOSTILE_NAME = "![x](http:beacon.example) [Masuk ulang](beacon.example) :red[merah].csv"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = tmp_path_factory.mktemp("appdb") / "app.sqlite"
    engine = appdb.engine(path)
    users.add(engine, "admin-e2e", "admin", password_hash=passwords.hash_password(PASSWORDS["admin-e2e"]))
    users.add(engine, "kpa-e2e", "kpa", satkers=(b.S2,), password_hash=passwords.hash_password(PASSWORDS["kpa-e2e"]))
    users.add(engine, "dikunci-e2e", "pimpinan",
              password_hash=passwords.hash_password(PASSWORDS["dikunci-e2e"]))
    appdb.dispose(path)
    return path



def _error_text(page) -> str:
    page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
    return page.locator('[data-testid="stAlertContentError"]').first.inner_text()


def test_local_accounts_end_to_end(shared_warehouse, app_db, browser, tmp_path):
    from monev.appdb import audit, users
    from monev.appdb import db as appdb

    log = tmp_path / "server.log"
    env = {"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db),
           "MONEV_LOCK_FAILURES": "3", "MONEV_LOCK_MINUTES": "10"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(env, log=log) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        # nobody signed in: the form, and not one figure
        page.goto(url + "/rincian", wait_until="domcontentloaded")
        settle(page, FORM)
        assert page.get_by_label("Nama pengguna").is_visible() and page.get_by_label("Kata sandi").is_visible()
        assert page.get_by_role("button", name="Masuk", exact=True).is_visible()
        assert page.locator('[data-testid="stMetric"], [data-testid="stPlotlyChart"], '
                            '[data-testid="stDataFrame"]').count() == 0
        assert "Ringkasan" not in page.locator('[data-testid="stSidebar"]').inner_text()  # no menu

        # a wrong password and an unknown name say the same thing
        fill_sign_in(page, "kpa-e2e", WRONG_PASSWORD)
        assert _error_text(page) == WRONG
        fill_sign_in(page, "tidak-ada-orangnya", WRONG_PASSWORD)
        assert _error_text(page) == WRONG

        # three failures lock the account: then even the right password is refused, with the same message
        for _ in range(3):
            fill_sign_in(page, "dikunci-e2e", WRONG_PASSWORD)
            assert _error_text(page) == WRONG
        fill_sign_in(page, "dikunci-e2e", PASSWORDS["dikunci-e2e"])
        assert _error_text(page) == WRONG
        assert page.locator('[data-testid="stMetric"]').count() == 0
        engine = appdb.engine(app_db)
        assert users.get(engine, "dikunci-e2e").locked_until is not None

        # the KPA signs in: the page asked for opens, the sidebar says who, which role and scope
        sign_in(page, "kpa-e2e", PASSWORDS["kpa-e2e"])
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Masuk sebagai" in sidebar and "kpa-e2e" in sidebar
        assert "KPA (satker)" in sidebar and b.S2 in sidebar
        assert "Rincian anggaran" in page.locator("h1").first.inner_text()
        assert "Muat data" not in sidebar and "Audit" not in sidebar
        page.screenshot(path=str(tmp_path / "kpa.png"), full_page=True)

        # Muat data by URL: refused (a new tab of the browser signs in again, as a new session)
        page.goto(url + "/muat", wait_until="domcontentloaded")
        sign_in(page, "kpa-e2e", PASSWORDS["kpa-e2e"])
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert "Muat data" not in main_text(page)

        # signing out brings the form back and the figures go
        page.get_by_role("button", name="Keluar").click()
        settle(page, FORM)
        assert page.locator('[data-testid="stMetric"]').count() == 0

        # the admin sees the admin pages; a download is audited with its table
        sign_in(page, "admin-e2e", PASSWORDS["admin-e2e"])
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Muat data" in sidebar and "Pengguna" in sidebar and "Audit" in sidebar
        with page.expect_download() as download:
            page.get_by_role("button", name="Unduh Excel").first.click()
        assert download.value.suggested_filename.endswith(".xlsx")

        # an uploaded file's name is shown as text: no image, no link
        page.locator('[data-testid="stSidebarNav"]').get_by_text("Muat data").click()
        settle(page, '[data-testid="stFileUploader"]')
        hostile = tmp_path / HOSTILE_NAME
        hostile.write_text("bukan,berkas\n1,2\n", encoding="utf-8")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(hostile))
        page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
        settle(page, '[data-testid="stFileUploader"]')
        main = page.locator('[data-testid="stMain"]')
        assert HOSTILE_NAME in main.inner_text()
        page.screenshot(path=str(ARTIFACTS / "muat_nama_berkas.png"), full_page=True)
        # (a heading's own anchor, href="#...", is Streamlit's and holds the text as an id)
        assert main.locator("img").count() == 0 and main.locator('a[href*="beacon"]:not([href^="#"])').count() == 0
        page.close()

    trail = audit.entries(engine)
    events = set(zip(trail["who"], trail["event"]))
    assert {("kpa-e2e", "masuk"), ("kpa-e2e", "gagal_masuk"), ("kpa-e2e", "keluar"),
            ("(nama tidak dikenal)", "gagal_masuk"),
            ("dikunci-e2e", "akun_dikunci"), ("kpa-e2e", "lihat_halaman"), ("admin-e2e", "masuk")} <= events
    views = trail[(trail["who"] == "kpa-e2e") & (trail["event"] == "lihat_halaman")]
    assert set(views["page"]) >= {"rincian", "ringkasan"} and all(b.S2 in s for s in views["scope"])
    downloads = trail[(trail["who"] == "admin-e2e") & (trail["event"] == "unduh")]
    assert len(downloads) == 1
    assert '"tabel":' in downloads["detail"].iloc[0] and downloads["page"].iloc[0] == "ringkasan"
    # no password and no hash anywhere: not in the server's log, not in the audit, not in its file
    hashes = [u.password_hash for u in users.all_users(engine)]
    written = log.read_text(encoding="utf-8", errors="replace") + trail.to_csv()
    stored = b"".join(p.read_bytes() for p in app_db.parent.glob("app.sqlite*"))
    for secret in [*PASSWORDS.values(), WRONG_PASSWORD]:
        assert secret not in written and secret.encode() not in stored
    for digest in hashes:
        assert digest not in written
    assert "$argon2" not in written


def test_a_session_expires_after_the_idle_time(shared_warehouse, app_db, browser):
    env = {"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db), "MONEV_IDLE_MINUTES": "0.05"}
    with app_server(env) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url, wait_until="domcontentloaded")
        sign_in(page, "admin-e2e", PASSWORDS["admin-e2e"])
        page.wait_for_timeout(4_000)  # idle longer than 0,05 minutes = 3 s
        page.locator('[data-testid="stSidebarNav"]').get_by_text("Rincian anggaran").click()
        settle(page, FORM)
        assert "Sesi berakhir karena tidak aktif" in main_text(page)
        assert page.locator('[data-testid="stMetric"], [data-testid="stPlotlyChart"]').count() == 0
        page.close()
