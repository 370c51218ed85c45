"""What a caller outside the warehouse needs to check, load and undo import files, in one place:
the Muat page's view (monev/views/muat.py) asks this module rather than reaching into the reader,
ingest, errors, store, batches and formats modules behind it, so those can change shape freely."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.warehouse import batches, formats
from monev.warehouse.derived import Derived
from monev.warehouse.errors import PROBLEM_COLUMNS, FileProblem
from monev.warehouse.ingest import REJECTED, LoadResult, check_file, ingest_files, located_problems, safe_file_name
from monev.warehouse.load_warnings import of_batch as batch_warnings
from monev.warehouse.reader import read_table
from monev.warehouse.store import WarehouseBusy
from monev.warehouse.validate import MAX_ROWS_PER_RULE as MAX_WARNINGS_PER_RULE

__all__ = ["MAX_WARNINGS_PER_RULE", "PROBLEM_COLUMNS", "REJECTED", "LoadResult", "WarehouseBusy", "batch_warnings",
           "check_file", "history", "ingest_files", "kind_label", "load", "preview", "problems", "safe_file_name",
           "undo"]


def kind_label(kind: str | None) -> str | None:
    """The import kind's name for people (formats.Kind.label), None for an unknown kind."""
    return formats.KINDS[kind].label if kind in formats.KINDS else None


def preview(path, rows: int) -> pd.DataFrame | None:
    """The first rows of a file as read, None when it cannot be read."""
    try:
        return read_table(path).cells.head(rows)
    except FileProblem:
        return None


def load(warehouse, path, loaded_by: str | None = None, derived: Derived | None = None) -> LoadResult:
    """Load one file as a new version of the warehouse; a busy warehouse is a refused load.
    derived: as ingest_files'."""
    try:
        [result] = ingest_files(warehouse, [path], loaded_by=loaded_by, derived=derived)
    except WarehouseBusy as exc:
        return LoadResult(safe_file_name(path.name), REJECTED, message=str(exc))
    return result


def problems(result: LoadResult) -> pd.DataFrame:
    """Every problem of a result at a row or column, with row, column, value and reason (empty for
    a file that cannot be read at all: its one problem is the result's message)."""
    return located_problems(result)


def history(engine: sa.Engine) -> pd.DataFrame:
    """The load batches, newest first (batches.history)."""
    return batches.history(engine)


def undo(warehouse, batch_id: int, derived: Derived | None = None) -> tuple[bool, str]:
    """(done, message): the undo's result or the reason it was refused. derived: as ingest_files'."""
    try:
        return True, batches.undo(warehouse, batch_id, derived).message
    except (batches.UndoRefused, WarehouseBusy) as exc:
        return False, str(exc)
