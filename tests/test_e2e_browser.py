"""End to end: `streamlit run app.py` on a free port, every page opened in headless Chromium.

Each page gets a screenshot under test-artifacts/e2e/; the test fails on any exception or error
box a page shows. It needs Debian's Chromium (/usr/bin/chromium, installed by .ci/run); without
it the test is skipped with the reason.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from apptest import app_pages

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Chromium tidak terpasang (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit berhenti dengan kode {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit tidak siap dalam 60 detik")


@contextmanager
def streamlit_server(db_path: Path, log: Path | None = None):
    """`streamlit run app.py` on a free port of 127.0.0.1, stopped on exit; its output goes to
    `log` (the server log users' error details go to) or is discarded."""
    port = _free_port()
    env = {**os.environ, "MONEV_DB": str(db_path)}
    out = open(log, "wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()


@pytest.fixture(scope="module")
def server(shared_warehouse):
    with streamlit_server(shared_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script: the sidebar filters are drawn and
    the status widget no longer offers to stop a run."""
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSelectbox"]', timeout=60_000)
    page.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Stop|Running/.test(w.innerText); }",
        timeout=60_000,
    )
    page.wait_for_timeout(1000)


def _problems(page, url_path: str) -> list[str]:
    """What a user must never see on a page: an exception, an error box, an empty page."""
    found = []
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    if errors.count():
        found.append(f"{url_path}: {errors.first.inner_text()[:300]}")
    if not page.locator('[data-testid="stMain"]').inner_text().strip():
        found.append(f"{url_path}: halaman kosong")
    return found


def test_every_page_renders_without_errors(server, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for url_path in app_pages():
        page.goto(f"{server}/{'' if url_path == 'ringkasan' else url_path}", wait_until="domcontentloaded")
        _settle(page)
        page.screenshot(path=str(ARTIFACTS / f"{url_path}.png"), full_page=True)
        failures += _problems(page, url_path)
    page.close()
    assert not failures, "\n".join(failures)


# the links the filters produce, as in issue 13 (unit 05 and jenis belanja 53 exist in the test data)
FIRST_LINKS = {"kpa_ppk": "kpa_ppk?unit=05", "ikpa": "ikpa?jb=53", "ringkasan": ""}


def _title(url_path: str) -> str:
    from monev.i18n.texts import text

    return text("app_title" if url_path == "ringkasan" else url_path, "id")


def test_a_link_to_any_page_opens_it_whole_as_a_fresh_servers_first_request(shared_warehouse, browser, tmp_path):
    """Streamlit 1.65 ran pages/<name>.py on its own under a menu of file names when a page's link
    was the first request a server process got (monev/ui/guard.py says why): every page, each the
    first request of its own freshly started server, must come with its title, the app's menu and
    the link's filters, and without an exception."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from monev.i18n.texts import text

    titles = [text(p, "id") for p in app_pages()]  # the menu app.py declares (raw: "app", "kpa ppk", ...)
    failures = []
    for url_path in app_pages():
        link = FIRST_LINKS.get(url_path, url_path)
        with streamlit_server(shared_warehouse, log=tmp_path / f"{url_path}.log") as server:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{server}/{link}", wait_until="domcontentloaded")
            _settle(page)
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


def test_an_error_shows_a_message_with_a_code_and_its_details_only_in_the_log(browser, tmp_path):
    """A warehouse file that is not a DuckDB database: the page says so in Indonesian with a code,
    shows no traceback or exception type, and the server log holds the traceback under that code."""
    broken = tmp_path / "rusak.duckdb"
    broken.write_bytes(b"bukan berkas DuckDB\n" * 100)
    log = tmp_path / "server.log"
    with streamlit_server(broken, log=log) as server:
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


def test_every_page_whole_on_a_warehouse_past_the_styled_table_cell_limit(past_cell_limit, browser):
    """KPA dan PPK and IKPA drew every satker through a Styler and crashed nationally; every page
    must come whole with a table of that many rows, showing one page of it."""
    from monev.domain.period import Period
    from monev.views import kpa_ppk
    from monev.warehouse import db

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path, satker = past_cell_limit
    table = kpa_ppk.table(db.engine(path), Period(2024, 12))["tabel"]
    db.dispose(path)
    assert table.size > STYLER_CELL_LIMIT  # the premise: drawn whole, this table cannot be styled
    failures = []
    with streamlit_server(path) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for url_path in app_pages():
            page.goto(f"{server}/{'' if url_path == 'ringkasan' else url_path}", wait_until="domcontentloaded")
            _settle(page)
            page.screenshot(path=str(ARTIFACTS / f"besar_{url_path}.png"), full_page=True)
            failures += _problems(page, url_path)
            heading = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
            if heading != _title(url_path):
                failures.append(f"{url_path}: judul {heading!r}")
            if url_path in ("kpa_ppk", "ikpa"):  # one page of the satker table, the count of them all
                caption = f"Baris 1–25 dari {satker:,}".replace(",", ".")
                if not page.get_by_text(caption).count():
                    failures.append(f"{url_path}: tidak ada {caption!r}")
        page.close()
    assert not failures, "\n".join(failures)
