"""Plotly figure for the Wilayah page: Indonesia's provinces as a choropleth.

The shapes are the 38 provinces of `geo/indonesia-38-provinces.geojson` (CC BY 4.0, source and
licence in geo/README.md), read from the package and handed to plotly as `geojson=`; the geo
subplot's own base map is switched off (`visible=False`). plotly.js still asks for a topojson
base map for any choropleth; PLOTLY_CONFIG points it at an empty one the app serves itself
(static/plotly/README.md), so the browser fetches nothing from the internet: the page works offline.

A province code means a different province depending on the fiscal year (the Papua codes were
renumbered when four provinces were created in 2022), so codes are mapped to shapes per year by
`geo/kode_bentuk.csv`, explicitly. A pre-2022 Papua (94) or Papua Barat (91) covers several
post-2022 shapes: its one figure is drawn on each of them, and the hover says so.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from monev import paths
from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_text
from monev.i18n.texts import text

GEO = Path(__file__).resolve().parent / "geo"
ROOT = paths.ROOT
SHAPES = GEO / "indonesia-38-provinces.geojson"
CODES = GEO / "kode_bentuk.csv"
NO_DATA_COLOUR = "#d9d9d9"
BEHIND, ON_TARGET, AHEAD = "#b2182b", "#f7f7f7", "#1a9850"
# The whole country, whatever the data: Aceh's west to Papua's border at 141 E, Rote to Sabang.
LON_RANGE, LAT_RANGE = [94.5, 141.5], [-11.5, 6.5]
# Relative, so it also holds under a server.baseUrlPath: the pages sit one level below the root.
PLOTLY_CONFIG = {"topojsonURL": "app/static/plotly/"}
MAP_COLUMNS = ["bentuk", "nama_bentuk", "kdlokasi", "nmlokasi", "jumlah_bentuk", "jumlah_satker",
               "pagu", "blokir", "realisasi", "persen", "target_persen", "selisih_target"]


@lru_cache(maxsize=1)
def shapes() -> dict:
    """The GeoJSON FeatureCollection, rings wound for plotly; each feature's `properties.id` is its
    shape id (11 .. 82, and 91-A .. 92-B for the six Papua provinces, which carry no official code
    in the file)."""
    collection = json.loads(SHAPES.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            polygon[:] = [_wound(ring, outer=(i == 0)) for i, ring in enumerate(polygon)]
    return collection


def _wound(ring: list, outer: bool) -> list:
    """The file winds outer rings anticlockwise (RFC 7946); plotly's d3-geo reads a ring's winding as
    which side is inside, so an anticlockwise province is drawn as the whole globe except the
    province. d3 wants outer rings clockwise and holes anticlockwise: reverse the rings that are not.
    Only the order of the points changes, never a point."""
    area = sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]))
    anticlockwise = area > 0
    return ring[::-1] if anticlockwise == outer else ring


@lru_cache(maxsize=1)
def shape_names() -> dict[str, str]:
    """Shape id -> the province name the GeoJSON gives it."""
    return {f["properties"]["id"]: f["properties"]["PROVINSI"] for f in shapes()["features"]}


@lru_cache(maxsize=1)
def code_table() -> pd.DataFrame:
    """geo/kode_bentuk.csv: tahun_dari, tahun_sampai (empty = open), kdlokasi, nmlokasi and
    bentuk (the shape ids, space separated)."""
    table = pd.read_csv(CODES, dtype=str, keep_default_na=False)
    for column in ("tahun_dari", "tahun_sampai"):
        table[column] = pd.to_numeric(table[column].replace("", None)).astype("Int64")
    return table


@lru_cache(maxsize=32)
def _year(tahun: int) -> dict[str, tuple[str, ...]]:
    """Province code -> shape ids, for one fiscal year (looked up once per year, not per province)."""
    table = code_table()
    rows = table[(table["tahun_dari"].isna() | (table["tahun_dari"] <= tahun)).astype(bool)
                 & (table["tahun_sampai"].isna() | (table["tahun_sampai"] >= tahun)).astype(bool)]
    twice = rows["kdlokasi"][rows["kdlokasi"].duplicated()].tolist()
    if twice:
        raise ValueError(f"geo/kode_bentuk.csv: kode {twice} berlaku lebih dari sekali pada {tahun}")
    return {r.kdlokasi: tuple(r.bentuk.split()) for r in rows.itertuples(index=False)}


def shapes_of(tahun: int, kdlokasi: str) -> tuple[str, ...]:
    """The shape ids a province code of fiscal year `tahun` is drawn on (empty when unknown)."""
    return _year(int(tahun)).get(kdlokasi, ())


def unplaced(frame: pd.DataFrame, tahun: int) -> list[str]:
    """Province codes of `frame` that have no shape in fiscal year `tahun` (shown in the table only)."""
    return sorted(code for code in set(frame["kdlokasi"]) if not shapes_of(tahun, code))


def map_frame(frame: pd.DataFrame, tahun: int) -> pd.DataFrame:
    """One row per shape drawn: the province figures of views.wilayah.per_provinsi repeated on each
    shape its code covers that year (jumlah_bentuk > 1 for a pre-2022 Papua code), with the
    difference realization - target in percentage points. This is also the map's download."""
    rows = []
    for r in frame.itertuples(index=False):
        drawn = shapes_of(tahun, r.kdlokasi)
        for shape in drawn:
            rows.append({"bentuk": shape, "nama_bentuk": shape_names()[shape], "kdlokasi": r.kdlokasi,
                         "nmlokasi": r.nmlokasi, "jumlah_bentuk": len(drawn), "jumlah_satker": r.jumlah_satker,
                         "pagu": r.pagu, "blokir": r.blokir, "realisasi": r.realisasi,
                         "persen": r.persen, "target_persen": r.target_persen})
    drawn = pd.DataFrame(rows, columns=MAP_COLUMNS[:-1])
    for column in ("jumlah_bentuk", "jumlah_satker", "pagu", "blokir", "realisasi"):
        drawn[column] = drawn[column].astype("int64")
    for column in ("persen", "target_persen"):
        drawn[column] = drawn[column].astype("float64")
    drawn["selisih_target"] = drawn["persen"] - drawn["target_persen"]
    return drawn[MAP_COLUMNS]


