"""Perlu perhatian: the satker and PPK the Rakor should look at, each with its reasons in words.

A reason source is a function taking the context (a dict of DataFrames the view assembled) and
returning rows of REASON_COLUMNS: who (tingkat 'satker' or 'ppk', kdunit, kdsatker, kdppk), how
bad (`bobot`: percentage points below the target, larger is worse) and what, without words: a
text key (`kunci`, of monev.i18n.texts) and, in further columns named after that text's fields,
its values (raw numbers and codes). REASONS lists the sources: the projection, the jenis belanja
behind target and the IKPA band; another source is appended without touching the builder. The
caller's `words(kunci, values)` turns the reasons of one key into text in the reader's language,
all of them at once (monev.views.projection_words.reason_words), so the rules here stay free of any
language.

The list: one row per satker or PPK with any reason, its reasons joined worst first, ordered by
its worst `bobot` (then kdsatker, kdppk).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.domain import codes, status

REASON_COLUMNS = ["tingkat", "kdunit", "kdsatker", "kdppk", "sumber", "bobot", "kunci"]
# A jenis belanja is named as a reason when its realization is in the lowest status band
# against the month's target (status.BANDS: below 70% of the target), the dashboard's own "Kurang".
BEHIND_BAND = status.ORDER[-1]

# words(kunci, values): the text of each row of `values` (the value columns of the reasons with
# that key), in order
Words = Callable[[str, pd.DataFrame], Sequence[str]]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=REASON_COLUMNS)


def _rows_of(frame: pd.DataFrame, chosen, columns: list[str]) -> pd.DataFrame:
    """The chosen rows of frame with only the key columns _who reads and `columns`: the frames are
    whole rollups, whose names (nmsatker, nmunit) a reason never reads but frame[chosen] copied."""
    keys = [key for key in ("kdunit", "kdsatker", "kdppk") if key in frame]
    return frame.loc[np.asarray(chosen, dtype=bool), keys + columns]


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
        below = _rows_of(frame, frame["proyeksi_persen"].astype(float) < frame["target_persen"].astype(float),
                         ["proyeksi_persen", "proyeksi_bawah_persen", "proyeksi_atas_persen", "target_persen"])
        if below.empty:
            continue
        part = _who(below, tingkat)
        part["sumber"] = "proyeksi"
        part["bobot"] = (below["target_persen"].astype(float) - below["proyeksi_persen"].astype(float)).to_numpy()
        part["kunci"] = "ikpa_alasan_proyeksi"
        for name, column in (("proyeksi", "proyeksi_persen"), ("bawah", "proyeksi_bawah_persen"),
                             ("atas", "proyeksi_atas_persen"), ("target", "target_persen")):
            part[name] = below[column].to_numpy()
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
        behind = _rows_of(frame, status.in_band(frame["persen"], frame["target_persen"], BEHIND_BAND),
                          ["jenis_belanja", "persen", "target_persen"])
        if behind.empty:
            continue
        part = _who(behind, tingkat)
        part["sumber"] = "jenis belanja"
        part["bobot"] = (behind["target_persen"].astype(float) - behind["persen"].astype(float)).to_numpy()
        part["kunci"] = "ikpa_alasan_jenis"
        for name, column in (("jenis", "jenis_belanja"), ("persen", "persen"), ("target", "target_persen")):
            part[name] = behind[column].to_numpy()
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
    worst = _rows_of(frame, (frame["kategori"] == BAND_NAMES["kurang"]).to_numpy() & frame["nilai"].notna().to_numpy(),
                     ["nilai", "kategori"])
    if worst.empty:
        return _empty()
    bound = float(context.get("ikpa_batas_cukup", DEFAULT_BANDS["cukup"]))
    part = _who(worst, "satker")
    part["sumber"] = "ikpa"
    part["bobot"] = (bound - worst["nilai"].astype(float)).to_numpy()
    part["kunci"] = "ikpa_alasan_ikpa"
    part["skor"], part["kategori"] = worst["nilai"].to_numpy(), worst["kategori"].to_numpy()
    return part


Reason = Callable[[dict], pd.DataFrame]
REASONS: list[Reason] = [projection_reason, jenis_belanja_reason, ikpa_band_reason]


LISTED = ["tingkat", "kdunit", "kdsatker", "kdppk", "bobot", "jumlah_alasan"]
ROW = "baris"  # Listing.reasons: the position in Listing.rows of the reason's satker or PPK


@dataclass(frozen=True)
class Listing:
    """The list before its words: `rows` (LISTED, ROW and any columns a caller adds, worst first) and
    every reason of those rows (`reasons`: ROW, bobot, kunci and the value columns its words
    read). alasan() writes the reasons of any of the rows: a page writes the screenful it shows
    and its download, not the reasons of a national list's 46.000 rows on every visit."""

    rows: pd.DataFrame
    reasons: pd.DataFrame

    def alasan(self, words: Words, at=None) -> pd.Series:
        """The reasons of the rows at positions `at` (their ROW; default: every row, in order), each row's
        put in words by words(kunci, values), worst first, ties in the order of their words,
        joined by '; ': one text per position, numbered from 0."""
        at = np.arange(len(self.rows)) if at is None else np.asarray(at, dtype="int64")
        place = np.full(len(self.rows), -1, dtype="int64")
        place[at] = np.arange(len(at))
        place = place[self.reasons[ROW].to_numpy(dtype="int64")]
        chosen = place >= 0
        reasons = self.reasons if chosen.all() else self.reasons[chosen]
        place = place[chosen]
        texts = pd.Series(_worded(reasons, words), dtype="str")
        order = _order(pd.DataFrame({"place": place, "bobot": reasons["bobot"].to_numpy(dtype="float64"),
                                     "alasan": texts}),
                       [("place", "ascending"), ("bobot", "descending"), ("alasan", "ascending")])
        return pd.Series(joined(texts.take(order), place[order], len(at), "; "), dtype="str")


