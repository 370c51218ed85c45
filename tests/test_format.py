"""monev/ui/format.py: Indonesian amounts (Rp 134,17 T / Rp 392,15 M / Rp 503,16 Jt), 97,11%, English."""
from __future__ import annotations

import math
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monev.i18n import format as fmt

# Published Kemensos figures (docs/domain.md)
PAGU_2020 = 134_171_839_274_000
SETJEN_2020 = 392_150_000_000
PEGAWAI_2020 = 503_160_000_000  # Rp 503,16 M (miliar)


@pytest.mark.parametrize("value, text", [
    (PAGU_2020, "Rp 134.171.839.274.000"),
    (130_300_865_759_231, "Rp 130.300.865.759.231"),
    (0, "Rp 0"),
    (999, "Rp 999"),
    (1_000, "Rp 1.000"),
    (9_007_199_254_740_993, "Rp 9.007.199.254.740.993"),  # 2**53 + 1, exact
    (np.int64(9_007_199_254_740_993), "Rp 9.007.199.254.740.993"),
])
def test_rupiah_exact_indonesian(value, text):
    assert fmt.rupiah(value) == text


def test_rupiah_exact_english():
    assert fmt.rupiah(PAGU_2020, "en") == "Rp 134,171,839,274,000"


@pytest.mark.parametrize("value, text", [
    (PAGU_2020, "Rp 134,17 T"),
    (SETJEN_2020, "Rp 392,15 M"),
    (PEGAWAI_2020, "Rp 503,16 M"),
    (503_160_000, "Rp 503,16 Jt"),
    (503_000_000, "Rp 503 Jt"),
    (31_820_000_000, "Rp 31,82 M"),
    (5_680_000_000_000, "Rp 5,68 T"),
    (np.int64(SETJEN_2020), "Rp 392,15 M"),
])
def test_rupiah_short_indonesian(value, text):
    assert fmt.rupiah_short(value) == text


def test_indonesian_m_is_miliar_never_million():
    assert fmt.rupiah_short(503_160_000).endswith("Jt")
    assert not fmt.rupiah_short(503_160_000).endswith("M")
    assert fmt.rupiah_short(392_150_000_000).endswith(" M")


@pytest.mark.parametrize("value, pattern", [
    (PAGU_2020, r"Rp 134\.17 ?T"),
    (SETJEN_2020, r"Rp 392\.15 ?B"),  # miliar is a billion in English
    (503_160_000, r"Rp 503\.16 ?M"),  # juta is a million
])
def test_rupiah_short_english(value, pattern):
    assert re.fullmatch(pattern, fmt.rupiah_short(value, "en")), fmt.rupiah_short(value, "en")


@pytest.mark.parametrize("value, text", [
    (999_995_000_000, "Rp 1 T"),  # rounds up into the next unit, not "Rp 1000 M"
    (999_999_999, "Rp 1 M"),  # not "Rp 1000 Jt"
])
def test_rupiah_short_rounding_up_moves_to_the_next_unit(value, text):
    assert fmt.rupiah_short(value) == text


def test_rupiah_short_thousands_of_triliun_use_the_thousands_dot():
    """The national budget is thousands of triliun: Rp 3.325,1 T, as Indonesian writes numbers."""
    assert fmt.rupiah_short(3_325_100_000_000_000) == "Rp 3.325,1 T"


@pytest.mark.parametrize("value, lang, digits, text", [
    (97.11, "id", 2, "97,11%"),
    (97.11, "en", 2, "97.11%"),
    (98.58, "id", 2, "98,58%"),
    (81.2345, "id", 2, "81,23%"),
    (100, "id", 2, "100,00%"),
    (0.0, "id", 2, "0,00%"),
    (1234.5, "id", 2, "1.234,50%"),
    (47.47, "id", 0, "47%"),
    (64.76, "id", 1, "64,8%"),
    (np.float64(97.11), "id", 2, "97,11%"),
])
def test_percent(value, lang, digits, text):
    assert fmt.percent(value, lang, digits) == text


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan])
def test_missing_values_show_a_dash(missing):
    assert fmt.rupiah(missing) == "–"
    assert fmt.rupiah_short(missing) == "–"
    assert fmt.percent(missing) == "–"


def test_month_names():
    assert [fmt.month_name(m) for m in (1, 5, 12)] == ["Januari", "Mei", "Desember"]
    assert fmt.month_name(8, "en") == "August"


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_rupiah_is_exact_for_any_amount(value):
    text = fmt.rupiah(value)
    assert text.startswith("Rp ")
    digits = text[3:].replace(".", "")
    assert int(digits) == value


UNITS = {"T": 10**12, "M": 10**9, "Jt": 10**6}


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(min_value=10**6, max_value=999 * 10**12))
def test_rupiah_short_reads_back_close_to_the_amount(value):
    text = fmt.rupiah_short(value)
    match = re.fullmatch(r"Rp ([0-9.]+(?:,[0-9]{1,2})?) (T|M|Jt)", text)
    assert match, text
    number = Decimal(match.group(1).replace(".", "").replace(",", "."))
    shown = number * UNITS[match.group(2)]
    assert math.isclose(shown, value, rel_tol=0.006), (value, text)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
                       st.integers(min_value=-10**18, max_value=10**18)),
       lang=st.sampled_from(["id", "en"]),
       pattern=st.sampled_from([None, "#,##0", "#,##0.##", "#,##0.00", "#,##0.0"]))
