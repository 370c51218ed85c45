"""End to end: `streamlit run app.py` on a free port, every page opened in headless Chromium.

Each page gets a screenshot under test-artifacts/e2e/; the test fails on any exception or error
box a page shows. The test warehouse is a configured one, so the app asks for a sign-in: an admin
account signs in through the form (tests/e2e.py). It needs Debian's Chromium (/usr/bin/chromium,
installed by .ci/run); without it the test is skipped with the reason.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from e2e import FORM, app_server, needs_chromium, settle, sign_in

from apptest import app_pages

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
ADMIN, PASSWORD = "e2e-admin", "kata-sandi-uji-e2e"

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_db(tmp_path_factory) -> Path:
    """The application database of this module's servers, with one admin account."""
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = tmp_path_factory.mktemp("appdb") / "app.sqlite"
    users.add(appdb.engine(path), ADMIN, "admin", password_hash=passwords.hash_password(PASSWORD))
    appdb.dispose(path)
    return path


@contextmanager
def streamlit_server(db_path: Path, app_db: Path, log: Path | None = None):
    """`streamlit run app.py` on warehouse `db_path`, stopped on exit; its output goes to `log`
    (the server log users' error details go to) or is discarded."""
    with app_server({"MONEV_DB": str(db_path), "MONEV_APP_DB": str(app_db)}, log=log) as url:
        yield url


@pytest.fixture(scope="module")
def server(shared_warehouse, app_db):
    with streamlit_server(shared_warehouse, app_db) as url:
        yield url



def _problems(page, url_path: str) -> list[str]:
    """What a user must never see on a page: an exception, an error box, an empty page."""
    found = []
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    if errors.count():
        found.append(f"{url_path}: {errors.first.inner_text()[:300]}")
    if not page.locator('[data-testid="stMain"]').inner_text().strip():
        found.append(f"{url_path}: halaman kosong")
    return found


def open_signed_in(page, url: str) -> None:
    """Open `url` and wait for the page with its filters, signing in as the admin when the form
    asks (a local sign-in lasts as long as the browser tab's session)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(f'{FORM}, [data-testid="stSidebar"] [data-testid="stSelectbox"]', timeout=60_000)
    if page.locator(FORM).count():
        sign_in(page, ADMIN, PASSWORD)
    else:
        settle(page)


def test_every_page_renders_without_errors(server, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for url_path in app_pages():
        # a local sign-in lasts as long as the browser tab's session: each address opened anew asks
        page.goto(f"{server}/{'' if url_path == 'ringkasan' else url_path}", wait_until="domcontentloaded")
        sign_in(page, ADMIN, PASSWORD)
        page.screenshot(path=str(ARTIFACTS / f"{url_path}.png"), full_page=True)
        failures += _problems(page, url_path)
    page.close()
    assert not failures, "\n".join(failures)


# the links the filters produce, as in issue 13 (unit 05 and jenis belanja 53 exist in the test data)
FIRST_LINKS = {"kpa_ppk": "kpa_ppk?unit=05", "ikpa": "ikpa?jb=53", "ringkasan": ""}


def _title(url_path: str) -> str:
    from monev.i18n.texts import text

    return text("app_title" if url_path == "ringkasan" else url_path, "id")


def test_a_link_to_any_page_opens_it_whole_as_a_fresh_servers_first_request(shared_warehouse, app_db, browser,
                                                                             tmp_path):
    """Streamlit 1.65 ran pages/<name>.py on its own under a menu of file names when a page's link
    was the first request a server process got (monev/ui/guard.py says why): every page, each the
    first request of its own freshly started server, must come with its title, the app's menu and
    the link's filters, and without an exception, once the admin has signed in on the page the
    link opened."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from monev.i18n.texts import text

    titles = [text(p, "id") for p in app_pages()]  # the menu app.py declares (raw: "app", "kpa ppk", ...)
    failures = []
    for url_path in app_pages():
        link = FIRST_LINKS.get(url_path, url_path)
        with streamlit_server(shared_warehouse, app_db, log=tmp_path / f"{url_path}.log") as server:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{server}/{link}", wait_until="domcontentloaded")
            sign_in(page, ADMIN, PASSWORD)
            page.screenshot(path=str(ARTIFACTS / f"pertama_{url_path}.png"), full_page=True)
            failures += _problems(page, url_path)
            heading = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
            if heading != _title(url_path):
                failures.append(f"{link}: judul {heading!r}, bukan {_title(url_path)!r}")
            menu = [item.strip() for item in page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()]
            menu = [item.split("\n")[-1] for item in menu]  # the icon's name comes first
            if menu != titles:
                failures.append(f"{link}: menu {menu}")
            if "?" in link and link.split("?")[1] not in page.url:
                failures.append(f"{link}: filter tautan hilang ({page.url})")
            context.close()
    assert not failures, "\n".join(failures)


