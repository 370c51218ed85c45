"""Data for IKPA: every indicator the warehouse supports per satker as of a month (and per month
of the year), the total and band (monev.domain.ikpa), the official OM-SPAN values beside them,
the unit and ministry aggregates, and the formula trace of one satker.

Belanja Kontraktual, Penyelesaian Tagihan and Pengelolaan UP/TUP have no import of their own
inputs yet: they are the OM-SPAN values where that export was imported, else missing (and then
left out of the total by rescaling). Dispensasi SPM is the deduction of the dispensasi_spm import
(its latest report up to the month), 0 where the satker has none.
"""
from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from monev import reports
from monev.domain import ikpa, ikpa_rules, targets
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.views import capaian as capaian_view
from monev.warehouse import derived, query
from monev.warehouse.query import NO_FILTER, Filters, Scope

INDICATOR_COLUMNS = ["penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output",
                     "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup"]
OFFICIAL_COLUMNS = ["resmi_revisi_dipa", "resmi_deviasi_halaman_iii", "resmi_nilai_perencanaan",
                    "resmi_penyerapan", "resmi_belanja_kontraktual", "resmi_penyelesaian_tagihan",
                    "resmi_pengelolaan_up_tup", "resmi_nilai_pelaksanaan", "resmi_capaian_output",
                    "resmi_nilai"]
# indicators taken from the OM-SPAN export, having no import of their inputs
FROM_OFFICIAL = {"belanja_kontraktual": "resmi_belanja_kontraktual",
                 "penyelesaian_tagihan": "resmi_penyelesaian_tagihan",
                 "pengelolaan_up_tup": "resmi_pengelolaan_up_tup"}
# the band names of the rules (data) -> their texts in monev.i18n.texts
BAND_TEXTS = {name: f"kpa_band_{key}" for key, name in ikpa_rules.BAND_NAMES.items()}
SATKER_COLUMNS = ["kdunit", "nmunit", "kdsatker", "nmsatker", "pagu", *INDICATOR_COLUMNS, "dispensasi_spm",
                  "jumlah_spm", "bulan_dispensasi", "deviasi_rata", "nilai_tertimbang", "bobot_berlaku",
                  "pengurang", "nilai", "kategori", "bulan_resmi", *OFFICIAL_COLUMNS]


@dataclass
class Result:
    """Per satker scores and the intermediate tables the trace explains."""

    period: Period
    rules: ikpa_rules.Rules
    quarter_targets: dict[str, list[float]]
    satker: pd.DataFrame  # SATKER_COLUMNS
    absorption_detail: pd.DataFrame
    absorption_quarters: pd.DataFrame
    deviation_months: pd.DataFrame
    deviation: pd.DataFrame
    revision_periods: pd.DataFrame
    achievement: pd.DataFrame


def rules(engine: sa.Engine, tahun: int) -> ikpa_rules.Rules:
    return ikpa_rules.rules_for(tahun, query.reference(engine, "ikpa_aturan", tahun=tahun))


