"""The summary (reports.budget_summary) against figures computed in the test from its own rows."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from monev import reports
from monev.domain import summary as summary_rules
from monev.domain import targets as target_rules
from monev.domain.period import Period
from monev.warehouse import db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b
from builders import L8, L9, REV1, S1, S2, S3

LEVELS = ["per_unit", "per_jenis_belanja", "per_satker", "per_ppk"]
BIG = 9_007_199_254_740_993  # 2**53 + 1: not representable as a float


def _key(level, row) -> tuple:
    return tuple(getattr(row, k) for k in b.LEVEL_KEYS[level])


def _close(got, want) -> bool:
    if want is None:
        return got is None or pd.isna(got)
    return got == pytest.approx(float(want), rel=1e-12, abs=1e-12)


def assert_matches(tables: dict[str, pd.DataFrame], expected: dict) -> None:
    total = tables["total"]
    assert len(total) == 1
    _assert_entry(total.iloc[0], expected["total"], "total")
    for level in LEVELS:
        frame = tables[level]
        got = {_key(level, r): r for r in frame.itertuples(index=False)}
        assert set(got) == set(expected[level]), level
        for key, want in expected[level].items():
            _assert_entry(pd.Series(got[key]._asdict()), want, (level, key))


def _assert_entry(row, want, where) -> None:
    for amount in ("pagu", "blokir", "realisasi"):
        value = row[amount]
        assert int(value) == want[amount] and int(value) == value, (where, amount, value, want[amount])
    assert _close(row["persen"], want["persen"]), (where, "persen", row["persen"], want["persen"])
    assert _close(row["target_persen"], want["target_persen"]), (where, "target", row["target_persen"],
                                                                 want["target_persen"])


@pytest.mark.parametrize("bulan", range(1, 13))
def test_summary_matches_the_input_rows(bulan, engine, data):
    tables = reports.budget_summary(engine, Period(b.THANG, bulan), scope=EVERYTHING)
    assert_matches(tables, b.expected_summary(data, b.THANG, bulan))


def test_amount_columns_are_integers(engine):
    tables = reports.budget_summary(engine, Period(b.THANG, 6), scope=EVERYTHING)
    for name, frame in tables.items():
        for amount in ("pagu", "blokir", "realisasi"):
            assert pd.api.types.is_integer_dtype(frame[amount]), (name, amount, frame[amount].dtype)


@pytest.mark.parametrize("bulan, quarter_share", [
    (1, lambda q: q[0] / 3), (2, lambda q: 2 * q[0] / 3), (3, lambda q: q[0]),
    (5, lambda q: q[0] + 2 * (q[1] - q[0]) / 3), (6, lambda q: q[1]), (10, lambda q: q[2] + (q[3] - q[2]) / 3),
    (12, lambda q: q[3]),
])
def test_target_is_interpolated_inside_the_quarter(bulan, quarter_share, engine, data):
    """March = TW I, February = 2/3 of TW I, May = TW I + 2/3 of (TW II - TW I)."""
    quarters = {}
    for row in data.rows["target"]:
        quarters.setdefault(row["jenis_belanja"], [0] * 4)[row["triwulan"] - 1] = Fraction(row["target_persen"])
    frame = reports.budget_summary(engine, Period(b.THANG, bulan), scope=EVERYTHING)["per_jenis_belanja"]
    for row in frame.itertuples():
        assert row.target_persen == pytest.approx(float(quarter_share(quarters[row.jenis_belanja])), rel=1e-12)


def test_total_target_is_the_pagu_weighted_mean(engine, data):
    """Computed by hand from the per-jenis pagu: sum(pagu_j * target_j) / sum(pagu_j)."""
    at = b.month_end(b.THANG, 5)
    pagu = {}
    for row in b.pagu_in_force(data, at).values():
        pagu[row["kdakun"][:2]] = pagu.get(row["kdakun"][:2], 0) + row["pagu"]
    quarters = b.quarter_table(data)
    target = {jb: q[0] + (q[1] - q[0]) * Fraction(2, 3) for jb, q in quarters.items()}
    want = sum(pagu[jb] * target[jb] for jb in pagu) / sum(pagu.values())
    total = reports.budget_summary(engine, Period(b.THANG, 5), scope=EVERYTHING)["total"].iloc[0]
    assert total.target_persen == pytest.approx(float(want), rel=1e-12)
    assert total.persen == pytest.approx(100 * float(total.realisasi) / float(total.pagu), rel=1e-12)


def test_default_targets_when_the_year_has_none(warehouse):
    """Without target rows for the year the PER-5/PB/2024 table applies (domain reference)."""
    with db.writing(warehouse) as draft, draft.engine.begin() as conn:
        conn.exec_driver_sql("delete from ref_target_hist")  # a copy: as if no target file was loaded
    data = b.base_dataset()
    per5 = {"51": [20, 50, 75, 95], "52": [15, 50, 70, 90], "53": [10, 40, 70, 90], "57": [25, 50, 75, 95]}
    per5 = {jb: [Fraction(v) for v in q] for jb, q in per5.items()}
    for bulan in (3, 5, 12):
        tables = reports.budget_summary(db.engine(warehouse), Period(b.THANG, bulan), scope=EVERYTHING)
        assert_matches(tables, b.expected_summary(data, b.THANG, bulan, targets=per5))


def test_targets_of_another_year_do_not_apply(warehouse, tmp_path):
    """Targets are per fiscal year: 2025 rows leave 2024 on its own targets."""
    rows = [dict(thang=2025, jenis_belanja=jb, triwulan=q, target_persen=99) for jb in ("51", "57")
            for q in (1, 2, 3, 4)]
    [result] = ingest_files(warehouse, [b.write_kind(tmp_path, "target", rows)])
    assert result.status == "dimuat"
    data = b.base_dataset()
    tables = reports.budget_summary(db.engine(warehouse), Period(b.THANG, 3), scope=EVERYTHING)
    assert_matches(tables, b.expected_summary(data, b.THANG, 3))


def test_jenis_without_a_target_carries_no_weight(engine):
    grain = reports.budget_grain(engine, Period(b.THANG, 3), scope=EVERYTHING)
    only_51 = {"51": 20.0}
    tables = summary_rules.summarize(grain, only_51)
    assert tables["total"].iloc[0].target_persen == pytest.approx(20.0)
    per_jenis = tables["per_jenis_belanja"].set_index("jenis_belanja")
    assert pd.isna(per_jenis.loc["57", "target_persen"])


def test_month_target_function():
    quarters = [15.0, 50.0, 70.0, 90.0]
    assert target_rules.month_target(quarters, 3) == pytest.approx(15)
    assert target_rules.month_target(quarters, 2) == pytest.approx(10)
    assert target_rules.month_target(quarters, 5) == pytest.approx(15 + 2 * 35 / 3)
    assert target_rules.month_target(quarters, 12) == pytest.approx(90)


# ------------------------------------------------------------------ filters and scope

FILTERS = {
    "unit_01": (Filters(units=("01",)), dict(units=("01",))),
    "unit_05": (Filters(units=("05",)), dict(units=("05",))),
    "satker_S2": (Filters(satkers=(S2,)), dict(satkers=(S2,))),
    "satker_S1_S3": (Filters(satkers=(S1, S3)), dict(satkers=(S1, S3))),
    "unit_05_satker_S1": (Filters(units=("05",), satkers=(S1,)), dict(units=("05",), satkers=(S1,))),
    "kewenangan_DK": (Filters(kewenangan=("DK",)), dict(satkers=(S3,))),
    "lokasi_31": (Filters(lokasi=("31",)), dict(satkers=(S1, S2))),
    "jenis_52": (Filters(jenis_belanja=("52",)), dict(jenis=("52",))),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_filters(name, engine, data):
    filters, selection = FILTERS[name]
    tables = reports.budget_summary(engine, Period(b.THANG, 6), filters=filters, scope=EVERYTHING)
    expected = b.expected_summary(data, b.THANG, 6, **selection)
    if not expected["per_unit"]:
        assert tables["per_satker"].empty and int(tables["total"].iloc[0].pagu) == 0
        return
    assert_matches(tables, expected)


SCOPES = {
    "unit_01": (Scope(units=("01",)), dict(units=("01",))),
    "satker_S3": (Scope(satkers=(S3,)), dict(satkers=(S3,))),
    "unit_05_satker_S2": (Scope(units=("05",), satkers=(S2,)), dict(satkers=(S2,))),
}


@pytest.mark.parametrize("name", list(SCOPES))
def test_scope_restricts_the_rows_in_sql(name, engine, data):
    scope, selection = SCOPES[name]
    grain = query.run(engine, "ringkasan_ppk", scope=scope, tahun=b.THANG, sampai=b.month_end(b.THANG, 6))
    allowed = {s for s in (S1, S2, S3) if s in selection.get("satkers", (S1, S2, S3))
               and b.UNIT_OF[s] in selection.get("units", ("01", "05"))}
    assert set(grain["kdsatker"]) == allowed
    tables = reports.budget_summary(engine, Period(b.THANG, 6), scope=scope)
    assert_matches(tables, b.expected_summary(data, b.THANG, 6, **selection))


def test_filter_cannot_widen_the_scope(engine):
    grain = query.run(engine, "ringkasan_ppk", scope=Scope(units=("05",)), filters=Filters(units=("01",)),
                      tahun=b.THANG, sampai=b.month_end(b.THANG, 6))
    assert grain.empty
    grain = query.run(engine, "ringkasan_ppk", scope=Scope(satkers=(S2,)), filters=Filters(satkers=(S1, S2)),
                      tahun=b.THANG, sampai=b.month_end(b.THANG, 6))
    assert set(grain["kdsatker"]) == {S2}


# ------------------------------------------------------------------ exact integers beyond 2**53

@pytest.fixture(scope="module")
def big_warehouse(template_warehouse, tmp_path_factory):
    """L8 and L9 (satker S3) revised on 15 April to BIG each; BIG realized on L8 in May."""
    import shutil

    tmp_path = tmp_path_factory.mktemp("besar")
    warehouse = shutil.copyfile(template_warehouse, tmp_path / "gudang.duckdb")
    data = b.base_dataset()
    extra_pagu = [b._pagu(L8, BIG, 1, 1, REV1), b._pagu(L9, BIG, 0, 1, REV1)]
    extra_real = [b._sp2d(L8, "2024-05-20", "BESAR-1", BIG), b._sp2d(L8, "2024-05-21", "BESAR-2", 1)]
    paths = [b.write_kind(tmp_path / "a", "pagu", extra_pagu, "csv_semicolon"),
             b.write_kind(tmp_path / "b", "realisasi", extra_real, "csv_dots")]
    results = ingest_files(warehouse, paths)
    assert [r.status for r in results] == ["dimuat", "dimuat"], [r.message for r in results]
    data.rows["pagu"] += extra_pagu
    data.rows["realisasi"] += extra_real
    yield warehouse, data
    db.dispose(warehouse)


def test_amounts_above_2_pow_53_are_exact_in_the_warehouse(big_warehouse):
    db_path, data = big_warehouse
    assert b.scalar(db_path, "select pagu from fact_pagu where kdsatker = :s and revisi_ke = 1 and kdakun = :a",
                    s=S3, a=L8["kdakun"]) == BIG
    grain = reports.budget_grain(db.engine(db_path), Period(b.THANG, 6), scope=EVERYTHING)
    s3 = grain[grain["kdsatker"] == S3].set_index("jenis_belanja")
    realized_57 = sum(r["nilai"] for r in data.rows["realisasi"] if r["kdsatker"] == S3) + sum(
        r[f"real{m}"] for r in data.rows["realisasi_tanpa_ppk"] if r["kdakun"] == L8["kdakun"] for m in range(1, 7))
    assert int(s3.loc["57", "pagu"]) == BIG
    assert int(s3.loc["57", "realisasi"]) == realized_57


@pytest.mark.parametrize("level", ["total"] + LEVELS)
def test_amounts_above_2_pow_53_are_exact_in_the_summary(level, big_warehouse):
    db_path, data = big_warehouse
    tables = reports.budget_summary(db.engine(db_path), Period(b.THANG, 6), scope=EVERYTHING)
    expected = b.expected_summary(data, b.THANG, 6)
    assert expected["total"]["pagu"] > 2 * BIG  # the sums really are beyond float precision
    if level == "total":
        row = next(tables["total"].itertuples(index=False))  # iloc[0] would upcast to float64
        got = (int(row.pagu), int(row.blokir), int(row.realisasi))
        want = expected["total"]
        assert got == (want["pagu"], want["blokir"], want["realisasi"])
    else:
        got = {_key(level, r): (int(r.pagu), int(r.blokir), int(r.realisasi))
               for r in tables[level].itertuples(index=False)}
        assert got == {k: (v["pagu"], v["blokir"], v["realisasi"]) for k, v in expected[level].items()}


def test_target_of_each_row_is_the_map_of_its_jenis_belanja():
    from monev.domain import summary

    jenis = pd.Series(["51", "57", None, "52", "51"], index=[10, 11, 12, 13, 14], dtype="str")
    got = summary.target_of(jenis, {"51": 25.5, "52": 40.0})
    pd.testing.assert_series_equal(got, jenis.map({"51": 25.5, "52": 40.0}).astype("float64"))
    assert summary.target_of(jenis, {}).isna().all()