def test_cached_patterns_format_exactly_as_babel(value, lang, pattern):
    """The parsed-once patterns give what babel.numbers.format_decimal gives, digit for digit."""
    from babel.numbers import format_decimal as babel_format

    assert fmt.format_decimal(value, lang, pattern) == babel_format(value, format=pattern, locale=fmt.LOCALES[lang])


# ------------------------------------------------------------------ whole columns at once

def _babel_percent(value, lang, digits):
    from babel.numbers import format_decimal as babel_format

    if value is None or value != value:
        return "–"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return babel_format(value, format=pattern, locale=fmt.LOCALES[lang]) + "%"


# floats as the pages meet them, ties of the last digit kept (x.xx5 rounds half to even from its
# shortest decimal, which the float may lie either side of), signed zeros, missing and infinite
PERCENT_VALUES = st.one_of(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.integers(min_value=-10**9, max_value=10**9).map(lambda k: k / 1000),
    st.integers(min_value=-10**6, max_value=10**6).map(lambda k: k / 8),
    st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf, 0.005, 0.015, 2.675, 1e-300, -1e-300]),
)


@settings(max_examples=400, deadline=None)
@given(values=st.lists(PERCENT_VALUES, max_size=40), lang=st.sampled_from(["id", "en"]),
       digits=st.sampled_from([0, 1, 2, 3]))
def test_percents_write_each_float_as_babel_does(values, lang, digits):
    """percents() of a column, digit for digit babel.numbers.format_decimal of each value."""
    got = fmt.percents(pd.Series(values, dtype="float64"), lang, digits)
    assert got.tolist() == [_babel_percent(v, lang, digits) for v in values]
    assert got.tolist() == [fmt.percent(v, lang, digits) for v in values]


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1), st.none()), max_size=30),
       lang=st.sampled_from(["id", "en"]), digits=st.sampled_from([0, 2]))
def test_percents_write_each_integer_as_babel_does(values, lang, digits):
    got = fmt.percents(pd.Series(values, dtype="Int64"), lang, digits)
    assert got.tolist() == [_babel_percent(v, lang, digits) for v in values]


def test_percents_keep_the_index_and_tell_signed_zeros_apart():
    got = fmt.percents(pd.Series([0.0, -0.0, 12.345, math.nan], index=[5, 6, 7, 8]))
    assert got.to_dict() == {5: "0,00%", 6: "-0,00%", 7: "12,34%", 8: "–"}
    assert fmt.percents([1.5, None], "en").tolist() == ["1.50%", "–"]  # not a numeric column: one by one


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1),
                                 st.integers(min_value=-(10**13), max_value=10**13),
                                 st.sampled_from([999_995_000_000, 999_994_999_999, 994, 995, -995, 0])),
                       max_size=30),
       lang=st.sampled_from(["id", "en"]))
def test_rupiahs_short_write_each_amount_as_rupiah_short(values, lang):
    assert fmt.rupiahs_short(pd.Series(values, dtype="int64"), lang).tolist() == [fmt.rupiah_short(v, lang)
                                                                                 for v in values]


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.floats(min_value=-1e17, max_value=1e17), st.floats(min_value=-1e4, max_value=1e4),
                                 st.sampled_from([math.nan, 999_994_999.9, -0.7, 0.4])), max_size=30),
       lang=st.sampled_from(["id", "en"]))
def test_rupiahs_short_write_each_float_as_rupiah_short(values, lang):
    """Float rupiah (what a pattern usually realizes) are cut toward zero, as int() cuts them."""
    assert fmt.rupiahs_short(pd.Series(values, dtype="float64"), lang).tolist() == [fmt.rupiah_short(v, lang)
                                                                                   for v in values]


def test_rupiahs_short_of_a_nullable_column():
    got = fmt.rupiahs_short(pd.Series([350_000_000, None, 0], dtype="Int64", index=[3, 1, 2]))
    assert got.to_dict() == {3: "Rp 350 Jt", 1: "–", 2: "Rp 0"}


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.integers(min_value=-(2**63), max_value=2**63 - 1),
                                 st.integers(min_value=-(10**13), max_value=10**13), st.none()), max_size=30),
       lang=st.sampled_from(["id", "en"]))
def test_amounts_write_each_amount_as_rupiah_without_rp(values, lang):
    got = fmt.amounts(pd.Series(values, dtype="Int64"), lang).tolist()
    assert got == ["–" if v is None else fmt.rupiah(v, lang).removeprefix("Rp ") for v in values]


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.floats(min_value=-1e19, max_value=1e19), st.floats(min_value=-1e4, max_value=1e4),
                                 st.sampled_from([math.nan, math.inf, -0.7, 0.4, -(2.0**63), 2.0**63])), max_size=30),
       lang=st.sampled_from(["id", "en"]))
def test_amounts_cut_floats_toward_zero_as_rupiah_does(values, lang):
    got = fmt.amounts(pd.Series(values, dtype="float64"), lang).tolist()
    # no amount is infinite: a dash, where rupiah() would raise
    assert got == ["–" if not math.isfinite(v) else fmt.rupiah(v, lang).removeprefix("Rp ") for v in values]


def test_amounts_and_scores_keep_the_index():
    assert fmt.amounts(pd.Series([1_234_567, None], dtype="Int64", index=[4, 2])).to_dict() == {4: "1.234.567", 2: "–"}
    assert fmt.scores(pd.Series([68.5, math.nan, 92.305], index=[1, 0, 3]), "en").to_dict() == {
        1: "68.50", 0: "–", 3: "92.30"}
