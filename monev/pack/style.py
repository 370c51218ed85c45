"""What the deck, the workbook and the PDF share in looks: colours, number formats of chart axes
and data, and column widths."""
from __future__ import annotations

import pandas as pd

from monev.i18n import format as fmt

NAVY = "#1F3864"
INK = "#222222"
MUTED = "#595959"
WARNING = "#C00000"
TILE = "#EEF2F8"
HEADER = "#DCE3EF"
# the overview page's curve: realization blue, plan grey, target red; other charts in this order
SERIES = ["#2E75B6", "#A5A5A5", "#C00000", "#70AD47"]
BY_KEY = {"realisasi_kumulatif": SERIES[0], "persen": SERIES[0], "rpd_kumulatif": SERIES[1],
          "target": SERIES[2], "target_persen": SERIES[1]}


def series_color(key: str, position: int) -> str:
    """A series' colour: the same measure has the same colour on every chart, whichever series a
    chart leaves out (a PPK's curve has no RPD line)."""
    return BY_KEY.get(key, SERIES[position % len(SERIES)])

# Excel number formats (also python-pptx's chart data): the formats are Excel's codes, and Excel
# and PowerPoint show them with the reader's own decimal and thousands symbols
DATA_FORMATS = {"rupiah": "#,##0", "percent": "0.00", "score": "0.00", "count": "0", "year": "0", "text": "@",
                "volume": "General"}  # "#,##0.####" would show 600 as "600."


def data_format(kind: str) -> str:
    return DATA_FORMATS[kind]


def largest(frame: pd.DataFrame, columns) -> float:
    values = [float(v) for c in columns for v in frame[c] if not fmt.is_missing(v)]
    return max(values, default=0.0)


def axis_format(kind: str, maximum: float, lang: str) -> str:
    """An axis's tick format: rupiah scaled to T / M (miliar) / Jt by the largest value, the way
    the pages write short amounts (each trailing comma of an Excel format divides by 1.000)."""
    if kind == "rupiah":
        for size, suffix in fmt.SHORT_UNITS[lang][:3]:
            if maximum >= size:
                commas = "," * (len(str(size)) // 3)  # 10**12: four
                return f'"Rp "#,##0.0{commas}" {suffix}"'
        return '"Rp "#,##0'
    if kind == "percent":
        return '0"%"'
    return "0"


def short_axis(kind: str, value: float, maximum: float, lang: str) -> str:
    """A tick label as axis_format() shows it, for the PDF's own charts."""
    if kind == "rupiah":
        for size, suffix in fmt.SHORT_UNITS[lang][:3]:
            if maximum >= size:
                return f"Rp {fmt.format_decimal(round(value / size, 1), lang, '#,##0.0')} {suffix}"
        return fmt.rupiah(int(value), lang)
    if kind == "percent":
        return f"{fmt.format_decimal(round(value), lang, '#,##0')}%"
    return fmt.format_decimal(round(value), lang, "#,##0")


def column_widths(headers: list[str], rows: list[list[str]], kinds: list[str], total: float,
                  size: float) -> list[float]:
    """Each column's width (in points) in a table `total` points wide at font `size`: numbers get
    the width of their longest text, so they never wrap (nor do the header's words); the text
    columns share what is left by their longest text (bounded, so a long name wraps rather than
    crowding the rest out)."""
    char, padding = 0.66 * size, 0.5 * size + 6
    header_words = [max((len(w) for w in h.split()), default=0) * char * 1.25 for h in headers]  # bold
    need = []
    for i, kind in enumerate(kinds):
        longest = max((len(r[i]) for r in rows), default=0)
        if kind == "text" and longest > 12:
            need.append(max(min(longest, 45) * char, header_words[i], 4 * char) + padding)
        else:
            need.append(max(longest * char, header_words[i]) + padding)
    # short texts (codes, band names) keep their width like numbers: only long texts wrap
    texts = [i for i, kind in enumerate(kinds)
             if kind == "text" and max((len(r[i]) for r in rows), default=0) > 12]
    fixed = sum(w for i, w in enumerate(need) if i not in texts)
    wanted = sum(need[i] for i in texts)
    if not texts or not wanted:
        return [w * total / sum(need) for w in need]
    room = max(total - fixed, 0.15 * total)  # numbers first; the text columns keep at least some room
    widths = [w * room / wanted if i in texts else w for i, w in enumerate(need)]
    return [w * total / sum(widths) for w in widths]
