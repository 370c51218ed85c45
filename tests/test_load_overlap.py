"""The load's shortcuts give what the plain steps give: the first file read while the warehouse
is copied (and a load killed then leaves the warehouse as it was), the staging lines built beside
the load, and the money fast path reading an all-integer column to the same values and problems
as the general parser."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import _copy
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.warehouse import db, ingest, store, validate

import builders as b

ROOT = Path(__file__).resolve().parent.parent


def _leftovers(warehouse: Path) -> list[str]:
    directory = store.versions_dir(store.live_path(warehouse))
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("tmp-"))


def _sp2d_file(directory: Path, tag: str) -> Path:
    """One line above its pagu and one on a budget line without pagu (two warnings, on file
    rows 2 and 4), and a clean line between them."""
    no_pagu = b._line(b.S3, "027.05.DL", "6201", "QDB", "002", "573111", "01")
    return b.write_kind(directory / tag, "realisasi", [
        b._sp2d(b.L9, "2024-03-10", f"{tag}-1", 10**13), b._sp2d(b.L1, "2024-04-10", f"{tag}-2", 7_000),
        b._sp2d(no_pagu, "2024-03-11", f"{tag}-3", 5_000)])


def _plain_load(warehouse: Path, paths: list[Path]) -> list[ingest.LoadResult]:
    """ingest_files as it was before reading ahead: the copy first, then every file in turn."""
    with db.writing(warehouse) as draft:
        results = ingest.load_files(draft.engine, paths, None, "uji")
        if not any(r.status == ingest.LOADED for r in results):
            draft.discard()
    return results


def _same_results(ahead: list[ingest.LoadResult], plain: list[ingest.LoadResult]) -> None:
    assert len(ahead) == len(plain)
    for one, other in zip(ahead, plain):
        assert (one.file_name, one.status, one.kind, one.batch_id, one.rows, one.message, one.total_problems,
                one.total_warnings) == (other.file_name, other.status, other.kind, other.batch_id, other.rows,
                                        other.message, other.total_problems, other.total_warnings)
        pd.testing.assert_frame_equal(one.problems.reset_index(drop=True), other.problems.reset_index(drop=True))
        pd.testing.assert_frame_equal(one.warnings.reset_index(drop=True), other.warnings.reset_index(drop=True))


def _bad_header(directory: Path) -> Path:
    path = directory / "aneh.csv"
    path.write_text("apa,ini\n1,2\n", encoding="utf-8")
    return path


def _rejected(directory: Path) -> Path:
    line = b._sp2d(b.L1, "2024-04-10", "TOLAK-1", 7_000)
    return b.write_kind(directory / "tolak", "realisasi", [{**line, "nilai": "12,5"}])


@pytest.mark.parametrize("files", [
    lambda d: [_sp2d_file(d, "A")],                                   # warnings, on their file rows
    lambda d: [_sp2d_file(d, "A"), _sp2d_file(d, "B")],               # the second file read in its turn
    lambda d: [_rejected(d)],                                         # rejected: nothing published
    lambda d: [_bad_header(d), _sp2d_file(d, "C")],                   # an unreadable first file
    lambda d: [d / "hilang.csv"],                                     # a file that is not there
])
def test_reading_ahead_gives_the_results_of_reading_in_turn(files, warehouse, tmp_path):
    other = _copy(warehouse, tmp_path / "lain.duckdb")
    paths = files(tmp_path)
    ahead = ingest.ingest_files(warehouse, paths, loaded_by="uji")
    plain = _plain_load(other, paths)
    _same_results(ahead, plain)
    db.dispose()
    assert b.snapshot(warehouse) == b.snapshot(other)
    assert not _leftovers(warehouse)


def test_warnings_name_the_file_rows_of_lines_built_beside_the_load(warehouse, tmp_path):
    [result] = ingest.ingest_files(warehouse, [_sp2d_file(tmp_path, "A")], loaded_by="uji")
    assert result.status == ingest.LOADED and sorted(result.warnings["baris"]) == [2, 4]


def test_the_first_file_is_read_while_the_warehouse_is_copied(warehouse, tmp_path, monkeypatch):
    """The copy waits until the reading has begun: done one after the other, it would time out."""
    reading, copy_waited = threading.Event(), []
    copyfile, read_table = store.shutil.copyfile, ingest.read_table

    def slow_copy(source, target):
        copy_waited.append(reading.wait(10))
        return copyfile(source, target)

    def read_and_signal(path):
        reading.set()
        return read_table(path)

    monkeypatch.setattr(store.shutil, "copyfile", slow_copy)
    monkeypatch.setattr(ingest, "read_table", read_and_signal)
    [result] = ingest.ingest_files(warehouse, [_sp2d_file(tmp_path, "A")], loaded_by="uji")
    assert result.status == ingest.LOADED and copy_waited == [True]


def test_a_file_changed_after_it_was_read_ahead_is_read_again(warehouse, tmp_path):
    path = _sp2d_file(tmp_path, "A")
    early = ingest.read_ahead(path, None)
    b.write_kind(tmp_path / "A", "realisasi", [b._sp2d(b.L1, "2024-04-10", "BARU-1", 7_000)])
    os.utime(path, ns=(early.stamp[1] + 10**9, early.stamp[1] + 10**9))  # a new time even on a coarse clock
    assert not early.fits(path)
    with db.writing(warehouse) as draft:
        result = ingest.ingest_file(draft.engine, path, loaded_by="uji", ahead=early)
    assert result.status == ingest.LOADED and result.rows == 1 and result.total_warnings == 0


def test_a_failure_while_copying_leaves_the_warehouse_as_it_was(warehouse, tmp_path):
    before = b.snapshot(warehouse)

    def fails():
        raise RuntimeError("uji")

    with pytest.raises(RuntimeError, match="uji"), db.writing(warehouse, meanwhile=fails):
        pass
    assert not _leftovers(warehouse) and b.snapshot(warehouse) == before
    [result] = ingest.ingest_files(warehouse, [_sp2d_file(tmp_path, "A")], loaded_by="uji")  # the lock is free
    assert result.status == ingest.LOADED


def test_a_load_killed_while_reading_ahead_leaves_the_warehouse_as_it_was(warehouse, tmp_path):
    before = b.snapshot(warehouse)
    env = {**os.environ, "PYTHONPATH": str(ROOT), store.CRASH_ENV: "sambil_menyalin"}
    done = subprocess.run([sys.executable, "-m", "monev", "ingest", "--db", str(warehouse), "--user", "uji",
                           str(_sp2d_file(tmp_path, "A"))], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    db.dispose()
    assert b.snapshot(warehouse) == before
    [result] = ingest.ingest_files(warehouse, [_sp2d_file(tmp_path, "A")], loaded_by="uji")
    assert result.status == ingest.LOADED and not _leftovers(warehouse)


def test_staging_lines_are_built_first_only_where_the_load_reads_them():
    """A wide file's load supersedes by its lines (built before the scripts); a long file's
    lines serve the warnings only (built beside the load)."""
    def reads_lines(kind: str) -> bool:
        return any("staging_lines" in ingest.query.sql_text(script)
                   for script in [f"load/{kind}", *ingest.REFRESHES[kind]])

    assert reads_lines("realisasi_bulanan") and not reads_lines("realisasi")


def _both(cells: list[str], column: str = "nilai") -> tuple[tuple, tuple]:
    """(values, problems, total) of the fast path where it applies, and of the general parser."""
    text = pd.Series(cells, dtype=pd.StringDtype())
    results = []
    for fast in (True, False):
        problems = validate.Problems(text.index)
        original = validate._all_digits
        if not fast:
            validate._all_digits = lambda _text: False
        try:
            values = validate._money(text, column, problems)
        finally:
            validate._all_digits = original
        results.append((values, problems.frame().reset_index(drop=True), problems.total))
    return results[0], results[1]


def _assert_same(fast: tuple, general: tuple) -> None:
    pd.testing.assert_series_equal(fast[0], general[0], check_exact=True)
    pd.testing.assert_frame_equal(fast[1], general[1], check_exact=True)
    assert fast[2] == general[2]


@pytest.mark.parametrize("cells", [
    ["0", "-0", "007", "-007", "123", "-123"],                      # zeros, leading zeros, negatives
    ["999999999999999999", "-999999999999999999", "1"],             # 18 digits: the largest taken
    ["1000000000000000000", "5"],                                    # 19 digits: too large, general path
    ["", "12"],                                                      # an empty cell: general path
    ["1.234.567", "1234567", "1234567,00", "1234567.0", "-5"],       # mixed notations
    ["12,5", "8,7E+08", "Rp 5", "1,234,567", "abc", "- 5", "+5"],    # every wrong shape beside digits
    ["٣", "12"],                                                     # a non-ASCII digit is no digit
])
@pytest.mark.parametrize("column", ["nilai", "pagu"])  # pagu: negatives are a problem
def test_money_fast_path_edges(cells, column):
    _assert_same(*_both(cells, column))


def test_fast_path_taken_only_for_plain_digits():
    assert validate._all_digits(pd.Series(["0", "-12", "007", "9" * 18], dtype=pd.StringDtype()))
    for odd in ("", "9" * 19, "1.000", "1,0", "-", "--1", " 1", "+1", "1e5"):
        assert not validate._all_digits(pd.Series(["1", odd], dtype=pd.StringDtype())), odd


_cell = st.one_of(
    st.integers(-10**18 + 1, 10**18 - 1).map(str),
    st.integers(0, 10**6).map(lambda v: "0" * 3 + str(v)),
    st.sampled_from(["", "-0", "1.000", "1.000,00", "12,50", "1e3", "9" * 19, "-" + "9" * 19]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_cell, min_size=1, max_size=20), st.sampled_from(["nilai", "pagu"]))
def test_money_fast_path_property(cells, column):
    _assert_same(*_both(cells, column))