def _points(value, lang: str) -> str:
    if fmt.is_missing(value):
        return "-"
    sign = "+" if value > 0 else ""
    return sign + fmt.format_decimal(round(float(value), 2), lang, "#,##0.00") + " " + text("wilayah_poin", lang)


def _hover(r, lang: str) -> str:
    lines = [f"<b>{r.kdlokasi} {plotly_text(r.nmlokasi)}</b>",
             f"{text('pagu', lang)}: {fmt.rupiah(int(r.pagu), lang)}",
             f"{text('realisasi', lang)}: {fmt.rupiah(int(r.realisasi), lang)} "
             f"({fmt.percent(None if pd.isna(r.persen) else float(r.persen), lang)})",
             f"{text('target', lang)}: "
             f"{fmt.percent(None if pd.isna(r.target_persen) else float(r.target_persen), lang)}"
             f" · {text('wilayah_selisih', lang)}: {_points(r.selisih_target, lang)}",
             f"{text('wilayah_jumlah_satker', lang)}: {int(r.jumlah_satker)}"]
    if r.jumlah_bentuk > 1:
        lines.append("<i>" + text("wilayah_bentuk_bersama", lang, n=int(r.jumlah_bentuk), nama=r.nama_bentuk) + "</i>")
    return "<br>".join(lines)


def colour_scale(values: pd.Series) -> tuple[float, float, list]:
    """zmin, zmax and a colour scale on which 0 (on target) is always white, red shades lie behind
    and green ahead. The range runs from the data's lowest to its highest value (and always holds 0),
    so when every province is behind, the reds still tell the far behind from the nearly there."""
    low = min(float(values.min()) if len(values) else 0.0, 0.0)
    high = max(float(values.max()) if len(values) else 0.0, 0.0)
    if high - low < 1.0:  # all (nearly) on target: a one-point band around it
        low, high = low - 0.5, high + 0.5
    middle = -low / (high - low)
    scale = [[0.0, BEHIND if low < 0 else ON_TARGET], [middle, ON_TARGET], [1.0, AHEAD if high > 0 else ON_TARGET]]
    return low, high, scale


def choropleth(drawn: pd.DataFrame, *, title: str, lang: str = "id") -> go.Figure:
    """drawn: map_frame(). Every one of the 38 shapes is outlined in grey (so the country is whole
    even where no satker sits); the shapes with figures are coloured by realization - target."""
    everything = list(shape_names())
    outline = go.Choropleth(
        geojson=shapes(), featureidkey="properties.id", locations=everything, z=[0] * len(everything),
        colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
        marker=dict(line=dict(color="white", width=0.5)),
        hovertext=[shape_names()[s] for s in everything], hoverinfo="text", name="",
    )
    values = drawn["selisih_target"]
    coloured = drawn[values.notna()]
    low, high, scale = colour_scale(coloured["selisih_target"])
    figures = go.Choropleth(
        geojson=shapes(), featureidkey="properties.id", locations=coloured["bentuk"].tolist(),
        z=coloured["selisih_target"].round(2).tolist(), zmin=low, zmax=high, colorscale=scale,
        marker=dict(line=dict(color="#555", width=0.6)),
        colorbar=dict(title=dict(text=text("wilayah_skala", lang)), ticksuffix=""),
        hovertext=[_hover(r, lang) for r in coloured.itertuples(index=False)], hoverinfo="text",
        name=text("realisasi", lang),
    )
    # Shapes whose province has figures but no target are drawn with the figures in the hover,
    # in the no-data grey: their colour would claim a comparison that cannot be made.
    untargeted = drawn[values.isna()]
    traces = [outline, figures]
    if len(untargeted):
        traces.append(go.Choropleth(
            geojson=shapes(), featureidkey="properties.id", locations=untargeted["bentuk"].tolist(),
            z=[0] * len(untargeted), colorscale=[[0, "#bdbdbd"], [1, "#bdbdbd"]], showscale=False,
            marker=dict(line=dict(color="#555", width=0.6)),
            hovertext=[_hover(r, lang) for r in untargeted.itertuples(index=False)], hoverinfo="text", name=""))
    figure = go.Figure(traces)
    figure.update_geos(visible=False, projection_type="mercator", lonaxis_range=LON_RANGE, lataxis_range=LAT_RANGE)
    figure.update_layout(title=dict(text=title), height=480, margin=dict(l=0, r=0, t=60, b=0), showlegend=False)
    return figure
