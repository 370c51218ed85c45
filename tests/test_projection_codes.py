"""monev.domain.codes' grouping by key codes: the group numbers are groupby's ngroup, with the
keys' codes combined into one integer or (too many for int64) grouped by pandas; a result's own
codes group it again as its texts would; and the projection's rows take their codes from their
grouping of the grain, which groups them as their texts would."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import codes
from monev.domain.period import Period
from monev.views import projection as view
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b


def _frame(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    pick = lambda values: [values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)]  # noqa: E731
    text = lambda values: pd.array(pick(values), dtype="str")  # noqa: E731
    return pd.DataFrame({"kdunit": text(["05", "01", "12", "1"]), "kdsatker": text(["400", "0399", "401", "40", "É"]),
                         "kdppk": text(["01", "02"]), "jenis_belanja": text(["53", "51", "52"]),
                         "pagu": rng.integers(-10**15, 10**15, n),
                         # float sums whose result depends on each group's summing order
                         "x": rng.choice([0.1, 1e17, -1e17, 3.3, 0.0], n) * rng.random(n)})


KEYS = [["kdunit", "kdsatker", "kdppk", "jenis_belanja"], ["jenis_belanja", "kdunit"], ["kdppk"]]


@pytest.mark.parametrize("combined", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
def test_group_numbers_and_sums_are_the_text_groupbys(monkeypatch, combined, dropna):
    if not combined:  # the path for keys too many to combine in int64
        monkeypatch.setattr(codes, "COMBINED_BELOW", 1.0)
    frame, kept = _frame(3000, 5), {}
    for keys in KEYS:
        group, first = codes.numbered(frame, keys, kept, dropna)
        grouped = frame.groupby(keys, sort=True, dropna=dropna)
        assert group.tolist() == grouped.ngroup().fillna(-1).astype("int64").tolist()
        assert first.tolist() == [int(np.flatnonzero(group == g)[0]) for g in range(grouped.ngroups)]
        pd.testing.assert_frame_equal(codes.grouped_sums(frame, keys, ["pagu", "x"], kept, dropna),
                                      grouped[["pagu", "x"]].sum().reset_index(), check_exact=True)


@pytest.mark.parametrize("dropna", [True, False])
def test_a_results_codes_group_it_as_its_texts(dropna):
    frame = _frame(3000, 11)
    result_codes: dict = {}
    result = codes.grouped_sums(frame, KEYS[0], ["pagu", "x"], {}, dropna, result_codes=result_codes)
    for keys in (["kdunit", "kdsatker"], ["kdsatker", "jenis_belanja"], ["kdppk"]):
        expected = result.groupby(keys, sort=True, dropna=dropna)[["pagu", "x"]].sum().reset_index()
        pd.testing.assert_frame_equal(codes.grouped_sums(result, keys, ["pagu", "x"], dict(result_codes), dropna),
                                      expected, check_exact=True)


def test_no_rows_and_every_row_dropped():
    frame = _frame(50, 3)
    for part in (frame.iloc[:0], frame[frame["kdppk"].isna()]):
        expected = part.groupby(KEYS[0], sort=True)[["pagu", "x"]].sum().reset_index()
        pd.testing.assert_frame_equal(codes.grouped_sums(part, KEYS[0], ["pagu", "x"], {}), expected,
                                      check_exact=True, check_index_type=False)


@pytest.mark.parametrize("scope", [EVERYTHING, Scope(units=("05",)), Scope(ppks=((b.S1, "02"),))])
@pytest.mark.parametrize("bulan", [2, 12])
def test_the_rows_codes_are_their_own_texts_codes(engine, scope, bulan):
    for filters in (Filters(), Filters(jenis_belanja=("52",))):
        shared = view.basis(engine, Period(b.THANG, bulan), scope=scope, filters=filters)
        if shared.rows.empty:
            continue
        for key, (code, uniques, _missing) in shared.codes.items():
            # ranks among sorted texts: the same order as the column's own codes
            own, _ = pd.factorize(shared.rows[key], sort=True)
            assert uniques.take(code).tolist() == shared.rows[key].tolist()
            assert (np.argsort(code, kind="stable") == np.argsort(own, kind="stable")).all()
