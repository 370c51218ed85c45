"""Names from loaded files are text in every chart (issue 15): plotly reads a subset of HTML in
axis labels, hover text, legend names and annotations, so a unit named `<a href="http://x">klik</a>`
would become a link there, and `<b>x</b>` bold. Every page with a chart is opened on a warehouse
whose unit, kegiatan and province carry such names; each chart holds them escaped
(monev.i18n.markdown.plotly_text), never raw; and in Chromium the unit's name is drawn as its text,
with no link element in the chart."""
from __future__ import annotations

import json

import pytest
from e2e import chromium, needs_chromium, settle

from monev.i18n.markdown import plotly_text

import builders as b
from apptest import open_page
from test_e2e_browser import app_db, open_signed_in, streamlit_server  # noqa: F401

LINK = '<a href="http://x">klik</a>'
BOLD = "<b>x</b> & co"
HOSTILE = {"unit": ("05", "nmunit", f"Ditjen {LINK}"), "kegiatan": ("6201", "nmgiat", f"Jaminan {BOLD}"),
           "lokasi": ("32", "nmlokasi", f"Jawa Barat {LINK}")}
# page -> the hostile names its charts show (a chart per unit, per kegiatan, per province)
PAGES = {
    "ringkasan": [HOSTILE["unit"][2]],
    "rincian": [HOSTILE["unit"][2]],
    "capaian": [HOSTILE["kegiatan"][2]],
    "tren": [HOSTILE["unit"][2]],
    "ikpa": [HOSTILE["unit"][2]],
    "wilayah": [HOSTILE["lokasi"][2]],  # the page's default kewenangan (DK, TP): satker S3 in 32
}


def hostile_dataset() -> b.Dataset:
    data = b.base_dataset()
    for kind, (code, column, name) in HOSTILE.items():
        key = {"unit": "kdunit", "kegiatan": "kdgiat", "lokasi": "kdlokasi"}[kind]
        for row in data.rows[kind]:
            if row[key] == code:
                row[column] = name
    return data


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory):
    from monev.warehouse import db

    base = tmp_path_factory.mktemp("nama_html")
    path = base / "gudang.duckdb"
    b.load_dataset(path, base / "berkas", hostile_dataset())
    yield path
    db.dispose(path)


def test_the_escape_keeps_the_text_and_drops_the_markup():
    assert plotly_text(LINK) == "&lt;a href=\"http://x\"&gt;klik&lt;/a&gt;"
    assert plotly_text("R&D <b>") == "R&amp;D &lt;b&gt;"
    assert plotly_text("Biro Keuangan") == "Biro Keuangan"


@pytest.mark.parametrize("page", list(PAGES))
def test_every_chart_shows_names_as_text(page, hostile_warehouse, monkeypatch):
    at = open_page(monkeypatch, hostile_warehouse, f"pages/{page}.py", tahun=str(b.THANG), sampai="6")
    assert not at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs, f"{page}: no chart drawn"
    for spec in specs:
        drawn = json.dumps(spec["data"], ensure_ascii=False) + json.dumps(spec["layout"], ensure_ascii=False)
        assert "<a" not in drawn and "http://x\">" not in drawn, f"{page}: a raw link in a chart"
        assert "<b>x</b>" not in drawn and "& co" not in drawn, f"{page}: raw markup in a chart"
    everything = json.dumps(specs, ensure_ascii=False)
    for name in PAGES[page]:
        assert json.dumps(plotly_text(name), ensure_ascii=False)[1:-1] in everything, f"{page}: {name} not shown"


@needs_chromium
def test_the_browser_draws_a_names_markup_as_text(hostile_warehouse, app_db):  # noqa: F811
    """The summary's bars per unit in Chromium: the unit's axis label reads `Ditjen <a href=...>klik</a>`
    as written, and plotly's SVG holds no <a> element (it would for the raw name)."""

    with streamlit_server(hostile_warehouse, app_db) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_signed_in(page, f"{url}/?tahun={b.THANG}&sampai=6")
        page.wait_for_selector(".js-plotly-plot .xtick text", timeout=60_000)
        settle(page)
        links = page.locator(".js-plotly-plot svg a").count()
        ticks = page.locator(".js-plotly-plot .xtick text").all_text_contents()
    assert links == 0
    assert "05 " + HOSTILE["unit"][2] in ticks, ticks[6:]
