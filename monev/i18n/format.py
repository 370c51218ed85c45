"""Numbers as Indonesian readers expect them (decimal comma, thousands dot, T/M/Jt), or English.

Digits come from Babel's CLDR data. In Indonesian, miliar is `M` and juta `Jt`; in English the
same amounts read `B` (billion) and `M` (million).

percents() and rupiahs_short() word whole columns at once (numpy and Arrow), digit for digit as
percent() and rupiah_short() word each value (tests/test_format.py holds them to Babel): the IKPA
page words over a hundred thousand numbers, about 10 µs each one at a time.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, parse_pattern

LOCALES = {"id": "id_ID", "en": "en_US"}


@cache
def _parsed(pattern: str | None, lang: str):
    """Babel's locale and number pattern, parsed once: format_decimal parses both on every call,
    most of its cost when a page words thousands of numbers."""
    locale = Locale.parse(LOCALES[lang])
    return (locale.decimal_formats[None] if pattern is None else parse_pattern(pattern)), locale


def format_decimal(value, lang: str, pattern: str | None = None) -> str:
    """babel.numbers.format_decimal(value, format=pattern, locale=LOCALES[lang])."""
    parsed, locale = _parsed(pattern, lang)
    return parsed.apply(value, locale)


def is_missing(value) -> bool:
    """None, NaN and pandas' NA alike (nullable integer columns hold NA)."""
    return value is None or bool(pd.isna(value))


def rupiah(value, lang: str = "id") -> str:
    """Exact amount: Rp 134.171.839.274.000."""
    if is_missing(value):
        return "–"
    return "Rp " + format_decimal(int(value), lang)


SHORT_UNITS = {
    "id": ((10**12, "T"), (10**9, "M"), (10**6, "Jt"), (10**3, "rb")),
    "en": ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")),
}


def rupiahs(values, lang: str = "id") -> list[str]:
    """rupiah() of every value of a column or list ("–" where missing), e.g. a chart's hover texts."""
    return [rupiah(None if is_missing(v) else int(v), lang) for v in values]


def rupiah_short(value, lang: str = "id") -> str:
    """Short amount: Rp 134,17 T, Rp 392,15 M, Rp 503,16 Jt (two decimals at most).

    The unit is chosen after rounding, exactly (Decimal), so 999.995.000.000 reads Rp 1 T."""
    if is_missing(value):
        return "–"
    amount = Decimal(int(value))
    for size, suffix in SHORT_UNITS[lang]:
        scaled = (amount / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if abs(scaled) >= 1:
            return f"Rp {format_decimal(scaled, lang, '#,##0.##')} {suffix}"
    return "Rp " + format_decimal(amount, lang, "#,##0")


def percent(value, lang: str = "id", digits: int = 2) -> str:
    """97,11% (a value already in percent)."""
    if is_missing(value):
        return "–"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, lang, pattern) + "%"


MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]


def month_name(bulan: int, lang: str = "id") -> str:
    return MONTHS[lang][bulan - 1]


def rupiah_ticks(maximum, lang: str = "id", count: int = 5) -> dict:
    """Axis ticks for a rupiah axis labelled the Indonesian way (Rp 20 T), not plotly's SI (20B)."""
    if is_missing(maximum) or maximum <= 0:  # nothing to scale: let plotly choose
        return {}
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [step * i for i in range(0, count + 2) if step * i <= maximum * 1.05 + step]
    return {"tickmode": "array", "tickvals": values, "ticktext": [rupiah_short(v, lang) for v in values]}


# ------------------------------------------------------------------ whole columns at once

MISSING = "–"
# Below 2**51 a float's spacing is at most 1/4, so whether it lies on a half-integer (the rounding
# tie) can be told apart from its own rounding error; larger scaled values go to Babel.
_EXACT_BELOW = 2.0**51
# Rupiah up to this keep amount x 200 within int64 (the exact half-up rounding of rupiahs_short).
_SHORT_BELOW = 4 * 10**16


@cache
def _symbols(lang: str) -> tuple[str, str]:
    """The decimal and group symbols of `lang`, as Babel writes them."""
    locale = Locale.parse(LOCALES[lang])
    return get_decimal_symbol(locale), get_group_symbol(locale)


def _text(values: pa.Array) -> pa.Array:
    return pc.cast(values, pa.string())


