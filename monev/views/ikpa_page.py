"""Data for the IKPA and early-warning page: the scores of the selected month (monev.views.ikpa),
the ministry's and each unit's scores over the months of the year, the formula trace of one
satker and month, and the year-end projection per level (monev.views.projection).

Every function takes (engine, period, scope=, filters=, **options), the shape monev.ui.data.view
caches per warehouse version.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import sqlalchemy as sa

from monev.domain import ikpa, ikpa_rules
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
    frame = ikpa_view.monthly(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rules)
    return _ranked(ikpa_view.as_of(frame, period.bulan), _over_months(frame, rules, scope))


def _ranked(scored: pd.DataFrame, months: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """current()'s tables from the satker scores of one month; 'per_unit' and 'kementerian' are
    the last month's rows of `months` (_over_months of the same monthly() frame), which sums the
    same satker rows: the ranking and the months rest on the same numbers."""
    satker = scored.sort_values(["nilai", "kdsatker"], ascending=[False, True], na_position="last",
                                kind="stable").reset_index(drop=True)
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
    return _over_months(ikpa_view.monthly(engine, period.tahun, period.bulan, scope=scope, filters=filters),
                        ikpa_view.rules(engine, period.tahun), scope)


def _over_months(frame: pd.DataFrame, rules: ikpa_rules.Rules, scope: Scope) -> pd.DataFrame:
    columns = ["bulan", "kdunit", "nmunit", "pagu", "jumlah_satker", *SCORE_COLUMNS, "kategori"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    names = frame.drop_duplicates("kdunit").set_index("kdunit")["nmunit"]
    ministry = ikpa.aggregate(frame, ["bulan"], rules).assign(
        kdunit=MINISTRY, nmunit=MINISTRY_NAME if scope.everything else SCOPE_TOTAL_NAME)
    units = ikpa.aggregate(frame, ["bulan", "kdunit"], rules)
    units["nmunit"] = units["kdunit"].map(names)
    # each month: the ministry's row, then its units' (a stable sort keeps that order)
    result = pd.concat([ministry, units], ignore_index=True).sort_values("bulan", kind="stable")
    return result.reindex(columns=columns).reset_index(drop=True)


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
    scored the last three are empty frames."""
    # The projection's basis does not depend on the scores: fetched beside them, its warehouse
    # queries run in DuckDB (without the GIL) while the scores are computed, on a second core.
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending = worker.submit(projection_view.basis, engine, period, scope=scope, filters=filters)
        rules = ikpa_view.rules(engine, period.tahun)
        frame = ikpa_view.monthly(engine, period.tahun, period.bulan, scope=scope, filters=filters, rule=rules)
        # the current scores are the last month's: one path for the ranking and the months
        scored = ikpa_view.as_of(frame, period.bulan)
        months = _over_months(frame, rules, scope)
        now = _ranked(scored, months)
        shared = pending.result()
    if now["satker"].empty:
        return {"sekarang": now, "bulanan": months, "proyeksi": {k: pd.DataFrame() for k in PROJECTION_LEVELS},
                "kejar": pd.DataFrame(columns=CATCH_UP_COLUMNS), "perhatian": pd.DataFrame(columns=ATTENTION_COLUMNS)}
    return {"sekarang": now, "bulanan": months, "proyeksi": {k: shared.level(k) for k in PROJECTION_LEVELS},
            "kejar": projection_view.catch_up_from(shared, "satker", lang),
            "perhatian": projection_view.needs_attention_from(shared, scored, rules, None, lang)}


# columns of monev.views.projection.catch_up and .needs_attention the page shows
CATCH_UP_COLUMNS = ["kdunit", "kdsatker", "nmsatker", "pagu", "realisasi", "persen", "kebutuhan_triwulan",
                    "per_bulan_triwulan", "realistis_triwulan", "kebutuhan_tahun", "per_bulan_tahun",
                    "realistis_tahun", "alasan_realistis", "laju_bulanan", "proyeksi", "proyeksi_persen",
                    "proyeksi_capai_target"]
ATTENTION_COLUMNS = ["tingkat", "kdunit", "nmunit", "kdsatker", "nmsatker", "kdppk", "bobot", "alasan"]
