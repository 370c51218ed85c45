"""Plotly figures for the yearly trends page (Tren tahunan): DataFrame in, go.Figure out.

Years are labelled by the caller's `year_label` column (e.g. '2024 (s.d. Juni)' for the selected
year, '2023' for a past year as of December). Pagu and realization are separate traces.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_text
from monev.i18n.texts import text

PAGU_COLOR = "#9ecae1"
REALISASI_COLOR = "#1f77b4"




def _values(series: pd.Series) -> list:
    return [None if pd.isna(v) else float(v) for v in series]


def yearly_totals(frame: pd.DataFrame, *, title: str, lang: str = "id") -> go.Figure:
    """Pagu and realization per year as two grouped bars. frame: year_label, pagu, realisasi, persen."""
    years = frame["year_label"].astype(str).tolist()
    figure = go.Figure()
    for column, color in (("pagu", PAGU_COLOR), ("realisasi", REALISASI_COLOR)):
        figure.add_trace(go.Bar(
            x=years, y=_values(frame[column]), name=text(column, lang), marker_color=color,
            customdata=list(zip(fmt.rupiahs(frame[column], lang), fmt.percents(frame["persen"], lang))),
            text=fmt.percents(frame["persen"], lang) if column == "realisasi" else None, textposition="outside",
            hovertemplate="%{x}<br>" + text(column, lang) + ": %{customdata[0]}<extra></extra>",
        ))
    figure.update_layout(title=dict(text=title), barmode="group", legend=dict(orientation="h", y=-0.15),
                         xaxis=dict(type="category"),
                         yaxis=dict(title=text("tren_rupiah", lang), rangemode="tozero",
                                    **fmt.rupiah_ticks(frame[["pagu", "realisasi"]].astype(float).max().max(), lang)))
    return figure


def yearly_breakdown(frame: pd.DataFrame, *, category: str, title: str, lang: str = "id") -> go.Figure:
    """Realization % per year, one bar trace per category (a unit as kdunit + nmunit of its year,
    or a jenis belanja). frame: year_label, `category`, pagu, realisasi, persen."""
    figure = go.Figure()
    order = frame["year_label"].drop_duplicates().astype(str).tolist()
    for name, part in frame.groupby(category, sort=True):
        figure.add_trace(go.Bar(
            x=part["year_label"].astype(str).tolist(), y=_values(part["persen"]), name=plotly_text(name),
            customdata=list(zip(fmt.rupiahs(part["pagu"], lang), fmt.rupiahs(part["realisasi"], lang),
                                fmt.percents(part["persen"], lang))),
            hovertemplate=(f"%{{x}} · %{{fullData.name}}<br>{text('pagu', lang)}: %{{customdata[0]}}"
                           f"<br>{text('realisasi', lang)}: %{{customdata[1]}} (%{{customdata[2]}})<extra></extra>"),
        ))
    figure.update_layout(title=dict(text=title), barmode="group", legend=dict(orientation="h", y=-0.2),
                         xaxis=dict(type="category", categoryorder="array", categoryarray=order),
                         yaxis=dict(title=text("tren_persen_pagu", lang), ticksuffix="%", rangemode="tozero"))
    return figure


def monthly_curves(frame: pd.DataFrame, *, selected_year: int, title: str, lang: str = "id") -> go.Figure:
    """Cumulative realization % by month, one line per year; the selected year drawn thicker.
    frame: views.tren.monthly_curves (tahun, bulan, realisasi_kumulatif, pagu, persen)."""
    months = [fmt.month_name(m, lang) for m in range(1, 13)]
    figure = go.Figure()
    for year, part in frame.groupby("tahun", sort=True):
        mine = int(year) == selected_year
        figure.add_trace(go.Scatter(
            x=[fmt.month_name(int(m), lang) for m in part["bulan"]], y=_values(part["persen"]), name=str(year),
            mode="lines+markers", line=dict(width=4 if mine else 1.5), opacity=1.0 if mine else 0.75,
            customdata=list(zip(fmt.rupiahs(part["realisasi_kumulatif"], lang), fmt.rupiahs(part["pagu"], lang),
                                fmt.percents(part["persen"], lang))),
            hovertemplate=(f"TA %{{fullData.name}}, %{{x}}<br>{text('realisasi', lang)}: %{{customdata[0]}}"
                           f"<br>{text('pagu', lang)}: %{{customdata[1]}}<br>%{{customdata[2]}}<extra></extra>"),
        ))
    figure.update_layout(title=dict(text=title), legend=dict(orientation="h", y=-0.2),
                         xaxis=dict(title=text("tren_bulan", lang), type="category",
                                    categoryorder="array", categoryarray=months),
                         yaxis=dict(title=text("tren_persen_pagu", lang), ticksuffix="%", rangemode="tozero"))
    return figure
