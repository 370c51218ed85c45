"""IKPA (Indikator Kinerja Pelaksanaan Anggaran, PER-5/PB/2024): the indicators the warehouse
can compute, the weighted total, the dispensasi deduction, the band and the aggregation.

Pure functions on DataFrames with a `kdsatker` column, so a whole selection is scored at once;
those taking `by` also score every month of the year at once when given [AS_OF, "kdsatker"]
(rows carrying the month whose end they are as of), as the IKPA page's months are.
The rules (weights, bands, revision codes, tolerance, revision period) come from
monev.domain.ikpa_rules; the absorption targets from monev.domain.targets; the Halaman III
deviation from monev.domain.rpd; the output achievement from monev.domain.capaian. docs/ikpa.md
explains every formula; choices marked *unverified* are assumptions, not the regulation's text:

- Deviasi Halaman III score: 100 when the mean deviation is at most the tolerance (5%), above
  it 100 - deviation (floor 0) *(unverified)*.
- Revisi DIPA score per period: 100 with at most REVISI_MAKS counted revisions, else
  NILAI_REVISI_LEBIH (50) *(unverified)*; the indicator is the mean over the periods begun.
- Capaian Output: the geometric mean of the satker's RO achievements, each capped at 100%
  (monev.domain.capaian, PMK 22/2021) *(unverified as the IKPA formula)*.
- Dispensasi SPM: its value is taken as the points deducted from the total *(unverified)*.
- Unit and ministry: pagu-weighted means of the satker values *(unverified)*.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa

from monev.domain import capaian, codes, rpd, summary
from monev.domain.ikpa_rules import BAND_NAMES, INDICATORS, Rules

CAP = 100.0
SATKER = ["kdsatker"]
# the month whose end the inputs and scores are as of, in the all-months frames
AS_OF = "bulan_sd"


# ---------------------------------------------------------------- Penyerapan Anggaran

def absorption_detail(rows: pd.DataFrame, quarter_targets: dict[str, list[float]]) -> pd.DataFrame:
    """Per satker, quarter and jenis belanja (rows: kdsatker, triwulan, jenis_belanja, pagu,
    blokir in force at the quarter's end, realisasi cumulative to it): pagu_netto, realisasi_persen,
    target_persen and PA = min(100, realisasi% / target% x 100), in the rows' order. Only jenis
    belanja with pagu_netto > 0 and a target above 0 are kept (the others carry no weight)."""
    frame = rows.copy()
    frame["triwulan"] = frame["triwulan"].astype("int64")
    for column in ("pagu", "blokir", "realisasi"):
        frame[column] = frame[column].astype("int64")
    frame["pagu_netto"] = frame["pagu"] - frame["blokir"]
    names = list(quarter_targets)
    frame["target_persen"] = _quarter_target(codes.positions(frame["jenis_belanja"], names), frame["triwulan"],
                                             [quarter_targets[j] for j in names])
    frame = frame[(frame["pagu_netto"] > 0) & (frame["target_persen"] > 0)].copy()
    frame["realisasi_persen"] = summary.percent(frame["realisasi"], frame["pagu_netto"])
    frame["pa"] = (frame["realisasi_persen"] / frame["target_persen"] * 100.0).clip(upper=CAP)
    return frame.reset_index(drop=True)


def _quarter_target(jenis: np.ndarray, triwulan: pd.Series, table: list[list[float]]) -> np.ndarray:
    """The target % of each (jenis belanja, quarter): jenis as positions in `table` (rows of four
    quarterly targets), NaN where it is -1 (a jenis belanja without targets)."""
    found = jenis >= 0
    if not table:
        return np.full(len(jenis), math.nan)
    targets = np.asarray(table, dtype=float).reshape(len(table), 4)
    return np.where(found, targets[np.where(found, jenis, 0), triwulan.to_numpy() - 1], math.nan)


def absorption_quarters(detail: pd.DataFrame) -> pd.DataFrame:
    """Per satker and quarter: the pagu_netto-weighted mean of PA over the jenis belanja (a
    quarter's value does not change after it ends, so one table serves every later month)."""
    if detail.empty:
        return pd.DataFrame(columns=["kdsatker", "triwulan", "pagu_netto", "nilai"])
    weighted = detail.assign(_px=detail["pa"] * detail["pagu_netto"].astype(float))
    result = weighted.groupby(["kdsatker", "triwulan"], as_index=False).agg(
        pagu_netto=("pagu_netto", "sum"), _px=("_px", "sum"))
    result["nilai"] = result["_px"] / result["pagu_netto"].astype(float)
    return result.drop(columns="_px")


def absorption(quarters: pd.DataFrame, by: list[str] = SATKER) -> pd.Series:
    """Per satker (group of `by`): the mean of the quarterly values (of the quarters given: those
    ended)."""
    return quarters.groupby(by)["nilai"].mean()


def absorption_as_of(quarters: pd.DataFrame, bulan: int) -> pd.Series:
    """absorption() as of the end of every month 1..bulan at once, indexed by (AS_OF, kdsatker):
    the mean of the values of the quarters ended by that month (a satker's first month is the
    end of its first quarter with a value), from running sums over each satker's four quarters."""
    satkers, sums, counts = _quarter_sums(quarters)
    months = np.arange(3, bulan + 1)  # a quarter ends in month 3 at the earliest
    ended = months // 3 - 1  # the last quarter ended by each month
    has = counts[:, ended] > 0  # [satker, month]
    at_month, at_satker = np.nonzero(has.T)  # month by month, the satker in their order
    index = pd.MultiIndex.from_arrays([months[at_month], satkers[at_satker]], names=[AS_OF, "kdsatker"])
    return pd.Series(sums[at_satker, ended[at_month]] / counts[at_satker, ended[at_month]], index=index,
                     name="nilai")


def absorption_of_rows(quarters: pd.DataFrame, month: np.ndarray, satker: np.ndarray) -> np.ndarray:
    """absorption_as_of()'s value of each (month, satker) row (NaN where it has none), the same
    numbers without the index of months x satker to align them by."""
    satkers, sums, counts = _quarter_sums(quarters)
    row = codes.positions(satker, satkers) if len(satkers) else np.full(len(satker), -1, dtype="int64")
    ended = np.asarray(month, dtype="int64") // 3 - 1
    found = (row >= 0) & (ended >= 0)
    row, ended = np.where(found, row, 0), np.where(found, ended, 0)
    count = counts[row, ended] if len(satkers) else np.zeros(len(row), dtype="int64")
    has = found & (count > 0)
    values = np.full(len(row), math.nan)
    values[has] = sums[row[has], ended[has]] / count[has]
    return values


def _quarter_sums(quarters: pd.DataFrame):
    """The satker of `quarters` (absorption_quarters) and, per satker [row] and quarter [column],
    the running sums and counts of their values."""
    satkers = quarters["kdsatker"].unique()
    row = codes.positions(quarters["kdsatker"], satkers)
    column = quarters["triwulan"].to_numpy().astype("int64") - 1
    sums, counts = np.zeros((len(satkers), 4)), np.zeros((len(satkers), 4), dtype="int64")
    sums[row, column], counts[row, column] = quarters["nilai"].to_numpy(dtype=float), 1
    return np.asarray(satkers), sums.cumsum(axis=1), counts.cumsum(axis=1)


# ---------------------------------------------------------------- Deviasi Halaman III DIPA

def deviation_months(rows: pd.DataFrame, pagu: pd.DataFrame, bulan: int | None, rules: Rules,
                     by: list[str] = SATKER) -> pd.DataFrame:
    """Per satker (group of `by`) and month 1..bulan assessed: the month's deviation (%), from rows
    (kdsatker, jenis_belanja, bulan, rpd, realisasi: that month's amounts) with monev.domain.rpd's
    dev(j,m) (deviation_percent), averaged over the jenis belanja assessed as rpd.month_deviation
    does (weighted by pagu: `by`, jenis_belanja, pagu; the plain mean where those weights sum to
    0), here for every satker at once; unweighted when the rules say so (before 2024). bulan None:
    the rows hold only the months to assess (each as-of month's own, in the all-months frames)."""
    frame = rows.assign(bulan=rows["bulan"].astype("int64"))
    if bulan is not None:
        frame = frame[frame["bulan"] <= bulan]
    frame = frame.assign(dev=rpd.deviation_percent(frame["rpd"], frame["realisasi"]))
    frame = frame[frame["dev"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=[*by, "bulan", "deviasi_persen"])
    if rules.deviation_pagu_weighted:
        weights = pagu.groupby([*by, "jenis_belanja"])["pagu"].sum().astype(float)
        frame = frame.merge(weights.rename("w").reset_index(), on=[*by, "jenis_belanja"], how="left")
        frame["w"] = frame["w"].fillna(0.0)
    else:
        frame["w"] = 0.0
    frame["dw"] = frame["dev"] * frame["w"]
    months = frame.groupby([*by, "bulan"], as_index=False).agg(dw=("dw", "sum"), w=("w", "sum"),
                                                                plain=("dev", "mean"))
    months["deviasi_persen"] = (months["dw"] / months["w"]).where(months["w"] > 0, months["plain"])
    return months[[*by, "bulan", "deviasi_persen"]].sort_values([*by, "bulan"]).reset_index(drop=True)


def deviation_score(deviation, tolerance: float):
    """100 at or below the tolerance; above it 100 - deviation, not below 0 *(unverified)*;
    missing stays missing. A number gives a float, an array or Series an array."""
    values = np.asarray(deviation, dtype=float)
    scores = np.where(values <= tolerance, CAP, np.maximum(0.0, CAP - values))
    scores = np.where(np.isnan(values), math.nan, scores)
    return float(scores) if scores.ndim == 0 else scores


def deviation(months: pd.DataFrame, rules: Rules, by: list[str] = SATKER) -> pd.DataFrame:
    """Per satker (group of `by`): deviasi_rata (mean of the months assessed), bulan_dinilai and
    the score."""
    if months.empty:
        index = pd.MultiIndex.from_tuples([], names=by) if len(by) > 1 else pd.Index([], name=by[0])
        return pd.DataFrame(columns=["deviasi_rata", "bulan_dinilai", "nilai"], index=index)
    result = months.groupby(by).agg(deviasi_rata=("deviasi_persen", "mean"), bulan_dinilai=("bulan", "size"))
    result["nilai"] = deviation_score(result["deviasi_rata"], rules.deviation_tolerance)
    return result


def deviation_stored(rows: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """deviation() row by row from the means a load stored per satker and as-of month (rows:
    bulan_dinilai, deviasi_rata_pagu, deviasi_rata_biasa; missing where nothing was assessed):
    deviasi_rata (the mean the rules ask for: pagu-weighted months or plain), bulan_dinilai and
    the score, in the rows' order."""
    column = "deviasi_rata_pagu" if rules.deviation_pagu_weighted else "deviasi_rata_biasa"
    mean = rows[column].astype(float).to_numpy()
    return pd.DataFrame({"deviasi_rata": mean, "bulan_dinilai": rows["bulan_dinilai"].astype("Int64").to_numpy(),
                         "nilai": deviation_score(mean, rules.deviation_tolerance)}, index=rows.index)


# ---------------------------------------------------------------- Revisi DIPA

def revision_periods(revisions: pd.DataFrame, satkers, bulan: int, rules: Rules) -> pd.DataFrame:
    """Per satker and period begun by `bulan` (semester from 2024): the revisions with at least
    one counted code (distinct no_revisi) dated up to `bulan`, and the period's score."""
    # typed, so an empty selection still merges on text codes
    entities = pd.DataFrame({"kdsatker": pd.Series(sorted(set(satkers)), dtype="str")}).assign(**{AS_OF: bulan})
    return revision_periods_as_of(revisions, entities, rules).drop(columns=AS_OF)


def revision_periods_as_of(revisions: pd.DataFrame, entities: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """revision_periods for every (AS_OF, kdsatker) row of `entities` at once: AS_OF, kdsatker,
    periode, jumlah_revisi and nilai, ordered as `entities` then by periode."""
    months = rules.revision_period_months
    counted = revisions[revisions["kode_jenis"].isin(rules.revision_codes)]
    month = pd.to_datetime(counted["tgl_revisi"]).dt.month.astype("int64")
    counted = pd.DataFrame({"kdsatker": counted["kdsatker"], "no_revisi": counted["no_revisi"],
                            "bulan": month, "periode": (month - 1) // months + 1})
    last = (12 - 1) // months + 1  # the period December is in
    grid = entities[[AS_OF, "kdsatker"]].merge(pd.DataFrame({"periode": range(1, last + 1)}), how="cross")
    grid = grid[grid["periode"] <= (grid[AS_OF] - 1) // months + 1]
    hits = grid.merge(counted, on=["kdsatker", "periode"])
    hits = hits[hits["bulan"] <= hits[AS_OF]]
    counts = hits.groupby([AS_OF, "kdsatker", "periode"])["no_revisi"].nunique().rename("jumlah_revisi")
    frame = grid.merge(counts.reset_index(), on=[AS_OF, "kdsatker", "periode"], how="left")
    frame["jumlah_revisi"] = frame["jumlah_revisi"].fillna(0).astype("int64")
    frame["nilai"] = np.where(frame["jumlah_revisi"] <= rules.revision_max, CAP, rules.revision_score_over)
    return frame.reset_index(drop=True)


def revision(periods: pd.DataFrame, by: list[str] = SATKER) -> pd.Series:
    """Per satker (group of `by`): the mean of its periods' scores."""
    return periods.groupby(by)["nilai"].mean()


def revision_as_of(revisions: pd.DataFrame, entities: pd.DataFrame, rules: Rules) -> pd.Series:
    """revision_of_rows() indexed by the entities' (AS_OF, kdsatker)."""
    return pd.Series(revision_of_rows(revisions, entities, rules),
                     index=pd.MultiIndex.from_frame(entities[[AS_OF, "kdsatker"]]), name="nilai")


def revision_of_rows(revisions: pd.DataFrame, entities: pd.DataFrame, rules: Rules) -> np.ndarray:
    """revision(revision_periods_as_of(revisions, entities, rules), [AS_OF, "kdsatker"]), as one
    table of counts per satker with a counted revision, period and month rather than a frame of
    periods per entity: a revision counts as of month m in its period from the first month it is
    dated in there; a period scores by its count; the satker's value is the mean over the periods
    begun by m. The satker without counted revisions (most, at national scale) score what a period
    without revisions does. One value per row of the entities, in their order."""
    months = rules.revision_period_months
    counted = revisions[revisions["kode_jenis"].isin(rules.revision_codes)]
    month = pd.to_datetime(counted["tgl_revisi"]).dt.month.to_numpy().astype("int64")
    first = (pd.DataFrame({"kdsatker": counted["kdsatker"].to_numpy(), "no_revisi": counted["no_revisi"].to_numpy(),
                           "periode": (month - 1) // months, "bulan": month - 1})
             .groupby(["kdsatker", "periode", "no_revisi"], as_index=False)["bulan"].min())
    satkers = first["kdsatker"].unique()
    periods = (12 - 1) // months + 1
    counts = np.zeros((len(satkers), periods, 12), dtype="int64")
    np.add.at(counts, (codes.positions(first["kdsatker"], satkers), first["periode"].to_numpy(),
                       first["bulan"].to_numpy()), 1)
    scores = np.where(counts.cumsum(axis=2) <= rules.revision_max, CAP, rules.revision_score_over)
    begun = np.arange(periods)[:, None] <= (np.arange(12) // months)[None, :]  # [period, month]
    means = np.where(begun, scores, 0.0).sum(axis=1) / begun.sum(axis=0)  # [satker, month]
    none = CAP if rules.revision_max >= 0 else rules.revision_score_over
    row = codes.positions(entities["kdsatker"], satkers)
    month_of = entities[AS_OF].to_numpy().astype("int64") - 1
    return np.where(row >= 0, means[np.maximum(row, 0), month_of] if len(satkers) else none, none)


# ---------------------------------------------------------------- Capaian Output

def output_achievement(ro: pd.DataFrame, by: list[str] = SATKER) -> pd.DataFrame:
    """Per satker (group of `by`) with at least one RO report: the geometric mean of its RO
    achievements (capped at 100%, monev.domain.capaian) in percent, and how many RO were
    reported."""
    frame = capaian.with_ratios(ro)
    frame = frame[frame["rasio"].notna()]
    if frame.empty:
        index = pd.MultiIndex.from_tuples([], names=by) if len(by) > 1 else pd.Index([], name=by[0])
        return pd.DataFrame(columns=["jumlah_ro", "nilai"], index=index)
    result = capaian.geometric_by(frame, by, "rasio").set_index(by)
    result["jumlah_ro"] = frame.groupby(by).size()
    result["nilai"] = 100.0 * result.pop("rasio")
    return result[["jumlah_ro", "nilai"]]


def output_achievement_stored(rows: pd.DataFrame) -> pd.DataFrame:
    """output_achievement() row by row from the parts of the geometric mean a load stored per
    satker and as-of month (rows: jumlah_ro, log_rasio, ada_nol; jumlah_ro 0 where no RO has a
    ratio, and then nilai is missing), in the rows' order."""
    count = rows["jumlah_ro"].astype(float)
    mean = capaian.geometric_from_sums(rows["log_rasio"], count, rows["ada_nol"])
    return pd.DataFrame({"jumlah_ro": count.astype("int64").to_numpy(), "nilai": 100.0 * mean.astype(float).to_numpy()},
                        index=rows.index)


# ---------------------------------------------------------------- total, deduction, band

def band(nilai: float, bands: dict[str, float]) -> str | None:
    """Sangat Baik >= 95, Baik 89 to < 95, Cukup 70 to < 89, Kurang < 70 (bounds from the rules)."""
    if nilai is None or math.isnan(nilai):
        return None
    for key in ("sangat_baik", "baik", "cukup"):
        if nilai >= bands[key]:
            return BAND_NAMES[key]
    return BAND_NAMES["kurang"]


def bands_of(nilai: np.ndarray, bands: dict[str, float]) -> np.ndarray:
    """band() of every value at once (an object array, None where the value is missing)."""
    return np.array(_BAND_ORDER, dtype=object)[_band_index(nilai, bands)]


# the bands in the order _band_index numbers them: from the best, then none (a missing value)
_BAND_ORDER = [*(BAND_NAMES[k] for k in ("sangat_baik", "baik", "cukup", "kurang")), None]
_BAND_TEXTS = pa.array(_BAND_ORDER, type=pa.large_string())
_TEXT = pd.Series([""]).dtype  # pandas' text dtype, as a column of band names gets it


def _band_index(nilai, bands: dict[str, float]) -> np.ndarray:
    values = np.asarray(nilai, dtype=float)
    keys = ("sangat_baik", "baik", "cukup")
    return np.select([np.isnan(values), *(values >= bands[k] for k in keys)], [len(keys) + 1, 0, 1, 2], len(keys))


def _band_texts(nilai, bands: dict[str, float]):
    """bands_of() as the column pandas makes of it: where a band is named, a text column built from
    the band names in Arrow rather than from a Python string per row (a national year's 288.000
    rows: a third of scoring them); without one (no rows, or every value missing) pandas keeps
    the object array, and so does this."""
    which = _band_index(nilai, bands)
    if not (which < len(_BAND_ORDER) - 1).any():
        return np.array(_BAND_ORDER, dtype=object)[which]
    return _TEXT.__from_arrow__(_BAND_TEXTS.take(pa.array(which)))


TOTAL_COLUMNS = ("nilai_tertimbang", "bobot_berlaku", "pengurang", "nilai", "kategori")


def total(values: dict[str, float | None], rules: Rules, dispensasi: float | None = None) -> dict:
    """score() of one satker's indicator values: the TOTAL_COLUMNS as a dict."""
    row = score(pd.DataFrame([{**values, "dispensasi_spm": dispensasi}]), rules).iloc[0]
    # kategori again from nilai: in a one-row str column a missing band reads back as NaN, not None
    return {**{k: row[k] for k in TOTAL_COLUMNS}, "kategori": band(row["nilai"], rules.bands)}


def score(frame: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Per row (a satker): the weighted total over the indicators that apply (value not missing),
    rescaled: nilai_tertimbang = sum(w x v) / sum(w of those), bobot_berlaku that sum of w;
    pengurang = the dispensasi_spm deduction (0 when missing); nilai = max(0, nilai_tertimbang -
    pengurang) and its kategori (band). Without any indicator that applies: nilai missing,
    kategori None."""
    n = len(frame)
    weighted, weight = np.zeros(n), np.zeros(n)
    for key in INDICATORS:  # in a fixed order, so every path sums the same terms the same way
        if key not in rules.weights or key not in frame:
            continue
        values = pd.to_numeric(frame[key], errors="coerce").astype(float).to_numpy()
        have = ~np.isnan(values)
        weighted = weighted + np.where(have, rules.weights[key] * values, 0.0)
        weight = weight + np.where(have, rules.weights[key], 0.0)
    applies = weight > 0
    before = np.where(applies, weighted / np.where(applies, weight, 1.0), math.nan)
    dispensasi = (pd.to_numeric(frame["dispensasi_spm"], errors="coerce").astype(float).to_numpy()
                  if "dispensasi_spm" in frame else np.full(n, math.nan))
    deduction = np.where(applies & ~np.isnan(dispensasi), dispensasi, 0.0)
    nilai = np.where(applies, np.maximum(0.0, before - deduction), math.nan)
    return frame.assign(nilai_tertimbang=before, bobot_berlaku=weight, pengurang=deduction, nilai=nilai,
                        kategori=_band_texts(nilai, rules.bands))


def aggregate(frame: pd.DataFrame, keys: list[str], rules: Rules) -> pd.DataFrame:
    """Unit or ministry (keys = [] for one row): the pagu-weighted mean of each indicator over
    the satker that have it, and of nilai; the band of that mean *(pagu weighting unverified)*.
    With `bulan` among the keys, every month's at once."""
    columns = [c for c in (*INDICATORS, "nilai") if c in frame]
    groups = frame.groupby(keys, sort=True).indices.items() if keys else [((), np.arange(len(frame)))]
    pagu = frame["pagu"].to_numpy()
    weights = pagu.astype(float)
    values = frame[columns].to_numpy(dtype=float, na_value=math.nan)
    rows = []
    for group, where in sorted(groups, key=lambda item: item[0]):
        row = dict(zip(keys, group if isinstance(group, tuple) else (group,)))
        row["pagu"] = int(pagu[where].sum())
        row["jumlah_satker"] = len(where)
        for i, column in enumerate(columns):
            part = values[where, i]
            have = ~np.isnan(part)
            w = weights[where][have]
            # numpy sums of the same terms in the same order as pandas' Series.sum, so the
            # means are the same to the last bit whichever way they are grouped
            row[column] = (float((part[have] * w).sum() / w.sum()) if w.sum() > 0
                           else (float(part[have].mean()) if have.any() else math.nan))
        row["kategori"] = band(row["nilai"], rules.bands)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*keys, "pagu", "jumlah_satker", *columns, "kategori"])


def aggregate_by_codes(frame: pd.DataFrame, group: np.ndarray, keys: list[dict], rules: Rules,
                       shared: dict | None = None) -> pd.DataFrame:
    """aggregate() with the groups given as integer codes: row i of `frame` is in group group[i]
    (0 .. len(keys) - 1, each group with a row), whose key columns are keys[group]; the result
    lists the groups in their codes' order, so codes numbered as aggregate() sorts the keys give
    its frame. Each group's rows are taken in the frame's order, as aggregate() takes them, so
    every sum adds the same terms in the same order (the same bits): only the grouping by
    (string) keys is spared, a fifth of a second for a national year's months. shared: a dict the
    caller passes to each call grouping the same frame, where the columns' terms are kept for the
    next call (the IKPA months group theirs by month and by month and unit)."""
    columns = [c for c in (*INDICATORS, "nilai") if c in frame]
    group = np.asarray(group, dtype="int64")
    # each group's rows together, in the frame's order (the months' rows come grouped already)
    in_order = bool((np.diff(group) >= 0).all())
    order = None if in_order else np.argsort(group, kind="stable")
    bounds = np.searchsorted(group if in_order else group[order], np.arange(len(keys) + 1))
    starts, ends = bounds[:-1], bounds[1:]
    shared = {} if shared is None or not in_order else shared  # kept terms are in the frame's order
    pagu = frame["pagu"].to_numpy()
    pagu = pagu if in_order else pagu[order]
    running = np.concatenate([[0], np.cumsum(pagu, dtype="int64")])  # exact: integer rupiah
    result = {"pagu": (running[ends] - running[starts]).tolist(), "jumlah_satker": (ends - starts).tolist()}
    add = np.add.reduce  # ndarray.sum's own reduction, without its wrapper
    # the weights are whole rupiah: where a group's stay below 2^53 together, every sum of some of
    # them, added in any order, is the exact integer, so the group's pagu less that of its rows
    # missing the value (running integer sums, int64: all rows checked below 2^62) is its weight
    # with the bits numpy's sum gives it, without a reduction per group and column
    exact = pagu.dtype.kind in "iu" and float(np.abs(pagu).sum(dtype="float64")) < 2.0**62
    if exact:
        size = running if (pagu >= 0).all() else np.concatenate([[0], np.cumsum(np.abs(pagu), dtype="int64")])
        rounds = np.flatnonzero(size[ends] - size[starts] >= 2**53)  # groups whose sums may round
    weights = pagu.astype(float)
    for column in columns:
        # the column's values and terms where it is not missing: a group's are one slice of them,
        # the same terms in the same order as aggregate()'s part[have] * w, so the same sums
        if column not in shared:
            values = frame[column].to_numpy(dtype=float, na_value=math.nan)
            shared[column] = _terms(values if in_order else values[order], weights, pagu, running, exact)
        missing, value, term, weight, gone = shared[column]
        before = np.searchsorted(missing, bounds)  # the rows missing it before each group's first
        at = bounds - before
        if not len(value):  # missing everywhere (an indicator without its import): no mean
            result[column] = [math.nan] * len(keys)
            continue
        if exact:
            w = ((running[ends] - running[starts]) - (gone[before[1:]] - gone[before[:-1]])).astype(float)
            for g in rounds:
                w[g] = add(weight[at[g]:at[g + 1]])
        else:
            w = np.array([add(weight[a:z]) for a, z in zip(at[:-1], at[1:])], dtype=float)
        t = np.array([add(term[a:z]) for a, z in zip(at[:-1], at[1:])], dtype=float)
        means = np.divide(t, w, out=np.full(len(keys), math.nan), where=w > 0)
        for g in np.flatnonzero((w <= 0) & (at[1:] > at[:-1])):  # no pagu among them: the plain mean
            means[g] = value[at[g]:at[g + 1]].mean()
        result[column] = means.tolist()
    rows = []
    for g, key in enumerate(keys):
        row = dict(key)
        row.update((name, values[g]) for name, values in result.items())
        row["kategori"] = band(row["nilai"], rules.bands)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*(keys[0] if keys else {}), "pagu", "jumlah_satker", *columns, "kategori"])


def _terms(values: np.ndarray, weights: np.ndarray, pagu: np.ndarray, running: np.ndarray, exact: bool):
    """aggregate_by_codes' inputs of one column: the positions of its missing values (sorted;
    counting them with a cumulative sum of a boolean per row and column cost 0,025 s of the IKPA
    page's CPU nationally), the values not missing, their terms (value x weight) and weights, and with
    `exact` the running integer sums (from 0) of the pagu of the rows missing the value."""
    have = ~np.isnan(values)
    if have.all():  # the arrays themselves, not copies
        return np.empty(0, dtype="int64"), values, values * weights, weights, np.zeros(1, dtype="int64")
    missing = np.flatnonzero(~have)
    gone = None
    if exact:  # every row's pagu when every row misses it (running: aggregate_by_codes' of the pagu)
        gone = running if len(missing) == len(pagu) else np.concatenate([[0], np.cumsum(pagu[missing], dtype="int64")])
    return missing, values[have], (values * weights)[have], weights[have], gone
