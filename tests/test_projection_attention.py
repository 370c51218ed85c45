"""The attention list's grouping (attention.listing: the reasons' keys ranked, by their
categorical codes where a frame has them) groups and orders its rows as pandas does on the key
texts, missing keys and keys too many to combine in int64 included; the view's frames with coded
keys give the list of their texts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monev.domain import attention, codes
from monev.domain.period import Period

import builders as b


def _texts(rng, values, n):
    return pd.array([values[i] if i < len(values) else None for i in rng.integers(0, len(values) + 1, n)], dtype="str")


KEYS = ["tingkat", "kdunit", "kdsatker", "kdppk"]


def _random_reasons(rng, n, first_id):
    """n reasons of text keys (some missing, some bobot missing) with an id per reason (`nomor`)."""
    return pd.DataFrame({"tingkat": _texts(rng, ["satker", "ppk"], n), "kdunit": _texts(rng, ["05", "01", "1"], n),
                         "kdsatker": _texts(rng, [f"{i:06d}" for i in range(90, 0, -3)], n),
                         "kdppk": _texts(rng, ["", "01", "02"], n), "sumber": "uji",
                         "bobot": np.where(rng.random(n) < 0.05, np.nan, rng.integers(0, 40, n) / 4),
                         "kunci": "ikpa_alasan_jenis", "nomor": np.arange(first_id, first_id + n)})


def _as_categories(frame, rng):
    """frame with its keys as categoricals, each of categories in a shuffled order of its own."""
    columns = {}
    for key in KEYS:
        distinct = pd.Index(frame[key].dropna().unique()).append(pd.Index(["tak terpakai"], dtype="str"))
        columns[key] = pd.Categorical(frame[key], categories=distinct[rng.permutation(len(distinct))])
    return frame.assign(**columns)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_listing_groups_and_orders_as_pandas_does_on_the_texts(seed):
    """Reasons of text keys and of categorical keys (each source its own categories, unsorted)
    grouped as groupby on the texts (a missing key: no group), each group's worst bobot (a
    missing one skipped) and count, ordered by bobot (descending, missing last), kdsatker, kdppk,
    tingkat, kdunit; every reason kept is its group's."""
    rng = np.random.default_rng(seed)
    texts, coded = _random_reasons(rng, 1500, 0), _random_reasons(rng, 1000, 1500)
    sources = [lambda context: texts, lambda context: _as_categories(coded, rng)]
    listed = attention.listing({}, sources)
    every = pd.concat([texts, coded], ignore_index=True)
    expected = every.groupby(KEYS).agg(bobot=("bobot", "max"), jumlah_alasan=("nomor", "size")).reset_index()
    expected = expected.sort_values(["bobot", "kdsatker", "kdppk", "tingkat", "kdunit"],
                                    ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)
    got = listed.rows.drop(columns=attention.ROW)
    pd.testing.assert_frame_equal(got.astype({key: object for key in KEYS}),
                                  expected.astype({key: object for key in KEYS}), check_exact=True)
    # each row's reasons: the ids of its group's reasons, with their bobot
    mine = listed.reasons.groupby(attention.ROW)["nomor"].apply(lambda ids: sorted(ids)).tolist()
    keyed = every.dropna(subset=KEYS).groupby(KEYS)["nomor"].apply(lambda ids: sorted(ids))
    assert mine == [keyed[tuple(key)] for key in expected[KEYS].itertuples(index=False)]
    by_id = every.set_index("nomor")["bobot"]
    pd.testing.assert_series_equal(listed.reasons.set_index("nomor")["bobot"],
                                   by_id.loc[listed.reasons["nomor"]], check_names=False)
    assert set(listed.reasons["kunci"]) == {"ikpa_alasan_jenis"}


