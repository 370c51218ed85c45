"""Helpers of the end-to-end tests: `streamlit run app.py` on a free port, headless Chromium,
and signing in through the form as a person does."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

# the server and browser start as the benchmarks start them (bench/app_server.py)
from bench.app_server import CHROMIUM, CHROMIUM_FLAGS, IDLE, ROOT, free_port, running_app, wait_healthy  # noqa: F401

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="Chromium tidak terpasang (apt-get install chromium)")


@contextlib.contextmanager
def chromium():
    """Headless Chromium from Debian (Playwright's own browser download does not work here), closed
    on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def app_server(env: dict, log: Path | None = None, args: tuple = (), host: str = "127.0.0.1",
               port: int | None = None):
    """The app under `streamlit run` with `env` added to this process's environment; yields its
    base URL (on `host`, which names the loopback address). The server's output goes to `log`
    (read by tests that check what is logged)."""
    with running_app(env, log, args, port) as (port, _):
        yield f"http://{host}:{port}"


def settle(page, ready: str = '[data-testid="stSidebar"] [data-testid="stSelectbox"]') -> None:
    """Wait until `ready` is drawn and Streamlit has finished running the script."""
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
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
