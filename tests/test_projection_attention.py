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


def _context():
    """Two satker and a PPK behind on several jenis belanja; satker 000002's two reasons weigh the
    same (both 40 points below), so only their words order them."""
    jenis = pd.DataFrame({"kdunit": ["01", "01", "01", "02"], "kdsatker": ["000001", "000001", "000001", "000002"],
                          "kdppk": ["01", "01", "02", "01"], "jenis_belanja": ["51", "53", "52", "52"],
                          "persen": [10.0, 5.0, 30.0, 0.0], "target_persen": [50.0, 45.0, 40.0, 40.0]})
    satker = pd.DataFrame({"kdunit": ["01", "02", "02"], "kdsatker": ["000001", "000002", "000002"],
                           "jenis_belanja": ["52", "52", "53"], "persen": [1.0, 0.0, 0.0],
                           "target_persen": [40.0, 40.0, 40.0]})
    return {"jenis_ppk": jenis, "jenis_satker": satker}


def _words(order):
    """Words of a jenis reason ranking the codes in `order`: what decides a tie between two."""
    def words(key, values):
        return pd.Series([f"{order.index(j)} {j} {p:.1f}" for j, p in zip(values["jenis"], values["persen"])],
                         index=values.index)
    return words


@pytest.mark.parametrize("order", [["52", "53", "51"], ["53", "52", "51"]])
def test_the_reasons_of_any_rows_are_those_of_the_whole_list(order):
    """Listing.alasan of some rows, in any order, writes for each the words the whole list has for
    it; a tie in weight is ordered by the words, whichever language's they are."""
    listed = attention.listing(_context())
    whole = attention.needs_attention(_context(), _words(order))
    pd.testing.assert_frame_equal(listed.rows.drop(columns=attention.ROW), whole.drop(columns="alasan"))
    for at in ([2, 0], [1], [0, 1, 2, 3][::-1]):
        assert listed.alasan(_words(order), at).tolist() == whole["alasan"].iloc[at].tolist()
    tied = whole.set_index(["tingkat", "kdsatker"]).at[("satker", "000002"), "alasan"]
    first, second = sorted(["52", "53"], key=order.index)
    assert tied == f"0 {first} 0.0; 1 {second} 0.0"


def test_the_lists_order_does_not_depend_on_the_words():
    one = attention.needs_attention(_context(), _words(["52", "53", "51"]))
    other = attention.needs_attention(_context(), _words(["53", "52", "51"]))
    keys = ["tingkat", "kdunit", "kdsatker", "kdppk", "bobot", "jumlah_alasan"]
    pd.testing.assert_frame_equal(one[keys], other[keys])
    assert one["bobot"].is_monotonic_decreasing


def test_the_first_n_rows_keep_only_their_reasons():
    listed = attention.listing(_context(), n=2)
    assert len(listed.rows) == 2 and set(listed.reasons[attention.ROW]) == {0, 1}
    whole = attention.needs_attention(_context(), _words(["52", "53", "51"]))
    assert listed.alasan(_words(["52", "53", "51"])).tolist() == whole["alasan"].head(2).tolist()
