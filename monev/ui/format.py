"""Numbers as Indonesian readers expect them (decimal comma, thousands dot, T/M/Jt), or English.

Built on Babel's CLDR data: in Indonesian, miliar is `M` and juta `Jt`; in English the same
amounts read `B` (billion) and `M` (million).
"""
from __future__ import annotations

import math

from babel.numbers import format_compact_decimal, format_decimal

LOCALES = {"id": "id_ID", "en": "en_US"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def rupiah(value, lang: str = "id") -> str:
    """Exact amount: Rp 134.171.839.274.000."""
    if _missing(value):
        return "–"
    return "Rp " + format_decimal(int(value), locale=LOCALES[lang])


def rupiah_short(value, lang: str = "id") -> str:
    """Short amount: Rp 134,17 T, Rp 392,15 M, Rp 503,16 Jt."""
    if _missing(value):
        return "–"
    text = format_compact_decimal(int(value), locale=LOCALES[lang], fraction_digits=2)
    if lang == "id":
        text = text.replace("jt", "Jt")
    return "Rp " + text.replace("\xa0", " ")


def percent(value, lang: str = "id", digits: int = 2) -> str:
    """97,11% (a value already in percent)."""
    if _missing(value):
        return "–"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALES[lang]) + "%"


MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]


def month_name(bulan: int, lang: str = "id") -> str:
    return MONTHS[lang][bulan - 1]
