"""The capaian page's RO aggregate (schema 10, agg_capaian_ro) gives queries/capaian_tingkat.sql
the same figures as the budget lines it replaces: the query's branch reading the aggregate
(no jenis belanja filter, whole satker) against its branch reading the lines, forced in a copy of
the warehouse by turning the switch macro capaian_dari_agregat off, at several months, under
scopes and filters, and after loads of every kind that feeds it and their undos. Rupiah and
counts equal; the floating sums within 1e-12 relative (fsum over threads is not bit-repeatable)."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from monev.domain.period import Period
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

import builders as b
from builders import L1, L2, L4, L6, S1, S2, S3

MONTHS = (2, 5, 9, 12)
# the selections whose RO come from the aggregate, and (last two) those that still read the lines
CASES = [(EVERYTHING, NO_FILTER), (Scope(units=("05",)), NO_FILTER), (Scope(satkers=(S1,)), NO_FILTER),
         (EVERYTHING, Filters(units=("01",))), (EVERYTHING, Filters(satkers=(S2, S3))),
         (EVERYTHING, Filters(jenis_belanja=("57",))), (Scope(ppks=((S1, "02"),)), NO_FILTER)]
OFF = "create or replace macro capaian_dari_agregat(f_jenis_belanja, scope_ppk) as false"


def _copy(db_path, target, *statements):
    db.dispose(db_path)
    target.write_bytes(db_path.resolve().read_bytes())
    if statements:
        con = duckdb.connect(str(target))
        try:
            for statement in statements:
                con.execute(statement)
        finally:
            con.close()
    return target


def _results(path) -> dict[tuple, pd.DataFrame]:
    engine = sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": True})
    try:
        return {(bulan, n): query.run(engine, "capaian_tingkat", scope=scope, filters=filters,
                                      tahun=b.THANG, sampai=Period(b.THANG, bulan).sampai)
                for bulan in MONTHS for n, (scope, filters) in enumerate(CASES)}
    finally:
        engine.dispose()


def _assert_same(got: pd.DataFrame, want: pd.DataFrame, where) -> None:
    assert list(got.columns) == list(want.columns), where
    assert len(got) == len(want), where
    for column in want.columns:
        if want[column].dtype.kind == "f" or got[column].dtype.kind == "f":
            x, y = got[column].astype(float).to_numpy(), want[column].astype(float).to_numpy()
            assert (np.isnan(x) == np.isnan(y)).all(), (where, column)
            assert np.allclose(x[~np.isnan(x)], y[~np.isnan(y)], rtol=1e-12, atol=0), (where, column)
        else:
            assert got[column].tolist() == want[column].tolist(), (where, column)


def _assert_branches_agree(db_path, tmp_path) -> dict[tuple, pd.DataFrame]:
    from_aggregate = _results(_copy(db_path, tmp_path / "agregat.duckdb"))
    from_lines = _results(_copy(db_path, tmp_path / "garis.duckdb", OFF))
    for key, want in from_lines.items():
        _assert_same(from_aggregate[key], want, key)
    return from_aggregate


def _load(db_path, directory, kind, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


def _report(satker, giat, output, soutput, bulan, target, real, fisik):
    return dict(thang=b.THANG, bulan=bulan, kdsatker=satker, kdgiat=giat, kdoutput=output, kdsoutput=soutput,
                target_vol=target, real_vol=real, progres_fisik=fisik)


L_S3_002 = b._line(S3, "027.05.DL", "6201", "QDB", "002", "573111", "01")  # an RO of S3 without pagu
LOADS = [
    # new realization on an RO with lines, on an RO without any line yet, and a month not realized before
    ("realisasi", [b._sp2d(L1, "2024-03-10", "CAP-1", 7_000_000), b._sp2d(L4, "2024-02-01", "CAP-2", 5_000_000),
                   b._sp2d(L_S3_002, "2024-05-20", "CAP-3", 11_000_000)]),
    # an SP2D restated into another month and amount, and one superseded to another value
    ("realisasi", [b._sp2d(L2, "2024-08-01", "2406028", -3_000_000), b._sp2d(L1, "2024-03-10", "CAP-1", 1)]),
    # a wide file restating a line's year
    ("realisasi_bulanan", [b._wide(L6, [0] * 10 + [4_000_000_000, 0])]),
    # reports: a later month for a reported RO, a first one without a target, one on an RO without lines
    ("capaian", [_report(S1, "0123", "EBA", "962", 9, "12", "11", "91.5"),
                 _report(S2, "6201", "QDB", "002", 4, "0", "3", "10"),
                 _report(S3, "6201", "QDB", "002", 2, "5", "7", "40")]),
    # a revision of a line's pagu in August
    ("pagu", [b._pagu(L1, 1_700_000_000, 0, 2, "2024-08-15")]),
]


def test_the_aggregate_branch_equals_the_lines_branch_after_loads_and_undos(warehouse, tmp_path):
    before = _assert_branches_agree(warehouse, tmp_path)
    loaded = []
    for n, (kind, rows) in enumerate(LOADS):
        loaded.append(_load(warehouse, tmp_path / f"muat{n}", kind, rows))
        after = _assert_branches_agree(warehouse, tmp_path)
        changed = [key for key in after if key[1] == 0 and not after[key].equals(before[key])]
        assert changed, f"load {n} ({kind}) changed nothing the page shows: the test would not see it"
        before = after
    for batch_id in reversed(loaded):
        batches.undo(warehouse, batch_id)
        _assert_branches_agree(warehouse, tmp_path)


def test_without_filter_the_page_reads_the_aggregate_and_with_one_the_lines(warehouse, tmp_path):
    emptied = _results(_copy(warehouse, tmp_path / "kosong.duckdb", "delete from agg_capaian_ro"))
    full = _results(_copy(warehouse, tmp_path / "penuh.duckdb"))
    for (bulan, n), frame in emptied.items():
        scope, filters = CASES[n]
        total = frame[frame["tingkat"] == "total"].iloc[0]
        if filters.jenis_belanja or scope.ppks:  # the lines: the aggregate is not read
            _assert_same(frame, full[(bulan, n)], (bulan, n))
        else:
            assert total["jumlah_ro"] == 0 and total["pagu"] == 0, (bulan, n)
    assert full[(12, 0)].query("tingkat == 'total'")["jumlah_ro"].iloc[0] > 0


@pytest.mark.parametrize("bulan", [2, 7])
def test_the_aggregate_holds_the_ro_with_lines_realization_or_a_report_at_each_month(shared_warehouse, bulan):
    """The RO of a month: those with a line in force at its end, realization or a report by then."""
    db.dispose(shared_warehouse)
    con = duckdb.connect(str(shared_warehouse.resolve()), read_only=True)
    try:
        end = Period(b.THANG, bulan).sampai
        key = "thang, kdsatker, kdgiat, kdoutput, kdsoutput"
        want = set(con.execute(f"""
            select {key} from fact_pagu where tgl_revisi <= ?
            union select {key} from fact_realisasi where month(tgl_sp2d) <= ?
            union select {key} from fact_capaian where bulan <= ?""", [end, bulan, bulan]).fetchall())
        got = con.execute(f"""select {key} from agg_capaian_ro
            where pagu[?] is not null or realisasi[?] is not null or bulan_capaian[?] is not null""",
                          [bulan] * 3).fetchall()
        every = con.execute(f"select {key} from agg_capaian_ro").fetchall()
    finally:
        con.close()
    assert set(got) == want
    assert len(every) == len(set(every))  # one row per RO
