"""Figures and the table of the Capaian output page (DataFrame in, go.Figure or a table for
monev.ui.tables.show out)."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_texts
from monev.i18n.texts import text
from monev.ui import tables

COLOURS = {"dibayar_belum_terwujud": "#d62728", "sejalan": "#7f7f7f", "terwujud_belum_dibayar": "#1f77b4"}


def _number(value, lang: str) -> str:
    return fmt.format_decimal(value, lang, "#,##0.##")


def point_label(frame: pd.DataFrame, level: str) -> pd.Series:
    """A short name per row of a level's frame (code and name)."""
    if level == "ro":
        return (frame["kdsatker"] + " " + frame["kdgiat"] + "." + frame["kdoutput"] + "." + frame["kdsoutput"]
                + " " + frame["nmro"].fillna(""))
    code, name = {"kegiatan": ("kdgiat", "nmgiat"), "program": ("kdprogram", "nmprogram"),
                  "unit": ("kdunit", "nmunit")}[level]
    return frame[code] + " " + frame[name].fillna("")


def quadrant(frame: pd.DataFrame, level: str, title: str, lang: str = "id") -> go.Figure:
    """Physical progress (y) against financial realization (x), one marker per row (sized by
    pagu), the diagonal where both are equal and the two triangles labelled."""
    fig = go.Figure()
    top = 100.0
    if not frame.empty:
        top = max(100.0, float(frame["persen_keuangan"].max()), float(frame["progres_fisik"].max())) + 5
    fig.add_shape(type="line", x0=0, y0=0, x1=top, y1=top, line=dict(color="#999", dash="dash"))
    biggest = float(frame["pagu"].max()) if not frame.empty else 0.0
    for key, colour in COLOURS.items():
        part = frame[frame["posisi"] == key]
        if part.empty:
            continue
        size = [12 + 28 * math.sqrt(max(float(p), 0.0) / biggest) if biggest > 0 else 14 for p in part["pagu"]]
        custom = pd.DataFrame({
            "nama": plotly_texts(point_label(part, level)),
            "capaian": [fmt.percent(v, lang) for v in part["capaian_persen"]],
            "pagu": [fmt.rupiah(v, lang) for v in part["pagu"]],
            "realisasi": [fmt.rupiah(v, lang) for v in part["realisasi"]],
            "keuangan": [fmt.percent(v, lang) for v in part["persen_keuangan"]],
            "fisik": [fmt.percent(v, lang) for v in part["progres_fisik"]],
        })
        fig.add_trace(go.Scatter(
            x=part["persen_keuangan"].astype(float), y=part["progres_fisik"].astype(float), mode="markers",
            name=text(f"capaian_{key}", lang), marker=dict(color=colour, size=size, opacity=0.75,
                                                         line=dict(width=1, color="white")),
            customdata=custom.to_numpy(),
            hovertemplate=("<b>%{customdata[0]}</b><br>" + text("capaian_keuangan", lang) + ": %{customdata[4]}<br>"
                           + text("capaian_fisik", lang) + ": %{customdata[5]}<br>"
                           + text("capaian_output", lang) + ": %{customdata[1]}<br>"
                           + text("pagu", lang) + ": %{customdata[2]}<br>"
                           + text("realisasi", lang) + ": %{customdata[3]}<extra></extra>"),
        ))
    for x, y, key in ((top * 0.75, top * 0.12, "capaian_dibayar_belum_terwujud"),
                      (top * 0.25, top * 0.92, "capaian_terwujud_belum_dibayar")):
        fig.add_annotation(x=x, y=y, text=f"<b>{text(key, lang)}</b>", showarrow=False,
                           font=dict(size=13, color=COLOURS[key.removeprefix("capaian_")]))
    fig.update_layout(
        title=title, xaxis=dict(title=text("capaian_keuangan", lang), range=[0, top], ticksuffix="%"),
        yaxis=dict(title=text("capaian_fisik", lang), range=[0, top], ticksuffix="%"),
        legend=dict(orientation="h", y=-0.2), height=520, margin=dict(t=60),
    )
    return fig


def display_table(frame: pd.DataFrame, level: str, lang: str = "id"):
    """The level's table as shown, (table, column config) for tables.show: names, volumes and RO
    counts as text; rupiah, percentages and the physical-minus-financial gap (two decimals) kept
    as numbers in Indonesian display (tables.formatted), so a header click sorts them as numbers."""
    columns = {text("capaian_nama", lang): point_label(frame, level).tolist()}
    if level == "ro":
        columns[text("capaian_volume", lang)] = [f"{_number(r, lang)} / {_number(g, lang)} {s or ''}".strip()
                                                 if pd.notna(g) else "–"
                                                 for r, g, s in zip(frame["real_vol"], frame["target_vol"],
                                                                    frame["satuan"])]
    columns[text("capaian_ro_dilaporkan", lang)] = [f"{d} / {n}" for d, n in zip(frame["jumlah_ro_dilaporkan"],
                                                                                  frame["jumlah_ro"])]
    money = {text(k, lang): c for k, c in (("pagu", "pagu"), ("realisasi", "realisasi"))}
    percent = {text(k, lang): c for k, c in (("capaian_keuangan", "persen_keuangan"),
                                             ("capaian_fisik", "progres_fisik"),
                                             ("capaian_output", "capaian_persen"))}
    gap = {text("capaian_selisih", lang): "selisih_fisik_keuangan"}
    columns.update({label: frame[column].array for label, column in {**money, **percent, **gap}.items()})  # dtypes
    # kept (Int64 with NA); .array: the page's rows keep their labels, the shown table counts from 0
    columns[text("capaian_posisi", lang)] = [text(f"capaian_{p}", lang) if isinstance(p, str) else "–"
                                             for p in frame["posisi"]]
    shown = pd.DataFrame(columns)
    return tables.formatted(shown, lang, money=list(money), percent=list(percent), scores=list(gap))
