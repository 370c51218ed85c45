"""Perlu perhatian: the satker and PPK the Rakor should look at, each with its reasons in words.

A reason source is a function taking the context (a dict of DataFrames the view assembled) and
returning rows of REASON_COLUMNS: who (tingkat 'satker' or 'ppk', kdunit, kdsatker, kdppk), how
bad (`bobot`: percentage points below the target, larger is worse) and what, without words: a
text key (`kunci`, of monev.ui.texts) and its values (`nilai`, a dict of raw numbers and codes).
REASONS lists the sources: the projection, the jenis belanja behind target and the IKPA band;
another source is appended without touching the builder. The caller's `words(kunci, nilai)`
turns a reason into text in the reader's language (monev.views.projection.reason_words), so the
rules here stay free of any language.

The list: one row per satker or PPK with any reason, its reasons joined worst first, ordered by
its worst `bobot` (then kdsatker, kdppk).
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from monev.domain import status

REASON_COLUMNS = ["tingkat", "kdunit", "kdsatker", "kdppk", "sumber", "bobot", "kunci", "nilai"]
# A jenis belanja is named as a reason when its realization is in the lowest status band
# against the month's target (status.BANDS: below 70% of the target), the dashboard's own "Kurang".
BEHIND_BAND = status.ORDER[-1]

Words = Callable[[str, dict], str]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=REASON_COLUMNS)


def _who(frame: pd.DataFrame, tingkat: str) -> pd.DataFrame:
    kdppk = frame["kdppk"] if "kdppk" in frame else pd.Series([""] * len(frame), index=frame.index)
    return pd.DataFrame({"tingkat": tingkat, "kdunit": frame["kdunit"], "kdsatker": frame["kdsatker"],
                         "kdppk": kdppk.fillna("")})


def projection_reason(context: dict) -> pd.DataFrame:
    """Rows of context['proyeksi_satker'] / ['proyeksi_ppk'] (projection.rollup output) whose
    projected year-end % is below the year-end target: key ikpa_alasan_proyeksi with proyeksi,
    bawah, atas and target (%), e.g. 'proyeksi akhir tahun 78,50% (rentang 70,00%-85,00%) di
    bawah target 95,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"proyeksi_{tingkat}")
        if frame is None or frame.empty:
            continue
        below = frame[frame["proyeksi_persen"].astype(float) < frame["target_persen"].astype(float)]
        if below.empty:
            continue
        part = _who(below, tingkat)
        part["sumber"] = "proyeksi"
        part["bobot"] = (below["target_persen"].astype(float) - below["proyeksi_persen"].astype(float)).to_numpy()
        part["kunci"] = "ikpa_alasan_proyeksi"
        part["nilai"] = [dict(proyeksi=p, bawah=lo, atas=hi, target=t)
                         for p, lo, hi, t in zip(below["proyeksi_persen"], below["proyeksi_bawah_persen"],
                                                 below["proyeksi_atas_persen"], below["target_persen"])]
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def jenis_belanja_reason(context: dict) -> pd.DataFrame:
    """Rows of context['jenis_satker'] / ['jenis_ppk'] (realization per satker or PPK and jenis
    belanja with persen and target_persen of the month) in the lowest status band: key
    ikpa_alasan_jenis with jenis (code), persen and target (%), e.g. 'realisasi belanja modal
    12,00% vs target 40,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"jenis_{tingkat}")
        if frame is None or frame.empty:
            continue
        bands = status.bands(frame["persen"], frame["target_persen"])
        behind = frame[(bands == BEHIND_BAND).to_numpy()]
        if behind.empty:
            continue
        part = _who(behind, tingkat)
        part["sumber"] = "jenis belanja"
        part["bobot"] = (behind["target_persen"].astype(float) - behind["persen"].astype(float)).to_numpy()
        part["kunci"] = "ikpa_alasan_jenis"
        part["nilai"] = [dict(jenis=j, persen=p, target=t)
                         for j, p, t in zip(behind["jenis_belanja"], behind["persen"], behind["target_persen"])]
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def ikpa_band_reason(context: dict) -> pd.DataFrame:
    """Satker of context['ikpa_satker'] (monev.views.ikpa scores: kdunit, kdsatker, nilai,
    kategori) whose IKPA score is in the worst band (Kurang): key ikpa_alasan_ikpa with skor and
    kategori, e.g. 'IKPA 68,50 (Kurang)'. `bobot` is the points below the band above it
    (context['ikpa_batas_cukup'], default 70 from monev.domain.ikpa_rules): how far the satker is
    from leaving the worst band."""
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
    part["kunci"] = "ikpa_alasan_ikpa"
    part["nilai"] = [dict(skor=v, kategori=k) for v, k in zip(worst["nilai"], worst["kategori"])]
    return part


Reason = Callable[[dict], pd.DataFrame]
REASONS: list[Reason] = [projection_reason, jenis_belanja_reason, ikpa_band_reason]


def needs_attention(context: dict, words: Words, reasons: list[Reason] | None = None,
                    n: int | None = None) -> pd.DataFrame:
    """One row per satker or PPK with at least one reason: tingkat, kdunit, kdsatker, kdppk,
    bobot (the worst reason's), jumlah_alasan and alasan (each reason put in words by
    words(kunci, nilai), worst first, joined by '; '), worst first; the first n when n is given."""
    found = [reason(context) for reason in (reasons if reasons is not None else REASONS)]
    found = [f for f in found if not f.empty]
    columns = ["tingkat", "kdunit", "kdsatker", "kdppk", "bobot", "jumlah_alasan", "alasan"]
    if not found:
        return pd.DataFrame(columns=columns)
    every = pd.concat(found, ignore_index=True)
    every["bobot"] = every["bobot"].astype(float)
    every["alasan"] = [words(k, v) for k, v in zip(every["kunci"], every["nilai"])]
    every = every.sort_values(["bobot", "alasan"], ascending=[False, True], kind="stable")
    keys = ["tingkat", "kdunit", "kdsatker", "kdppk"]
    grouped = every.groupby(keys, as_index=False, sort=False).agg(
        bobot=("bobot", "max"), jumlah_alasan=("alasan", "count"), alasan=("alasan", "; ".join))
    grouped = grouped.sort_values(["bobot", "kdsatker", "kdppk", "tingkat"], ascending=[False, True, True, True],
                                  kind="stable").reset_index(drop=True)
    grouped["jumlah_alasan"] = grouped["jumlah_alasan"].astype("int64")
    return (grouped.head(n) if n is not None else grouped)[columns]
