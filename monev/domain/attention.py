"""Perlu perhatian: the satker and PPK the Rakor should look at, each with its reasons in words.

A reason source is a function taking the context (a dict of DataFrames the view assembled) and
returning rows of REASON_COLUMNS (a frame, or a list of frames the builder stacks: the projection
and jenis belanja sources give one per tingkat rather than concatenating them): who (tingkat
'satker' or 'ppk', kdunit, kdsatker, kdppk; any of them may be a categorical, whose codes the
builder groups by), how bad (`bobot`: percentage points below the target, larger is worse) and
what, without words: a text key (`kunci`, of monev.i18n.texts) and, in further columns named
after that text's fields, its values (raw numbers and codes). REASONS lists the sources: the
projection, the jenis belanja behind target and the IKPA band; another source is appended without
touching the builder. The caller's `words(kunci, values)` turns the reasons of one key into text
in the reader's language, all of them at once (monev.views.projection_words.reason_words), so the
rules here stay free of any language.

The list: one row per satker or PPK with any reason, its reasons joined worst first, ordered by
its worst `bobot` (then kdsatker, kdppk).
"""
from __future__ import annotations

import functools
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
# the context's key for the keys' categorical dtypes (key -> dtype, categories()): a source makes the
# keys of the rows it takes categoricals of these (_part), so every reason's share one dtype
KINDS = "jenis_kunci"

# words(kunci, values): the text of each row of `values` (the value columns of the reasons with
# that key), in order
Words = Callable[[str, pd.DataFrame], Sequence[str]]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=REASON_COLUMNS)


def _constant(value: str, n: int) -> pd.Categorical:
    """`value` n times, as a categorical of one category: what a reason's tingkat, sumber and kunci
    are, without writing the same text on each of 46.000 rows; every reason's with the same value
    shares one dtype (_one), so they are stacked and ranked by their codes alone."""
    return pd.Categorical.from_codes(np.zeros(n, dtype="int8"), dtype=_one(value), validate=False)


@functools.cache
def _one(value: str) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(pd.Index([value], dtype="str"))


def _part(frame: pd.DataFrame, chosen, tingkat: str, sumber: str, bobot: np.ndarray, kunci: str,
          values: dict[str, str], kinds: dict[str, pd.CategoricalDtype] | None = None) -> pd.DataFrame:
    """The reasons of frame's `chosen` rows (REASON_COLUMNS, then each column of `values`: name ->
    frame's column), made in one frame: who (frame's keys, kdppk '' where missing or absent),
    `bobot` (per row of frame) and the values, each taken only for the chosen rows, the frames
    being whole rollups. A key is a categorical where frame has it so (its codes taken), else
    where `kinds` (the context's KINDS) has its dtype and its texts are all among its categories
    (_coded): the list groups the reasons of keys sharing one dtype by their codes."""
    rows = np.flatnonzero(np.asarray(chosen, dtype=bool))
    kinds = kinds or {}
    columns = {"tingkat": _constant(tingkat, len(rows))}
    for key in ("kdunit", "kdsatker", "kdppk"):
        columns[key] = _coded(frame[key].array.take(rows), kinds.get(key)) if key in frame \
            else _constant("", len(rows))
    kdppk = columns["kdppk"]
    if pd.isna(kdppk).any():
        if isinstance(kdppk, pd.Categorical) and "" not in kdppk.categories:
            kdppk = kdppk.add_categories([""])
        columns["kdppk"] = kdppk.fillna("")
    columns.update(sumber=_constant(sumber, len(rows)), bobot=np.asarray(bobot, dtype="float64")[rows],
                   kunci=_constant(kunci, len(rows)))
    columns.update({name: _taken(frame[column], rows) for name, column in values.items()})
    # the columns are this frame's own (taken): a dict's frame copies each one (pandas 3) unless told
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)), copy=False)


def _coded(values, dtype: pd.CategoricalDtype | None):
    """values (a key's texts, or a categorical) as a categorical of `dtype` where every text is
    one of its categories (codes.positions), else as they are."""
    if dtype is None or isinstance(values, pd.Categorical):
        return values
    code = codes.positions(values, dtype.categories)
    if ((code < 0) & ~pd.isna(values)).any():
        return values
    return pd.Categorical.from_codes(code, dtype=dtype, validate=False)


