"""Validation's fast paths give what the plain loop gives: the columns checked in threads, and the
duplicate-key check that hashes one column when that column alone is unique."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.warehouse import formats, validate

KIND = formats.KINDS["realisasi"]


def _cells(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({
        "thang": ["2024"] * n,
        "tgl_sp2d": [f"2024-{m:02d}-15" for m in rng.integers(1, 13, n)],
        "no_sp2d": [f"SP2D-{i:06d}" for i in range(n)],
        "kdsatker": rng.choice(["123456", "654321"], n),
        "kdprogram": ["027.01.WA"] * n,
        "kdgiat": rng.choice(["1234", "5678"], n),
        "kdoutput": ["QMA"] * n,
        "kdsoutput": ["001"] * n,
        "kdakun": rng.choice(["521211", "511111"], n),
        "kdppk": ["01"] * n,
        "nilai": [str(v) for v in rng.integers(-1000, 10**9, n)],
    }, dtype=pd.StringDtype())


def _everything_known(cells: pd.DataFrame) -> validate.RefLookup:
    def lookup(ref: formats.RefCheck) -> pd.DataFrame:
        known = cells[list(ref.columns)].drop_duplicates().copy()
        if "thang" in known:
            known["thang"] = known["thang"].astype("int64")
        return known.rename(columns=dict(zip(ref.columns, ref.target_columns)))
    return lookup


def _sequential(kind, header, cells, lookup, row_numbers=None) -> validate.Checked:
    """validate.check as it was before its columns went to threads: one loop, one collector."""
    cells = cells.reset_index(drop=True)
    problems = validate.Problems(cells.index, row_numbers)
    typed = pd.DataFrame(index=cells.index)
    text_cells = pd.DataFrame(index=cells.index)
    for col in kind.columns:
        if col.name not in cells.columns:
            continue
        text = cells[col.name].fillna("").str.strip()
        if col.empty_is_zero:
            text = text.where(text != "", "0")
        text_cells[col.name] = text
        if col.required:
            problems.add(text == "", col.name, text, "wajib diisi")
        typed[col.name] = validate._typed_column(col, text, problems)
    validate._row_rules(kind, typed, text_cells, problems)
    key = [k for k in kind.key if k in typed.columns]
    clash = typed.duplicated(subset=key, keep=False)
    if clash.any():  # the old duplicate check, on every key column
        clashing = typed.loc[clash, key].copy()
        clashing["_first"] = clashing.index
        first = clashing.groupby(key, sort=False)["_first"].transform("min")
        first_row = (pd.Series(row_numbers[first.to_numpy()], index=first.index)
                     if row_numbers is not None else first + 2)
        reason = "kunci ganda (" + ", ".join(key) + "): sama dengan baris " + first_row.astype(str)
        problems.add((first != clashing.index).reindex(typed.index, fill_value=False), key[-1],
                     typed[key[-1]], reason.reindex(typed.index))
    validate._references(kind, typed, text_cells, lookup, problems)
    return validate.Checked(typed, problems.frame(), problems.total, [], row_numbers)


def _broken(cells: pd.DataFrame) -> pd.DataFrame:
    """Problems in many columns at once, several in the same rows, and duplicate keys."""
    cells = cells.copy()
    cells.loc[[3, 40, 41], "nilai"] = ["12,5", "Rp 100", "8,7E+08"]
    cells.loc[[3, 7], "kdsatker"] = ["12345", ""]
    cells.loc[[7, 9], "tgl_sp2d"] = ["2024-13-01", "45291"]
    cells.loc[[9, 12], "thang"] = ["24", "2023"]
    cells.loc[[15], "kdakun"] = ["999999"]  # not in the reference
    cells.loc[[20, 21], "kdgiat"] = ["12a4", "12 34"]
    cells.loc[30] = cells.loc[2]  # the whole key again
    cells.loc[31, ["no_sp2d", "kdsatker"]] = [cells.loc[2, "no_sp2d"], "999999"]  # the SP2D again, not the key
    return cells


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_columns_checked_in_threads_report_exactly_what_one_loop_reports(threads, monkeypatch):
    cells = _cells(2000)
    lookup = _everything_known(cells)
    cells = _broken(cells)
    expected = _sequential(KIND, list(cells.columns), cells, lookup)
    monkeypatch.setattr(validate, "COLUMN_THREADS", threads)
    checked = validate.check(KIND, list(cells.columns), cells, lookup)
    assert checked.total_problems == expected.total_problems > 10
    pd.testing.assert_frame_equal(checked.problems.reset_index(drop=True), expected.problems.reset_index(drop=True))
    pd.testing.assert_frame_equal(checked.frame, expected.frame)
    assert "kunci ganda" in " ".join(checked.problems["alasan"])


def test_a_key_repeated_after_the_first_rows_is_found_though_its_sp2d_looked_unique():
    """The column hashed alone is chosen on the first rows; the SP2D number repeating only at row
    1.500 must still send the file to the whole-key check."""
    cells = _cells(2000)
    lookup = _everything_known(cells)
    cells.loc[1500] = cells.loc[1200]
    checked = validate.check(KIND, list(cells.columns), cells, lookup)
    assert checked.problems.to_dict("records") == [{
        "baris": 1502, "kolom": "kdppk", "nilai": "01",
        "alasan": "kunci ganda (thang, no_sp2d, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, "
                  "kdppk): sama dengan baris 1202"}]


def test_a_repeated_sp2d_number_on_another_line_is_no_duplicate():
    cells = _cells(2000)
    lookup = _everything_known(cells)
    cells.loc[1500, ["no_sp2d", "kdakun"]] = [cells.loc[10, "no_sp2d"],
                                              "511111" if cells.loc[10, "kdakun"] == "521211" else "521211"]
    checked = validate.check(KIND, list(cells.columns), cells, lookup)
    assert checked.ok, checked.problems.to_dict("records")
    assert not validate._unique_column(checked.frame, list(KIND.key))


def test_a_unique_sp2d_column_skips_the_whole_key_check(monkeypatch):
    cells = _cells(2000)

    original = pd.DataFrame.duplicated

    def duplicated(frame, subset=None, keep="first"):
        assert list(subset or frame.columns) != list(KIND.key), "the whole key was hashed; no_sp2d is unique"
        return original(frame, subset=subset, keep=keep)

    monkeypatch.setattr(pd.DataFrame, "duplicated", duplicated)
    checked = validate.check(KIND, list(cells.columns), cells, _everything_known(cells))
    assert checked.ok
