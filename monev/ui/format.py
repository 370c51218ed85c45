"""Numbers as Indonesian readers expect them (decimal comma, thousands dot, T/M/Jt), or English.

Digits come from Babel's CLDR data. In Indonesian, miliar is `M` and juta `Jt`; in English the
same amounts read `B` (billion) and `M` (million).
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.numbers import parse_pattern

LOCALES = {"id": "id_ID", "en": "en_US"}


@lru_cache(maxsize=None)
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