def _taken(values: pd.Series, rows: np.ndarray):
    """values at `rows`, its dtype kept; texts held as Python objects as a frame infers them (str)."""
    return values.to_numpy()[rows] if values.dtype == object else values.array.take(rows)


def _float(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="float64", na_value=np.nan)


def projection_reason(context: dict) -> list[pd.DataFrame]:
    """Per tingkat, the rows of context['proyeksi_satker'] / ['proyeksi_ppk'] (projection.rollup
    output) whose projected year-end % is below the year-end target: key ikpa_alasan_proyeksi
    with proyeksi, bawah, atas and target (%), e.g. 'proyeksi akhir tahun 78,50% (rentang 70,00%-85,00%) di
    bawah target 95,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"proyeksi_{tingkat}")
        if frame is None or frame.empty:
            continue
        projected, target = _float(frame["proyeksi_persen"]), _float(frame["target_persen"])
        below = projected < target
        if not below.any():
            continue
        parts.append(_part(frame, below, tingkat, "proyeksi", target - projected, "ikpa_alasan_proyeksi",
                           {"proyeksi": "proyeksi_persen", "bawah": "proyeksi_bawah_persen",
                            "atas": "proyeksi_atas_persen", "target": "target_persen"}, context.get(KINDS)))
    return parts


def jenis_belanja_reason(context: dict) -> list[pd.DataFrame]:
    """Per tingkat, the rows of context['jenis_satker'] / ['jenis_ppk'] (realization per satker or
    PPK and jenis belanja with persen and target_persen of the month) in the lowest status band: key
    ikpa_alasan_jenis with jenis (code), persen and target (%), e.g. 'realisasi belanja modal
    12,00% vs target 40,00%'."""
    parts = []
    for tingkat in ("satker", "ppk"):
        frame = context.get(f"jenis_{tingkat}")
        if frame is None or frame.empty:
            continue
        behind = status.in_band(frame["persen"], frame["target_persen"], BEHIND_BAND)
        if not behind.any():
            continue
        parts.append(_part(frame, behind, tingkat, "jenis belanja",
                           _float(frame["target_persen"]) - _float(frame["persen"]), "ikpa_alasan_jenis",
                           {"jenis": "jenis_belanja", "persen": "persen", "target": "target_persen"},
                           context.get(KINDS)))
    return parts


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
    worst = (frame["kategori"] == BAND_NAMES["kurang"]).to_numpy(dtype=bool, na_value=False) \
        & frame["nilai"].notna().to_numpy()
    if not worst.any():
        return _empty()
    bound = float(context.get("ikpa_batas_cukup", DEFAULT_BANDS["cukup"]))
    return _part(frame, worst, "satker", "ikpa", bound - _float(frame["nilai"]), "ikpa_alasan_ikpa",
                 {"skor": "nilai", "kategori": "kategori"}, context.get(KINDS))


Reason = Callable[[dict], pd.DataFrame | list[pd.DataFrame]]
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
    found = []
    for reason in reasons if reasons is not None else REASONS:
        made = reason(context)
        found.extend(f for f in (made if isinstance(made, list) else [made]) if not f.empty)
    if not found:
        return nobody(LISTED)
    # each key's rank among the sorted texts of every reason, -1 where missing: the reasons are
    # grouped and their rows ordered by these integers, never by comparing or hashing 168.000 texts
    ranked = {key: _ranks(found, key) for key in KEYS}
    kept = np.logical_and.reduce([rank >= 0 for rank, _ in ranked.values()])  # a key missing: no group, as groupby
    group, first = _groups([ranked[key][0] for key in SORTED_BY], kept)
    bobot = np.concatenate([_float(f["bobot"]) for f in found])[kept]
    at_first = np.flatnonzero(kept)[first]
    # each group's worst reason: fmax skips a missing bobot, as groupby's max does, and leaves a
    # group with none missing
    worst = np.full(len(first), np.nan)
    np.fmax.at(worst, group[kept], bobot)
    # the groups are numbered in the order of kdsatker, kdppk, tingkat and kdunit: a stable sort
    # by the worst bobot, descending (missing last), is the list's order
    order = np.argsort(-worst, kind="stable")
    if n is not None:
        order = order[:n]
    position = np.full(len(first), -1, dtype="int64")
    position[order] = np.arange(len(order))
    rows = pd.DataFrame({key: ranked[key][1].take(ranked[key][0][at_first[order]]) for key in KEYS}
                        | {"bobot": worst[order],
                           "jumlah_alasan": np.bincount(group[kept], minlength=len(first)).astype("int64")[order],
                           ROW: np.arange(len(order), dtype="int64")}, copy=False)
    row = np.full(len(kept), -1, dtype="int64")
    row[kept] = position[group[kept]]
    every = _stacked(found, row)
    reasons_kept = every[row >= 0].reset_index(drop=True) if (row < 0).any() else every
    return Listing(rows, reasons_kept)


