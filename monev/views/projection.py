"""Proyeksi dan peringatan dini: the year-end projection per satker, unit, jenis belanja and the
ministry (monev.domain.projection), what each KPA and PPK still has to realize per remaining
month, the 'perlu perhatian' list (monev.domain.attention) and the projection's back-test.

Realization per satker x jenis belanja and month of every earlier year in the warehouse comes
from queries/proyeksi_riwayat.sql (the back-test reads queries/proyeksi_bulanan.sql, per PPK,
this year too), the plan from queries/proyeksi_rpd.sql, pagu and
blokir from reports.budget_grain (the grain of reports.budget_summary), so that pagu and
realization so far reconcile with the overview. The seasonal curve of a satker x jenis belanja
is the satker's own where it has history (the back-test in docs/projection.md shows it halves the
per-satker error against the unit's curve), else its unit's (kdunit + nmunit of each year, as the
trends page groups units, so a code reused after the 2022 reorganisation is not mixed up), else
the jenis belanja's over the selection, else the RPD.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import attention, codes, ikpa_rules, projection, status, summary, targets
from monev.domain import backtest as backtesting
from monev.domain import catch_up as catching_up
from monev.domain.period import Period
from monev.views import ikpa as ikpa_view
from monev.views import projection_words
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

LEVELS = [("satker", ["kdsatker", "jenis_belanja"]), ("unit", ["kdunit", "nmunit", "jenis_belanja"]),
          ("jenis belanja", ["jenis_belanja"])]
GRAIN = ["kdunit", "nmunit", "kdsatker", "jenis_belanja"]
RPD_KEYS = ["kdsatker", "jenis_belanja"]
ROLLUPS = {"total": [], "per_unit": ["kdunit", "nmunit"], "per_jenis_belanja": ["jenis_belanja"],
           "per_satker": ["kdunit", "nmunit", "kdsatker", "nmsatker"],
           "per_ppk": ["kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk"]}


def _years(engine: sa.Engine, scope: Scope) -> list[int]:
    return sorted(int(y) for y in query.run(engine, "tahun_anggaran", scope=scope)["thang"])


def _history(engine, years: list[int], scope: Scope, filters: Filters) -> pd.DataFrame:
    frame = query.run(engine, "proyeksi_bulanan", scope=scope, filters=filters, daftar_tahun=list(years))
    if frame.empty:
        return pd.DataFrame(columns=GRAIN + ["kdppk", "tahun", "bulan", "realisasi"])
    return frame


def _seasons(engine, years: list[int], scope: Scope, filters: Filters) -> pd.DataFrame:
    """The history project() reads: realization per satker x jenis belanja and year, a column
    per month (projection.by_month's shape); no rows without an earlier year."""
    if not years:
        return pd.DataFrame()
    return query.run(engine, "proyeksi_riwayat", scope=scope, filters=filters, daftar_tahun=list(years))


def _current(grain: pd.DataFrame, keys: list[str], grain_codes: codes.Codes | None = None,
             result_codes: codes.Codes | None = None) -> pd.DataFrame:
    """The grain's pagu, blokir and realisasi per group of `keys` (a missing nmunit as '').
    grain_codes: the grain's key codes the caller keeps (codes.grouped_sums), filled here;
    result_codes: filled with the result's, which the rollups of its projected rows reuse."""
    grain_codes = {} if grain_codes is None else grain_codes
    for key in keys:
        if key != "nmunit" and key not in grain_codes:
            grain_codes[key] = codes.key_codes(grain[key])
    # nmunit's codes are the filled column's: the grain's kept ones where no name is missing
    nmunit = grain_codes.get("nmunit")
    if nmunit is None or nmunit[2] >= 0:
        frame = grain.assign(nmunit=grain["nmunit"].fillna(""))
        nmunit = codes.key_codes(frame["nmunit"])
    else:
        frame = grain
    kept = {**grain_codes, "nmunit": nmunit}
    sums = ["pagu", "blokir", "realisasi"]
    order = codes.ordered(frame, keys, kept)
    if order is None or any(frame[column].dtype != np.int64 for column in sums):
        return codes.grouped_sums(frame, keys, sums, kept, result_codes=result_codes)
    # every group one row of the grain (the projection's: a satker's PPK x jenis belanja, its names
    # the satker's), so its integer sums are that row's own: the rows put in the groups' order
    # rather than summed (35 -> 20 ms nationally)
    named = codes.named_groups(keys, kept, order, result_codes)  # each row the first (only) of its group
    return pd.concat([pd.DataFrame(named), frame[sums].take(order).reset_index(drop=True)], axis=1)


def _rpd(engine, period: Period, scope: Scope, filters: Filters) -> pd.DataFrame:
    return query.run(engine, "proyeksi_rpd", scope=scope, filters=filters, tahun=period.tahun,
                     sampai=period.sampai)


def projections(engine: sa.Engine, period: Period, *, scope: Scope,
                filters: Filters = NO_FILTER) -> dict[str, pd.DataFrame]:
    """'baris' (satker x PPK x jenis belanja, with dasar and tahun_riwayat), 'total',
    'per_unit', 'per_jenis_belanja', 'per_satker' and 'per_ppk': pagu, blokir, realisasi, batas,
    proyeksi, proyeksi_bawah, proyeksi_atas (int64 rupiah) and persen, proyeksi_persen,
    proyeksi_bawah_persen, proyeksi_atas_persen and the year-end target_persen. Rows are
    projected (and capped at their own pagu net of blokir) at the PPK grain and summed, so every
    level adds up; the seasonal curve is the satker's (or coarser), the same for all its PPK."""
    row_codes = {}  # the rows' key codes, from their grouping of the grain, for every level
    rows, goals = _projected_rows(engine, period, scope=scope, filters=filters, row_codes=row_codes)
    weighted = projection.weighted(rows, goals)
    return {"baris": rows,
            **{name: projection.rollup_weighted(weighted, keys, row_codes) for name, keys in ROLLUPS.items()}}


def _curve_inputs(engine: sa.Engine, period: Period, scope: Scope,
                  filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The earlier years' history (_seasons) and the year's plan (_rpd) project() reads."""
    history = _seasons(engine, [y for y in _years(engine, scope) if y < period.tahun], scope=scope, filters=filters)
    return history, _rpd(engine, period, scope=scope, filters=filters)


def _projected_rows(engine: sa.Engine, period: Period, scope: Scope, filters: Filters, ahead: tuple[int, ...] = (),
                    grain: pd.DataFrame | None = None, goal_rows: pd.DataFrame | None = None,
                    grain_codes: codes.Codes | None = None, row_codes: codes.Codes | None = None,
                    curve_inputs: Callable[[], tuple[pd.DataFrame, pd.DataFrame]] | None = None):
    """The projected satker x PPK x jenis belanja rows (with share_T for the months `ahead`) and
    the year-end targets: what every rollup of projections() is summed from (the callers needing
    one or two levels sum only those). grain and goal_rows (queries/target_triwulan.sql): those
    the caller already has; curve_inputs: hands _curve_inputs' frames, called once the grain is
    grouped (basis: its worker's result, the plan's query running beside the grouping);
    grain_codes: the grain's key codes it keeps, row_codes: filled with the rows' (_current)."""
    if goal_rows is None:
        goal_rows = query.reference(engine, "target_triwulan", tahun=period.tahun)
    if grain is None:
        grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    # project() keeps the rows of _current in their order, so the codes of one are the other's:
    # the rows find their curves by them
    row_codes = {} if row_codes is None else row_codes
    current = _current(grain, GRAIN + ["nmsatker", "kdppk"], grain_codes, row_codes)
    history, plan = _curve_inputs(engine, period, scope, filters) if curve_inputs is None else curve_inputs()
    rows = projection.project(current, period.bulan, history, LEVELS, plan, RPD_KEYS, ahead=ahead, codes=row_codes)
    return rows, targets.month_targets(goal_rows, 12)


@dataclass
class Basis:
    """What projections, catch_up and needs_attention share for one selection, fetched and
    projected once: the budget grain (reports.budget_grain in GRAIN_COLUMNS, _named), the year's
    quarter targets (rows of queries/target_triwulan.sql), the projected rows with share_T for the
    target quarter's end and December (what catch_up needs; the rollups do not depend on it) and
    the year-end targets. level(name) sums the rows to a level of ROLLUPS once and keeps it (the rows weighted by the
    year-end targets, projection.weighted, are made once for every level); per_jenis and names
    keep theirs too."""

    period: Period
    grain: pd.DataFrame
    goal_rows: pd.DataFrame
    rows: pd.DataFrame
    year_end: dict[str, float]
    levels: dict[str, pd.DataFrame] = field(default_factory=dict)
    weighted: pd.DataFrame | None = field(default=None, repr=False)
    cache: dict[tuple | str, pd.DataFrame] = field(default_factory=dict, repr=False)
    # the rollups' key codes of weighted (the rows', from their grouping of the grain, _current)
    codes: codes.Codes = field(default_factory=dict, repr=False)
    grain_codes: codes.Codes = field(default_factory=dict, repr=False)  # per_jenis's of the grain
    # per_jenis(keys)'s own key codes, for the groupings of its frame (catch_up_from, _per_jenis)
    jenis_codes: dict[tuple, codes.Codes] = field(default_factory=dict, repr=False)

    def level(self, name: str) -> pd.DataFrame:
        if name not in self.levels:
            if self.weighted is None:
                self.weighted = projection.weighted(self.rows, self.year_end, self.codes.get("jenis_belanja"))
            self.levels[name] = projection.rollup_weighted(self.weighted, ROLLUPS[name], self.codes)
        return self.levels[name]

    def per_jenis(self, keys: list[str]) -> pd.DataFrame:
        """The grain's pagu and realisasi summed per group of `keys` and jenis belanja (int64,
        exact: what needs them per group sums the same rupiah), groups missing a key included."""
        key = ("per_jenis", *keys)
        if key not in self.cache:
            self.jenis_codes[key] = {}
            self.cache[key] = codes.grouped_totals(self.grain, [*keys, "jenis_belanja"], ["pagu", "realisasi"],
                                                   self.grain_codes, dropna=False, result_codes=self.jenis_codes[key])
        return self.cache[key]

    def names(self) -> pd.DataFrame:
        """kdsatker, nmsatker and nmunit, one row per satker of the grain (or of the selection, as
        basis() keeps them from the names it put on the grain: what a left join on the grain's
        satker takes of them is the same)."""
        if "names" not in self.cache:
            self.cache["names"] = self.grain[["kdsatker", "nmsatker", "nmunit"]].drop_duplicates("kdsatker")
        return self.cache["names"]

    def month_goals(self, bulan: int) -> dict[str, float]:
        return targets.month_targets(self.goal_rows, bulan)


# the columns of reports.budget_grain the projection, the catch-up and the attention list read
GRAIN_COLUMNS = ["kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk", "jenis_belanja", "pagu", "blokir", "realisasi"]


def _named(coded: pd.DataFrame, names: pd.DataFrame, grain_codes: codes.Codes) -> pd.DataFrame | None:
    """reports.budget_grain's rows in GRAIN_COLUMNS from its codes (queries/ringkasan_ppk_kode.sql:
    the same rows in the same order) and each satker's names (queries/ringkasan_nama.sql, the
    names ringkasan_ppk.sql puts on each row): the grain's 90.000 rows of names (and kewenangan
    and location, which the projection does not read) were a third of its query's CPU time
    nationally. None unless every row's satker has exactly one names row. grain_codes: filled
    with the codes of the satker, its unit and their names, factorized among the satker (a quarter
    of the rows) and put on each row: ranks among the sorted values of every selected satker order
    the rows as their own would. The unit's too: both queries take each satker's kdunit from
    satker_terpilih with the same parameters, so a row's is its satker's names row's."""
    at = codes.positions(coded["kdsatker"], names["kdsatker"])
    if (at < 0).any():
        return None
    ranked = {key: codes.ranked_codes(names[key]) for key in ("kdsatker", "nmsatker")}
    if len(ranked["kdsatker"][1]) != len(names):  # a satker with two names rows (as not is_unique)
        return None
    ranked.update({key: codes.key_codes(names[key]) for key in ("kdunit", "nmunit")})  # a few dozen each
    for key, (code, uniques, missing) in ranked.items():
        grain_codes[key] = (code[at], uniques, missing)
    return pd.DataFrame({"kdunit": coded["kdunit"], "nmunit": names["nmunit"].array.take(at),
                         "kdsatker": coded["kdsatker"], "nmsatker": names["nmsatker"].array.take(at),
                         **{column: coded[column] for column in GRAIN_COLUMNS[4:]}})


