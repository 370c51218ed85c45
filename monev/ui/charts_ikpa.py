"""Figures and table helpers of the IKPA page (pure: DataFrame in, figure or frame out)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monev.domain.ikpa_rules import INDICATORS
from monev.i18n import format as fmt
from monev.i18n.markdown import plotly_text, plotly_texts
from monev.i18n.texts import JENIS_BELANJA, text

SCORES = [*INDICATORS, "nilai"]
OFFICIAL = {"resmi_revisi_dipa": "revisi_dipa", "resmi_deviasi_halaman_iii": "deviasi_halaman_iii",
            "resmi_penyerapan": "penyerapan", "resmi_belanja_kontraktual": "belanja_kontraktual",
            "resmi_penyelesaian_tagihan": "penyelesaian_tagihan", "resmi_pengelolaan_up_tup": "pengelolaan_up_tup",
            "resmi_capaian_output": "capaian_output", "resmi_nilai": "nilai"}
BANDS = {"Sangat Baik": "kpa_band_sangat_baik", "Baik": "kpa_band_baik", "Cukup": "kpa_band_cukup",
         "Kurang": "kpa_band_kurang"}
MONEY = ["pagu", "blokir", "realisasi", "batas", "proyeksi", "proyeksi_bawah", "proyeksi_atas", "kebutuhan_triwulan",
         "per_bulan_triwulan", "kebutuhan_tahun", "per_bulan_tahun", "laju_bulanan"]
PERCENT = ["persen", "target_persen", "proyeksi_persen", "proyeksi_bawah_persen", "proyeksi_atas_persen"]


def score_text(value, lang: str = "id") -> str:
    """68.5 -> '68,50' (a score in points, no '%')."""
    return "–" if fmt.is_missing(value) else fmt.percent(value, lang)[:-1]


def indicator_label(key: str, lang: str) -> str:
    return text(f"ikpa_ind_{key}", lang)


def column_labels(lang: str, tw: str = "") -> dict[str, str]:
    """Display names of every column the page shows (raw names stay in the downloads)."""
    labels = {key: indicator_label(key, lang) for key in SCORES}
    labels.update({col: text("ikpa_kol_resmi", lang, nama=indicator_label(key, lang)) for col, key in OFFICIAL.items()})
    for col in ("bulan", "kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk", "tingkat", "peringkat", "jumlah_satker",
                "kategori", "bulan_resmi", "indikator", "masukan", "perhitungan", "hasil", "proyeksi",
                "proyeksi_bawah", "proyeksi_atas", "proyeksi_persen", "target_persen", "kebutuhan_tahun",
                "per_bulan_tahun", "realistis_tahun", "bobot", "alasan"):
        key = {"kdunit": "unit", "nmunit": "nama_unit", "kdsatker": "satker", "nmsatker": "nama_satker",
               "kdppk": "ppk", "bulan_resmi": "bulan_resmi", "laju_bulanan": "laju"}.get(col, col)
        labels[col] = text(f"ikpa_kol_{key}", lang)
    for col in ("kebutuhan_triwulan", "per_bulan_triwulan", "realistis_triwulan"):
        labels[col] = text(f"ikpa_kol_{col}", lang, tw=tw)
    labels.update(laju_bulanan=text("ikpa_kol_laju", lang), proyeksi_capai_target=text("ikpa_kol_capai", lang),
                  pagu=text("pagu", lang), blokir=text("blokir", lang), realisasi=text("realisasi", lang),
                  persen=text("persen", lang), jenis_belanja=text("jenis_belanja", lang))
    return labels


def bands_shown(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The band names in the page's language (the data keep the regulation's Indonesian names)."""
    if "kategori" not in frame:
        return frame
    return frame.assign(kategori=frame["kategori"].map(lambda k: text(BANDS[k], lang) if k in BANDS else k))