def _stacked(found: list[pd.DataFrame], row: np.ndarray) -> pd.DataFrame:
    """The reasons of every part one after the other (pd.concat's values, without their keys and
    sumber) with their `row`: bobot (float), kunci (a categorical of the parts' keys), then each
    value column of any part, missing in the rows of the parts without it. Made a column at a
    time, in one frame: a categorical stays one (_united), and a column missing in a part is
    filled there by a take of its own dtype, where pd.concat turned each text and categorical
    column of a national list's 168.000 reasons into Python strings and back to fill or unite
    them."""
    columns = {"bobot": np.concatenate([_float(f["bobot"]) for f in found])}
    for name in dict.fromkeys(c for f in found for c in f.columns if c not in (*KEYS, "sumber", "bobot")):
        model = next(f[name].array for f in found if name in f)
        arrays = [f[name].array if name in f else model.take(np.full(len(f), -1), allow_fill=True) for f in found]
        if all(isinstance(array, pd.Categorical) for array in arrays):
            columns[name] = _united(arrays)
        elif len({array.dtype for array in arrays}) == 1:
            columns[name] = type(model)._concat_same_type(arrays)
        else:  # the dtypes differ: pd.concat's rules for them
            columns[name] = pd.concat([pd.Series(array) for array in arrays], ignore_index=True).array
    columns[ROW] = row
    return pd.DataFrame(columns, index=pd.RangeIndex(len(row)), copy=False)  # its own arrays, as _part's


def _united(arrays: list[pd.Categorical]) -> pd.Categorical:
    """The categoricals one after the other, the same values: of their dtype where they share one
    (the view's keys: their codes alone, where union_categoricals compared the 24.000 satker
    categories), else of their categories numbered together, in the order first met."""
    if all(array.categories is arrays[0].categories for array in arrays):
        return pd.Categorical.from_codes(np.concatenate([array.codes for array in arrays]), dtype=arrays[0].dtype,
                                         validate=False)
    every, of = _numbered_together([array.categories for array in arrays])
    code = np.concatenate([_mapped(numbers, array.codes) for array, numbers in zip(arrays, of)])
    return pd.Categorical.from_codes(code, categories=every, validate=False)


def _numbered_together(uniques: list[pd.Index]) -> tuple[pd.Index, list[np.ndarray]]:
    """The distinct values of every index, in the order first met, and per index the number of
    each of its values among them: few beside the rows they stand for."""
    number, every = pd.factorize(uniques[0].append(uniques[1:]))
    bounds = np.cumsum([0, *(len(distinct) for distinct in uniques)])
    return pd.Index(every), [number[start:end] for start, end in zip(bounds[:-1], bounds[1:])]


KEYS = ["tingkat", "kdunit", "kdsatker", "kdppk"]
SORTED_BY = ["kdsatker", "kdppk", "tingkat", "kdunit"]  # after bobot, the list's order


