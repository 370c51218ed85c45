"""Data for the IKPA and early-warning page: the scores of the selected month (monev.views.ikpa),
the ministry's and each unit's scores over the months of the year, the formula trace of one
satker and month, and the year-end projection per level (monev.views.projection).

Every function takes (engine, period, scope=, filters=, **options), the shape monev.ui.data.view
caches per warehouse version.
"""
from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev.domain import attention, ikpa, ikpa_rules
from monev.domain.period import Period
from monev.views import ikpa as ikpa_view
from monev.views import projection as projection_view
from monev.warehouse.query import NO_FILTER, Filters, Scope

SCORE_COLUMNS = [*ikpa_rules.INDICATORS, "nilai"]
# ministry row's kdunit in the over-the-months frame
MINISTRY = ""
# its name: the ministry only for a viewer who sees all of it; else the total of what the viewer
# may see (docs/security.md, "Cakupan data": figures above the scope are not shown)
MINISTRY_NAME = "Kementerian"
SCOPE_TOTAL_NAME = "Total cakupan"


def current(engine: sa.Engine, period: Period, *, scope: Scope,
            filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """'satker' (ranked by nilai, best first; ikpa.SATKER_COLUMNS and peringkat), 'per_unit' and
    'kementerian' (pagu-weighted, ikpa.aggregate) as of the end of period.bulan: the last month
    of monthly(), as shown() takes them."""
    rules = ikpa_view.rules(engine, period.tahun)
    months = ikpa_view.months(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rules)
    return _ranked(months.as_of(period.bulan), _over_months(months, rules, scope))


def _ranked(scored: pd.DataFrame, months: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """current()'s tables from the satker scores of one month; 'per_unit' and 'kementerian' are
    the last month's rows of `months` (_over_months of the same monthly() frame), which sums the
    same satker rows: the ranking and the months rest on the same numbers."""
    # by nilai, best first, missing last, then by satker code: sort_values on those two columns,
    # without sorting the code strings again (each row is one satker, so the codes' ranks decide)
    rank = pd.factorize(scored["kdsatker"], sort=True)[0]
    nilai = scored["nilai"].to_numpy(dtype=float, na_value=np.nan)
    satker = scored.take(np.lexsort((rank, np.where(np.isnan(nilai), np.inf, -nilai)))).reset_index(drop=True)
    satker.insert(0, "peringkat", pd.array(range(1, len(satker) + 1), dtype="int64"))
    if satker.empty:
        return {"satker": satker, "per_unit": pd.DataFrame(), "kementerian": pd.DataFrame()}
    last = months[months["bulan"] == months["bulan"].max()].drop(columns="bulan")
    ministry = (last["kdunit"] == MINISTRY).to_numpy()
    return {"satker": satker, "per_unit": last[~ministry].reset_index(drop=True),
            "kementerian": last[ministry].drop(columns=["kdunit", "nmunit"]).reset_index(drop=True)}


def over_months(engine: sa.Engine, period: Period, *, scope: Scope,
                filters: Filters = NO_FILTER) -> pd.DataFrame:
    """Per month 1..period.bulan: one ministry row (kdunit '') and one row per unit: bulan,
    kdunit, nmunit, pagu, jumlah_satker, every indicator, nilai and kategori, each aggregated
    pagu-weighted (ikpa.aggregate) from the satker scores as of that month's end."""
    return _over_months(ikpa_view.months(engine, period.tahun, period.bulan, scope=scope, filters=filters),
                        ikpa_view.rules(engine, period.tahun), scope)


def _over_months(months: ikpa_view.Months, rules: ikpa_rules.Rules, scope: Scope) -> pd.DataFrame:
    columns = ["bulan", "kdunit", "nmunit", "pagu", "jumlah_satker", *SCORE_COLUMNS, "kategori"]
    scores = months.scores
    if scores.empty:
        return pd.DataFrame(columns=columns)
    # grouped by integer codes (ikpa.aggregate_by_codes), numbered in the order of the keys
    bulan = scores["bulan"].to_numpy()
    # the units sorted, as groupby sorts the codes (factorized in Arrow: np.unique sorted 24.000
    # Python strings), and each row's unit
    unit, units = pd.factorize(months.names["kdunit"], sort=True)
    units, unit = np.asarray(units, dtype=object), unit[months.at]
    first = np.full(len(units), len(unit))
    np.minimum.at(first, unit, np.arange(len(unit)))  # each unit's first row names it
    present = np.flatnonzero(first < len(unit))
    first = first[present]
    names = pd.Series(months.names["nmunit"].take(months.at[first]).to_numpy(), index=units[present])
    months_seen, month = _numbered(bulan.astype("int64"), 13)
    shared = {}  # both groupings read each column's terms once
    ministry = ikpa.aggregate_by_codes(scores, month, [{"bulan": int(m)} for m in months_seen], rules,
                                       shared).assign(
        kdunit=MINISTRY, nmunit=MINISTRY_NAME if scope.everything else SCOPE_TOTAL_NAME)
    pair, pairs = _numbered(bulan.astype("int64") * len(units) + unit, 13 * len(units))
    units_frame = ikpa.aggregate_by_codes(
        scores, pairs, [{"bulan": int(p // len(units)), "kdunit": units[p % len(units)]} for p in pair], rules,
        shared)
    units_frame["nmunit"] = units_frame["kdunit"].map(names)
    # each month: the ministry's row, then its units' (a stable sort keeps that order)
    result = pd.concat([ministry, units_frame], ignore_index=True).sort_values("bulan", kind="stable")
    return result.reindex(columns=columns).reset_index(drop=True)


def _numbered(values: np.ndarray, below: int):
    """np.unique(values, return_inverse=True) of small non-negative integers (below `below`),
    counted rather than sorted."""
    present = np.bincount(values, minlength=below) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present), rank[values]


def trace(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
          kdsatker: str = "", bulan: int | None = None, lang: str = "id") -> pd.DataFrame:
    """The formula trace (ikpa.trace: indikator, masukan, perhitungan, hasil, in `lang`) of one
    satker as of the end of `bulan` (default period.bulan) of the selected year."""
    at = Period(period.tahun, bulan or period.bulan)
    return ikpa_view.trace(ikpa_view.scores(engine, at, scope=scope, filters=filters), kdsatker, lang)


PROJECTION_LEVELS = ("total", "per_unit", "per_jenis_belanja")


def projections(engine: sa.Engine, period: Period, *, scope: Scope,
                filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """The year-end projection with its range for the ministry ('total'), per unit and per jenis
    belanja (monev.views.projection.projections without the row grain)."""
    figures = projection_view.projections(engine, period, scope=scope, filters=filters)
    return {k: figures[k] for k in PROJECTION_LEVELS}


def shown(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
          lang: str = "id") -> dict:
    """Everything the page shows but the formula trace, in one call so that what its tables share
    is fetched and computed once (the scores, the budget grain, the projected rows and their
    rollups): 'sekarang' (current()), 'bulanan' (over_months()), 'proyeksi' (projections()),
    'kejar' (monev.views.projection.catch_up per satker, in `lang`) and 'perhatian' (projection.needs_attention,
    the whole list, in `lang`); each the same as the function named returns. Without a satker
    scored the last three are empty frames. The page asks for its open tab's parts only (Parts);
    the Rakor pack takes them all from here."""
    # The projection's basis does not depend on the scores: fetched beside them, its warehouse
    # queries run in DuckDB (without the GIL) while the scores are computed, on a second core.
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(projection_view.basis, engine, period, scope=scope, filters=filters)
        rules = ikpa_view.rules(engine, period.tahun)
        months = ikpa_view.months(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rules)
        scores = _scores_from(months, period, rules, scope)
        shared = pending.result()
    if scores["sekarang"]["satker"].empty:
        return {**scores, **_empty()}
    scored = months.as_of(period.bulan)
    listed = projection_view.attention_listing(shared, scored, rules)
    return {**scores, **_projected(shared, lang), "perhatian": projection_view.attention_worded(listed, lang)}


# ---------------------------------------------------------------- the page's parts, one per group of tabs
# The page builds only its open tab; each part below is what a group of tabs shows, cached on its
# own (monev.ui.data.view), so a first visit (the months' tab) no longer pays for the projection,
# the catch-up and the attention list, which only their own two tabs show. Each part's frames are
# the same as shown()'s (tests/test_page_ikpa.py).

def scores_shown(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                 lang: str = "id") -> dict:
    """shown()'s 'sekarang' and 'bulanan': the scores every tab names its satker from, and the
    months' tab (lang: unused, the key every part is cached under)."""
    rules = ikpa_view.rules(engine, period.tahun)
    months = ikpa_view.months(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rules)
    scored = months.as_of(period.bulan)
    _CURRENT.keep((engine, period, scope, filters), scored)
    return _scores_from(months, period, rules, scope, scored)


def projection_shown(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                     lang: str = "id") -> dict:
    """shown()'s 'proyeksi' and 'kejar': the projection tab. 'kejar' comes without its words
    (alasan_realistis): the page writes those of the rows it shows and downloads (catch_up_shown),
    not a national list's 24.000 on every visit. The page asks for it only once a satker is scored
    (it stops before its tabs otherwise), where shown() has it too. Its projection's basis is kept
    for the attention tab's part of the same selection (BASES), and taken from there if that tab
    was opened first."""
    selection = (engine, period, scope, filters)
    shared = BASES.get(selection)
    if shared is None:
        shared = projection_view.basis(engine, period, scope=scope, filters=filters)
    if shared.grain.empty:
        projected = {key: frame for key, frame in _empty().items() if key != "perhatian"}
    else:
        projected = _projected(shared, lang, worded=False)
    BASES.keep(selection, shared)  # with the levels it filled, which the attention list reads too
    return projected


def attention_shown(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                    lang: str = "id") -> dict:
    """shown()'s 'perhatian': the attention tab's list before its words
    (projection.attention_listing), which the page writes for the rows it shows and downloads
    (attention_words), from the projection's basis (kept by the projection tab's part of the same
    selection, else fetched and kept) and the current scores (kept by the first tab's part, else
    scored here; lang: unused, the key every part is cached under)."""
    selection = (engine, period, scope, filters)
    shared = BASES.get(selection)
    with ThreadPoolExecutor(max_workers=1) as worker:  # as in shown(): the basis beside the scores
        pending = None if shared is not None else worker.submit(
            projection_view.basis, engine, period, scope=scope, filters=filters)
        rules = ikpa_view.rules(engine, period.tahun)
        scored = _CURRENT.get(selection)
        if scored is None:  # the first tab's part was not asked for this selection in this process
            scored = ikpa_view.current(engine, period, scope=scope, filters=filters, rule=rules)
        shared = shared if pending is None else pending.result()
    if scored.empty:
        listed = attention.nobody(ATTENTION_COLUMNS[:-1])
    else:
        listed = projection_view.attention_listing(shared, scored, rules)
    BASES.keep(selection, shared)
    return {"perhatian": listed}


PARTS = {"sekarang": scores_shown, "bulanan": scores_shown, "proyeksi": projection_shown,
         "kejar": projection_shown, "perhatian": attention_shown}


class Parts(Mapping):
    """shown()'s keys, each part fetched the first time one of its keys is read, through
    fetch(part) (the page: monev.ui.data.view(part, ctx, lang=...), cached per part)."""

    def __init__(self, fetch: Callable[[Callable], dict]):
        self._fetch, self._got = fetch, {}

    def __getitem__(self, key: str):
        part = PARTS[key]
        if part not in self._got:
            self._got[part] = self._fetch(part)
        return self._got[part][key]

    def __iter__(self):
        return iter(PARTS)

    def __len__(self) -> int:
        return len(PARTS)


def _scores_from(months: ikpa_view.Months, period: Period, rules: ikpa_rules.Rules, scope: Scope,
                 scored: pd.DataFrame | None = None) -> dict:
    # the current scores are the last month's: one path for the ranking and the months
    over = _over_months(months, rules, scope)
    scored = months.as_of(period.bulan) if scored is None else scored
    return {"sekarang": _ranked(scored, over), "bulanan": over}


class _Kept:
    """What one part of the page computed for a selection, kept in this process for another part
    of the same selection: the parts are cached apart (monev.ui.data.view) and a cached view
    cannot hand its frames to another. The key is the warehouse version file (its path and stamp,
    as monev.ui.data keys its caches: a published version is never written again), the period,
    the viewer's scope and the filters; `size` selections are kept, the oldest dropped first.
    Kept and handed out as copies (_apart), so a caller changing what it got cannot change what
    the next one gets."""

    def __init__(self, size: int):
        self._size, self._lock, self._kept = size, threading.Lock(), OrderedDict()

    @staticmethod
    def _key(selection: tuple):
        engine, period, scope, filters = selection
        database = str(engine.url.database)
        try:
            info = os.stat(database)
        except OSError:  # an in-memory or vanished warehouse: nothing to key it by, so not kept
            return None
        return (database, info.st_mtime_ns, info.st_size, period.tahun, period.bulan, scope, filters)

    def keep(self, selection: tuple, value) -> None:
        key = self._key(selection)
        if key is None:
            return
        value = _apart(value)
        with self._lock:
            self._kept[key] = value
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def get(self, selection: tuple):
        key = self._key(selection)
        with self._lock:
            value = None if key is None else self._kept.get(key)
        return None if value is None else _apart(value)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def _apart(value):
    """A frame, or a Basis (or any of its fields), whose frames and caches are its own: its dicts
    copied, its frames copied shallowly, which under pandas' copy-on-write copies their data only
    when a holder writes to it. A Basis fills its caches as its levels are asked for."""
    if isinstance(value, projection_view.Basis):
        return dataclasses.replace(value, **{f.name: _apart(getattr(value, f.name))
                                             for f in dataclasses.fields(value)})
    if isinstance(value, pd.DataFrame):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return {key: _apart(item) for key, item in value.items()}
    return value


# The current satker scores (ikpa_view.current's frame) the first tab's part computed, for the
# projection and attention parts: without them a visitor opening either tab after the months'
# tab fetched and scored the IKPA inputs a second time (about 0,6 s CPU nationally). A national
# month is 24.000 rows, 9 MB.
_CURRENT = _Kept(8)
# The projection's basis (projection.Basis) the projection or the attention tab's part fetched and
# projected, for the other of the two: a national basis with the levels it filled is about 80 MB,
# and took 0,17 s to fetch and project
BASES = _Kept(4)


def _projected(shared: projection_view.Basis, lang: str, worded: bool = True) -> dict:
    return {"proyeksi": {k: shared.level(k) for k in PROJECTION_LEVELS},
            "kejar": projection_view.catch_up_from(shared, "satker", lang, worded)}


# columns of monev.views.projection.catch_up and .needs_attention the page shows
CATCH_UP_COLUMNS = ["kdunit", "kdsatker", "nmsatker", "pagu", "realisasi", "persen", "kebutuhan_triwulan",
                    "per_bulan_triwulan", "realistis_triwulan", "kebutuhan_tahun", "per_bulan_tahun",
                    "realistis_tahun", "alasan_realistis", "laju_bulanan", "proyeksi", "proyeksi_persen",
                    "proyeksi_capai_target"]
ATTENTION_COLUMNS = ["tingkat", "kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk", "bobot", "alasan"]
# what the catch-up's words are written from (projection_words.realism_words), beyond the columns shown
REALISM_INPUTS = ["dasar_realistis", "kebutuhan_triwulan", "pola_triwulan", "kebutuhan_tahun", "pola_tahun"]


def catch_up_table(frame: pd.DataFrame) -> pd.DataFrame:
    """projection_shown()'s 'kejar' as the page pages through it: CATCH_UP_COLUMNS but the words,
    and what catch_up_shown() writes them from."""
    columns = [c for c in CATCH_UP_COLUMNS if c in frame and c != "alasan_realistis"]
    return frame[columns + [c for c in REALISM_INPUTS if c in frame and c not in columns]]


def catch_up_shown(rows: pd.DataFrame, bulan: int, lang: str) -> pd.DataFrame:
    """Rows of catch_up_table() (any of them, in any order) in CATCH_UP_COLUMNS, with their words."""
    worded = projection_view.realism_worded(rows, bulan, lang)
    return worded[[c for c in CATCH_UP_COLUMNS if c in worded]]


def attention_table(listed: attention.Listing) -> pd.DataFrame:
    """The attention list as the page pages through it: ATTENTION_COLUMNS but its words, and each
    row's attention.ROW, which attention_words() writes them from."""
    return listed.rows[[*ATTENTION_COLUMNS[:-1], attention.ROW]]


def attention_words(listed: attention.Listing, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of attention_table(listed) (any of them, in any order, with any other columns) with
    their reasons in words (alasan) in place of attention.ROW."""
    return projection_view.attention_worded(listed, lang, rows)


def _empty() -> dict:
    """shown()'s projection and attention parts without a satker scored."""
    return {"proyeksi": {k: pd.DataFrame() for k in PROJECTION_LEVELS}, "kejar": pd.DataFrame(columns=CATCH_UP_COLUMNS),
            "perhatian": pd.DataFrame(columns=ATTENTION_COLUMNS)}
