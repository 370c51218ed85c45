"""End to end: `streamlit run app.py` on a free port, every page opened in headless Chromium.

Each page gets a screenshot under test-artifacts/e2e/; the test fails on any exception or error
box a page shows. It needs Debian's Chromium (/usr/bin/chromium, installed by .ci/run); without
it the test is skipped with the reason.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from apptest import app_pages
from e2e import CHROMIUM, CHROMIUM_FLAGS, app_server, needs_chromium, sign_in

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
ADMIN, PASSWORD = "e2e-admin", "kata-sandi-uji-e2e"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(shared_warehouse, tmp_path_factory):
    """The app on the test warehouse (a configured one: it asks for a sign-in), with one admin."""
    from monev.access import passwords
    from monev.appdb import db as appdb, users

    app_db = tmp_path_factory.mktemp("appdb") / "app.sqlite"
    users.add(appdb.engine(app_db), ADMIN, "admin", password_hash=passwords.hash_password(PASSWORD))
    appdb.dispose(app_db)
    with app_server({"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db)}) as url:
        yield url


def test_every_page_renders_without_errors(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for url_path in app_pages():
            # a local sign-in lasts as long as the browser tab's session: each address opened anew asks
            page.goto(f"{server}/{'' if url_path == 'ringkasan' else url_path}", wait_until="domcontentloaded")
            sign_in(page, ADMIN, PASSWORD)
            page.screenshot(path=str(ARTIFACTS / f"{url_path}.png"), full_page=True)
            errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
            if errors.count():
                failures.append(f"{url_path}: {errors.first.inner_text()[:300]}")
            if not page.locator('[data-testid="stMain"]').inner_text().strip():
                failures.append(f"{url_path}: halaman kosong")
        browser.close()
    assert not failures, "\n".join(failures)
