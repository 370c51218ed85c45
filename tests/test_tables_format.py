"""monev.ui.tables.formatted keeps a table's numbers as numbers (a click on a column header sorts
them as numbers) and gives Streamlit the Indonesian text of its percentage and score columns as
display values, written value by value on a screenful and by whole columns beyond: both must
write the very same text, whatever the values, and Streamlit must carry it to the browser.
Rupiah are written by the browser (MONEY_FORMATS): tests/test_e2e_table_sort.py holds that
format to monev.i18n.format."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from monev.i18n import format as fmt
from monev.ui import tables

FLOATS = st.one_of(st.floats(min_value=-1e19, max_value=1e19), st.floats(min_value=-1e4, max_value=1e4),
                   st.integers(min_value=-10**6, max_value=10**6).map(lambda k: k / 8),
                   st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf, 0.005, 2.675, -0.7, 2.0**63]))
INTEGERS = st.one_of(st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1),
                     st.integers(min_value=-(10**13), max_value=10**13), st.none())


def _frame(draw, rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "nama": [f"satker {i}" for i in range(rows)],
        "pagu": pd.Series(draw(st.lists(INTEGERS, min_size=rows, max_size=rows)), dtype="Int64"),
        "kebutuhan": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
        "persen": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
        "rasio": pd.Series(draw(st.lists(INTEGERS, min_size=rows, max_size=rows)), dtype="Int64"),
        "nilai": pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype="float64"),
    }, index=[10 + 3 * i for i in range(rows)])  # a page of a longer table: its rows keep their labels


def displayed(table) -> pd.DataFrame:
    """(the numbers, the display texts) Streamlit 1.65 sends to the browser for `table`."""
    if not isinstance(table, tables.Styler):
        return table, table
    proto = ArrowData()
    marshall_styler(proto, table, "uuid")
    return table.data, dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)


@st.composite
def screenful(draw):
    return _frame(draw, draw(st.integers(min_value=0, max_value=tables.FEW_ROWS)))


@settings(max_examples=300, deadline=None)
@given(frame=screenful(), lang=st.sampled_from(["id", "en"]))
def test_a_screenful_stays_numbers_shown_as_the_whole_column_writers_write_them(frame, lang):
    table, config = tables.formatted(frame, lang, {"pagu": "Pagu"}, money=["pagu", "kebutuhan"],
                                     percent=["persen", "rasio"], scores=["nilai"])
    numbers, texts = displayed(table)
    expected = {"persen": fmt.percents(frame["persen"], lang), "rasio": fmt.percents(frame["rasio"], lang),
                "nilai": fmt.scores(frame["nilai"], lang)}
    for column, written in expected.items():
        assert texts[column].tolist() == written.tolist(), column
        assert config[column]["type_config"] == {"type": "number", "min_value": None, "max_value": None,
                                                 "format": None, "step": None}  # no format: the text is shown
    pd.testing.assert_frame_equal(numbers[list(expected)], frame[list(expected)])  # sorted as numbers
    assert numbers["pagu"].equals(frame["pagu"])
    whole = [None if not math.isfinite(v) else int(v) for v in frame["kebutuhan"]]  # int() as fmt.amounts cuts
    assert [None if pd.isna(v) else int(v) for v in numbers["kebutuhan"]] == whole
    assert config["pagu"]["label"] == "Pagu"
    for column in ("pagu", "kebutuhan"):
        assert config[column]["type_config"]["format"] == tables.MONEY_FORMATS[lang]


def test_both_paths_are_taken():
    """A table longer than a screenful goes through the whole-column writers, with the same text."""
    values = [1_234_567.9, math.nan, -0.4, 98.765]
    for rows in (tables.FEW_ROWS, tables.FEW_ROWS + 1):
        frame = pd.DataFrame({"pagu": (values * rows)[:rows], "persen": (values * rows)[:rows],
                              "nilai": (values * rows)[:rows]})
        table, config = tables.formatted(frame, "id", {"pagu": "Pagu"}, money=["pagu"], percent=["persen"],
                                         scores=["nilai"])
        numbers, texts = displayed(table)
        pagu = numbers["pagu"].tolist()[:4]
        assert pagu[0] == 1_234_567 and math.isnan(pagu[1]) and pagu[2:] == [0, 98]
        assert math.copysign(1, pagu[2]) == 1  # never -0.0: the browser would write "-0"
        assert texts["persen"].tolist()[:4] == ["1.234.567,90%", "–", "-0,40%", "98,76%"]
        assert texts["nilai"].tolist()[:4] == ["1.234.567,90", "–", "-0,40", "98,76"]
        assert config["pagu"]["label"] == "Pagu"


def test_a_table_past_streamlits_styled_cell_limit_is_written_as_text():
    """Streamlit refuses a Styler above 262.144 cells: such a table (a long rincian level) shows
    the same texts as text columns, as before."""
    rows = tables.STYLED_CELLS // 2 + 1
    frame = pd.DataFrame({"pagu": [1_234_567] * rows, "persen": [97.111] * rows})
    table, config = tables.formatted(frame, "id", {"persen": "Persen"}, money=["pagu"], percent=["persen"])
    assert isinstance(table, pd.DataFrame)
    assert table["persen"].iloc[0] == "97,11%" and table["pagu"].iloc[0] == 1_234_567
    assert config["persen"]["type_config"]["type"] == "text" and config["persen"]["label"] == "Persen"


def test_a_table_without_percentages_or_scores_is_drawn_as_it_is():
    frame = pd.DataFrame({"nama": ["a"], "pagu": [5]})
    table, config = tables.formatted(frame, "en", {"nama": "Name"}, money=["pagu"])
    assert table is frame and config["nama"] == "Name"
    assert config["pagu"]["type_config"]["format"] == "%,d"
