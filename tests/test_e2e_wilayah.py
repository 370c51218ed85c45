"""The Wilayah map as a browser draws it, with the internet cut off: the provinces must be drawn
from the shapes the app ships, and nothing may be fetched from outside (plotly asks for a base map
from cdn.plot.ly for every choropleth unless pointed at the app's own, see static/plotly/README.md).
"""
from __future__ import annotations

from e2e import chromium

from test_e2e_browser import app_db, open_signed_in, pytestmark, server  # noqa: F401


def test_map_draws_every_province_offline(server):  # noqa: F811
    outside = []

    def local_only(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", local_only)
        open_signed_in(page, f"{server}/wilayah")
        page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=30_000)
        drawn = page.locator(".js-plotly-plot .choroplethlocation").count()
        # the sea is not a province: a ring wound the wrong way is drawn as the globe minus the province
        # (the whole plot): no province is anywhere near as wide as the chart
        chart = page.locator(".js-plotly-plot .main-svg").first.bounding_box()["width"]
        widest = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll("
                               "'.js-plotly-plot .choroplethlocation'), p => p.getBoundingClientRect().width))")
    assert drawn >= 38 + 1  # every province outlined, and the DK/TP province of the test data coloured
    assert 0 < widest < 0.4 * chart, (widest, chart)
    assert not [url for url in outside if "plot.ly" in url or "topojson" in url], outside