def _ranks(parts: list[pd.DataFrame], key: str) -> tuple[np.ndarray, pd.Index]:
    """Per row of the parts, one after the other, the rank of its `key` among the sorted distinct
    values of every part (-1 where missing), and those values. A categorical key is taken by its
    codes; the parts sharing one set of categories rank them once."""
    codes_of, uniques = [], []
    for part in parts:
        values = part[key]
        if isinstance(values.dtype, pd.CategoricalDtype):
            code, distinct = values.cat.codes.to_numpy(), values.cat.categories
        else:
            code, distinct = pd.factorize(values)
            distinct = pd.Index(distinct)
        codes_of.append(code)
        uniques.append(distinct)
    if all(distinct is uniques[0] for distinct in uniques):
        every, of = uniques[0], [np.arange(len(uniques[0]))] * len(uniques)
    else:
        every, of = _numbered_together(uniques)
    texts = pa.array(every.array, from_pandas=True)
    if len(texts) > 1 and not pc.all(pc.less(texts[:-1], texts[1:])).as_py():
        sorted_at = pc.sort_indices(texts).to_numpy()
        rank = np.empty(len(every), dtype="int64")
        rank[sorted_at] = np.arange(len(every))
    else:  # the categories of codes.key_codes, sorted already
        sorted_at = rank = np.arange(len(every))
    ranks = [_mapped(rank[numbers], code) for code, numbers in zip(codes_of, of)]
    return np.concatenate(ranks), every if rank is sorted_at else every.take(sorted_at)


def _mapped(into: np.ndarray, code: np.ndarray) -> np.ndarray:
    """into[code] (int64), -1 where code is -1 (missing): one gather, through a last slot of -1."""
    return np.append(into, -1).astype("int64", copy=False)[code]


def _groups(ranks: list[np.ndarray], kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The group of each row (its ranks of the keys, lexicographically; -1 for a row not kept),
    numbered in the ranks' order, and each group's first row among the kept ones."""
    ranks = ranks if kept.all() else [rank[kept] for rank in ranks]
    sizes = [int(rank.max(initial=-1)) + 1 for rank in ranks]
    if np.prod(np.array(sizes, dtype="float64")) < codes.COMBINED_BELOW:
        combined = np.zeros(len(ranks[0]), dtype="int64")
        for rank, size in zip(ranks, sizes):
            combined = combined * size + rank
        order = np.argsort(combined, kind="stable")
        in_order = combined[order]
        changed = in_order[1:] != in_order[:-1]
    else:  # too many to combine in one integer: sorted key by key
        order = np.lexsort(ranks[::-1])
        changed = np.logical_or.reduce([rank[order][1:] != rank[order][:-1] for rank in ranks])
    numbers = np.concatenate([np.zeros(min(len(order), 1), dtype="int64"), np.cumsum(changed)])
    group = np.full(len(kept), -1, dtype="int64")
    group[np.flatnonzero(kept)[order] if len(order) < len(kept) else order] = numbers
    # the sort is stable: a group's first row in it is its first row
    return group, order[np.flatnonzero(np.r_[True, changed])] if len(order) else order


def _order(frame: pd.DataFrame, keys: list[tuple[str, str]]) -> np.ndarray:
    """The positions of frame's rows sorted by `keys` ((column, 'ascending' or 'descending')),
    stable, missing values last: sort_values(kind='stable')'s order, from Arrow's sort, which
    takes a few milliseconds where pandas took tens on a national list's texts."""
    table = pa.table({name: pa.array(frame[name], from_pandas=True) for name, _ in keys})
    return pc.sort_indices(table, sort_keys=[(name, order, "at_end") for name, order in keys]).to_numpy()


def categories(key_codes: tuple[np.ndarray, pd.Index, int]) -> tuple[pd.CategoricalDtype, np.ndarray]:
    """A key's codes as codes.Codes holds them ((codes, uniques, missing)) made a categorical
    dtype of its distinct texts (the uniques but the missing one) and the map of its codes into
    those categories (-1 for the missing one): the context's KINDS, and the codes of a frame
    coded with the same uniques (Basis.jenis_codes) made categoricals of them."""
    _, uniques, missing = key_codes
    into = np.arange(len(uniques), dtype="int64")
    if missing >= 0:
        into -= into > missing
        into[missing] = -1
        uniques = uniques.delete(missing)
    return pd.CategoricalDtype(uniques), into


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
