"""A screenful of a long table: search, order and page it before anything is drawn.

Nationally a satker table holds 24.000 rows (a PPK table 38.000, the RO table 476.000): drawn
whole it is slower to send than anyone reads, and Streamlit refuses a styled table above 262.144
cells. Pages show one page of the rows a viewer searched and ordered; the download keeps them all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

PAGE_ROWS = (25, 50, 100)  # rows per page a viewer can choose; the first is the default


@dataclass(frozen=True)
class Page:
    rows: pd.DataFrame  # the screenful, index 0..n-1
    page: int  # the page shown (clamped to the pages there are)
    pages: int
    first: int  # 1-based number of the first row shown (0 when none)
    total: int  # rows on every page together


def searched(frame: pd.DataFrame, text: str, columns: list[str]) -> pd.DataFrame:
    """Rows where every word of `text` appears in one of `columns` (codes or names). The words are
    matched as plain text, never as patterns."""
    words = text.casefold().split()
    columns = [c for c in columns if c in frame]
    if not words or not columns or frame.empty:
        return frame
    haystack = frame[columns[0]].astype("string").fillna("")
    for column in columns[1:]:
        haystack = haystack + " " + frame[column].astype("string").fillna("")
    haystack = haystack.str.casefold()
    keep = pd.Series(True, index=frame.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return frame[keep]


def ordered(frame: pd.DataFrame, column: str | None, descending: bool) -> pd.DataFrame:
    """Stable sort on one column, missing values last either way; the view's order breaks ties."""
    if column is None or column not in frame:
        return frame
    return frame.sort_values(column, ascending=not descending, kind="stable", na_position="last")


def matching(frame: pd.DataFrame, search: str, search_columns: list[str], sort_by: str | None = None,
             descending: bool = False) -> pd.DataFrame:
    """Every row the search keeps, in the chosen order: what the pages show one by one and what
    the download holds."""
    return ordered(searched(frame, search, search_columns), sort_by, descending).reset_index(drop=True)


def pages_of(rows: int, size: int) -> int:
    return max(1, math.ceil(rows / max(1, size)))


def page_of(frame: pd.DataFrame, page: int, size: int = PAGE_ROWS[0]) -> Page:
    """Page `page` (1-based; past either end: the nearest page) of `size` rows."""
    size = max(1, int(size))
    pages = pages_of(len(frame), size)
    page = min(max(1, int(page)), pages)
    start = (page - 1) * size
    rows = frame.iloc[start:start + size].reset_index(drop=True)
    return Page(rows, page, pages, start + 1 if len(rows) else 0, len(frame))
