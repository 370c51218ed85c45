"""The catch-up table's shortcuts (monev.views.projection): frames put beside each other where
their groups are the same rows in order, else merged, and either way the merge's frame."""
from __future__ import annotations

import pandas as pd
import pytest

from monev.views import projection as view


def _text(values):
    return pd.array(values, dtype="str")


GROUPS = pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["1", "2", "3"]), "pagu": [1, 2, 3]},
                      index=[4, 5, 6])


@pytest.mark.parametrize("other", [
    # the same groups in the same order: put beside
    pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["1", "2", "3"]),
                  "_q": pd.array([1, None, 3], dtype="Int64"), "dasar": _text(["RPD", None, "x"])}),
    # another order, a group missing, a group of its own, a missing key, a column in both
    pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["2", "1", "3"]), "_q": [1.5, 2.5, 3.5]}),
    pd.DataFrame({"kdunit": _text(["01", "05"]), "kdsatker": _text(["1", "3"]), "_q": [1, 3]}),
    pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["1", "2", None]), "_q": [1, 2, 3]}),
    pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["1", "2", "4"]), "_q": [1, 2, 3]}),
    pd.DataFrame({"kdunit": _text(["01", "01", "05"]), "kdsatker": _text(["1", "2", "3"]), "pagu": [7, 8, 9]}),
    pd.DataFrame({"kdunit": ["01", "01", "05"], "kdsatker": ["1", "2", "3"], "_q": [1, 2, 3]}, dtype=object),
])
def test_beside_is_the_left_merge(other):
    pd.testing.assert_frame_equal(view._beside(GROUPS, other, ["kdunit", "kdsatker"]),
                                  GROUPS.merge(other, on=["kdunit", "kdsatker"], how="left"), check_exact=True)
