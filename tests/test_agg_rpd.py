"""The RPD in force at the year's end kept at load time (schema 11, agg_rpd_berlaku rows in force
through December) equals what the facts give, each satker x jenis belanja x month's plan at its
latest tgl_update (the import refuses a date outside the fiscal year), after RPD loads that add, update
and restate plans, after each is undone and in an "as loaded at" copy; and the overview's monthly
curve, which reads it, shows the plan those facts give with a jenis belanja filter and a unit scope
(none for a PPK scope)."""
from __future__ import annotations

import duckdb
import pandas as pd

from monev.domain.period import Period
from monev.views import ringkasan
from monev.warehouse import batches, db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b

KEYS = ["thang", "kdsatker", "jenis_belanja", "bulan"]


def _rpd(kdsatker, jenis_belanja, bulan, rpd, tgl_update):
    return dict(thang=b.THANG, kdsatker=kdsatker, jenis_belanja=jenis_belanja, bulan=bulan, rpd=rpd,
                tgl_update=tgl_update)


def _in_force_from_facts(con) -> pd.DataFrame:
    """The latest plan of each key, picked in pandas from the rows in force (no SQL aggregate)."""
    facts = con.sql("select * exclude (batch_id) from fact_rpd").df()
    latest = facts.sort_values([*KEYS, "tgl_update"]).drop_duplicates(KEYS, keep="last")
    return latest[[*KEYS, "rpd"]].sort_values(KEYS).reset_index(drop=True)


def _stored(con) -> pd.DataFrame:
    return con.sql("select thang, kdsatker, jenis_belanja, bulan, rpd from agg_rpd_berlaku "
                   "where bulan_sd_akhir = 12").df().sort_values(KEYS).reset_index(drop=True)


def _assert_in_force(db_path) -> pd.DataFrame:
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        stored, expected = _stored(con), _in_force_from_facts(con)
    finally:
        con.close()
    pd.testing.assert_frame_equal(stored, expected, check_dtype=False, check_exact=True)
    return stored


def _load(db_path, directory, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, "rpd", rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


LOADS = [
    # a later plan for two months of S1's pegawai: those months change, the earlier rows stay in the facts
    [_rpd(b.S1, "51", 3, 250_000_000, "2024-05-02"), _rpd(b.S1, "51", 4, 0, "2024-05-02")],
    # the plan of S2's bantuan sosial for May restated at the same date: it supersedes the row
    [_rpd(b.S2, "57", 5, 7_500_000_000, "2024-01-10")],
    # a satker with no plan before, on a jenis belanja of its own
    [_rpd(b.S3, "52", m, 30_000_000 * m, "2024-02-01") for m in range(1, 13)],
]


def test_rpd_in_force_follows_loads_undos_and_copies(warehouse, tmp_path):
    states = [_assert_in_force(warehouse)]
    assert len(states[0])  # the base data set has plans
    loaded = []
    for n, rows in enumerate(LOADS):
        loaded.append(_load(warehouse, tmp_path / f"rpd{n}", rows))
        states.append(_assert_in_force(warehouse))
        assert not states[-1].equals(states[-2]), n
    before = states[1].set_index(KEYS)["rpd"]
    assert before[(b.THANG, b.S1, "51", 3)] == 250_000_000 and before[(b.THANG, b.S1, "51", 4)] == 0
    assert states[2].set_index(KEYS)["rpd"][(b.THANG, b.S2, "57", 5)] == 7_500_000_000

    copy = batches.as_loaded_at(warehouse, loaded[0])
    con = duckdb.connect(str(copy), read_only=True)
    try:
        pd.testing.assert_frame_equal(_stored(con), states[1], check_dtype=False, check_exact=True)
    finally:
        con.close()

    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        pd.testing.assert_frame_equal(_assert_in_force(warehouse), expected, check_exact=True)


def _plan_per_month(db_path, *, units=(), jenis=()) -> list[int]:
    """The curve's RPD per month from the facts: the latest plan per key, summed in pandas."""
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        plans = _in_force_from_facts(con)
        satker = con.sql("select kdsatker, kdunit from dim_satker where thang = ?", params=[b.THANG]).df()
    finally:
        con.close()
    plans = plans[plans["thang"] == b.THANG].merge(satker, on="kdsatker")
    if units:
        plans = plans[plans["kdunit"].isin(units)]
    if jenis:
        plans = plans[plans["jenis_belanja"].isin(jenis)]
    per_month = plans.groupby("bulan")["rpd"].sum()
    return [int(per_month.get(m, 0)) for m in range(1, 13)]


def test_monthly_curve_shows_the_plan_in_force(warehouse, tmp_path):
    for n, rows in enumerate(LOADS):
        _load(warehouse, tmp_path / f"rpd{n}", rows)
    period = Period(b.THANG, 6)
    cases = [(EVERYTHING, Filters(), {}), (EVERYTHING, Filters(jenis_belanja=("57",)), {"jenis": ("57",)}),
             (Scope(units=("05",)), Filters(), {"units": ("05",)}),
             (Scope(units=("05",)), Filters(jenis_belanja=("52",)), {"units": ("05",), "jenis": ("52",)})]
    expectations = [_plan_per_month(warehouse, **narrowed) for _, _, narrowed in cases]
    engine = db.engine(warehouse)
    for (scope, filters, _), expected in zip(cases, expectations):
        curve = ringkasan.monthly_curve(engine, period, pd.DataFrame(columns=["jenis_belanja", "pagu"]),
                                        scope=scope, filters=filters)
        assert curve["rpd"].tolist() == expected, (scope, filters)
        assert any(expected), (scope, filters)  # each case has a plan to show
    ppk_only = ringkasan.monthly_curve(engine, period, pd.DataFrame(columns=["jenis_belanja", "pagu"]),
                                       scope=Scope(ppks=((b.S1, "01"),)))
    assert ppk_only["rpd"].isna().all()