def test_an_error_shows_a_message_with_a_code_and_its_details_only_in_the_log(browser, app_db, tmp_path):
    """A warehouse file that is not a DuckDB database: the page says so in Indonesian with a code,
    shows no traceback or exception type, and the server log holds the traceback under that code."""
    broken = tmp_path / "rusak.duckdb"
    broken.write_bytes(b"bukan berkas DuckDB\n" * 100)
    log = tmp_path / "server.log"
    with streamlit_server(broken, app_db, log=log) as server:
        page = browser.new_page()
        page.goto(f"{server}/rincian", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
        shown = page.locator('[data-testid="stMain"]').inner_text()
        has_exception = page.locator('[data-testid="stException"]').count()
        page.close()
    assert not has_exception
    assert "Maaf" in shown and "Traceback" not in shown and "Error" not in shown
    code = re.search(r"kode ([0-9a-f]{8})", shown)
    assert code, shown
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert f"galat [{code.group(1)}]" in logged and "Traceback" in logged


STYLER_CELL_LIMIT = 262_144  # pandas Styler cells Streamlit 1.65 refuses to send (styler.render.max_elements)


@pytest.fixture(scope="module")
def past_cell_limit(tmp_path_factory) -> tuple[Path, int]:
    """A synthetic warehouse whose satker table is past the Styler limit (bench.synth's cell_limit
    preset, ~20 s to build), and its satker count."""
    from bench import synth
    from monev.warehouse import db

    path = tmp_path_factory.mktemp("batas_sel") / "gudang.duckdb"
    synth.build_synthetic(path, "cell_limit")
    db.dispose(path)
    return path, synth.PRESETS["cell_limit"].satker


def test_every_page_whole_on_a_warehouse_past_the_styled_table_cell_limit(past_cell_limit, app_db, browser):
    """KPA dan PPK and IKPA drew every satker through a Styler and crashed nationally; every page
    must come whole with a table of that many rows, showing one page of it."""
    from monev.domain.period import Period
    from monev.views import kpa_ppk
    from monev.warehouse import db
    from monev.warehouse.query import EVERYTHING

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path, satker = past_cell_limit
    table = kpa_ppk.table(db.engine(path), Period(2024, 12), scope=EVERYTHING)["tabel"]
    db.dispose(path)
    assert table.size > STYLER_CELL_LIMIT  # the premise: drawn whole, this table cannot be styled
    failures = []
    with streamlit_server(path, app_db) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for url_path in app_pages():
            open_signed_in(page, f"{server}/{'' if url_path == 'ringkasan' else url_path}")
            page.screenshot(path=str(ARTIFACTS / f"besar_{url_path}.png"), full_page=True)
            failures += _problems(page, url_path)
            heading = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
            if heading != _title(url_path):
                failures.append(f"{url_path}: judul {heading!r}")
            if url_path in ("kpa_ppk", "ikpa"):  # one page of the satker table, the count of them all
                if url_path == "ikpa":  # the ranking's tab: only the open tab is drawn
                    page.get_by_role("tab", name="Peringkat satker").click()
                    settle(page)
                    failures += _problems(page, "ikpa peringkat")
                caption = f"Baris 1–25 dari {satker:,}".replace(",", ".")
                if not page.get_by_text(caption).count():
                    failures.append(f"{url_path}: tidak ada {caption!r}")
        page.close()
    assert not failures, "\n".join(failures)
