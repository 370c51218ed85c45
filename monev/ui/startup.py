"""Finding or building the warehouse when the app starts.

On the embedded default path, a missing warehouse is built from the sample data as one new
version that appears only when complete (monev.warehouse.store), so a crash or a second session
never sees half a warehouse. A configured path is never built over: its absence is an error to
report.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from monev.config import is_default, warehouse_path

_build_lock = threading.Lock()


class WarehouseMissing(Exception):
    pass


def existing_warehouse(path: Path | None = None) -> Path | None:
    """The warehouse's path when it is there (what every run but a first start's finds)."""
    path = Path(path or warehouse_path())
    return path if path.is_file() else None


def ensure_warehouse(progress: Callable[[float, str], None] | None = None,
                     path: Path | None = None) -> Path:
    path = Path(path or warehouse_path())
    if path.is_file():
        return path
    if not is_default(path):
        raise WarehouseMissing(
            f"Gudang data yang dikonfigurasi tidak ditemukan: {path}. Periksa MONEV_DB atau "
            "warehouse_path di .streamlit/secrets.toml."
        )
    with _build_lock:
        if not path.is_file():  # another session may have built it while we waited
            from monev.sample.build import build_sample
            from monev.views import muat

            build_sample(path, progress=progress, derived=muat.DERIVED)
    return path