def needs_attention(context: dict, words: Words, reasons: list[Reason] | None = None,
                    n: int | None = None) -> pd.DataFrame:
    """One row per satker or PPK with at least one reason: tingkat, kdunit, kdsatker, kdppk,
    bobot (the worst reason's), jumlah_alasan and alasan (each reason put in words by
    words(kunci, values), worst first, ties in the order of their words, joined by '; '), worst
    first; the first n when n is given. listing() and Listing.alasan() of every row."""
    listed = listing(context, reasons, n)
    if listed.rows.empty:
        return pd.DataFrame(columns=[*LISTED, "alasan"])
    return listed.rows.drop(columns=ROW).assign(alasan=listed.alasan(words))


def nobody(columns: list[str]) -> Listing:
    """A Listing without a row, whose rows have `columns` and ROW."""
    return Listing(pd.DataFrame(columns=[*columns, ROW]), pd.DataFrame(columns=[ROW, "bobot", "kunci"]))


def listing(context: dict, reasons: list[Reason] | None = None, n: int | None = None) -> Listing:
    """needs_attention()'s rows without their words, and their reasons (Listing): ordered by the
    worst reason's bobot, then kdsatker, kdppk, tingkat and kdunit, none of which depends on the
    reader's language."""
    found = [reason(context) for reason in (reasons if reasons is not None else REASONS)]
    found = [f for f in found if not f.empty]
    if not found:
        return nobody(LISTED)
    keys = ["tingkat", "kdunit", "kdsatker", "kdppk"]
    every = pd.concat(found, ignore_index=True)  # each source's value columns, missing in the others' rows
    every["bobot"] = every["bobot"].astype(float)
    group = _first_seen(every, keys)
    kept = group >= 0  # a row missing a key is in no group, as in groupby
    if not kept.all():
        every, group = every[kept].reset_index(drop=True), group[kept]
    first = codes.first_of(group)
    count = len(first)
    grouped = every[keys].take(first).reset_index(drop=True)  # the keys only: the value columns are long texts
    grouped["bobot"] = every["bobot"].groupby(group, sort=True).max().to_numpy()
    grouped["jumlah_alasan"] = np.bincount(group, minlength=count).astype("int64")
    order = _order(grouped, [("bobot", "descending"), ("kdsatker", "ascending"), ("kdppk", "ascending"),
                             ("tingkat", "ascending"), ("kdunit", "ascending")])
    if n is not None:
        order = order[:n]
    position = np.full(count, -1, dtype="int64")
    position[order] = np.arange(len(order))
    every[ROW] = position[group]
    reasons_kept = every[every[ROW] >= 0] if n is not None else every
    rows = grouped.take(order).reset_index(drop=True)[LISTED]
    rows[ROW] = np.arange(len(rows), dtype="int64")
    return Listing(rows, reasons_kept.drop(columns=keys + ["sumber"]).reset_index(drop=True))


