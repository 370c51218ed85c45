"""The "Muat data" page's work: check uploaded files without loading them, load them, and the
load history with undo. Uploads are written under a sanitised name to a temporary directory and
go through the same reading, validation and loading as `python -m monev ingest`."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from monev.warehouse import batches, formats
from monev.warehouse.errors import FileProblem
from monev.warehouse.ingest import (
    REJECTED,
    LoadResult,
    check_file,
    ingest_files,
    located_problems,
    safe_file_name,
)
from monev.warehouse.reader import read_table
from monev.warehouse.store import WarehouseBusy

PREVIEW_ROWS = 20
UNDO_ROWS = 30  # the newest batches get an undo button; older ones: `python -m monev undo`
HISTORY_COLUMNS = ["batch_id", "file_name", "kind", "row_count", "loaded_at", "loaded_by", "sha256",
                   "baris_dilampaui", "dilampaui_oleh"]


@dataclass
class Checked:
    result: LoadResult  # status 'siap', 'sudah_dimuat' or 'ditolak'
    preview: pd.DataFrame | None  # the first rows as read, None when the file cannot be read
    kind_label: str | None


def _write(directory: Path, name: str, content: bytes) -> Path:
    path = Path(directory) / safe_file_name(name)
    path.write_bytes(content)
    return path


def check_upload(engine: sa.Engine, name: str, content: bytes) -> Checked:
    """Validate an uploaded file without loading it, with a preview of its first rows."""
    with tempfile.TemporaryDirectory(prefix="monev-unggah-") as directory:
        path = _write(directory, name, content)
        result = check_file(engine, path)
        preview = None
        if result.status != "ditolak" or result.kind is not None:
            try:
                preview = read_table(path).cells.head(PREVIEW_ROWS)
            except FileProblem:
                preview = None
    label = formats.KINDS[result.kind].label if result.kind in formats.KINDS else None
    return Checked(result, preview, label)


def load_upload(warehouse, name: str, content: bytes, loaded_by: str | None = None) -> LoadResult:
    """Load one uploaded file as a new version of the warehouse (waits while another load runs)."""
    with tempfile.TemporaryDirectory(prefix="monev-unggah-") as directory:
        try:
            [result] = ingest_files(warehouse, [_write(directory, name, content)], loaded_by=loaded_by)
        except WarehouseBusy as exc:
            return LoadResult(safe_file_name(name), REJECTED, message=str(exc))
        return result


def problems(result: LoadResult) -> pd.DataFrame:
    """Every problem with row, column, value and reason (the download holds the same rows); empty
    for a file that cannot be read at all, whose one problem is the result's message."""
    return located_problems(result)


def history(engine: sa.Engine) -> pd.DataFrame:
    frame = batches.history(engine)[HISTORY_COLUMNS]
    return frame.assign(dapat_dibatalkan=frame["baris_dilampaui"] == 0)


def undo(warehouse, batch_id: int) -> tuple[bool, str]:
    """(done, message): the undo's result or the reason it was refused."""
    try:
        return True, batches.undo(warehouse, batch_id).message
    except (batches.UndoRefused, WarehouseBusy) as exc:
        return False, str(exc)
