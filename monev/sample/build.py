"""Writing the sample as import files and loading it into a warehouse through the import path."""
from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from monev.warehouse import formats

Progress = Callable[[float, str], None]
SCALES = ("kemensos", "national")


class SampleLoadError(RuntimeError):
    """A sample file was rejected by validation: a bug in the generator (or the validator)."""


def _nothing(fraction: float, message: str) -> None:
    pass


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    return lambda fraction, message: progress(start + (end - start) * fraction, _readable(message))


def _readable(message: str) -> str:
    """'Memuat 2023_realisasi.csv' -> 'Memuat realisasi 2023', 'Memuat satker.csv' -> 'Memuat referensi satker'."""
    match = re.fullmatch(r"Memuat (?:(\d{4})_)?([a-z_]+?)(?:_(\d+))?\.(?:csv|xlsx)", message)
    if not match:
        return message
    year, kind, part = match.groups()
    label = kind.replace("_", " ")
    if not year:
        return f"Memuat referensi {label}"
    return f"Memuat {label} {year}" + (f" (berkas {int(part)})" if part else "")


def write_sample_files(out_dir: Path, scale: str = "kemensos", seed: int = 2024,
                       progress: Progress | None = None) -> list[Path]:
    """Write the sample as import files (formats of monev/warehouse/formats.py) into out_dir;
    return the paths in load order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = progress or _nothing
    if scale == "kemensos":
        from monev.sample import kemensos

        paths = kemensos.write_files(out_dir, seed, progress)
    elif scale == "national":
        from monev.sample import national

        paths = national.write_files(out_dir, seed, progress)
    else:
        raise ValueError(f"Skala contoh '{scale}' tidak dikenal. Pilihan: {', '.join(SCALES)}.")
    return sorted(paths, key=load_rank)


def load_rank(path: Path) -> tuple[int, str]:
    """Reference kinds first, then facts by kind and fiscal year (file names start with the kind
    or the year)."""
    stem = path.stem
    year, _, rest = stem.partition("_")
    kind = rest if year.isdigit() else stem
    kind = kind.rstrip("_0123456789") if kind not in formats.KINDS else kind
    return formats.LOAD_ORDER.index(kind), stem


def build_sample(db_path: Path, scale: str = "kemensos", seed: int = 2024, progress=None,
                 derived=None) -> None:
    """write_sample_files into a working dir next to db_path, then load them through the import
    path (monev.warehouse.ingest.load_files, loaded_by="sample") and mark the warehouse as sample
    data, all in one new version: it appears complete, or not at all. derived: as
    monev.warehouse.ingest.ingest_files' (monev.views.muat.DERIVED), run before publishing."""
    from monev.warehouse import db, ingest

    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    progress = progress or _nothing
    writing_share = 0.25 if scale == "kemensos" else 0.15
    work = Path(tempfile.mkdtemp(prefix=f".sample-{scale}-", dir=db_path.parent))
    try:
        progress(0.0, "Menulis berkas contoh")
        paths = write_sample_files(work, scale, seed, _scaled(progress, 0.0, writing_share))
        with db.writing(db_path) as draft:
            results = ingest.load_files(draft.engine, paths, loaded_by="sample",
                                        progress=_scaled(progress, writing_share, 0.99))
            rejected = [r for r in results if not r.ok]
            if rejected:
                lines = []
                for result in rejected[:5]:
                    lines.append(f"{result.file_name}: {result.message}")
                    for row in result.problems.head(5).itertuples(index=False):
                        lines.append(f"  baris {row.baris}, kolom {row.kolom}, nilai {row.nilai}: {row.alasan}")
                raise SampleLoadError("Data contoh ditolak oleh validasi:\n" + "\n".join(lines))
            ingest.mark_sample(draft.engine, scale, seed)
            if derived is not None:
                progress(0.99, "Menghitung nilai IKPA")
                derived(draft.engine)
        progress(1.0, "Data contoh siap")
    finally:
        shutil.rmtree(work, ignore_errors=True)
