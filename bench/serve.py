"""The app as the benchmarks that measure it as users reach it run it (bench.visits, bench.load,
bench.proxy): started by bench/app_server.py as the end-to-end tests start it, with a bench account
to sign in with, and headless Chromium sessions against it."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from bench.app_server import CHROMIUM, CHROMIUM_FLAGS, IDLE, ROOT, free_port, running_app  # noqa: F401

PAGES = ["ringkasan", "rincian", "kpa_ppk", "ikpa", "capaian", "rpd", "wilayah", "tren", "muat"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
def streamlit_server(db_path: Path, log: Path | None = None, port: int | None = None, app_db: Path | None = None,
                     env: dict | None = None):
    """Yields (url, pid); the server is stopped on exit. Without `app_db`, a temporary one with
    the bench's account (USER). `env`: settings of this server beside the bench's environment
    (e.g. MONEV_RUNS_AT_ONCE)."""
    with tempfile.TemporaryDirectory(prefix="monev-bench-appdb-") as scratch:
        app_db = app_db or bench_app_db(Path(scratch))
        settings = {**(env or {}), "MONEV_DB": str(db_path), "MONEV_APP_DB": str(app_db)}
        with running_app(settings, log, port=port) as (port, process):
            yield f"http://127.0.0.1:{port}", process.pid


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (every thread), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def page_url(url: str, page: str) -> str:
    return f"{url}/{'' if page == 'ringkasan' else page}"


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