def scores(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> Result:
    """Every satker of the selection with pagu or realization, as of the end of period.bulan."""
    params = dict(scope=scope, filters=filters, tahun=period.tahun, sampai=period.sampai)
    rule = rules(engine, period.tahun)
    quarters = targets.quarter_targets(query.reference(engine, "target_triwulan", tahun=period.tahun))
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    satker = (grain.groupby(["kdunit", "nmunit", "kdsatker", "nmsatker"], as_index=False, dropna=False)["pagu"].sum()
              .astype({"pagu": "int64"}))
    pagu_jenis = grain.groupby(["kdsatker", "jenis_belanja"], as_index=False)["pagu"].sum()

    coded = query.run(engine, "ikpa_penyerapan_kode", **params)  # the months' query; here by code text
    detail = ikpa.absorption_detail(coded.assign(kode=coded["kode"].map("{:06d}".format))
                                    .rename(columns={"kode": "kdsatker"}), quarters)
    per_quarter = ikpa.absorption_quarters(detail)
    months = ikpa.deviation_months(query.run(engine, "ikpa_deviasi", **params), pagu_jenis, period.bulan, rule)
    deviation = ikpa.deviation(months, rule)
    periods = ikpa.revision_periods(query.run(engine, "ikpa_revisi", **params), satker["kdsatker"],
                                    period.bulan, rule)
    achievement = ikpa.output_achievement(capaian_view.ro_rows(engine, period, scope=scope, filters=filters))
    official = query.run(engine, "ikpa_omspan", **params)
    dispensation = query.run(engine, "ikpa_dispensasi", **params)
    aligned = {"penyerapan": ikpa.absorption(per_quarter), "deviasi_halaman_iii": deviation["nilai"],
               "deviasi_rata": deviation["deviasi_rata"], "revisi_dipa": ikpa.revision(periods),
               "capaian_output": achievement["nilai"]}
    frame = _scored(satker, ikpa.SATKER, aligned, official, dispensation, rule)
    return Result(period, rule, quarters, frame[SATKER_COLUMNS].reset_index(drop=True), detail, per_quarter,
                  months, deviation, periods, achievement)


def _scored(satker: pd.DataFrame, by: list[str], aligned: dict[str, pd.Series], official: pd.DataFrame,
            dispensation: pd.DataFrame, rule: ikpa_rules.Rules) -> pd.DataFrame:
    """The satker rows (one per group of `by`) with every indicator, the official values, the
    total and the band: the same assembly for one month and for all months at once. The
    indicators (and deviasi_rata) are columns of `satker` already or Series indexed by `by` in
    `aligned`."""
    # one alignment of every input on the satker rows: a merge per input cost a hash of the
    # string keys each, a third of a second at national scale
    inputs = pd.concat([*(values.rename(name) for name, values in aligned.items()), official.set_index(by),
                        dispensation.set_index(by)], axis=1)  # dispensasi_spm missing = no deduction
    frame = satker.merge(inputs, left_on=by, right_index=True, how="left")
    for column in ("penyerapan", "deviasi_halaman_iii", "deviasi_rata", "revisi_dipa", "capaian_output"):
        frame[column] = frame[column].astype(float)
    return _scored_inputs(frame, rule)


def aggregates(result: Result) -> dict[str, pd.DataFrame]:
    """{'per_unit': one row per echelon I unit, 'kementerian': one row}, pagu-weighted."""
    per_unit = ikpa.aggregate(result.satker, ["kdunit"], result.rules)
    names = result.satker.drop_duplicates("kdunit").set_index("kdunit")["nmunit"]
    per_unit.insert(1, "nmunit", per_unit["kdunit"].map(names))
    return {"per_unit": per_unit, "kementerian": ikpa.aggregate(result.satker, [], result.rules)}


def monthly(engine: sa.Engine, tahun: int, bulan: int, *, scope: Scope,
            filters: Filters = NO_FILTER, rule: ikpa_rules.Rules | None = None) -> pd.DataFrame:
    """Per satker x month 1..bulan: the scores as of each month's end (column `bulan`), the same
    as scores() month by month (a test holds them equal) but from one fetch of each input with
    an as-of month column, scored for all months at once. The Deviasi Halaman III and Capaian
    Output inputs come from the aggregates a load keeps (schema 5), or, with a jenis belanja
    filter, which those do not carry, from the facts. rule: the year's rules (rules()), when the
    caller already has them."""
    return months(engine, tahun, bulan, scope=scope, filters=filters, rule=rule).named()


NAMES = ["kdunit", "nmunit", "kdsatker", "nmsatker"]


@dataclass
class Months:
    """monthly()'s rows without their names: `scores` holds every other column of monthly(), and
    row i is the satker of row at[i] of `names` (NAMES). A national year is 288.000 rows of 24.000
    satker: carrying four strings on each cost more than scoring them, and the page names only
    one month's rows (as_of) and groups the others by unit (monev.views.ikpa_page)."""

    scores: pd.DataFrame
    at: np.ndarray
    names: pd.DataFrame

    def named(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """monthly()'s frame, of the rows where `rows` (a boolean mask) holds, or all."""
        scores, at = (self.scores, self.at) if rows is None else (self.scores[rows], self.at[rows])
        names = self.names.take(at).reset_index(drop=True)
        frame = pd.concat([names, scores.reset_index(drop=True)], axis=1)
        return frame[[*SATKER_COLUMNS, "bulan"]]

    def as_of(self, bulan: int) -> pd.DataFrame:
        """as_of(self.named(), bulan), naming that month's rows only."""
        return self.named((self.scores["bulan"] == bulan).to_numpy()).drop(columns="bulan")


def months(engine: sa.Engine, tahun: int, bulan: int, *, scope: Scope, filters: Filters = NO_FILTER,
           rule: ikpa_rules.Rules | None = None, only_last: bool = False) -> Months:
    """monthly(), its rows not yet named (Months). only_last: the rows of month `bulan` only, the
    same numbers (each row is scored from its own inputs), a twelfth of the scoring. The scores
    the last load kept (store_scores) where they are of this version and there is no jenis
    belanja filter: a satker's scores do not depend on which others are selected, so these are
    the rows scoring would give, bit for bit (tests/test_ikpa_tersimpan.py)."""
    params = dict(scope=scope, filters=filters, tahun=tahun, sampai=Period(tahun, bulan).sampai)
    if not filters.jenis_belanja and derived.ikpa_scores_current(engine):
        return _stored(engine, params, bulan if only_last else 1)
    return _scored_months(engine, params, bulan, rule, only_last)


def store_scores(engine: sa.Engine) -> None:
    """Score every satker of every year as of each month's end, without a filter, and keep the
    scores in the warehouse (agg_ikpa_nilai) for the version of `engine`, a draft's read-write
    engine: what a load or undo runs on its draft (monev.warehouse.derived.Derived) so that the
    IKPA page reads its scores rather than computing them (0,36 s nationally, issue 13). Nothing
    to do where they are this version's already."""
    if derived.ikpa_scores_current(engine):
        return
    tables = [_unnamed(_scored_months(engine, dict(scope=query.EVERYTHING, filters=NO_FILTER, tahun=tahun,
                                                   sampai=Period(tahun, 12).sampai), 12, None, False), tahun)
              for tahun in derived.ikpa_years(engine)]
    derived.keep_ikpa_scores(engine, pa.concat_tables(tables) if tables else _unnamed(None, 0))


STORED = [c for c in SATKER_COLUMNS if c not in NAMES]
# the columns arriving as floats from a nullable integer column (as the scoring types them)
STORED_INT64 = ("jumlah_spm", "bulan_dispensasi", "bulan_resmi")


def _unnamed(months: Months | None, tahun: int) -> pa.Table:
    """agg_ikpa_nilai's rows of one year's Months (no rows for None), in Arrow: the satker codes
    taken in Arrow rather than as 288.000 Python strings (a quarter of a second nationally), and
    Arrow is what DuckDB scans fastest."""
    if months is None:  # inserted by name: the other columns of no row are null
        return pa.table({"thang": pa.array([], pa.int64()), "bulan_sd": pa.array([], pa.int64()),
                         "kdsatker": pa.array([], pa.string())})
    scores = pa.Table.from_pandas(months.scores[STORED], preserve_index=False)
    kdsatker = pa.array(months.names["kdsatker"]).take(pa.array(months.at))
    month = pa.array(months.scores["bulan"].to_numpy())
    year = pa.array(np.full(len(months.at), tahun, dtype="int64"))
    return scores.add_column(0, "kdsatker", kdsatker).add_column(0, "bulan_sd", month).add_column(0, "thang", year)


def _stored(engine: sa.Engine, params: dict, first: int) -> Months:
    """months() from agg_ikpa_nilai: the rows of as-of months first .. the month of params'
    sampai, named and ordered as _from_aggregates names and orders the rows it scores."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(query.run, engine, "ikpa_nilai", bulan_awal=first, **params)
        names = query.run(engine, "ikpa_satker", **params)
        rows = pending.result()
    month = rows[ikpa.AS_OF].to_numpy().astype("int64")
    _satkers, _code, at, order = _placed(names, rows["kode"].to_numpy(), month)
    frame = rows[STORED].take(order).reset_index(drop=True)
    for column in STORED_INT64:
        frame[column] = frame[column].astype("Int64")
    frame["pagu"] = frame["pagu"].astype("int64")
    if not frame["kategori"].notna().any():  # no band named: scoring leaves an object column of None
        frame["kategori"] = np.full(len(frame), None, dtype=object)
    frame["bulan"] = month[order]
    return Months(frame, at[order], names)


def _placed(names: pd.DataFrame, kode: np.ndarray, month: np.ndarray):
    """For rows of integer satker codes `kode` as of `month`: the selection's satker codes
    (_SatkerCodes of names' kode), each row's satker among them, its row in `names` (ordered by
    unit and satker), and the order of the rows by (month, that row)."""
    satkers = _SatkerCodes(names["kode"].to_numpy())
    name_of = np.empty(len(names), dtype="int64")
    name_of[satkers.code(names["kode"].to_numpy())] = np.arange(len(names))
    code = satkers.code(kode)
    at = name_of[code]
    return satkers, code, at, _order_of(month * len(names) + at, 13 * len(names))


def _scored_months(engine: sa.Engine, params: dict, bulan: int, rule: ikpa_rules.Rules | None,
                   only_last: bool) -> Months:
    """months() scored from the aggregates (or the facts, with a jenis belanja filter)."""
    tahun = params["tahun"]
    # the inputs keyed by satker code are fetched on a second core (DuckDB runs without the GIL)
    # while the satker rows are fetched and put in order here
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(lambda: {name: query.run(engine, name, **params) for name in _BY_CODE})
        rule = rules(engine, tahun) if rule is None else rule
        quarters = targets.quarter_targets(query.reference(engine, "target_triwulan", tahun=tahun))
        inputs = _from_facts if params["filters"].jenis_belanja else _from_aggregates
        satker, aligned, names, at, satkers = inputs(engine, params, rule)
        if only_last:
            last = (satker[ikpa.AS_OF] == bulan).to_numpy()
            satker, at = satker[last].reset_index(drop=True), at[last]
        fetched = pending.result()
    # Scored on integer satker codes (satker["kdsatker"], _SatkerCodes): a national year's
    # groupbys, merges and sorts then hash and compare integers, not strings (several times
    # faster). The codes sort as the satker codes do, so grouped sums add their terms in the order
    # grouping by the codes' texts would: unsorted codes changed the last bit of 60.000 national
    # Penyerapan values.
    per_quarter = ikpa.absorption_quarters(
        ikpa.absorption_detail(satkers.of(fetched["ikpa_penyerapan_kode"]), quarters))
    coded = satker
    # Penyerapan and Revisi DIPA computed for the rows themselves, in their order: no index of
    # 288.000 (month, satker) pairs to build and align by (the same numbers, tests/test_ikpa.py)
    coded["penyerapan"] = ikpa.absorption_of_rows(per_quarter, coded[ikpa.AS_OF].to_numpy(),
                                                  coded["kdsatker"].to_numpy())
    coded["revisi_dipa"] = ikpa.revision_of_rows(satkers.of(fetched["ikpa_revisi"]), coded, rule)
    official = satkers.of(fetched["ikpa_omspan_bulanan"])
    dispensation = satkers.of(fetched["ikpa_dispensasi_bulanan"])
    aligned = {name: satkers.of_index(values) for name, values in aligned.items()}
    frame = _scored_by_codes(coded, len(satkers.values), aligned, official, dispensation, rule)
    frame["bulan"] = frame[ikpa.AS_OF].astype("int64")
    return Months(frame[[*(c for c in SATKER_COLUMNS if c not in NAMES), "bulan"]].reset_index(drop=True),
                  at, names)


# months()'s inputs read per satker code, whatever the satker rows' source
_BY_CODE = ("ikpa_penyerapan_kode", "ikpa_revisi", "ikpa_omspan_bulanan", "ikpa_dispensasi_bulanan")


def _scored_by_codes(coded: pd.DataFrame, n: int, aligned: dict[str, pd.Series], official: pd.DataFrame,
                     dispensation: pd.DataFrame, rule: ikpa_rules.Rules) -> pd.DataFrame:
    """_scored(coded, MONTHLY, ...) for satker codes below n: each input put on the rows by the
    integer (AS_OF, code) key, which a merge on the two columns hashed and compared as pairs
    (a fifth of a national page's time); the same values and dtypes."""
    slot = np.full((13 * n) if n else 1, -1, dtype="int64")  # the row of each (month, code)
    slot[_month_code(coded[ikpa.AS_OF], coded["kdsatker"], n)] = np.arange(len(coded))
    columns = {}

    def place(key: np.ndarray, values: dict[str, np.ndarray]):
        row = slot[key] if len(key) else np.empty(0, dtype="int64")
        hit = row >= 0
        for name, value in values.items():
            column = np.full(len(coded), math.nan)
            column[row[hit]] = np.asarray(value, dtype=float)[hit]
            columns[name] = column

    for name, values in aligned.items():
        place(_month_code(values.index.get_level_values(ikpa.AS_OF), values.index.get_level_values("kdsatker"), n),
              {name: values.to_numpy(dtype=float, na_value=math.nan)})
    for extra in (official, dispensation):  # dispensasi_spm missing = no deduction
        place(_month_code(extra[ikpa.AS_OF], extra["kdsatker"], n),
              {c: extra[c].to_numpy(dtype=float, na_value=math.nan) for c in extra if c not in MONTHLY})
    frame = coded.assign(**columns)
    return _scored_inputs(frame, rule)


def _scored_inputs(frame: pd.DataFrame, rule: ikpa_rules.Rules) -> pd.DataFrame:
    """The inputs placed on the satker rows, scored: both ways of placing them end here."""
    for column, source in FROM_OFFICIAL.items():
        frame[column] = frame[source].astype(float)
    frame = ikpa.score(frame, rule)
    for column in ("bulan_resmi", "jumlah_spm", "bulan_dispensasi"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _month_code(month, code, n: int) -> np.ndarray:
    return np.asarray(month, dtype="int64") * n + np.asarray(code, dtype="int64")


class _SatkerCodes:
    """The satker of monthly()'s rows as integers: each satker's position among them in code
    order. Read from the integer codes the queries return (kode: kdsatker as a number, six digits
    each, so they sort as the codes do) or from the code strings, as numbers."""

    def __init__(self, kode):
        self.values = np.unique(_as_numbers(kode))  # sorted
        self._position = np.full(int(self.values[-1]) + 1 if len(self.values) else 1, -1, dtype="int64")
        self._position[self.values] = np.arange(len(self.values))

    def code(self, kode) -> np.ndarray:
        """The position of each satker (integer codes or code strings), -1 for one not among them."""
        kode = _as_numbers(kode)
        inside = (kode >= 0) & (kode < len(self._position))
        return np.where(inside, self._position[np.where(inside, kode, 0)], -1)

    def of(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` (with kode, or kdsatker strings) with kdsatker as codes, without the rows of
        satker outside monthly()'s rows (which no row would take up)."""
        at = self.code(frame["kode"] if "kode" in frame else frame["kdsatker"])
        keep = at >= 0
        return frame[keep].drop(columns=["kode"], errors="ignore").assign(kdsatker=at[keep])

    def of_index(self, values: pd.Series) -> pd.Series:
        """`values` (indexed by MONTHLY) with its kdsatker level as codes."""
        return self.of(values.reset_index()).set_index(values.index.names)[values.name]


def _as_numbers(kode) -> np.ndarray:
    """Satker codes as int64: integer codes as they are, code strings (six digits) read as numbers."""
    if isinstance(kode, np.ndarray) and kode.dtype != object:
        return kode.astype("int64", copy=False)
    values = pa.array(kode)
    if pa.types.is_null(values.type) or len(values) == 0:
        return np.empty(0, dtype="int64")
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        values = pc.cast(values, pa.int64())
    return values.to_numpy(zero_copy_only=False).astype("int64", copy=False)


MONTHLY = [ikpa.AS_OF, "kdsatker"]
MONTHLY_SATKER = [ikpa.AS_OF, *NAMES]


def _from_aggregates(engine: sa.Engine, params: dict, rule: ikpa_rules.Rules):
    """months()'s satker rows (AS_OF, kdsatker as a code of the satker codes returned, pagu,
    Deviasi Halaman III and Capaian Output), from queries/ikpa_bulanan.sql, ordered (month, unit,
    satker) by queries/ikpa_satker.sql, which names them (`names`, row i being the satker of
    names' row at[i]); no further inputs to align (_scored); and the satker codes (_SatkerCodes)."""
    rows = query.run(engine, "ikpa_bulanan", **params)
    names = query.run(engine, "ikpa_satker", **params)
    stored = query.run(engine, "ikpa_capaian_tersimpan", **params)
    # every row's satker is one of the selection's, whose position orders them by unit and code
    month = rows[ikpa.AS_OF].to_numpy().astype("int64")
    satkers, code, at, order = _placed(names, rows["kode"].to_numpy(), month)
    deviation = ikpa.deviation_stored(rows, rule)
    achievement = ikpa.output_achievement_stored(_on_rows(stored, month, code, satkers))
    satker = pd.DataFrame({
        ikpa.AS_OF: rows[ikpa.AS_OF].to_numpy()[order],
        "pagu": rows["pagu"].to_numpy().astype("int64")[order],
        "deviasi_halaman_iii": deviation["nilai"].to_numpy()[order],
        "deviasi_rata": deviation["deviasi_rata"].to_numpy()[order],
        "capaian_output": achievement["nilai"].to_numpy()[order],
        "kdsatker": code[order]})
    return satker, {}, names, at[order], satkers


def _on_rows(stored: pd.DataFrame, month: np.ndarray, code: np.ndarray, satkers: _SatkerCodes) -> pd.DataFrame:
    """The stored Capaian Output inputs (queries/ikpa_capaian_tersimpan.sql) of each (month, satker
    code) row, as the left join of ikpa_bulanan.sql gave them before: jumlah_ro 0, log_rasio
    missing and ada_nol false where the satker has no RO ratio then."""
    n = len(satkers.values)
    slot = np.full(13 * n if n else 1, -1, dtype="int64")  # each (month, code)'s stored row
    of = satkers.code(stored["kode"].to_numpy())
    kept = of >= 0
    slot[stored[ikpa.AS_OF].to_numpy().astype("int64")[kept] * n + of[kept]] = np.flatnonzero(kept)
    row = slot[month * n + code] if len(code) else np.empty(0, dtype="int64")
    hit = row >= 0
    count = np.zeros(len(row), dtype="int32")
    count[hit] = stored["jumlah_ro"].to_numpy()[row[hit]]
    log = np.full(len(row), math.nan)
    log[hit] = stored["log_rasio"].to_numpy(dtype=float, na_value=math.nan)[row[hit]]
    zero = np.zeros(len(row), dtype=bool)
    zero[hit] = stored["ada_nol"].to_numpy(dtype=bool)[row[hit]]
    return pd.DataFrame({"jumlah_ro": count, "log_rasio": log, "ada_nol": zero})


def _order_of(keys: np.ndarray, below: int) -> np.ndarray:
    """np.argsort(keys) of distinct non-negative integers below `below`, placed rather than sorted."""
    slot = np.full(max(below, 1), -1, dtype="int64")
    slot[keys] = np.arange(len(keys))
    return slot[slot >= 0]


def _from_facts(engine: sa.Engine, params: dict, rule: ikpa_rules.Rules):
    """_from_aggregates() computed from the facts, restricted to the jenis belanja filtered: the
    satker rows (named by themselves), and their Deviasi Halaman III and Capaian Output indexed
    by MONTHLY."""
    pagu = query.run(engine, "ikpa_pagu_bulanan", **params)
    satker = (pagu.groupby(MONTHLY_SATKER, as_index=False, dropna=False)["pagu"].sum()
              .astype({"pagu": "int64"}))
    months = ikpa.deviation_months(query.run(engine, "ikpa_deviasi_bulanan", **params), pagu, None, rule, MONTHLY)
    deviation = ikpa.deviation(months, rule, MONTHLY)
    achievement = ikpa.output_achievement(query.run(engine, "ikpa_capaian_bulanan", **params), MONTHLY)
    aligned = {"deviasi_halaman_iii": deviation["nilai"], "deviasi_rata": deviation["deviasi_rata"],
               "capaian_output": achievement["nilai"]}
    satkers = _SatkerCodes(satker["kdsatker"])
    coded = satker[[ikpa.AS_OF, "pagu"]].assign(kdsatker=satkers.code(satker["kdsatker"]))
    return coded, aligned, satker[NAMES], np.arange(len(satker)), satkers


def as_of(months: pd.DataFrame, bulan: int) -> pd.DataFrame:
    """The satker rows of monthly() as of the end of `bulan`, in SATKER_COLUMNS. The IKPA page
    and its attention list take the current scores from here rather than from scores(): the two
    paths agree only to 1e-12, which could reorder a tie between the ranking and the months."""
    return months[months["bulan"] == bulan].drop(columns="bulan").reset_index(drop=True)


def current(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
            rule: ikpa_rules.Rules | None = None) -> pd.DataFrame:
    """The satker scores as of the end of period.bulan as the IKPA page shows them:
    as_of(monthly(...), period.bulan), scoring that month's rows only. rule: as monthly()'s."""
    return months(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rule,
                  only_last=True).as_of(period.bulan)


# ---------------------------------------------------------------- the formula trace

def trace(result: Result, kdsatker: str, lang: str = "id") -> pd.DataFrame:
    """Rows (indikator, masukan, perhitungan, hasil) explaining one satker's score, in `lang`
    (monev.i18n.texts), with numbers formatted for that language."""
    rows = []
    [s] = result.satker[result.satker["kdsatker"] == kdsatker].to_dict("records") or [None]
    if s is None:
        return pd.DataFrame(columns=["indikator", "masukan", "perhitungan", "hasil"])

    def w(key, **values):
        return text(key, lang, **values)

    def label(key):
        return w(f"ikpa_ind_{key}")

    def pct(value):
        return fmt.percent(value, lang)

    def num(value):
        return "–" if fmt.is_missing(value) else fmt.percent(value, lang)[:-1]

    def rp(value):
        return fmt.rupiah(value, lang)

    def rp_short(value):
        return fmt.rupiah_short(value, lang)

    detail = (result.absorption_detail[result.absorption_detail["kdsatker"] == kdsatker]
              .sort_values(["triwulan", "jenis_belanja"]))
    for q, part in detail.groupby("triwulan"):
        tw = fmt.QUARTERS[q - 1]
        for r in part.itertuples():
            rows.append((w("ikpa_jejak_pa_jenis", indikator=label("penyerapan"), tw=tw, jb=r.jenis_belanja),
                         w("ikpa_jejak_pa_masukan", pagu=rp(r.pagu), blokir=rp(r.blokir), netto=rp(r.pagu_netto),
                           tw=tw, realisasi=rp(r.realisasi), target=pct(r.target_persen)),
                         w("ikpa_jejak_pa_rumus", persen=pct(r.realisasi_persen), target=pct(r.target_persen)), r.pa))
        quarter = result.absorption_quarters
        value = quarter[(quarter["kdsatker"] == kdsatker) & (quarter["triwulan"] == q)]["nilai"].iloc[0]
        terms = " + ".join(f"{num(r.pa)} × {rp_short(r.pagu_netto)}" for r in part.itertuples())
        rows.append((f"{label('penyerapan')} {tw}", w("ikpa_jejak_triwulan_masukan"),
                     f"({terms}) / {rp_short(part['pagu_netto'].sum())}", value))
    quarters = result.absorption_quarters[result.absorption_quarters["kdsatker"] == kdsatker]
    rows.append((label("penyerapan"), w("ikpa_jejak_triwulan_berakhir", n=len(quarters)),
                 w("ikpa_jejak_rata", nilai="; ".join(num(v) for v in quarters["nilai"])) if len(quarters)
                 else w("ikpa_jejak_belum_triwulan"), s["penyerapan"]))

    months = result.deviation_months[result.deviation_months["kdsatker"] == kdsatker]
    bobot = w("ikpa_jejak_bobot_pagu" if result.rules.deviation_pagu_weighted else "ikpa_jejak_bobot_biasa")
    rows.append((w("ikpa_jejak_deviasi", indikator=label("deviasi_halaman_iii")),
                 w("ikpa_jejak_deviasi_masukan", n=len(months), bobot=bobot, bulan="; ".join(
                     f"{fmt.month_name(int(m), lang)} {pct(v)}" for m, v in zip(months["bulan"],
                                                                                months["deviasi_persen"]))),
                 w("ikpa_jejak_deviasi_rata"), s["deviasi_rata"]))
    tolerance = pct(result.rules.deviation_tolerance)
    rows.append((label("deviasi_halaman_iii"), w("ikpa_jejak_skor_masukan", deviasi=pct(s["deviasi_rata"]),
                                                 toleransi=tolerance),
                 w("ikpa_jejak_skor_rumus", toleransi=tolerance), s["deviasi_halaman_iii"]))

    periods = result.revision_periods[result.revision_periods["kdsatker"] == kdsatker]
    rows.append((label("revisi_dipa"),
                 "; ".join(w("ikpa_jejak_revisi_periode", periode=p, n=n)
                           for p, n in zip(periods["periode"], periods["jumlah_revisi"])),
                 w("ikpa_jejak_revisi_rumus", maks=result.rules.revision_max,
                   lebih=num(result.rules.revision_score_over)),
                 s["revisi_dipa"]))

    count = result.achievement["jumlah_ro"].get(kdsatker, 0) if not result.achievement.empty else 0
    rows.append((label("capaian_output"), w("ikpa_jejak_ro", n=count), w("ikpa_jejak_ro_rumus"), s["capaian_output"]))
    for key in ("belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup"):
        rows.append((label(key), w("ikpa_jejak_resmi" if not fmt.is_missing(s[key]) else "ikpa_jejak_tanpa_data"),
                     w("ikpa_jejak_dari_omspan"), s[key]))

    if fmt.is_missing(s["dispensasi_spm"]):
        reported = w("ikpa_jejak_tanpa_data")
    else:
        reported = w("ikpa_jejak_dispensasi", bulan=fmt.month_name(int(s["bulan_dispensasi"]), lang),
                     n="–" if fmt.is_missing(s["jumlah_spm"]) else s["jumlah_spm"])
    rows.append((label("dispensasi_spm"), reported, w("ikpa_jejak_dispensasi_rumus"), s["dispensasi_spm"]))

    applied = [k for k in ikpa_rules.INDICATORS if k in result.rules.weights and not fmt.is_missing(s[k])]
    terms = " + ".join(f"{num(s[k])} × {num(result.rules.weights[k])}" for k in applied)
    rows.append((w("ikpa_jejak_tertimbang"), w("ikpa_jejak_berlaku", indikator=", ".join(label(k) for k in applied)),
                 f"({terms}) / {num(s['bobot_berlaku'])}" if applied else w("ikpa_jejak_tanpa_indikator"),
                 s["nilai_tertimbang"]))
    band = BAND_TEXTS.get(s["kategori"])
    rows.append((label("nilai"), w("ikpa_jejak_pengurang", dispensasi=label("dispensasi_spm"),
                                   nilai=num(s["pengurang"])),
                 w("ikpa_jejak_nilai_rumus", sebelum=num(s["nilai_tertimbang"]), pengurang=num(s["pengurang"]),
                   kategori=w(band) if band else "–"), s["nilai"]))
    return pd.DataFrame(rows, columns=["indikator", "masukan", "perhitungan", "hasil"])
