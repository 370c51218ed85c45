"""monev.ui.tables.formatted writes a screenful of rows value by value (cheaper on few rows) and a
longer table by whole columns: both must write the very same text, whatever the values."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.i18n import format as fmt
from monev.ui import tables

FLOATS = st.one_of(st.floats(min_value=-1e19, max_value=1e19), st.floats(min_value=-1e4, max_value=1e4),
                   st.integers(min_value=-10**6, max_value=10**6).map(lambda k: k / 8),
                   st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf, 0.005, 2.675, -0.7, 2.0**63]))
INTEGERS = st.one_of(st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1),
                     st.integers(min_value=-(10**13), max_value=10**13), st.none())


def _frame(draw, rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "pagu": pd.Series(draw(st.lists(INTEGERS, min_size=rows, max_size=rows)), dtype="Int64"),
        "kebutuhan": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
        "persen": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
        "rasio": pd.Series(draw(st.lists(INTEGERS, min_size=rows, max_size=rows)), dtype="Int64"),
        "nilai": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
    }, index=[10 + 3 * i for i in range(rows)])  # a page of a longer table: its rows keep their labels


@st.composite
def screenful(draw):
    return _frame(draw, draw(st.integers(min_value=0, max_value=tables.FEW_ROWS)))


@settings(max_examples=300, deadline=None)
@given(frame=screenful(), lang=st.sampled_from(["id", "en"]))
def test_a_screenful_is_written_as_the_whole_column_writers_write_it(frame, lang):
    shown, _ = tables.formatted(frame, lang, money=["pagu", "kebutuhan"], percent=["persen", "rasio"],
                                scores=["nilai"])
    expected = {"pagu": fmt.amounts(frame["pagu"], lang), "kebutuhan": fmt.amounts(frame["kebutuhan"], lang),
                "persen": fmt.percents(frame["persen"], lang), "rasio": fmt.percents(frame["rasio"], lang),
                "nilai": fmt.scores(frame["nilai"], lang)}
    for column, written in expected.items():
        pd.testing.assert_series_equal(shown[column], written, check_names=False)


def test_both_paths_are_taken():
    """A table longer than a screenful goes through the whole-column writers, with the same text."""
    values = [1_234_567.9, math.nan, -0.4, 98.765]
    for rows in (tables.FEW_ROWS, tables.FEW_ROWS + 1):
        frame = pd.DataFrame({"pagu": (values * rows)[:rows], "persen": (values * rows)[:rows]})
        shown, config = tables.formatted(frame, "id", {"pagu": "Pagu"}, money=["pagu"], percent=["persen"])
        assert shown["pagu"].tolist()[:4] == ["1.234.567", "–", "0", "98"]
        assert shown["persen"].tolist()[:4] == ["1.234.567,90%", "–", "-0,40%", "98,76%"]
        assert config["pagu"]["label"] == "Pagu"
