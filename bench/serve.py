"""`streamlit run app.py` on a free loopback port and headless Chromium sessions against it, for
the benchmarks that measure the app as users reach it (bench.visits, bench.load)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
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


@contextmanager
def streamlit_server(db_path: Path, log: Path | None = None, port: int | None = None):
    """Yields (url, pid); the server is stopped on exit."""
    port = port or free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "MONEV_DB": str(db_path)}, stdout=out, stderr=subprocess.STDOUT)
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (every thread), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def page_url(url: str, page: str) -> str:
    return f"{url}/{'' if page == 'ringkasan' else page}"


def settle(page, timeout_ms: int = 120_000) -> None:
    """Until the script run is over: the sidebar filters are drawn and the status widget is idle."""
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSelectbox"]', timeout=timeout_ms)
    page.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Stop|Running/.test(w.innerText); }", timeout=timeout_ms)


def problems(page) -> str | None:
    """The first exception or error box a page shows, if any."""
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return errors.first.inner_text()[:200] if errors.count() else None