def _grouped(whole: np.ndarray, group: str) -> pa.Array:
    """Each whole number (int64, not negative) in digits with `group` between every three, as
    Babel's grouping (3, 3) of the patterns above writes it."""
    text = _text(pa.array(whole % 1000))
    rest, groups = whole // 1000, 1
    while rest.any():
        # the part written so far is `groups` full groups once a higher one stands before it
        lower = pc.utf8_lpad(text, 3 * groups + (groups - 1) * len(group), "0")
        text = pc.if_else(pa.array(rest > 0), pc.binary_join_element_wise(_text(pa.array(rest % 1000)), lower, group),
                          text)
        rest, groups = rest // 1000, groups + 1
    return text


def _written(negative: np.ndarray, whole: np.ndarray, fraction: np.ndarray, digits: int, trim: bool,
             lang: str) -> pa.Array:
    """sign, grouped whole part and `digits` fraction digits (trailing zeros dropped, and the
    decimal symbol with them when none is left, where `trim`): format_decimal's text of a value
    already rounded to whole + fraction / 10**digits."""
    decimal, group = _symbols(lang)
    text = pc.binary_join_element_wise(pc.if_else(pa.array(negative), "-", ""), _grouped(whole, group), "")
    if not digits:
        return text
    tail = pc.utf8_lpad(_text(pa.array(fraction)), digits, "0")
    if trim:
        tail = pc.utf8_rtrim(tail, "0")
        mark = pc.if_else(pc.equal(pc.utf8_length(tail), 0), "", decimal)
    else:
        mark = decimal
    return pc.binary_join_element_wise(text, mark, tail, "")


def _column(values) -> pd.Series:
    return values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")


def _assemble(series: pd.Series, fast: pa.Array, done: np.ndarray, missing: np.ndarray, one) -> pd.Series:
    """The fast texts where `done`, MISSING where `missing`, one(value) for the rest."""
    result = pc.if_else(pa.array(missing), MISSING,
                        pc.if_else(pa.array(done), fast, pa.nulls(len(series), pa.string())))
    rest = np.flatnonzero(~done & ~missing)
    if len(rest):
        objects = result.to_numpy(zero_copy_only=False).astype(object)
        objects[rest] = [one(series.iloc[i]) for i in rest]
        result = pa.array(objects, type=pa.string())
    return pd.Series(result, index=series.index, dtype="str")


def percents(values, lang: str = "id", digits: int = 2) -> pd.Series:
    """percent(value, lang, digits) of each value, as a Series of str on the values' index (a
    Series) or numbered from 0. Floats are rounded as Babel rounds them, the shortest decimal
    that reads back as the float (Decimal(str(value))) half to even; values near a tie, too large
    to tell, infinite, or not plain numbers go through percent() itself."""
    series = _column(values)
    if not (pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype)):
        return pd.Series([percent(v, lang, digits) for v in series], index=series.index, dtype="str")
    # each distinct value once, told apart by its bits (0.0 and -0.0 read differently): a list's
    # percentages repeat (the targets, a range without width)
    missing = series.isna().to_numpy()
    present = np.flatnonzero(~missing)
    if pd.api.types.is_float_dtype(series.dtype):
        bits = series.to_numpy(dtype="float64", na_value=np.nan).view("int64")
    else:
        bits = series.to_numpy(dtype="int64", na_value=0)
    codes, distinct = pd.factorize(bits[present])
    first = np.empty(len(distinct), dtype="int64")
    first[codes[::-1]] = present[::-1]
    texts = _percents_of(series.iloc[first], lang, digits)
    rows = np.zeros(len(series), dtype="int64")
    rows[present] = codes
    shown = pc.take(texts, pa.array(rows)) if len(texts) else pa.nulls(len(series), pa.string())
    return pd.Series(pc.if_else(pa.array(missing), MISSING, shown), index=series.index, dtype="str")


