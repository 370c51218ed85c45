"""monev.ui.data.figure: page figures built once and shared across runs and sessions. The viewer's
scope is part of the key (a figure built for one viewer is never served to another who may see
less), the page's choices that cut the frames too, and a shared figure shows exactly what a figure
built anew shows."""
from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from monev.access.roles import Viewer
from monev.ui import data

import builders as b
from apptest import ADMIN, open_page

ESELON1_05 = Viewer(name="es1-05", role="eselon1", units=("05",))
URL = {"tahun": str(b.THANG), "sampai": "9"}


def _unit_bars(at) -> list[str]:
    """Ringkasan's realization per unit: the units on its x axis."""
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    (bars,) = [c for c in charts if c["data"][0]["type"] == "bar" and str(c["data"][0]["x"][0])[:2].isdigit()
               and c["data"][0]["x"][0][:2] in b.UNIT_OF.values()]
    return [x.split()[0] for x in bars["data"][0]["x"]]


def test_two_viewers_with_different_scopes_get_different_figures(shared_warehouse, monkeypatch):
    everyone = open_page(monkeypatch, shared_warehouse, "pages/ringkasan.py", viewer=ADMIN, **URL)
    unit_05 = open_page(monkeypatch, shared_warehouse, "pages/ringkasan.py", viewer=ESELON1_05, **URL)
    again = open_page(monkeypatch, shared_warehouse, "pages/ringkasan.py", viewer=ADMIN, **URL)
    assert not everyone.exception and not unit_05.exception and not again.exception
    assert _unit_bars(everyone) == ["01", "05"]
    assert _unit_bars(unit_05) == ["05"]  # not the whole ministry's figure, cached just before
    assert _unit_bars(again) == ["01", "05"]  # and the scoped one is not served back to the admin
    # every figure of the page, not only that one, differs with the scope
    specs = [[c.proto.spec for c in at.get("plotly_chart")] for at in (everyone, unit_05)]
    assert all(x != y for x, y in zip(*specs)) and len(specs[0]) == 3


def test_the_page_choices_in_the_key_give_their_own_figure(shared_warehouse, monkeypatch):
    """Wilayah's map for DK+TP, then for DK only: the second is not the first one cached."""
    at = open_page(monkeypatch, shared_warehouse, "pages/wilayah.py", **URL)
    both = at.get("plotly_chart")[0].proto.spec
    at.radio(key="wilayah_kewenangan").set_value("DK").run()
    only_dk = at.get("plotly_chart")[0].proto.spec
    at.radio(key="wilayah_kewenangan").set_value("DK_TP").run()
    assert not at.exception and both != only_dk and at.get("plotly_chart")[0].proto.spec == both


def test_a_language_change_is_a_new_figure(shared_warehouse, monkeypatch):
    indonesian = open_page(monkeypatch, shared_warehouse, "pages/rpd.py", **URL)
    english = open_page(monkeypatch, shared_warehouse, "pages/rpd.py", lang="en", **URL)
    titles = [[json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
              for at in (indonesian, english)]
    assert all(i != e for i, e in zip(*titles)) and len(titles[0]) == 3


def _figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1.5, 2.0], customdata=[["Rp 1"], ["Rp 2"]]))
    figure.add_trace(go.Scatter(x=["a", "b"], y=[1.0, 1.0], name="target"))
    return figure.update_layout(title=dict(text="judul"), yaxis=dict(ticksuffix="%"))


def test_a_drawn_figure_serializes_as_the_figure_it_keeps():
    plain = _figure()
    drawn = data.Drawn(_figure())
    assert pio.to_json(drawn.to_dict(), validate=False) == pio.to_json(plain.to_dict(), validate=False)
    assert drawn == plain


@pytest.mark.parametrize("change", [
    lambda d: d["data"][0].pop("type"),
    lambda d: d["data"].append({"type": "bar"}),
    lambda d: d["layout"].pop("title"),
    lambda d: d.pop("layout"),
])
def test_what_a_caller_does_to_a_drawn_figures_dict_does_not_reach_the_next(change):
    """plotly.io.to_json pops each trace's uid from the dict it is given; the kept dict must not
    change, whatever such a caller does to the containers it gets."""
    drawn = data.Drawn(_figure())
    before = pio.to_json(drawn.to_dict(), validate=False)
    change(drawn.to_dict())
    assert pio.to_json(drawn.to_dict(), validate=False) == before
