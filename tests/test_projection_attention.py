"""The attention list's grouping (attention._first_seen) numbers its rows as
groupby(sort=False).ngroup() does, missing keys and keys too many to combine in int64 included;
its reasons read only the columns they need, giving the same list."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import attention


def _texts(rng, values, n):
    return pd.array([values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)], dtype="str")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_first_seen_numbers_the_groups_as_groupby_without_sorting(seed):
    rng = np.random.default_rng(seed)
    n = 2000
    frame = pd.DataFrame({"tingkat": _texts(rng, ["satker", "ppk"], n), "kdunit": _texts(rng, ["05", "01", "1"], n),
                          "kdsatker": _texts(rng, [f"{i:06d}" for i in range(90, 0, -3)], n),
                          "kdppk": _texts(rng, ["", "01", "02"], n)})
    keys = list(frame)
    expected = frame.groupby(keys, sort=False).ngroup().fillna(-1).astype("int64").to_numpy()
    assert (attention._first_seen(frame, keys) == expected).all()


def test_first_seen_with_keys_too_many_to_combine_in_one_integer():
    rng = np.random.default_rng(9)
    n = 3000
    # eight keys of about 400 values each: 400^8 passes int64, so the codes are numbered again
    frame = pd.DataFrame({f"k{i}": _texts(rng, [str(v) for v in range(400)], n) for i in range(8)})
    frame.iloc[::7, 0] = frame.iloc[1::7, 0].to_numpy()[: len(frame.iloc[::7, 0])]  # repeated groups
    frame = pd.concat([frame, frame.iloc[::5]], ignore_index=True)
    keys = list(frame)
    expected = frame.groupby(keys, sort=False).ngroup().fillna(-1).astype("int64").to_numpy()
    assert (attention._first_seen(frame, keys) == expected).all()
