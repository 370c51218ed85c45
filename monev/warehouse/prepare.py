"""From a file as read to the columns of its kind, before validation: headers by their name or an
alias the source systems write (formats.header_map), a cell holding a code and its name split
(`027.01.DQ Program Perlindungan Sosial`, `5212 Belanja Barang`), and a fixed-length code that
lost its leading zeros in a numeric XLSX cell padded, with a warning (27001 read as 027001).

Nothing here rejects: whatever does not fit is left as it was for validation to report.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.warehouse import formats as f
from monev.warehouse import validate
from monev.warehouse.reader import RawTable
from monev.warehouse.validate import Problems

MAX_CODE_PARTS = 4  # a program code is written as up to three parts (027 01 DQ); one more to be safe


@dataclass
class Prepared:
    header: list[str]  # the kind's column names, then the file's other headers as read
    cells: pd.DataFrame
    renamed: list[tuple[str, str]]  # (file header, column) where the file used an alias
    warnings: Problems


def _fixed_length(col: f.Column) -> int | None:
    match = re.fullmatch(r"\[0-9(?:A-Z)?\]\{(\d+)\}", col.pattern or "")
    return int(match.group(1)) if match else None


def _pad(col: f.Column, text: pd.Series, numeric, warnings: Problems) -> pd.Series:
    """A numeric XLSX cell of a fixed-length code column with fewer digits: zeros in front."""
    length = _fixed_length(col)
    if length is None or numeric is None:
        return text
    short = pd.Series(numeric, index=text.index) & text.str.fullmatch(r"[0-9]+") & (text.str.len() < length)
    if not short.any():
        return text
    padded = text.where(~short, text.str.zfill(length))
    warnings.add(short, col.name, text,
                 "kode berupa angka di XLSX (nol di depan hilang); dibaca sebagai " + padded
                 + ": format kolom kode sebagai teks")
    return padded


def _fits(text: pd.Series, pattern: str) -> pd.Series:
    """Which cells are a whole match of the pattern: Arrow's vectorised RE2, several times faster
    than pandas' str.fullmatch over a million cells (every code column of every file passes here)."""
    matched = pc.match_substring_regex(pa.array(text, type=pa.string(), from_pandas=True), f"^(?:{pattern})$")
    return pd.Series(matched.to_numpy(zero_copy_only=False), index=text.index).fillna(False).astype(bool)


def _split(col: f.Column, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(code, name) of cells that hold a code followed by its name; the code as the column writes
    it (parts joined by dots: `027 01 DQ` is 027.01.DQ). Cells that are a code already, or that do
    not start with one, keep their text and get an empty name. The longest fitting code wins."""
    open_ = ~_fits(text, col.pattern) & (text != "")
    names = pd.Series("", index=text.index, dtype=object)
    if not open_.any():  # the common case: every cell is a code already
        return text, names
    codes = text.copy()
    if open_.any():  # a code alone, its parts separated by spaces: 027 01 DQ
        dotted = text[open_].str.replace(r"\s+", ".", regex=True)
        fits = dotted.str.fullmatch(col.pattern).fillna(False).astype(bool)
        codes.loc[fits[fits].index] = dotted[fits]
        open_.loc[fits[fits].index] = False
    for parts in range(MAX_CODE_PARTS, 0, -1):
        if not open_.any():
            break
        found = text[open_].str.extract(
            rf"^(?P<code>[0-9A-Z]+(?:[ .][0-9A-Z]+){{{parts - 1}}})(?:\s*[-:]\s*|\s+)(?P<name>\S.*?)\s*$")
        code = found["code"].str.replace(" ", ".", regex=False)
        fits = code.str.fullmatch(col.pattern).fillna(False).astype(bool)
        rows = fits[fits].index
        codes.loc[rows] = code.loc[rows]
        names.loc[rows] = found.loc[rows, "name"]
        open_.loc[rows] = False
    return codes, names


def prepare(kind: f.Kind, table: RawTable) -> Prepared:
    pairs = f.header_map(kind, table.header)
    used = {name for name, _ in pairs}
    source = {column: name for name, column in pairs}
    columns = {column: table.cells[name] for name, column in pairs}
    for name in table.header:
        if name and name not in used:
            columns[name] = table.cells[name]
    cells = pd.DataFrame(columns, index=table.cells.index)
    warnings = Problems(cells.index, table.row_numbers)
    code_columns = [(col, cells[col.name].fillna(""),  # not stripped here: validation does, once
                     table.numeric.get(source[col.name]) if table.numeric else None)
                    for col in kind.columns if col.type == f.CODE and col.name in cells]

    def prepared(column) -> tuple:
        col, text, numeric = column
        found = Problems(cells.index, table.row_numbers)
        return (*_split(col, _pad(col, text, numeric, found)), found)

    # the code columns two at a time, as validation's columns (Arrow's regex releases the GIL);
    # their results are written and their warnings collected in the columns' order
    with ThreadPoolExecutor(max_workers=validate.COLUMN_THREADS) as pool:  # one switch for both
        results = list(pool.map(prepared, code_columns))
    for (col, text, _), (codes, names, found) in zip(code_columns, results):
        warnings.absorb(found)
        if codes is not text:  # padded or split: _pad and _split return their input when neither
            cells[col.name] = codes.astype(pd.StringDtype())
        name_col = f.NAME_OF.get(col.name)
        if name_col in cells and source.get(name_col) == source[col.name]:
            cells[name_col] = names.astype(pd.StringDtype())  # the cell's name part, or empty
    renamed = [(name, column) for name, column in pairs if name != column]
    header = [column for column in kind.column_names if column in cells] + [
        name for name in table.header if name and name not in used]
    return Prepared(header, cells, renamed, warnings)
