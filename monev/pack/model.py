"""What a Rakor pack holds, independent of the file it is written to.

A pack is a list of slides; a slide holds one or two tables; a table is a DataFrame with its
columns' titles and kinds, and optionally the chart drawn from it. The deck, the workbook and the
PDF are three renderings of the same tables (monev.pack.deck, .workbook, .pdf), so they cannot
disagree: the workbook holds every table as numbers, the deck and the PDF the same numbers worded
(monev.i18n.format) and charted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from monev.domain.period import Period
from monev.i18n import format as fmt

# text: a string; rupiah: integer rupiah (int64 / Int64); percent: a value already in % (float);
# score: an IKPA score 0-100 (float, no '%'); count: a whole number; year: a fiscal year (no grouping);
# volume: an RO's output volume in its own unit (float, up to four decimals: 1.500, 250,5)
KINDS = ("text", "rupiah", "percent", "score", "count", "year", "volume")


@dataclass(frozen=True)
class Column:
    key: str  # the frame's column
    title: str  # its header, in the pack's language
    kind: str = "text"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Jenis kolom tidak dikenal: {self.kind}")


@dataclass(frozen=True)
class Chart:
    """A chart of a table: one category per row (the `category` column), one series per column
    of `series`, on one value axis of `axis` kind (a column kind)."""

    kind: str  # "line" or "bar"
    category: str
    series: tuple[str, ...]
    axis: str


@dataclass
class Table:
    sheet: str  # the workbook's sheet name: unique in the pack, at most 31 characters
    title: str
    frame: pd.DataFrame
    columns: tuple[Column, ...]
    chart: Chart | None = None
    note: str = ""
    # the deck and the PDF show (and chart) the first `shown` rows, the workbook every row; the note says so
    shown: int | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def rows_shown(self) -> pd.DataFrame:
        return self.frame if self.shown is None else self.frame.head(self.shown)


@dataclass
class Slide:
    title: str
    tables: list[Table] = field(default_factory=list)
    kind: str = "tables"  # "title", "headline" or "tables"
    lines: list[str] = field(default_factory=list)  # the title slide's lines, the headline's tiles' captions
    tiles: list[tuple[str, str, str]] = field(default_factory=list)  # headline: (label, value, caption)


@dataclass
class Pack:
    period: Period
    lang: str
    sample: bool
    scope_label: str  # the units the pack covers, in words
    made_at: datetime
    slides: list[Slide]
    units: tuple[str, ...] = ()  # the units of a pack restricted to some (empty: every unit)

    @property
    def tables(self) -> list[Table]:
        return [table for slide in self.slides for table in slide.tables]

    @property
    def stamp(self) -> str:
        """The files' common name: bahan_rakor_2024_09, with the units of a restricted pack
        (bahan_rakor_2024_09_unit_03) and the language when not Indonesian (..._en)."""
        name = f"bahan_rakor_{self.period.tahun}_{self.period.bulan:02d}"
        if self.units:
            name += "_unit_" + "_".join(self.units[:4]) + ("_dll" if len(self.units) > 4 else "")
        return name + ("" if self.lang == "id" else f"_{self.lang}")


def worded(value, kind: str, lang: str) -> str:
    """One cell as the deck and the PDF show it (Indonesian formats by default)."""
    if kind == "text":
        return "" if fmt.is_missing(value) else str(value)
    if kind == "rupiah":
        return fmt.rupiah(value, lang)
    if kind == "percent":
        return fmt.percent(value, lang)
    if kind == "score":
        return "–" if fmt.is_missing(value) else fmt.format_decimal(round(float(value), 2), lang, "#,##0.00")
    if kind == "year":
        return "–" if fmt.is_missing(value) else str(int(value))
    if kind == "volume":
        return "–" if fmt.is_missing(value) else fmt.format_decimal(value, lang, "#,##0.####")
    return "–" if fmt.is_missing(value) else fmt.format_decimal(int(value), lang, "#,##0")


def worded_rows(table: Table, lang: str) -> list[list[str]]:
    """The rows the deck and the PDF show, every cell worded."""
    frame = table.rows_shown
    columns = [(frame[c.key].tolist(), c.kind) for c in table.columns]
    return [[worded(values[i], kind, lang) for values, kind in columns] for i in range(len(frame))]