def _quarter_end(bulan: int) -> int:
    return 3 * catching_up.target_quarter(bulan)


def basis(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> Basis:
    """The shared Basis of the selection (one budget grain, one history, one projection)."""
    # the names', the targets', the history's and the plan's queries run beside the grain's (DuckDB
    # works without the GIL, on the second core): 0,04 s less nationally than one after the other.
    # The names and targets come first, so that the grain is named and grouped (_named, _current:
    # Python) while the worker's plan query runs, rather than after it
    with ThreadPoolExecutor(max_workers=1) as worker:
        names_pending = worker.submit(query.run, engine, "ringkasan_nama", scope=scope, filters=filters,
                                      tahun=period.tahun)
        goals_pending = worker.submit(query.reference, engine, "target_triwulan", tahun=period.tahun)
        curves_pending = worker.submit(_curve_inputs, engine, period, scope, filters)
        coded = query.run(engine, "ringkasan_ppk_kode", scope=scope, filters=filters, tahun=period.tahun,
                          sampai=period.sampai)
        names, goal_rows = names_pending.result(), goals_pending.result()
        grain_codes = {}  # the projection's and per_jenis's groupings of the grain factorize each key once
        grain = _named(coded, names, grain_codes)
        named = grain is not None
        if not named:  # not one name row per satker of the grain: the grain with its names as queried
            grain_codes = {}
            grain = reports.budget_grain(engine, period, scope=scope, filters=filters)[GRAIN_COLUMNS]
        row_codes = {}  # and the rows' codes come from their grouping of the grain, for the rollups
        rows, _ = _projected_rows(engine, period, scope=scope, filters=filters,
                                  ahead=tuple(sorted({_quarter_end(period.bulan), 12})),
                                  grain=grain, goal_rows=goal_rows, grain_codes=grain_codes,
                                  curve_inputs=curves_pending.result, row_codes=row_codes) \
            if not grain.empty else (pd.DataFrame(), None)
    shared = Basis(period, grain, goal_rows, rows, targets.month_targets(goal_rows, 12), codes=row_codes,
                   grain_codes=grain_codes)
    if named:  # the grain's names are the selection's satker names, one row each (_named)
        shared.cache["names"] = names[["kdsatker", "nmsatker", "nmunit"]]
    return shared


def _usual(rows: pd.DataFrame, keys: list[str], bulan: int, deadlines: dict[str, int],
           row_codes: codes.Codes, numbers: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Per group of `keys`: what its rows usually realize up to each deadline (projection.usual_after,
    summed: one column per name of `deadlines`) and dasar_realistis, the bases used, the one
    behind the most realization first (a satker's jenis belanja may rest on different ones).
    row_codes: the rows' key codes (Basis.codes): grouped by those, as by the key texts; numbers:
    the rows' codes.numbered(rows, keys, row_codes), when the caller has them."""
    # the bases (projection.realism_basis) as small integers, from the dasar's own (those project()
    # kept in row_codes, else factorized): the rows without a basis are found among a handful of
    # codes rather than by comparing 90.000 texts
    dasar, names = row_codes["dasar"][:2] if "dasar" in row_codes else pd.factorize(rows["dasar"],
                                                                                   use_na_sentinel=False)
    names = np.asarray(names, dtype=object)
    flat = np.isin(dasar, np.flatnonzero(names == projection.BASIS_NONE))
    if projection.BASIS_FLAT in set(names):  # two codes would be one basis: factorize the bases
        basis, names = pd.factorize(projection.realism_basis(rows), use_na_sentinel=False)
        names = np.asarray(names, dtype=object)
    else:
        basis, names = dasar, np.where(names == projection.BASIS_NONE, projection.BASIS_FLAT, names)
    usual = pd.DataFrame({name: projection.usual_after(rows, bulan, until, flat) for name, until in deadlines.items()})
    numbers = codes.numbered(rows, keys, row_codes) if numbers is None else numbers
    # the keys' codes and the rows' numbers are given: the sums' frame needs no key columns
    sums = codes.grouped_totals(usual, keys, list(deadlines), row_codes, numbers=numbers)
    # per group, in sums' order, its bases ordered by realization and name
    group = numbers[0]
    kept = group >= 0
    pair_group, pair_basis, realized = _bases(group[kept], basis[kept], len(names),
                                              rows["realisasi"].to_numpy(dtype="int64")[kept])
    if len(pair_group) == len(sums):
        # one basis per group (a selection with one year of history, or none, is all RPD), in
        # group order: its name, which is what joining one text gives
        # (the handful of names as texts, taken per group: not 24.000 Python strings converted)
        sums["dasar_realistis"] = pd.Series(pd.array(names, dtype="str").take(pair_basis))
        return sums
    if len(pair_group) > len(sums):  # some group rests on more than one basis (else in group order)
        rank = np.argsort(np.argsort(names))
        order = np.lexsort((rank[pair_basis], -realized, pair_group))
        pair_group, pair_basis = pair_group[order], pair_basis[order]
    sums["dasar_realistis"] = pd.Series(attention.joined(names[pair_basis], pair_group, len(sums), ", "), dtype="str")
    return sums


def _bases(group: np.ndarray, basis: np.ndarray, bases: int, realisasi: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (group, basis) pairs of rows in group order, and per pair the realization of its rows
    (each counted from 0 up, as float sums; what orders a group's bases). While those sums stay
    below 2^52 every partial sum of whole rupiah is exact in a float, so the pairs' sums are the
    int64 sums, added by position (a groupby of the pairs' float realization took 0,008 s
    nationally); past that, pandas' float sums, as before."""
    positive = np.maximum(realisasi, 0)
    if positive.sum(dtype="float64") < 2.0**52:
        pair = group * bases + basis
        totals = np.zeros(int(group.max(initial=-1) + 1) * bases, dtype="int64")
        np.add.at(totals, pair, positive)
        seen = np.zeros(len(totals), dtype=bool)
        seen[pair] = True
        at = np.flatnonzero(seen)
        return at // bases, at % bases, totals[at]
    pairs = pd.DataFrame({"group": group.astype("int64"), "basis": basis, "realisasi": positive.astype("float64")})
    summed = pairs.groupby(["group", "basis"], as_index=False)["realisasi"].sum()
    return summed["group"].to_numpy(), summed["basis"].to_numpy(), summed["realisasi"].to_numpy()


def catch_up(engine: sa.Engine, period: Period, grain_name: str = "satker", *, scope: Scope,
             filters: Filters = NO_FILTER, lang: str = "id") -> pd.DataFrame:
    """Per satker (its KPA) or PPK: pagu, realisasi, persen (budget_summary's per_satker /
    per_ppk) and catching_up.catch_up's columns: the rupiah still to realize for the target
    quarter's target and the year-end target, per remaining month, the pace so far, what its own
    seasonal pattern usually realizes by each deadline (pola_*, dasar_realistis: the projection's
    curve, else the flat pace) and whether the need is realistic against it (at most
    REALISTIC_FACTOR x that), with alasan_realistis saying so in `lang`; and the year-end
    projection (proyeksi, proyeksi_persen) with proyeksi_capai_target (catching_up.reaches)."""
    return catch_up_from(basis(engine, period, scope=scope, filters=filters), grain_name, lang)


def catch_up_from(shared: Basis, grain_name: str = "satker", lang: str = "id", worded: bool = True) -> pd.DataFrame:
    """catch_up() from an already computed Basis (the IKPA page shares one with its other tables).
    worded=False: without alasan_realistis, which realism_worded() adds to any of its rows (a page
    writes the screenful it shows, not 24.000 rows of words)."""
    level = {"satker": ("per_satker", ["kdunit", "kdsatker"]), "ppk": ("per_ppk", ["kdunit", "kdsatker", "kdppk"])}
    name, keys = level[grain_name]
    period, grain = shared.period, shared.grain
    # the grain per satker (or PPK), numbered once for its figures and what they still need
    grain_numbers = codes.numbered(grain, keys, shared.grain_codes)
    figures = summary.rollup(summary.with_targets(grain, shared.month_goals(period.bulan),
                                                  shared.grain_codes.get("jenis_belanja")),
                             summary.LEVELS[name], shared.grain_codes, grain_numbers)
    if figures.empty:
        return figures
    quarter_end = _quarter_end(period.bulan)
    need = _needed(shared, keys, {"_q": shared.month_goals(quarter_end), "_y": shared.year_end}, grain_numbers,
                   figures)
    numbers = codes.numbered(shared.rows, keys, shared.codes)  # the rows per satker (or PPK), for both below
    usual = _usual(shared.rows, keys, period.bulan, {"_pola_q": quarter_end, "_pola_y": 12}, shared.codes, numbers)
    projected = _projected_per(shared, name, keys, numbers)
    named = _names_at(figures, shared.names())
    if named is not None and _alongside(figures, usual, keys) and _alongside(figures, projected, keys):
        # every frame's rows are the figures' groups in order (the usual case): the columns the
        # merges below would give, put in one frame (those merges, a drop and a column set on the
        # result took 4 of the national catch-up's 30 ms)
        added = catching_up.catch_up_columns(figures["realisasi"], period.bulan, pd.Series(need["_q"]),
                                             pd.Series(need["_y"]), usual["_pola_q"].fillna(0.0),
                                             usual["_pola_y"].fillna(0.0))
        columns = {**{column: figures[column].array for column in figures}, "dasar_realistis": usual["dasar_realistis"],
                   **named, **added, "proyeksi": projected["proyeksi"], "proyeksi_persen": projected["proyeksi_persen"]}
        columns["proyeksi_capai_target"] = catching_up.reaches(columns["proyeksi"], figures["realisasi"],
                                                               added["kebutuhan_tahun"])
        result = pd.DataFrame({column: getattr(values, "array", values) for column, values in columns.items()},
                              index=pd.RangeIndex(len(figures)))
        return realism_worded(result, period.bulan, lang) if worded else result
    frame = _with_names(_beside(figures, usual, keys), shared.names())
    result = catching_up.catch_up(frame.drop(columns=["_pola_q", "_pola_y"]), period.bulan,
                                 pd.Series(need["_q"]), pd.Series(need["_y"]), frame["_pola_q"].fillna(0.0),
                                 frame["_pola_y"].fillna(0.0))
    result = _beside(result, projected, keys)
    result["proyeksi_capai_target"] = catching_up.reaches(result["proyeksi"], result["realisasi"],
                                                         result["kebutuhan_tahun"])
    result = result.reset_index(drop=True)
    return realism_worded(result, period.bulan, lang) if worded else result


def _needed(shared: Basis, keys: list[str], goals: dict[str, dict[str, float]],
            numbers: tuple[np.ndarray, np.ndarray], figures: pd.DataFrame) -> dict[str, pd.arrays.IntegerArray]:
    """status.needed_by_groups(shared.per_jenis(keys), goals, keys)'s columns for the rows of
    `figures` (the grain summed per group of `keys`, the grain's rows numbered so: `numbers`), as
    merged on `keys`. Where no row of the grain misses a key every row is in one of figures'
    groups, so the pagu per group and jenis belanja are added up from the grain's rows by those
    numbers (status.needed_numbered): the same int64 sums as from per_jenis, without grouping the
    grain per jenis belanja (its 70.000 groups' key columns) and per_jenis per group again."""
    if all(shared.grain_codes[key][2] < 0 for key in keys):
        return status.needed_numbered(shared.grain, numbers[0], figures["pagu"].to_numpy(dtype="int64"),
                                      figures["realisasi"].to_numpy(dtype="int64"), goals,
                                      shared.grain_codes.get("jenis_belanja"))
    need = status.needed_by_groups(shared.per_jenis(keys), goals, keys, shared.jenis_codes[("per_jenis", *keys)])
    merged = _beside(figures[keys], need, keys)
    return {name: merged[name].array for name in goals}


def _projected_per(shared: Basis, name: str, keys: list[str], numbers: tuple[np.ndarray, np.ndarray]
                   ) -> pd.DataFrame:
    """shared.level(name)[keys + ["proyeksi", "proyeksi_persen"]] merged on `keys` as the same: the
    level's other keys (nmunit, nmsatker) are the satker's names, the same on every row of its
    group of `keys` (rows numbered by codes.numbered(shared.rows, keys, shared.codes)), so where
    none is missing and each is one per group the level's groups are those, and its proyeksi
    (int64, exact in any order) and proyeksi_persen are summed and taken per group here: the whole
    rollup (nine sums, four key columns) cost the catch-up 0,01 s nationally for two of its
    columns. The level itself where it is made already, or its names are not one per group."""
    columns = keys + ["proyeksi", "proyeksi_persen"]
    group, first = numbers
    kept = group >= 0  # rows missing a key of `keys` are in no group, as in the level's
    if name in shared.levels or not len(first) or any(
            key not in shared.codes or shared.codes[key][2] >= 0
            or (shared.codes[key][0][kept] != shared.codes[key][0][first][group[kept]]).any()
            for key in ROLLUPS[name] if key not in keys):
        return shared.level(name)[columns]
    # as rollup_weighted makes them: the int64 sums, and the percent of those
    totals = {column: np.asarray(values).astype("int64")
              for column, values in codes.summed(shared.rows, ["pagu", "proyeksi"], numbers).items()}
    return pd.DataFrame({**codes.named_groups(keys, shared.codes, first), "proyeksi": totals["proyeksi"],
                         "proyeksi_persen": summary.percent_values(totals["proyeksi"], totals["pagu"])},
                        index=pd.RangeIndex(len(first)))


def realism_worded(rows: pd.DataFrame, bulan: int, lang: str) -> pd.DataFrame:
    """Rows of catch_up_from(..., worded=False) (any of them, with at least the columns
    projection_words.realism_words reads) with alasan_realistis, in `lang`, as their last column."""
    texts = projection_words.realism_words(rows, bulan, lang) if len(rows) else pd.Series([], dtype=object)
    return rows.assign(alasan_realistis=texts)


def _beside(groups: pd.DataFrame, other: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """groups.merge(other, on=keys, how="left") for `groups` with one row per group of `keys` (a
    grouping's result): where `other` has the same keys row by row (the catch-up's figures, needs,
    patterns and projections of a selection usually are its satker, in order) its columns are put
    beside them, which is the merge's frame without hashing the keys (0,004 s per merge nationally)."""
    if _alongside(groups, other, keys):
        return pd.concat([groups.reset_index(drop=True), other.drop(columns=keys).reset_index(drop=True)], axis=1)
    return groups.merge(other, on=keys, how="left")


def _alongside(groups: pd.DataFrame, other: pd.DataFrame, keys: list[str]) -> bool:
    """Whether `other` has the keys of `groups` row by row and no other column of it: _beside then
    puts its columns beside them."""
    return len(groups) == len(other) and not set(groups).intersection(other).difference(keys) and all(
        groups[key].dtype == other[key].dtype and groups[key].array.equals(other[key].array) for key in keys)


def _per_jenis(shared: Basis, keys: list[str], month_goals: dict[str, float],
               known: dict[str, tuple[pd.CategoricalDtype, np.ndarray]] | None = None) -> pd.DataFrame:
    """shared.per_jenis(keys) with pagu, persen and the month's target_persen, where both are known
    and no key is missing. known: per key, attention.categories() of the grain's codes: the keys
    are then categoricals of those, from the per_jenis frame's own codes (Basis.jenis_codes, among
    the grain's uniques). The frame is made once from the kept rows' columns, where filtering
    and assigning to the whole frame copied its 90.000 national rows' texts twice."""
    frame = shared.per_jenis(keys)
    grouped = shared.jenis_codes.get(("per_jenis", *keys), {})
    jenis = grouped.get("jenis_belanja")
    if jenis is not None:  # each code's target once (a handful), put on the rows by their codes
        target = summary.target_of(pd.Series(jenis[1]), month_goals).to_numpy()[jenis[0]]
    else:
        target = summary.target_of(frame["jenis_belanja"], month_goals).to_numpy()
    pagu = frame["pagu"]
    kept = (pagu > 0).to_numpy() & ~np.isnan(target) & frame["jenis_belanja"].notna().to_numpy()
    coded = {}
    for key in keys:
        if known and key in known and key in grouped and grouped[key][1] is shared.grain_codes[key][1]:
            coded[key] = known[key][1][grouped[key][0]]  # among the categories, -1 where missing
            kept &= coded[key] >= 0
        else:
            kept &= frame[key].notna().to_numpy()
    rows = np.flatnonzero(kept)
    columns = {key: pd.Categorical.from_codes(coded[key][rows], dtype=known[key][0], validate=False)
               if key in coded else frame[key].array.take(rows) for key in keys}
    columns.update({column: frame[column].array.take(rows) for column in ("jenis_belanja", "pagu", "realisasi")})
    taken = pd.DataFrame(columns, index=frame.index[rows], copy=False)
    taken["persen"] = summary.percent(taken["realisasi"], taken["pagu"])
    taken["target_persen"] = target[rows]
    return taken


def needs_attention(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                    n: int | None = 20, lang: str = "id") -> pd.DataFrame:
    """The 'perlu perhatian' list (attention.needs_attention: projection, jenis belanja and IKPA
    band reasons, in `lang`) with nmunit, nmsatker added."""
    shared = basis(engine, period, scope=scope, filters=filters)
    if shared.grain.empty:
        return attention.needs_attention({}, projection_words.reason_words(lang), n=n)
    return needs_attention_from(shared, ikpa_view.current(engine, period, scope=scope, filters=filters),
                                ikpa_view.rules(engine, period.tahun), n, lang)


def needs_attention_from(shared: Basis, scored: pd.DataFrame, rules: ikpa_rules.Rules, n: int | None = 20,
                         lang: str = "id") -> pd.DataFrame:
    """needs_attention() from an already computed Basis and the IKPA satker scores of the same
    selection (monev.views.ikpa.current) with their rules, which the IKPA page computes once for
    its other tables: attention_listing() in words."""
    return attention_worded(attention_listing(shared, scored, rules, n), lang)


def attention_listing(shared: Basis, scored: pd.DataFrame, rules: ikpa_rules.Rules,
                      n: int | None = None) -> attention.Listing:
    """The 'perlu perhatian' list before its words (attention.listing), its rows named (nmsatker,
    nmunit): what a page pages through, putting in words only the rows it shows
    (attention_worded)."""
    if shared.grain.empty:
        return attention.listing({}, n=n)
    goals = shared.month_goals(shared.period.bulan)
    # every reason's keys as categoricals of the grain's texts: the list groups the reasons by their
    # codes, ranking the texts once; the per jenis frames' from their own codes, the other frames'
    # found for the rows a source takes (attention.KINDS)
    known = {key: attention.categories(shared.grain_codes[key]) for key in ("kdunit", "kdsatker", "kdppk")
             if key in shared.grain_codes}
    context = {"proyeksi_satker": shared.level("per_satker"), "proyeksi_ppk": shared.level("per_ppk"),
               "jenis_satker": _per_jenis(shared, ["kdunit", "kdsatker"], goals, known),
               "jenis_ppk": _per_jenis(shared, ["kdunit", "kdsatker", "kdppk"], goals, known),
               "ikpa_satker": scored, "ikpa_batas_cukup": rules.bands["cukup"],
               attention.KINDS: {key: dtype for key, (dtype, _) in known.items()}}
    listed = attention.listing(context, n=n)
    return attention.Listing(_with_names(listed.rows, shared.names()), listed.reasons)


def attention_worded(listed: attention.Listing, lang: str, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """`rows` (default: every row of the list; else any of listed.rows, in any order, with their
    attention.ROW and whatever other columns) with their reasons in words in `lang` (alasan) in
    place of attention.ROW: after jumlah_alasan where the rows have it, else last."""
    rows = listed.rows if rows is None else rows
    if rows.empty:
        texts = pd.Series([], dtype=object)
    else:
        texts = listed.alasan(projection_words.reason_words(lang), rows[attention.ROW].to_numpy())
    frame = rows.drop(columns=attention.ROW)
    where = frame.columns.get_loc("jumlah_alasan") + 1 if "jumlah_alasan" in frame else len(frame.columns)
    frame.insert(where, "alasan", pd.Series(texts.array, index=frame.index))
    return frame


def _with_names(frame: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """frame.merge(names, on="kdsatker", how="left") (names: one row per satker): where every
    row's satker has its names row, the names taken by its position (Arrow's hash lookup), which
    is the merge's frame without hashing its 46.000 national rows' codes against each other."""
    named = _names_at(frame, names)
    if named is None:
        return frame.merge(names, on="kdsatker", how="left")
    return pd.concat([frame.reset_index(drop=True), pd.DataFrame(named, index=pd.RangeIndex(len(frame)))], axis=1)


def _names_at(frame: pd.DataFrame, names: pd.DataFrame) -> dict | None:
    """The columns of `names` but kdsatker for the rows of `frame`, each row's its satker's, as
    _with_names puts them on (arrays in the rows' order); None where it merges: a row's satker
    without a names row, no rows, or a column of names in the frame already."""
    at = codes.positions(frame["kdsatker"], names["kdsatker"]) if len(frame) else np.array([-1])
    if (at < 0).any() or set(names).intersection(frame.columns) != {"kdsatker"}:
        return None
    return {column: names[column].array.take(at) for column in names if column != "kdsatker"}


def backtest(engine: sa.Engine, *, scope: Scope, filters: Filters = NO_FILTER,
             months: tuple[int, ...] = backtesting.QUARTER_ENDS) -> dict[str, pd.DataFrame]:
    """The back-test over the warehouse's years (backtesting.backtest) at the same grain and with
    the same curve levels as projections(): 'per_tahun' per year and quarter end, 'ringkasan'
    the mean absolute errors per quarter end. The plan used for a year is its RPD as last
    updated by December (it may have been revised after the quarter tested)."""
    years = _years(engine, scope)
    history = _history(engine, years, scope=scope, filters=filters)
    pagu_parts, plan_parts = [], []
    for year in years:
        for month in (*months, 12):
            grain = reports.budget_grain(engine, Period(year, month), scope=scope, filters=filters)
            pagu_parts.append(_current(grain, GRAIN + ["kdppk"]).assign(tahun=year, bulan=month))
        plan_parts.append(_rpd(engine, Period(year, 12), scope=scope, filters=filters).assign(tahun=year))
    pagu_at = pd.concat(pagu_parts, ignore_index=True)
    plan = pd.concat(plan_parts, ignore_index=True)
    table = backtesting.backtest(history, pagu_at, LEVELS, ["kdsatker", "kdunit", "nmunit", "kdppk", "jenis_belanja"],
                                months, plan, RPD_KEYS)
    return {"per_tahun": table, "ringkasan": backtesting.backtest_summary(table)}
