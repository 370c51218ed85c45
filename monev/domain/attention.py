"""Perlu perhatian: the satker and PPK the Rakor should look at, each with its reasons in words.

A reason source is a function taking the context (a dict of DataFrames the view assembled) and
returning rows of REASON_COLUMNS: who (tingkat 'satker' or 'ppk', kdunit, kdsatker, kdppk), how
bad (`bobot`: percentage points below the target, larger is worse) and `alasan` (Indonesian text
built from the numbers). REASONS lists the sources: the projection, the jenis belanja behind
target and the IKPA band; another source is appended without touching the builder.

The list: one row per satker or PPK with any reason, its reasons joined worst first, ordered by
its worst `bobot` (then kdsatker, kdppk).
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from monev.domain import status

JENIS_BELANJA = {"51": "belanja pegawai", "52": "belanja barang", "53": "belanja modal",
                 "57": "belanja bantuan sosial"}
REASON_COLUMNS = ["tingkat", "kdunit", "kdsatker", "kdppk", "sumber", "bobot", "alasan"]
# A jenis belanja is named as a reason when its realization is in the lowest status band
# against the month's target (status.BANDS: below 70% of the target), the dashboard's own "Kurang".
BEHIND_BAND = status.ORDER[-1]


def percent_text(value: float) -> str:
    """12.0 -> '12,00%' (Indonesian decimal comma, two decimals)."""
    text = f"{float(value):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + "%"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=REASON_COLUMNS)


def _who(frame: pd.DataFrame, tingkat: str) -> pd.DataFrame:
    kdppk = frame["kdppk"] if "kdppk" in frame else pd.Series([""] * len(frame), index=frame.index)
    return pd.DataFrame({"tingkat": tingkat, "kdunit": frame["kdunit"], "kdsatker": frame["kdsatker"],
                         "kdppk": kdppk.fillna("")})


def projection_reason(context: dict) -> pd.DataFrame:
    """Rows of context['proyeksi_satker'] / ['proyeksi_ppk'] (projection.rollup output) whose
    projected year-end % is below the year-end target: 'proyeksi akhir tahun 78,50% (rentang
    70,00%-85,00%) di bawah target 95,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"proyeksi_{tingkat}")
        if frame is None or frame.empty:
            continue
        below = frame[frame["proyeksi_persen"].astype(float) < frame["target_persen"].astype(float)]
        if below.empty:
            continue
        text = [f"proyeksi akhir tahun {percent_text(p)} (rentang {percent_text(lo)}–{percent_text(hi)}) "
                f"di bawah target {percent_text(t)}"
                for p, lo, hi, t in zip(below["proyeksi_persen"], below["proyeksi_bawah_persen"],
                                        below["proyeksi_atas_persen"], below["target_persen"])]
        part = _who(below, tingkat)
        part["sumber"] = "proyeksi"
        part["bobot"] = (below["target_persen"].astype(float) - below["proyeksi_persen"].astype(float)).to_numpy()
        part["alasan"] = text
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def jenis_belanja_reason(context: dict) -> pd.DataFrame:
    """Rows of context['jenis_satker'] / ['jenis_ppk'] (realization per satker or PPK and jenis
    belanja with persen and target_persen of the month) in the lowest status band: 'realisasi
    belanja modal 12,00% vs target 40,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"jenis_{tingkat}")
        if frame is None or frame.empty:
            continue
        bands = status.bands(frame["persen"], frame["target_persen"])
        behind = frame[(bands == BEHIND_BAND).to_numpy()]
        if behind.empty:
            continue
        text = [f"realisasi {JENIS_BELANJA.get(j, 'jenis belanja ' + str(j))} {percent_text(p)} "
                f"vs target {percent_text(t)}"
                for j, p, t in zip(behind["jenis_belanja"], behind["persen"], behind["target_persen"])]
        part = _who(behind, tingkat)
        part["sumber"] = "jenis belanja"
        part["bobot"] = (behind["target_persen"].astype(float) - behind["persen"].astype(float)).to_numpy()
        part["alasan"] = text
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def ikpa_band_reason(context: dict) -> pd.DataFrame:
    """Satker of context['ikpa_satker'] (monev.views.ikpa scores: kdunit, kdsatker, nilai,
    kategori) whose IKPA score is in the worst band (Kurang): 'IKPA 68,50 (Kurang)'. `bobot` is
    the points below the band above it (context['ikpa_batas_cukup'], default 70 from
    monev.domain.ikpa_rules): how far the satker is from leaving the worst band."""
    from monev.domain.ikpa_rules import BAND_NAMES, DEFAULT_BANDS

    frame = context.get("ikpa_satker")
    if frame is None or frame.empty:
        return _empty()
    worst = frame[(frame["kategori"] == BAND_NAMES["kurang"]).to_numpy() & frame["nilai"].notna().to_numpy()]
    if worst.empty:
        return _empty()
    bound = float(context.get("ikpa_batas_cukup", DEFAULT_BANDS["cukup"]))
    part = _who(worst, "satker")
    part["sumber"] = "ikpa"
    part["bobot"] = (bound - worst["nilai"].astype(float)).to_numpy()
    part["alasan"] = [f"IKPA {percent_text(v)[:-1]} ({k})" for v, k in zip(worst["nilai"], worst["kategori"])]
    return part


Reason = Callable[[dict], pd.DataFrame]
REASONS: list[Reason] = [projection_reason, jenis_belanja_reason, ikpa_band_reason]


def needs_attention(context: dict, reasons: list[Reason] | None = None, n: int | None = None) -> pd.DataFrame:
    """One row per satker or PPK with at least one reason: tingkat, kdunit, kdsatker, kdppk,
    bobot (the worst reason's), jumlah_alasan and alasan (reasons worst first, joined by '; '),
    worst first; the first n when n is given."""
    found = [reason(context) for reason in (reasons if reasons is not None else REASONS)]
    found = [f for f in found if not f.empty]
    columns = ["tingkat", "kdunit", "kdsatker", "kdppk", "bobot", "jumlah_alasan", "alasan"]
    if not found:
        return pd.DataFrame(columns=columns)
    every = pd.concat(found, ignore_index=True)
    every["bobot"] = every["bobot"].astype(float)
    every = every.sort_values(["bobot", "alasan"], ascending=[False, True], kind="stable")
    keys = ["tingkat", "kdunit", "kdsatker", "kdppk"]
    grouped = every.groupby(keys, as_index=False, sort=False).agg(
        bobot=("bobot", "max"), jumlah_alasan=("alasan", "count"), alasan=("alasan", "; ".join))
    grouped = grouped.sort_values(["bobot", "kdsatker", "kdppk", "tingkat"], ascending=[False, True, True, True],
                                  kind="stable").reset_index(drop=True)
    grouped["jumlah_alasan"] = grouped["jumlah_alasan"].astype("int64")
    return (grouped.head(n) if n is not None else grouped)[columns]
