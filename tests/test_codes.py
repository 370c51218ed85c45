"""monev.domain.codes: code lookups by Arrow's hash lookup, equal to pandas' get_indexer."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.domain import codes

CODES = st.text(alphabet="0159AZ", min_size=0, max_size=3)


@settings(max_examples=100, deadline=None)
@given(values=st.lists(CODES, max_size=30), among=st.lists(CODES, max_size=10, unique=True))
def test_positions_are_get_indexer_for_text_codes(values, among):
    got = codes.positions(pd.Series(values, dtype="str"), pd.Index(among, dtype="str"))
    assert got.dtype == np.int64
    assert got.tolist() == pd.Index(among, dtype=object).get_indexer(values).tolist()


def test_positions_of_integer_codes_and_among_none():
    assert codes.positions(np.array([3, 5, 7]), np.array([7, 3])).tolist() == [1, -1, 0]
    assert codes.positions(pd.Series(["A", "B"], dtype="str"), np.array([], dtype=object)).tolist() == [-1, -1]
    assert codes.positions(pd.Series([], dtype="str"), ["A"]).tolist() == []


def test_positions_of_untyped_empty_values():
    """An empty index level built from no tuples has object dtype and no Arrow type."""
    assert codes.positions(pd.Index([], dtype=object), pd.Index(["A"], dtype="str")).tolist() == []
    assert codes.positions(pd.Series([None, None], dtype=object), ["A"]).tolist() == [-1, -1]
