"""monev/domain/status.py: the rupiah still needed for several sets of targets at once, exact
whichever way a group is computed, and the lowest band told without naming every row's band."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.domain import status

GRAIN = pd.DataFrame({
    "kdsatker": ["a", "a", "b", "b", "c", "d", "d"],
    "jenis_belanja": ["51", "52", "51", "54", "52", "51", "52"],
    "pagu": [100, 300, 1_000, 500, 9_007_199_254_740_993, 10**15, 3 * 10**15],
    "realisasi": [10, 20, 900, 0, 0, 0, 5],
})


def test_needed_for_several_targets_is_needed_by_group_for_each():
    # a: every rupiah carries a target (int64 path); b: 54 has none (needed() in Python integers);
    # c, d: products beyond int64 (needed() too)
    targets = {"_q": {"51": 20.0, "52": 15.55}, "_y": {"51": 95.0, "52": 100.0, "54": 0.01}}
    got = status.needed_by_groups(GRAIN, targets, ["kdsatker"])
    for name, goals in targets.items():
        alone = status.needed_by_group(GRAIN, goals, ["kdsatker"])
        pd.testing.assert_series_equal(got[name], alone["kebutuhan"], check_names=False)
    by = got.set_index("kdsatker")
    assert by.at["a", "_q"] == 67 - 30  # ceil(100 x 20% + 300 x 15,55%) - realized
    assert by.at["b", "_q"] == 0  # 20% of the 1.000 carrying a target is 200: realized already
    assert by.at["c", "_q"] == -(-9_007_199_254_740_993 * 1555 // 10_000)
    assert by.at["d", "_y"] == 10**15 * 95 // 100 + 3 * 10**15 - 5
    assert str(got["_q"].dtype) == "Int64"


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["51", "52", "53"]),
                               st.integers(min_value=-10**16, max_value=10**16),
                               st.integers(min_value=-10**15, max_value=10**15)), min_size=1, max_size=12),
       codes=st.dictionaries(st.sampled_from(["51", "52", "53"]), st.integers(min_value=0, max_value=10_000)))
def test_needed_by_group_is_needed_of_each_groups_sums(rows, codes):
    """Against needed() on the sums taken here in Python integers, whichever path a group takes."""
    grain = pd.DataFrame(rows, columns=["kdsatker", "jenis_belanja", "pagu", "realisasi"])
    targets = {jb: code / 100 for jb, code in codes.items()}
    got = status.needed_by_group(grain, targets, ["kdsatker"]).set_index("kdsatker")["kebutuhan"]
    for key, part in grain.groupby("kdsatker"):
        carried = part[part["jenis_belanja"].isin(list(codes))]
        want = status.needed(int(part["pagu"].sum()), int(part["realisasi"].sum()),
                             sum(int(p) * codes[j] for j, p in zip(carried["jenis_belanja"], carried["pagu"])),
                             int(carried["pagu"].sum()))
        assert (pd.isna(got[key]) and want is None) or got[key] == want


def test_in_band_is_bands_equal_to_the_band():
    persen = pd.Series([0.0, 50.0, 69.99, 70.0, 88.99, 89.0, 94.99, 95.0, 250.0, math.nan, math.inf, 10.0])
    target = pd.Series([100.0] * 11 + [0.0])  # no target: no band
    for name in status.ORDER:
        assert (status.in_band(persen, target, name) == (status.bands(persen, target) == name).to_numpy()).all()
    assert status.in_band(persen, target, "Kurang").tolist() == [True, True, True] + [False] * 9
    assert isinstance(status.in_band(persen, target, "Baik"), np.ndarray)
