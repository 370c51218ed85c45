"""A click on a number column's header of a table drawn by monev.ui.tables sorts the rows by the
numbers (not by their text: '9.000' before '10.000', '9,50%' before '97,11%'), in headless
Chromium against `streamlit run` of tests/table_sort_app.py; and the rupiah the browser writes
(NumberColumn format, Streamlit's own formatNumber) are monev.i18n.format's, in both languages."""
from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit
from e2e import IDLE, ROOT, chromium, free_port, needs_chromium, wait_healthy

from monev.i18n import format as fmt
from monev.ui import tables

pytestmark = needs_chromium

APP = Path(__file__).with_name("table_sort_app.py")
WIDTH = 140  # tests/table_sort_app.py draws every column this wide, from the table's left edge
COLUMNS = ["nama", "pagu", "kebutuhan", "persen", "nilai"]
ROWS = 6


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("tabel") / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _open(browser, url: str, lang: str = "id"):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(f"{url}/?lang={lang}")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_selector('[data-testid="glide-cell-0-5"]', state="attached", timeout=30_000)
    return page


def _column(page, name: str) -> list[str]:
    """The cells of a column top to bottom, from the grid's accessibility table (the canvas draws
    the display text; this table holds each cell's value, as the sort compares it)."""
    j = COLUMNS.index(name)
    return [page.locator(f'[data-testid="glide-cell-{j}-{i}"]').inner_text() for i in range(ROWS)]


def _click_header(page, name: str) -> None:
    box = page.locator('[data-testid="stDataFrame"]').bounding_box()
    page.mouse.click(box["x"] + WIDTH * COLUMNS.index(name) + WIDTH / 2, box["y"] + 18)
    page.wait_for_timeout(400)


def _numbers(cells: list[str]) -> list[float]:
    return [float(c) for c in cells if c != ""]


@pytest.mark.parametrize("column", ["pagu", "kebutuhan", "persen", "nilai"])
def test_a_click_on_a_number_header_orders_the_rows_by_the_numbers(browser, url, column):
    page = _open(browser, url)
    try:
        before = dict(zip(_column(page, "nama"), _column(page, column)))
        _click_header(page, column)
        ascending = _column(page, column)
        assert _numbers(ascending) == sorted(_numbers(ascending)), ascending
        assert dict(zip(_column(page, "nama"), ascending)) == before  # whole rows move together
        _click_header(page, column)
        descending = _numbers(_column(page, column))
        assert descending == sorted(descending, reverse=True)
        assert len(descending) == ROWS - 1  # the missing value is there, sorted where 0 would be
    finally:
        page.close()


RUPIAH = [0, 7, -7, 999, 1_000, -1_000, 9_000, 10_000, 1_234_567, -5_000, 250_000_000_000,
          134_171_839_274_000, 2**53 - 1, -(2**53) + 1, 1_234_567.9, -0.4, 98.765, -1_234.5]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_browser_writes_rupiah_as_monev_i18n_format_does(browser, url, lang):
    """tables.MONEY_FORMATS run through the formatNumber Streamlit's number columns call, in the
    browser, against fmt.amounts (the text tables wrote before, Babel's)."""
    page = _open(browser, url, lang)
    try:
        static = Path(streamlit.__file__).parent / "static" / "static" / "js"
        module = next(static.glob("formatNumber.*.js")).name
        written = page.evaluate(
            """async ([module, format, values]) => {
                   const m = await import('/static/js/' + module);
                   return values.map(v => m.t(v, format));
               }""", [module, tables.MONEY_FORMATS[lang], [math.trunc(v) + 0 for v in RUPIAH]])
        assert written == fmt.amounts(RUPIAH, lang).tolist()
    finally:
        page.close()