def test_groups_past_one_integer_are_those_of_the_keys_sorted():
    """Ranks too many to combine in one int64 are grouped key by key, as groupby(sort=True)."""
    rng = np.random.default_rng(4)
    n = 3000
    ranks = [rng.integers(0, 3, n) * 40_000 for _ in range(4)]  # 120.000^4 passes 2^62
    ranks[0][::9] = 99_999  # and the largest value of a key
    kept = rng.random(n) > 0.1
    group, first = attention._groups(ranks, kept)
    frame = pd.DataFrame({i: rank for i, rank in enumerate(ranks)})
    expected = frame[kept].groupby(list(range(4)), sort=True).ngroup().to_numpy()
    assert (group[kept] == expected).all() and (group[~kept] == -1).all()
    assert (first == codes_first(expected)).all()


def codes_first(group):
    return np.array([np.flatnonzero(group == g)[0] for g in range(group.max() + 1)])


def test_stacked_keeps_categoricals_and_fills_missing_columns():
    """_stacked is pd.concat's frame (without keys and sumber) with the rows' ROW: categoricals of
    different categories united (the same texts), a column missing in a frame missing in its
    rows, in its own dtype."""
    one = pd.DataFrame({"kdsatker": ["1", "2"], "bobot": [1.0, 2.0],
                        "k": pd.Categorical(["a", "b"], categories=["b", "a"]), "x": [1.0, 2.0],
                        "s": pd.array(["p", None], dtype="str")})
    two = pd.DataFrame({"kdsatker": ["3", "4", "5"], "bobot": [3.0, 4.0, 5.0], "k": pd.Categorical(["c", None, "a"]),
                        "y": pd.array(["q", "r", "t"], dtype="str")})
    got = attention._stacked([one, two], np.arange(5) * 2)
    assert isinstance(got["k"].dtype, pd.CategoricalDtype)
    expected = pd.concat([one.astype({"k": "str"}), two.astype({"k": "str"})], ignore_index=True)
    expected = expected.drop(columns="kdsatker").assign(**{attention.ROW: np.arange(5) * 2})
    pd.testing.assert_frame_equal(got.astype({"k": "str"}), expected)
    assert got["s"].dtype == "str" and got["y"].dtype == "str" and got["x"].dtype == "float64"


def test_coded_keys_have_the_same_values():
    """A key's codes (codes.key_codes, a missing value among its uniques) as categories: the
    codes mapped by categories() give the key's values; a source's keys made categoricals of the
    context's KINDS where every text is a category, else left as they are."""
    values = pd.Series(["05", None, "01", "05", None], dtype="str")
    dtype, into = attention.categories(codes.key_codes(values))
    assert list(dtype.categories) == ["01", "05"]
    made = pd.Categorical.from_codes(into[codes.key_codes(values)[0]], dtype=dtype)
    assert made.tolist()[:1] == ["05"] and pd.isna(made[1]) and made.tolist()[2:4] == ["01", "05"]
    got = attention._coded(pd.array(["05", None, "01"], dtype="str"), dtype)
    assert isinstance(got, pd.Categorical) and got.categories is dtype.categories
    assert got.tolist()[0] == "05" and pd.isna(got[1]) and got.tolist()[2] == "01"
    texts = pd.array(["01", "x"], dtype="str")
    assert attention._coded(texts, dtype) is texts
    scores = pd.DataFrame({"kdunit": ["01", "05"], "kdsatker": ["000001", "000002"], "nilai": [60.0, 65.0],
                           "kategori": ["Kurang", "Kurang"]})
    parts = attention.ikpa_band_reason({"ikpa_satker": scores, attention.KINDS: {"kdunit": dtype}})
    assert parts["kdunit"].array.categories is dtype.categories and parts["kdunit"].tolist() == ["01", "05"]
    assert not isinstance(parts["kdsatker"].dtype, pd.CategoricalDtype)


