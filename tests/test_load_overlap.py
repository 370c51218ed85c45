"""The load's shortcuts give what the plain steps give: the money fast path reads an all-integer
column to the same values and problems as the general parser."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.warehouse import validate


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
