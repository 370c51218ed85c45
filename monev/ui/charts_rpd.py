"""Figures and the display table of the Rencana vs realisasi page (DataFrame in)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.domain.rpd import TOLERANCE_PERCENT
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, text
from monev.ui import tables

PLAN, REAL, BAND = "#7f7f7f", "#1f77b4", "rgba(127,127,127,0.18)"


def _jenis(code: str, lang: str) -> str:
    names = JENIS_BELANJA.get(code)
    return f"{code} {names[0 if lang == 'id' else 1]}" if names else code


def _months(frame: pd.DataFrame, lang: str) -> list[str]:
    return [fmt.month_name(int(m), lang) for m in frame["bulan"]]


def _money(values, lang: str) -> list[list[str]]:
    return [[fmt.rupiah(None if pd.isna(v) else v, lang)] for v in values]


def _band(fig: go.Figure, x, low, high, lang: str) -> None:
    fig.add_trace(go.Scatter(x=x, y=low.astype(float), mode="lines", line=dict(width=0), showlegend=False,
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=high.astype(float), mode="lines", line=dict(width=0), fill="tonexty",
                             fillcolor=BAND, name=text("rpd_pita", lang), hoverinfo="skip"))


def monthly(per_bulan: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Realization bars per month against the plan line with its ±5% band."""
    x = _months(per_bulan, lang)
    fig = go.Figure()
    _band(fig, x, per_bulan["batas_bawah"], per_bulan["batas_atas"], lang)
    fig.add_trace(go.Scatter(x=x, y=per_bulan["rpd"].astype(float), mode="lines+markers", name=text("rpd_rencana",
                                                                                                    lang),
                             line=dict(color=PLAN, dash="dash"), customdata=_money(per_bulan["rpd"], lang),
                             hovertemplate="%{x}: %{customdata[0]}<extra>" + text("rpd_rencana", lang) + "</extra>"))
    done = per_bulan[per_bulan["realisasi"].notna()]
    fig.add_trace(go.Bar(x=_months(done, lang), y=done["realisasi"].astype(float), name=text("realisasi", lang),
                         marker_color=REAL, opacity=0.8, customdata=_money(done["realisasi"], lang),
                         hovertemplate="%{x}: %{customdata[0]}<extra>" + text("realisasi", lang) + "</extra>"))
    top = pd.concat([per_bulan["batas_atas"], per_bulan["realisasi"]]).astype(float).max()
    fig.update_layout(title=title, yaxis=dict(title="Rp", **fmt.rupiah_ticks(top, lang)),
                      xaxis=dict(categoryorder="array", categoryarray=x),
                      legend=dict(orientation="h", y=-0.2), height=440, margin=dict(t=60))
    return fig