def _first_seen(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """frame.groupby(keys, sort=False).ngroup(): each row's group numbered in the order the groups
    first appear, -1 for a row missing a key; by the keys' hashed codes combined into one integer,
    where groupby sorted a national list's key texts (0,01 s)."""
    combined, missing, size = np.zeros(len(frame), dtype="int64"), np.zeros(len(frame), dtype=bool), 1
    for key in keys:
        code, uniques = pd.factorize(frame[key])
        if size * (len(uniques) + 1) >= 2**62:  # numbered again (below the rows' count) to stay in int64
            combined, size = pd.factorize(combined)[0], len(frame)
        combined, size = combined * (len(uniques) + 1) + code, size * (len(uniques) + 1)
        missing |= code < 0
    group = np.full(len(frame), -1, dtype="int64")
    group[~missing] = pd.factorize(combined[~missing])[0]
    return group


def _order(frame: pd.DataFrame, keys: list[tuple[str, str]]) -> np.ndarray:
    """The positions of frame's rows sorted by `keys` ((column, 'ascending' or 'descending')),
    stable, missing values last: sort_values(kind='stable')'s order, from Arrow's sort, which
    takes a few milliseconds where pandas took tens on a national list's texts."""
    table = pa.table({name: pa.array(frame[name], from_pandas=True) for name, _ in keys})
    return pc.sort_indices(table, sort_keys=[(name, order, "at_end") for name, order in keys]).to_numpy()


def _worded(reasons: pd.DataFrame, words: Words) -> pa.Array:
    """The words of every reason (a Listing's), in order: one call of `words` per key, on the
    value columns of its reasons."""
    values = reasons.drop(columns=[ROW, "bobot", "kunci"])
    positions, texts = [], []
    for key, rows in reasons.groupby("kunci", sort=False).indices.items():
        worded = words(key, values if len(rows) == len(reasons) else values.iloc[rows])
        # by position: a Series of texts on another index must not be realigned
        worded = worded.array if isinstance(worded, pd.Series) else list(worded)
        texts.append(pa.array(worded, type=pa.string()))
        positions.append(rows)
    if not texts:
        return pa.array([], type=pa.string())
    order = np.argsort(np.concatenate(positions), kind="stable")
    return pc.take(pa.concat_arrays(texts), pa.array(order))


def joined(texts, group: np.ndarray, groups: int, separator: str) -> pa.Array:
    """Per group 0 .. groups - 1, the texts (a Series or array of str) of the rows whose `group`
    (int64) it is, in row order, joined by `separator`: one Arrow join of the groups' first,
    second, ... texts, where a Python join per group took seconds for a national warehouse."""
    order = np.argsort(group, kind="stable")
    place = np.empty(len(group), dtype="int64")
    place[order] = np.arange(len(group)) - np.searchsorted(group[order], group[order])
    text = pa.array(texts, type=pa.string())
    columns = [pa.nulls(groups, pa.string())]
    for position in range(int(place.max(initial=-1)) + 1):
        at = np.flatnonzero(place == position)
        rows = np.full(groups, -1, dtype="int64")
        rows[group[at]] = at
        columns.append(pc.take(text, pa.array(rows, mask=rows < 0)))
    return pc.binary_join_element_wise(*columns, separator, null_handling="skip")
