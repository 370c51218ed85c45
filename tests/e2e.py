"""Helpers of the end-to-end tests: `streamlit run app.py` on a free port, headless Chromium,
and signing in through the form as a person does."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="Chromium tidak terpasang (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server berhenti dengan kode {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"server {url} tidak siap dalam {seconds} detik")


@contextlib.contextmanager
def app_server(env: dict, log: Path | None = None, args: tuple = (), host: str = "127.0.0.1",
               port: int | None = None):
    """The app under `streamlit run` with `env` added to this process's environment; yields its
    base URL (on `host`, which names the loopback address). The server's output goes to `log`
    (read by tests that check what is logged)."""
    port = port or free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         *args],
        cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://{host}:{port}"
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()


def settle(page, ready: str = '[data-testid="stSidebar"] [data-testid="stSelectbox"]') -> None:
    """Wait until `ready` is drawn and Streamlit has finished running the script."""
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_function(
        "() => { const w = document.querySelector('[data-testid=\"stStatusWidget\"]');"
        " return !w || !/Stop|Running/.test(w.innerText); }",
        timeout=60_000,
    )
    page.wait_for_timeout(800)


FORM = '[data-testid="stForm"]'


def fill_sign_in(page, name: str, password: str) -> None:
    """Type into the sign-in form and press Masuk (the form must be showing)."""
    settle(page, FORM)
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()


def sign_in(page, name: str, password: str) -> None:
    """Sign in and wait for the first page with its filters."""
    fill_sign_in(page, name, password)
    settle(page)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()
