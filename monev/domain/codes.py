"""Codes (satker, jenis belanja, ...) looked up among a set of codes by Arrow's hash lookup:
pandas' Index.get_indexer and Series.isin on Arrow-backed strings go through Python objects,
seven times slower for the hundreds of thousands of rows of a national year."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def positions(values, among) -> np.ndarray:
    """The position of each of `values` among the distinct codes `among`, -1 where it is not one
    of them (int64)."""
    values, among = pa.array(values), pa.array(among)
    if pa.types.is_null(values.type) or pa.types.is_null(among.type):  # empty or all missing: untyped
        return np.full(len(values), -1, dtype="int64")
    found = pc.index_in(values, value_set=among)
    return found.fill_null(-1).to_numpy().astype("int64")
