"""End to end: `streamlit run app.py` on a free port, every page opened in headless Chromium.

Each page gets a screenshot under test-artifacts/e2e/; the test fails on any exception or error
box a page shows. It needs Debian's Chromium (/usr/bin/chromium, installed by .ci/run); without
it the test is skipped with the reason.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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


@pytest.fixture(scope="module")
def server(shared_warehouse):
    port = _free_port()
    env = {**os.environ, "MONEV_DB": str(shared_warehouse)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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


def test_every_page_renders_without_errors(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for url_path in app_pages():
            page.goto(f"{server}/{'' if url_path == 'ringkasan' else url_path}", wait_until="domcontentloaded")
            _settle(page)
            page.screenshot(path=str(ARTIFACTS / f"{url_path}.png"), full_page=True)
            errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
            if errors.count():
                failures.append(f"{url_path}: {errors.first.inner_text()[:300]}")
            if not page.locator('[data-testid="stMain"]').inner_text().strip():
                failures.append(f"{url_path}: halaman kosong")
        browser.close()
    assert not failures, "\n".join(failures)
