"""The "Muat data" page's work: check uploaded files without loading them, load them, and the
load history with undo. Uploads are written under a sanitised name to a temporary directory and
go through the same reading, validation and loading as `python -m monev ingest`."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from monev.views import ikpa as ikpa_view
from monev.warehouse import loading
from monev.warehouse.loading import LoadResult

PREVIEW_ROWS = 20
MAX_WARNINGS_PER_RULE = loading.MAX_WARNINGS_PER_RULE
UNDO_ROWS = 30  # the newest batches get an undo button; older ones: `python -m monev undo`
# what every load, undo and sample build keeps computed in the draft it publishes
# (monev.warehouse.derived): the IKPA scores, which the warehouse layer cannot compute
DERIVED = ikpa_view.store_scores
HISTORY_COLUMNS = ["batch_id", "file_name", "kind", "row_count", "loaded_at", "loaded_by", "sha256",
                   "baris_dilampaui", "dilampaui_oleh"]


@dataclass
class Checked:
    result: LoadResult  # status 'siap', 'sudah_dimuat' or 'ditolak'
    preview: pd.DataFrame | None  # the first rows as read, None when the file cannot be read
    kind_label: str | None


def _write(directory: Path, name: str, content: bytes) -> Path:
    path = Path(directory) / loading.safe_file_name(name)
    path.write_bytes(content)
    return path


def check_upload(engine: sa.Engine, name: str, content: bytes) -> Checked:
    """Validate an uploaded file without loading it, with a preview of its first rows."""
    with tempfile.TemporaryDirectory(prefix="monev-unggah-") as directory:
        path = _write(directory, name, content)
        result = loading.check_file(engine, path)
        readable = result.status != loading.REJECTED or result.kind is not None
        preview = loading.preview(path, PREVIEW_ROWS) if readable else None
    return Checked(result, preview, loading.kind_label(result.kind))


def load_upload(warehouse, name: str, content: bytes, loaded_by: str | None = None) -> LoadResult:
    """Load one uploaded file as a new version of the warehouse (waits while another load runs)."""
    with tempfile.TemporaryDirectory(prefix="monev-unggah-") as directory:
        return loading.load(warehouse, _write(directory, name, content), loaded_by=loaded_by, derived=DERIVED)


def problems(result: LoadResult) -> pd.DataFrame:
    """Every problem with row, column, value and reason (the download holds the same rows); empty
    for a file that cannot be read at all, whose one problem is the result's message."""
    return loading.problems(result)


def history(engine: sa.Engine) -> pd.DataFrame:
    frame = loading.history(engine)[HISTORY_COLUMNS]
    return frame.assign(dapat_dibatalkan=frame["baris_dilampaui"] == 0)


def warnings(engine: sa.Engine, batch_id: int) -> pd.DataFrame:
    """The warnings kept with an earlier batch: those listed when it was loaded (up to
    MAX_WARNINGS_PER_RULE of each rule; the load's message gave the full count)."""
    return loading.batch_warnings(engine, batch_id)


def undo(warehouse, batch_id: int) -> tuple[bool, str]:
    """(done, message): the undo's result or the reason it was refused."""
    return loading.undo(warehouse, batch_id, derived=DERIVED)
