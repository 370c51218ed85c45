"""`streamlit run app.py` on a free loopback port and headless Chromium sessions against it, for
the benchmarks that measure the app as users reach it (bench.visits, bench.load)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["ringkasan", "rincian", "kpa_ppk", "ikpa", "capaian", "rpd", "wilayah", "tren", "muat"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# the account every bench session signs in with (a configured warehouse shows nothing before):
# created in a temporary application database of each server this module starts
USER, PASSWORD = "bench-admin", "bench-sandi-rahasia-123"
SIGN_IN_FORM = '[data-testid="stForm"]'
READY = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def bench_app_db(directory: Path) -> Path:
    """An application database holding one admin account, USER."""
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = directory / "app.sqlite"
    users.add(appdb.engine(path), USER, "admin", password_hash=passwords.hash_password(PASSWORD))
    appdb.dispose(path)
    return path


@contextmanager
def streamlit_server(db_path: Path, log: Path | None = None, port: int | None = None, app_db: Path | None = None):
    """Yields (url, pid); the server is stopped on exit. Without `app_db`, a temporary one with
    the bench's account (USER)."""
    port = port or free_port()
    scratch = tempfile.TemporaryDirectory(prefix="monev-bench-appdb-")
    app_db = app_db or bench_app_db(Path(scratch.name))
    out = open(log, "wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "MONEV_DB": str(db_path), "MONEV_APP_DB": str(app_db)},
        stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()
        scratch.cleanup()


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (every thread), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def page_url(url: str, page: str) -> str:
    return f"{url}/{'' if page == 'ringkasan' else page}"


IDLE = ("() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Stop|Running/.test(w.innerText); }")


def settle(page, timeout_ms: int = 120_000) -> None:
    """Until the page is shown: signed in through the form when it asks (a local sign-in lasts
    as long as the tab's session, so every link opened anew asks), the sidebar filters drawn and
    the status widget idle."""
    page.wait_for_selector(f"{READY}, {SIGN_IN_FORM}", timeout=timeout_ms)
    if not page.locator(READY).count():
        page.get_by_label("Nama pengguna").fill(USER)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk", exact=True).click()
        page.wait_for_selector(READY, timeout=timeout_ms)
    page.wait_for_function(IDLE, timeout=timeout_ms)


async def settle_async(page, timeout_ms: float) -> None:
    """settle() for Playwright's async API."""
    await page.wait_for_selector(f"{READY}, {SIGN_IN_FORM}", timeout=timeout_ms)
    if not await page.locator(READY).count():
        await page.get_by_label("Nama pengguna").fill(USER)
        await page.get_by_label("Kata sandi").fill(PASSWORD)
        await page.get_by_role("button", name="Masuk", exact=True).click()
        await page.wait_for_selector(READY, timeout=timeout_ms)
    await page.wait_for_function(IDLE, timeout=timeout_ms)


def problems(page) -> str | None:
    """The first exception or error box a page shows, if any."""
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return errors.first.inner_text()[:200] if errors.count() else None
