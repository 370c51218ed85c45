"""Writing sample tables as import files (CSV, or XLSX) in the formats of monev/warehouse/formats.py.

Columns are written in the kind's order under its exact lower-case names; codes as text with their
leading zeros, amounts as whole rupiah, dates as YYYY-MM-DD, decimals with a dot.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from monev.warehouse import formats as f

TEXT_TYPES = (f.CODE, f.TEXT, f.CHOICE)
INT_TYPES = (f.YEAR, f.INTEGER, f.MONTH, f.MONEY)
NUMBER_TYPES = (f.DECIMAL, f.PERCENT)
FIXED_TIME = datetime(2024, 1, 1)


def decimal_text(values) -> pa.Array:
    """Non-negative numbers as text with at most two decimals and a dot: 12, 12.5, 0.25; NaN as
    an empty cell (an optional value)."""
    numbers = np.asarray(values, dtype=float)
    missing = np.isnan(numbers)
    scaled = np.rint(np.where(missing, 0.0, numbers) * 100).astype(np.int64)
    whole = pc.cast(pa.array(scaled // 100), pa.string())
    cents = pc.utf8_rtrim(pc.utf8_lpad(pc.cast(pa.array(scaled % 100), pa.string()), 2, "0"), "0")
    joined = pc.binary_join_element_wise(whole, cents, ".")
    text = pc.if_else(pa.array(scaled % 100 == 0), whole, joined)
    return pc.if_else(pa.array(missing), pa.scalar("", pa.string()), text) if missing.any() else text


def _column(col: f.Column, values) -> pa.Array:
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        if col.type in NUMBER_TYPES and not pa.types.is_string(values.type):
            return decimal_text(values.to_numpy())
        return values
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if col.type in TEXT_TYPES:
        if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
            array = pa.array(series, type=pa.string(), from_pandas=True)
        else:
            array = pa.array(series.astype(str), type=pa.string())
        return pc.fill_null(array, "")
    if col.type in INT_TYPES:
        return pa.array(series.to_numpy(dtype=np.int64))
    if col.type == f.DATE:
        days = pd.to_datetime(series).to_numpy().astype("datetime64[D]")
        return pa.array(days.astype(np.int64).astype(np.int32), pa.int32()).cast(pa.date32())
    if col.type in NUMBER_TYPES:
        return decimal_text(series.to_numpy(dtype=float))
    raise ValueError(f"unknown column type {col.type}")


def to_arrow(kind_name: str, frame: pd.DataFrame | pa.Table) -> pa.Table:
    """The frame's columns of `kind_name`, in the kind's order, typed for writing."""
    kind = f.KINDS[kind_name]
    arrays, names = [], []
    present = frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)
    for col in kind.columns:
        if col.name not in present:
            if col.optional_column:
                continue
            raise KeyError(f"{kind_name}: column {col.name} missing")
        values = frame.column(col.name) if isinstance(frame, pa.Table) else frame[col.name]
        arrays.append(_column(col, values))
        names.append(col.name)
    return pa.table(arrays, names=names)


def write_csv(kind_name: str, frame: pd.DataFrame | pa.Table, path: Path) -> Path:
    table = to_arrow(kind_name, frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    quoting = "none"
    free_text = [c.name for c in f.KINDS[kind_name].columns if c.type == f.TEXT]  # codes never need quotes
    for name in free_text:
        column = table.column(name)
        if pc.any(pc.match_substring_regex(column, '[,"\r\n]')).as_py():
            quoting = "needed"  # a name with a comma: text columns are quoted
            break
    with pa.OSFile(str(path), "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(table, sink, pacsv.WriteOptions(include_header=False, quoting_style=quoting,
                                                        batch_size=65536))
    return path


def write_xlsx(kind_name: str, frame: pd.DataFrame, path: Path) -> Path:
    table = to_arrow(kind_name, frame).to_pandas()
    for col in f.KINDS[kind_name].columns:
        if col.type == f.DATE:
            table[col.name] = table[col.name].astype(str)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        writer.book.set_properties({"created": FIXED_TIME})  # same bytes for the same data
        table.to_excel(writer, sheet_name=kind_name, index=False)
    return path
