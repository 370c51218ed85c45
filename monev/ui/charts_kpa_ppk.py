"""Figures of the KPA and PPK page: pure, a DataFrame in and a plotly figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt

BAND_COLOURS = {"Sangat Baik": "#1e8449", "Baik": "#82c341", "Cukup": "#f1c40f", "Kurang": "#c0392b"}


def status_bars(counts: pd.DataFrame, title: str, lang: str = "id", labels: dict[str, str] | None = None,
                texts: dict[str, str] | None = None) -> go.Figure:
    """Per quarter (x), one bar per status band with the number of KPA/PPK in it; hover gives the
    count and the exact pagu and realization of those rows. `labels` maps band names for display;
    `texts` gives 'jumlah', 'pagu', 'realisasi', 'triwulan' captions."""
    labels = labels or {}
    texts = {"jumlah": "Jumlah", "pagu": "Pagu", "realisasi": "Realisasi", "triwulan": "Triwulan", **(texts or {})}
    figure = go.Figure()
    for band, colour in BAND_COLOURS.items():
        part = counts[counts["status"] == band]
        figure.add_bar(
            x=part["triwulan"].tolist(), y=part["jumlah"].tolist(), name=labels.get(band, band),
            marker_color=colour, text=part["jumlah"].tolist(), textposition="auto",
            customdata=list(zip([fmt.rupiah(v, lang) for v in part["pagu"]],
                                [fmt.rupiah(v, lang) for v in part["realisasi"]])),
            hovertemplate=(f"%{{x}} · {labels.get(band, band)}<br>{texts['jumlah']}: %{{y}}<br>"
                           f"{texts['pagu']}: %{{customdata[0]}}<br>{texts['realisasi']}: %{{customdata[1]}}"
                           "<extra></extra>"),
        )
    figure.update_layout(title=dict(text=title), barmode="group", height=380, legend=dict(orientation="h", y=-0.15),
                         xaxis_title=texts["triwulan"], yaxis_title=texts["jumlah"], margin=dict(t=50))
    return figure