def cumulative(per_bulan: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Cumulative plan with its ±5% band and cumulative realization."""
    x = _months(per_bulan, lang)
    plan = per_bulan["rpd_kumulatif"]
    factor = TOLERANCE_PERCENT / 100
    fig = go.Figure()
    _band(fig, x, (plan * (1 - factor)).round(), (plan * (1 + factor)).round(), lang)
    fig.add_trace(go.Scatter(x=x, y=plan.astype(float), mode="lines+markers", name=text("rpd_rencana_kumulatif", lang),
                             line=dict(color=PLAN, dash="dash"), customdata=_money(plan, lang),
                             hovertemplate="%{x}: %{customdata[0]}<extra>" + text("rpd_rencana_kumulatif", lang)
                             + "</extra>"))
    done = per_bulan[per_bulan["realisasi_kumulatif"].notna()]
    fig.add_trace(go.Scatter(x=_months(done, lang), y=done["realisasi_kumulatif"].astype(float), mode="lines+markers",
                             name=text("rpd_realisasi_kumulatif", lang), line=dict(color=REAL, width=3),
                             customdata=_money(done["realisasi_kumulatif"], lang),
                             hovertemplate="%{x}: %{customdata[0]}<extra>" + text("rpd_realisasi_kumulatif", lang)
                             + "</extra>"))
    top = pd.concat([plan * (1 + factor), per_bulan["realisasi_kumulatif"]]).astype(float).max()
    fig.update_layout(title=title, yaxis=dict(title="Rp", **fmt.rupiah_ticks(top, lang)),
                      xaxis=dict(categoryorder="array", categoryarray=x),
                      legend=dict(orientation="h", y=-0.2), height=440, margin=dict(t=60))
    return fig


def deviation(table: pd.DataFrame, per_bulan: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Deviation % per month: bars per jenis belanja, the month's pagu-weighted deviation as a
    line, and the 5% tolerance line."""
    done = per_bulan[per_bulan["deviasi_persen"].notna()]
    x_all = _months(done, lang)
    fig = go.Figure()
    for code, part in table.groupby("jenis_belanja", sort=True):
        part = part[part["deviasi_persen"].notna()]
        fig.add_trace(go.Bar(
            x=_months(part, lang), y=part["deviasi_persen"].astype(float), name=_jenis(code, lang),
            customdata=[[fmt.percent(d, lang), fmt.rupiah(r, lang), fmt.rupiah(v, lang)]
                        for d, r, v in zip(part["deviasi_persen"], part["rpd"], part["realisasi"])],
            hovertemplate=("%{x}: %{customdata[0]}<br>" + text("rpd_rencana", lang) + ": %{customdata[1]}<br>"
                           + text("realisasi", lang) + ": %{customdata[2]}<extra>" + _jenis(code, lang) + "</extra>")))
    fig.add_trace(go.Scatter(
        x=x_all, y=done["deviasi_persen"].astype(float), mode="lines+markers", name=text("rpd_deviasi_bulan", lang),
        line=dict(color="black"),
        customdata=[[fmt.percent(d, lang), fmt.rupiah(r, lang), fmt.rupiah(v, lang)]
                    for d, r, v in zip(done["deviasi_persen"], done["rpd"], done["realisasi"])],
        hovertemplate=("%{x}: %{customdata[0]}<br>" + text("rpd_rencana", lang) + ": %{customdata[1]}<br>"
                       + text("realisasi", lang) + ": %{customdata[2]}<extra></extra>")))
    fig.add_hline(y=TOLERANCE_PERCENT, line=dict(color="#d62728", dash="dot"),
                  annotation_text=text("rpd_batas", lang), annotation_position="top left")
    fig.update_layout(title=title, barmode="group", yaxis=dict(title=text("rpd_deviasi", lang), range=[0, 105],
                                                               ticksuffix="%"),
                      xaxis=dict(categoryorder="array", categoryarray=x_all),
                      legend=dict(orientation="h", y=-0.2), height=440, margin=dict(t=60))
    return fig


def display_table(table: pd.DataFrame, lang: str = "id"):
    """The table as shown, (table, column config) for tables.show: month and jenis belanja names
    and yes/no as text; rupiah and the deviation kept as numbers in Indonesian display
    (tables.formatted), so a header click sorts them as numbers."""
    yes, no = text("rpd_ya", lang), text("rpd_tidak", lang)
    money = {text(k, lang): c for k, c in (("rpd_rencana", "rpd"), ("realisasi", "realisasi"),
                                           ("rpd_selisih", "selisih"))}
    deviation = text("rpd_deviasi", lang)
    shown = pd.DataFrame({
        text("rpd_bulan", lang): _months(table, lang),
        text("jenis_belanja", lang): [_jenis(c, lang) for c in table["jenis_belanja"]],
        **{label: table[c].array for label, c in money.items()},  # .array: dtypes kept (Int64 with NA)
        deviation: table["deviasi_persen"].array,
        text("rpd_dalam_toleransi",
             lang): ["–" if pd.isna(v) else (yes if v else no) for v in table["dalam_toleransi"]],
    })
    return tables.formatted(shown, lang, money=list(money), percent=[deviation])
