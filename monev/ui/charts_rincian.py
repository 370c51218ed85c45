"""Figures of the budget drill-down page: pure, a DataFrame in and a plotly figure out."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_texts

# red below a third, amber around the middle, green from 90% up
REALISASI_SCALE = [[0.0, "#c0392b"], [0.5, "#f1c40f"], [0.9, "#27ae60"], [1.0, "#1e8449"]]


def treemap(frame: pd.DataFrame, title: str, lang: str = "id", labels: dict[str, str] | None = None) -> go.Figure:
    """One tile per row sized by pagu and coloured by realisasi / pagu (%, 0-100 scale); rows
    without a positive pagu are left out (a tile cannot have a negative size)."""
    labels = labels or {"pagu": "Pagu", "realisasi": "Realisasi", "persen": "Realisasi / pagu"}
    shown = frame[frame["pagu"] > 0]
    names = (shown["kode"].astype(str) + " " + shown["nama"].astype(str)).str.strip()
    custom = list(zip(
        [fmt.rupiah(v, lang) for v in shown["pagu"]],
        [fmt.rupiah(v, lang) for v in shown["realisasi"]],
        [fmt.percent(v, lang) for v in shown["persen"]],
    ))
    figure = go.Figure(go.Treemap(
        labels=plotly_texts(names),
        parents=[""] * len(shown),
        values=shown["pagu"].astype(float).tolist(),
        customdata=custom,
        marker=dict(colors=shown["persen"].fillna(0).clip(0, 100).tolist(), colorscale=REALISASI_SCALE,
                    cmin=0, cmax=100, showscale=True,
                    colorbar=dict(title=dict(text="%"), ticksuffix="%")),
        texttemplate="%{label}<br>%{customdata[2]}",
        hovertemplate=(f"<b>%{{label}}</b><br>{labels['pagu']}: %{{customdata[0]}}<br>"
                       f"{labels['realisasi']}: %{{customdata[1]}}<br>{labels['persen']}: %{{customdata[2]}}"
                       "<extra></extra>"),
    ))
    figure.update_layout(title=dict(text=title), margin=dict(t=50, l=5, r=5, b=5), height=420)
    return figure