def _percents_of(series: pd.Series, lang: str, digits: int) -> pa.Array:
    """percent() of each value of a float or integer Series, as Arrow strings."""
    floats = series.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(floats)
    # value x 10**digits taken in floats lies within about 1,5 of its spacings of the shortest
    # decimal's exact product; more than 4 spacings from a half, both round to the same whole
    # number, nearer to one Babel's own rounding of that decimal decides
    with np.errstate(over="ignore"):  # a float near the largest scales to inf: left to Babel
        scaled = floats * 10.0**digits
        below = np.abs(scaled) < _EXACT_BELOW
        safe = np.where(below, scaled, 0.0)
        tie = np.abs(np.abs(safe - np.floor(safe)) - 0.5) <= 4 * np.abs(np.spacing(safe))
    done = below & ~tie
    rounded = np.abs(np.rint(safe)).astype("int64")
    fast = _written(np.signbit(floats) & done, rounded // 10**digits, rounded % 10**digits, digits, False, lang)
    fast = pc.binary_join_element_wise(fast, "%", "")
    return pa.array(_assemble(series, fast, done, missing, lambda v: percent(v, lang, digits)), type=pa.string())


def rupiahs_short(values, lang: str = "id") -> pd.Series:
    """rupiah_short(value, lang) of each value, as a Series of str on the values' index (a Series)
    or numbered from 0: the unit and its rounding half up in int64, exactly; amounts of
    _SHORT_BELOW rupiah or more, and values that are not plain numbers, go through rupiah_short()."""
    series = _column(values)
    if pd.api.types.is_integer_dtype(series.dtype):
        missing = series.isna().to_numpy()
        amount = series.to_numpy(dtype="int64", na_value=0)
        done = ~missing & (amount > -_SHORT_BELOW) & (amount < _SHORT_BELOW)  # np.abs(-2**63) < 0
    elif pd.api.types.is_float_dtype(series.dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        missing = np.isnan(floats)
        done = ~missing & (np.abs(floats) < _SHORT_BELOW)
        # rupiah_short takes int(value): toward zero
        amount = np.trunc(np.where(done, floats, 0.0)).astype("int64")
    else:
        return pd.Series([rupiah_short(v, lang) for v in series], index=series.index, dtype="str")
    magnitude = np.abs(np.where(done, amount, 0))
    units = SHORT_UNITS[lang][::-1]
    # per value, 1 + the place in `units` of the largest unit that still shows 1 or more once
    # rounded (0: none), and Decimal(amount / unit).quantize(0.01, ROUND_HALF_UP) in hundredths
    chosen, hundredths = np.zeros_like(magnitude), np.zeros_like(magnitude)
    for place, (unit, _) in enumerate(units, start=1):
        rounded = (magnitude * 200 + unit) // (2 * unit)
        fits = rounded >= 100
        chosen, hundredths = np.where(fits, place, chosen), np.where(fits, rounded, hundredths)
    number = _written(amount < 0, np.where(chosen > 0, hundredths // 100, magnitude), hundredths % 100, 2, True, lang)
    suffix = pc.take(pa.array([""] + [" " + name for _, name in units]), pa.array(chosen))
    fast = pc.binary_join_element_wise("Rp ", number, suffix, "")
    return _assemble(series, fast, done, missing, lambda v: rupiah_short(v, lang))


_INT64_MIN = np.iinfo("int64").min
_FLOAT_INT_BELOW = 2.0**63  # floats below this in magnitude cut to an int64 exactly


def amounts(values, lang: str = "id") -> pd.Series:
    """Each value as rupiah() writes it without the 'Rp ' (134.171.839.274.000), MISSING where
    missing (and where infinite: no amount, and a table must not fail on it), as a Series of str on
    the values' index (a Series) or numbered from 0: the column of a table whose header already
    says rupiah. Floats are cut toward zero, as int() cuts them; values that are not plain numbers
    go through format_decimal one by one."""
    series = _column(values)
    one = lambda v: format_decimal(int(v), lang)  # noqa: E731
    if pd.api.types.is_integer_dtype(series.dtype):
        missing = series.isna().to_numpy()
        amount = series.to_numpy(dtype="int64", na_value=0)
        done = ~missing & (amount != _INT64_MIN)  # np.abs(-2**63) < 0
    elif pd.api.types.is_float_dtype(series.dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        missing = ~np.isfinite(floats)
        done = ~missing & (np.abs(floats) < _FLOAT_INT_BELOW)
        amount = np.trunc(np.where(done, floats, 0.0)).astype("int64")
    else:
        return pd.Series([MISSING if is_missing(v) else one(v) for v in series], index=series.index, dtype="str")
    magnitude = np.abs(np.where(done, amount, 0))
    fast = _written(amount < 0, magnitude, np.zeros_like(magnitude), 0, False, lang)
    return _assemble(series, fast, done, missing, one)


def scores(values, lang: str = "id") -> pd.Series:
    """Points with two decimals and no '%' (68,50): percents() without its sign."""
    return percents(values, lang).str.removesuffix("%")