def test_the_views_coded_frames_give_the_list_of_their_texts(shared_warehouse):
    """attention_listing's frames with categorical keys (the grain's codes) list the same rows and
    reasons as the same frames with their texts."""
    from monev.views import ikpa as ikpa_view
    from monev.views import projection as view
    from monev.views import projection_words
    from monev.warehouse import db
    from monev.warehouse.query import EVERYTHING

    engine = db.engine(shared_warehouse)
    for bulan in (3, 6, 12):
        period = Period(b.THANG, bulan)
        shared = view.basis(engine, period, scope=EVERYTHING)
        rules = ikpa_view.rules(engine, period.tahun)
        scored = ikpa_view.current(engine, period, scope=EVERYTHING, rule=rules)
        listed = view.attention_listing(shared, scored, rules)
        goals = shared.month_goals(bulan)
        plain = attention.listing({"proyeksi_satker": shared.level("per_satker"),
                                   "proyeksi_ppk": shared.level("per_ppk"),
                                   "jenis_satker": view._per_jenis(shared, ["kdunit", "kdsatker"], goals),
                                   "jenis_ppk": view._per_jenis(shared, ["kdunit", "kdsatker", "kdppk"], goals),
                                   "ikpa_satker": scored, "ikpa_batas_cukup": rules.bands["cukup"]})
        assert len(plain.rows) > 1 and len(plain.reasons) > len(plain.rows)
        pd.testing.assert_frame_equal(listed.rows[plain.rows.columns], plain.rows, check_exact=True)
        pd.testing.assert_frame_equal(listed.reasons, plain.reasons, check_exact=True)
        words = projection_words.reason_words("id")
        assert listed.alasan(words).tolist() == plain.alasan(words).tolist()


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


def test_a_source_may_give_its_reasons_in_parts():
    """A source returning a list of frames lists as the same source returning them concatenated."""
    rng = np.random.default_rng(5)
    one, two = _random_reasons(rng, 300, 0), _random_reasons(rng, 200, 300).drop(columns="nomor")
    parts = attention.listing({}, [lambda context: [one, two]])
    whole = attention.listing({}, [lambda context: pd.concat([one, two], ignore_index=True)])
    pd.testing.assert_frame_equal(parts.rows, whole.rows, check_exact=True)
    pd.testing.assert_frame_equal(parts.reasons, whole.reasons, check_exact=True)
    assert attention.projection_reason({}) == [] and attention.jenis_belanja_reason({}) == []


def test_the_lists_frames_are_their_own():
    """The frames are made without copying their columns (copy=False): each column is taken from
    the context's, so changing the context afterwards changes neither rows nor reasons."""
    context = _context()
    listed = attention.listing(context)
    rows, reasons = listed.rows.copy(), listed.reasons.copy()
    for frame in context.values():
        frame.loc[:, "persen"] = -1.0
        frame.loc[:, "kdsatker"] = "999999"
    pd.testing.assert_frame_equal(listed.rows, rows)
    pd.testing.assert_frame_equal(listed.reasons, reasons)


def test_per_jenis_keeps_the_rows_with_pagu_target_and_keys(shared_warehouse):
    """The view's per jenis frame (coded keys or texts) is per_jenis' rows with a positive pagu, a
    target for the month and no key missing, with persen and target_persen, as pandas has them."""
    from monev.domain import summary
    from monev.views import projection as view
    from monev.warehouse import db
    from monev.warehouse.query import EVERYTHING

    shared = view.basis(db.engine(shared_warehouse), Period(b.THANG, 6), scope=EVERYTHING)
    goals = shared.month_goals(6)
    known = {key: attention.categories(shared.grain_codes[key]) for key in ("kdunit", "kdsatker", "kdppk")}
    for keys in (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"]):
        whole = shared.per_jenis(keys)
        expected = whole.dropna(subset=[*keys, "jenis_belanja"])
        expected = expected[expected["pagu"] > 0]
        expected = expected.assign(persen=summary.percent(expected["realisasi"], expected["pagu"]),
                                   target_persen=expected["jenis_belanja"].map(goals).astype(float))
        expected = expected.dropna(subset=["target_persen"])
        assert 0 < len(expected)
        pd.testing.assert_frame_equal(view._per_jenis(shared, keys, goals), expected, check_exact=True)
        coded = view._per_jenis(shared, keys, goals, known)
        assert all(isinstance(coded[key].dtype, pd.CategoricalDtype) for key in keys)
        pd.testing.assert_frame_equal(coded.astype({key: "str" for key in keys}), expected, check_exact=True)
