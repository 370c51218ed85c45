"""summary.percent in numpy equals the pandas formula it replaces: values, missing where the whole
is 0, index and name, for int and float amounts; other dtypes and unaligned Series take the
pandas formula itself."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import summary


def _reference(part, whole) -> pd.Series:
    whole = pd.Series(whole)
    return (100.0 * pd.Series(part).astype(float) / whole.astype(float)).where(whole != 0)


rng = np.random.default_rng(3)
N = 500
INTS = pd.Series(rng.integers(-10**15, 10**15, N) * rng.integers(0, 2, N), name="pagu", index=np.arange(N) * 3)


@pytest.mark.parametrize("part,whole", [
    (INTS.rename("realisasi").sample(frac=1, random_state=1).set_axis(INTS.index), INTS),
    (INTS.astype("float64").where(rng.random(N) > 0.1).rename("pagu"), INTS),  # same names, missing parts
    (INTS * 3 + 1, INTS.astype("float64").where(rng.random(N) > 0.1)),  # missing wholes
    (pd.Series([1, 2, 3]), pd.Series([0, 0, 0])),
    (pd.Series([], dtype="int64"), pd.Series([], dtype="int64")),
    (pd.Series([1, 2, 3], dtype="Int64"), pd.Series([4, 0, pd.NA], dtype="Int64")),  # nullable: pandas' own
    (pd.Series([1, 2, 3], index=[2, 1, 0]), pd.Series([4, 5, 6])),  # unaligned: pandas aligns them
    ([1, 2], [3, 0]),
])
def test_percent_is_the_pandas_formula(part, whole):
    pd.testing.assert_series_equal(summary.percent(part, whole), _reference(part, whole), check_exact=True)
