"""Plotly figure builders: a DataFrame in, a go.Figure out; no Streamlit, no queries.

Every figure takes its title from the caller (it says what is shown and as of when) and the
language, and its hover shows exact rupiah (monev.i18n.format.rupiah via customdata). Measures are
separate traces, never stacked.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_texts
from monev.i18n.texts import text

REALISASI_COLOR = "#1f77b4"
RPD_COLOR = "#2ca02c"
TARGET_COLOR = "#d62728"


def _values(series: pd.Series) -> list:
    """Plain floats with None for missing, which plotly draws as gaps."""
    return [None if pd.isna(v) else float(v) for v in series]




def cumulative_curve(frame: pd.DataFrame, *, title: str, lang: str = "id") -> go.Figure:
    """Cumulative realization and RPD by month, and the target amounts as steps at quarter ends.

    frame: views.ringkasan.monthly_curve (bulan, realisasi_kumulatif, rpd_kumulatif, target)."""
    months = frame["bulan"].astype(int).tolist()
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=months, y=_values(frame["realisasi_kumulatif"]), name=text("ringkasan_seri_realisasi", lang),
        mode="lines+markers", line=dict(color=REALISASI_COLOR, width=3),
        customdata=fmt.rupiahs(frame["realisasi_kumulatif"], lang),
        hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
    ))
    figure.add_trace(go.Scatter(
        x=months, y=_values(frame["rpd_kumulatif"]), name=text("ringkasan_seri_rpd", lang),
        mode="lines", line=dict(color=RPD_COLOR, dash="dash"),
        customdata=fmt.rupiahs(frame["rpd_kumulatif"], lang),
        hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
    ))
    steps = frame.loc[frame["target"].notna(), ["bulan", "target"]]
    figure.add_trace(go.Scatter(
        x=[0] + steps["bulan"].astype(int).tolist(), y=[0.0] + _values(steps["target"]),
        name=text("ringkasan_seri_target", lang), mode="lines+markers", line_shape="hv",
        line=dict(color=TARGET_COLOR, dash="dot"),
        customdata=[fmt.rupiah(0, lang)] + fmt.rupiahs(steps["target"], lang),
        hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
    ))
    figure.update_layout(
        title=dict(text=title), hovermode="x unified", legend=dict(orientation="h", y=-0.15),
        xaxis=dict(title=text("ringkasan_bulan", lang), range=[0.5, 12.5], tickmode="array",
                   tickvals=list(range(1, 13)), ticktext=[fmt.month_name(m, lang)[:3] for m in range(1, 13)]),
        yaxis=dict(title=text("ringkasan_rupiah", lang), rangemode="tozero",
                   **fmt.rupiah_ticks(frame[["realisasi_kumulatif", "rpd_kumulatif",
                                             "target"]].max(skipna=True).max(), lang)),
        separators=",." if lang == "id" else ".,",
    )
    return figure


def realization_vs_target(frame: pd.DataFrame, *, label: str, title: str, lang: str = "id") -> go.Figure:
    """Realization % as bars, with each bar's target % as a marker.

    frame: one row per category with `label` (the category's display name), pagu, realisasi,
    persen, target_persen."""
    names = plotly_texts(frame[label])  # from the data: axis labels and hover, as text
    custom = list(zip(fmt.rupiahs(frame["realisasi"], lang), fmt.rupiahs(frame["pagu"], lang),
                      fmt.percents(frame["persen"], lang), fmt.percents(frame["target_persen"], lang)))
    figure = go.Figure()
    figure.add_trace(go.Bar(
        x=names, y=_values(frame["persen"]), name=text("ringkasan_seri_persen", lang),
        marker_color=REALISASI_COLOR, customdata=custom,
        text=[c[2] for c in custom], textposition="outside",
        hovertemplate=(f"%{{x}}<br>{text('realisasi', lang)}: %{{customdata[0]}}"
                       f"<br>{text('pagu', lang)}: %{{customdata[1]}}"
                       f"<br>%{{customdata[2]}}<extra></extra>"),
    ))
    figure.add_trace(go.Scatter(
        x=names, y=_values(frame["target_persen"]), name=text("ringkasan_seri_target_persen", lang),
        mode="markers", marker=dict(symbol="line-ew-open", size=36, color=TARGET_COLOR, line=dict(width=3)),
        customdata=custom, hovertemplate="%{x}<br>" + text("target", lang) + ": %{customdata[3]}<extra></extra>",
    ))
    figure.update_layout(
        title=dict(text=title), barmode="group", legend=dict(orientation="h", y=-0.2),
        yaxis=dict(title=text("ringkasan_persen_pagu", lang), ticksuffix="%", rangemode="tozero"),
    )
    return figure