def score_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` that hold scores in points (written 68,50, without '%')."""
    return [c for c in frame if c in SCORES or c in OFFICIAL or c in ("bobot", "hasil")]


def _months(values, lang: str) -> list[str]:
    return [fmt.month_name(int(m), lang) for m in values]


def score_lines(frame: pd.DataFrame, measure: str, title: str, lang: str = "id") -> go.Figure:
    """One line per row group (kdunit: '' is the ministry, drawn thicker) of `measure` by month."""
    fig = go.Figure()
    for kdunit, part in frame.groupby("kdunit", sort=True):
        part = part.sort_values("bulan")
        name = (text("ikpa_tingkat_kementerian", lang) if kdunit == ""
                else plotly_text(f"{kdunit} {part['nmunit'].iloc[0]}"))
        fig.add_trace(go.Scatter(
            x=_months(part["bulan"], lang), y=part[measure].astype(float), mode="lines+markers", name=name,
            line=dict(width=4 if kdunit == "" else 2), customdata=[[score_text(v, lang)] for v in part[measure]],
            hovertemplate="%{x}: %{customdata[0]}<extra>" + name + "</extra>"))
    months = _months(sorted(frame["bulan"].unique()), lang)
    fig.update_layout(title=title, yaxis=dict(title=indicator_label(measure, lang), range=[0, 105]),
                      xaxis=dict(categoryorder="array", categoryarray=months), height=440,
                      legend=dict(orientation="h", y=-0.2), margin=dict(t=60))
    return fig


def group_label(frame: pd.DataFrame, lang: str) -> list[str]:
    if "jenis_belanja" in frame:
        return [f"{j} {JENIS_BELANJA[j][0 if lang == 'id' else 1]}" if j in JENIS_BELANJA else j
                for j in frame["jenis_belanja"]]
    if "kdunit" in frame:
        return [f"{k} {n}" for k, n in zip(frame["kdunit"], frame["nmunit"])]
    return [text("ikpa_tingkat_kementerian", lang)] * len(frame)


def projection_bars(frame: pd.DataFrame, title: str, lang: str = "id") -> go.Figure:
    """Per group: pagu, realization so far and the projected year end with its range (error bar)."""
    y = plotly_texts(group_label(frame, lang))
    fig = go.Figure()
    for column, key, color in (("pagu", "pagu", "#c7c7c7"), ("realisasi", "realisasi", "#1f77b4")):
        fig.add_trace(go.Bar(y=y, x=frame[column].astype(float), orientation="h", name=text(key, lang),
                             marker_color=color, customdata=[[fmt.rupiah(v, lang)] for v in frame[column]],
                             hovertemplate="%{y}: %{customdata[0]}<extra>" + text(key, lang) + "</extra>"))
    proyeksi = frame["proyeksi"].astype(float)
    fig.add_trace(go.Scatter(
        y=y, x=proyeksi, mode="markers", name=text("ikpa_kol_proyeksi", lang), marker=dict(size=12, color="#d62728"),
        error_x=dict(type="data", symmetric=False, array=frame["proyeksi_atas"].astype(float) - proyeksi,
                     arrayminus=proyeksi - frame["proyeksi_bawah"].astype(float)),
        customdata=[[fmt.rupiah(p, lang), fmt.rupiah(lo, lang), fmt.rupiah(hi, lang)]
                    for p, lo, hi in zip(frame["proyeksi"], frame["proyeksi_bawah"], frame["proyeksi_atas"])],
        hovertemplate="%{y}: %{customdata[0]} (%{customdata[1]} – %{customdata[2]})<extra>"
                      + text("ikpa_kol_proyeksi", lang) + "</extra>"))
    top = float(frame[["pagu", "proyeksi_atas"]].max().max()) if len(frame) else 0
    fig.update_layout(title=title, barmode="overlay", height=max(320, 90 * len(frame) + 160),
                      xaxis=fmt.rupiah_ticks(top, lang), legend=dict(orientation="h", y=-0.2), margin=dict(t=60))
    return fig


def ranking_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The ranking's columns: each official OM-SPAN value right beside the computed one, official
    columns left out where no satker of the selection has one."""
    official = {key: col for col, key in OFFICIAL.items() if col in frame and frame[col].notna().any()}
    columns = ["peringkat", "kdunit", "kdsatker", "nmsatker", "pagu", "nilai"]
    columns += [official["nilai"]] if "nilai" in official else []
    columns += ["kategori"]
    for key in INDICATORS:
        columns += [key] + ([official[key]] if key in official else [])
    columns += ["bulan_resmi"] if official else []
    return frame[columns]
