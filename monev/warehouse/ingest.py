"""The only way data gets into the warehouse: read, validate, then load a file in one transaction.

A file with any problem is rejected whole and nothing of it is loaded. A file whose bytes were
loaded before is skipped, so loading the same file twice changes nothing. Every accepted file is
recorded in `load_batch`.
"""
from __future__ import annotations

import getpass
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from monev.warehouse import db, formats, query, store, validate
from monev.warehouse import load_warnings as warnings
from monev.warehouse.derived import Derived
from monev.warehouse.errors import PROBLEM_COLUMNS, FileProblem, FileRejected
from monev.warehouse.prepare import Prepared, prepare
from monev.warehouse.reader import RawTable, check_limits, read_header, read_table

Progress = Callable[[float, str], None]

LOADED = "dimuat"
ALREADY = "sudah_dimuat"
REJECTED = "ditolak"
READY = "siap"  # check_file: valid, not loaded yet
LINE_WITHOUT_PPK = [c for c in formats.LINE if c != "kdppk"]
# Aggregates brought up to date, for what a load touched, in the load's own transaction, each
# after the aggregates it reads. A realization load changes no pagu: the realization aggregate
# takes the batch's lines as a delta, the summary aggregate keeps the pagu in force it holds
# (schema 9), and the capaian RO aggregate keeps its pagu and reports (schema 10); a capaian load
# keeps that aggregate's pagu and realization. The plan in force per as-of month (schema 11)
# changes with RPD loads only. The KPA/PPK page's wide year (schema 12) is the summary
# aggregate's rows pivoted: rebuilt for the satker touched wherever that aggregate changes.
_REALIZATION_REFRESH = ["load/refresh_agg_realisasi_tambah", "load/refresh_agg_ringkasan_realisasi",
                        "load/refresh_agg_ikpa_bulanan", "load/refresh_agg_ikpa_penyerapan",
                        "load/refresh_agg_capaian_ro_realisasi", "load/refresh_agg_kpa_ppk"]
REFRESHES = {
    "pagu": ["load/refresh_agg_ringkasan", "load/refresh_agg_ikpa_bulanan", "load/refresh_agg_capaian_ro",
             "load/refresh_agg_kpa_ppk", "load/refresh_agg_ikpa_penyerapan"],
    "realisasi": _REALIZATION_REFRESH,
    "realisasi_bulanan": _REALIZATION_REFRESH,
    "realisasi_kumulatif": ["load/refresh_agg_realisasi", "load/refresh_agg_ringkasan",
                            "load/refresh_agg_ikpa_bulanan", "load/refresh_agg_capaian_ro",
                            "load/refresh_agg_kpa_ppk", "load/refresh_agg_ikpa_penyerapan"],
    "rpd": ["load/refresh_agg_rpd_berlaku", "load/refresh_agg_proyeksi_rpd", "load/refresh_agg_ikpa_bulanan"],
    "capaian": ["load/refresh_agg_ikpa_capaian", "load/refresh_agg_capaian_ro_laporan"],
}


@dataclass
class LoadResult:
    file_name: str
    status: str
    kind: str | None = None
    batch_id: int | None = None
    rows: int = 0
    message: str = ""
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))
    total_problems: int = 0
    # what loaded (or would load) but deserves a look: same columns as problems; kept with the batch
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))
    total_warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.status != REJECTED


def current_user() -> str:
    return os.environ.get("MONEV_USER") or getpass.getuser()


def file_sha256(path: Path) -> str:
    stat = path.stat()
    return _sha256_of(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _sha256_of(path: str, size: int, mtime_ns: int) -> str:
    """Keyed by size and modification time too, so a file changed in place is hashed again; the
    already-loaded check and the load itself then read a large file once."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _resolve_kind(requested: str | None, header: list[str]) -> formats.Kind:
    detected = formats.detect_kind(header)
    allowed = formats.KIND_ALIASES.get(requested, (requested,)) if requested else None
    if allowed and detected not in allowed:
        kind = formats.KINDS[allowed[0]]
        mapped = formats.mapped_columns(kind, header)
        validate.check_header(kind, [c for c in kind.column_names if c in mapped])  # raises: columns missing
        return kind
    if detected is None:
        closest = formats.closest_kinds(header)
        hint = (" Paling mirip: " + "; ".join(
            f"jenis '{kind.name}' (cocok {len(matched)} kolom: {', '.join(matched)}; kurang: {', '.join(missing)})"
            for kind, matched, missing in closest) + ".") if closest else ""
        raise FileProblem(
            "Jenis data tidak dapat dikenali dari baris judul "
            f"({', '.join(h for h in header if h) or 'kosong'}).{hint} Lihat docs/import-formats.md."
        )
    return formats.KINDS[detected]


def _lookup(engine: sa.Engine) -> validate.RefLookup:
    def lookup(ref: formats.RefCheck) -> pd.DataFrame:
        return query.reference(engine, f"ref/{ref.kind}")

    return lookup


def _attach_ppk(checked: validate.Checked, engine: sa.Engine) -> None:
    """A wide file without kdppk: each line goes to the one PPK holding it in the pagu."""
    typed = checked.frame
    holders = query.reference(engine, "ref/pagu_ppk")
    holders["thang"] = holders["thang"].astype("int64")
    counted = holders.groupby(LINE_WITHOUT_PPK, as_index=False).agg(
        kdppk=("kdppk", "first"), n_ppk=("kdppk", "nunique")
    )
    merged = typed[LINE_WITHOUT_PPK].merge(counted, on=LINE_WITHOUT_PPK, how="left")
    problems = validate.Problems(typed.index, checked.row_numbers)
    line_text = typed[LINE_WITHOUT_PPK[1:]].astype(str).agg(".".join, axis=1)
    problems.add(pd.Series(merged["n_ppk"].isna().to_numpy(), index=typed.index), "kdppk", line_text,
                 "tanpa kolom kdppk, baris anggaran ini harus ada di pagu agar PPK-nya diketahui")
    problems.add(pd.Series((merged["n_ppk"] > 1).to_numpy(), index=typed.index), "kdppk", line_text,
                 "baris anggaran ini dipegang lebih dari satu PPK: tambahkan kolom kdppk")
    typed["kdppk"] = merged["kdppk"].fillna("").to_numpy()
    checked.problems = pd.concat([checked.problems, problems.frame()], ignore_index=True)
    checked.total_problems += problems.total


def _wide_to_months(typed: pd.DataFrame) -> pd.DataFrame:
    months = typed.melt(id_vars=list(formats.LINE), value_vars=[f"real{m}" for m in range(1, 13)],
                        var_name="bulan", value_name="nilai")
    months = months[months["nilai"] != 0].copy()
    bulan = months["bulan"].str.slice(4).astype("int64")
    months["tgl_sp2d"] = pd.to_datetime(
        {"year": months["thang"], "month": bulan, "day": 1}
    ) + pd.offsets.MonthEnd(0)
    months["no_sp2d"] = ""
    return months.drop(columns="bulan")


def _staging(kind: formats.Kind, checked: validate.Checked) -> dict[str, pd.DataFrame]:
    typed = checked.frame
    if kind.name == "realisasi_bulanan":
        return {"staging": _wide_to_months(typed)}
    return {"staging": typed[list(kind.column_names)]}


def _staging_lines(checked: validate.Checked) -> pd.DataFrame:
    """The budget lines of a realization file, each with the file row of its first line: what the
    load's warnings look at (and a wide file's load supersedes)."""
    lines = checked.frame[list(formats.LINE)].drop_duplicates()  # keeps each line's first row
    rows = lines.index.to_numpy()
    lines["baris"] = checked.row_numbers[rows] if checked.row_numbers is not None else rows + 2
    return lines


def _load(engine: sa.Engine, kind: formats.Kind, checked: validate.Checked, file_name: str, sha: str,
          loaded_by: str, found: warnings.Found) -> int:
    with ThreadPoolExecutor(max_workers=1) as beside:
        return _load_staged(engine, kind, checked, file_name, sha, loaded_by, found, beside)


def _load_staged(engine: sa.Engine, kind: formats.Kind, checked: validate.Checked, file_name: str, sha: str,
                 loaded_by: str, found: warnings.Found, beside: ThreadPoolExecutor) -> int:
    typed = checked.frame
    tables = _staging(kind, checked)
    refresh = REFRESHES.get(kind.name, [])
    scripts = [f"load/{kind.name}", *refresh]
    lines = None
    if kind.name in warnings.REALIZATION_KINDS:
        if any("staging_lines" in query.sql_text(script) for script in scripts):
            tables["staging_lines"] = _staging_lines(checked)
        else:  # wanted by the warnings only: built on a second thread while DuckDB loads (1 M rows: 0,5 s)
            lines = beside.submit(_staging_lines, checked)
    if refresh:
        tables["staging_satker"] = typed[["thang", "kdsatker"]].drop_duplicates()
    raw = None
    try:
        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            batch_id = conn.exec_driver_sql(query.sql_text("batch_berikutnya")).scalar()  # never reused
            conn.execute(
                sa.text(query.sql_text("meta/catat_batch")),
                {"id": batch_id, "name": file_name, "sha": sha, "kind": kind.name, "rows": len(typed),
                 "at": datetime.now(), "by": loaded_by},
            )
            for name, frame in tables.items():
                raw.register(name, frame)
            for script in scripts:
                for statement in db.split_statements(query.sql_text(script)):
                    conn.execute(sa.text(statement), {"batch_id": batch_id})
            if lines is not None:
                tables["staging_lines"] = lines.result()
                raw.register("staging_lines", tables["staging_lines"])
            found.extend(warnings.after_load(conn, kind, checked, batch_id))
            if found.total:
                tables["staging_warning"] = found.frame()
                raw.register("staging_warning", tables["staging_warning"])
                conn.execute(sa.text(query.sql_text("load/catat_peringatan")), {"batch_id": batch_id})
            store.crash_point("dimuat")
    finally:
        # after commit or rollback, so a failed statement cannot hide behind a failed unregister
        if raw is not None:
            for name in tables:
                raw.unregister(name)
    return int(batch_id)


def safe_file_name(name: str) -> str:
    """The name a file is recorded under: its base name (no folders, whether written with / or \\),
    without control characters, at most 200 characters."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return base[:200] or "berkas"


def _problem_result(name: str, exc: FileProblem) -> LoadResult:
    """A file that cannot be read at all: one problem without row or column, worded as the message
    (listed like the others; shown once: see located_problems)."""
    return LoadResult(name, REJECTED, message=str(exc), total_problems=1,
                      problems=pd.DataFrame([{"baris": None, "kolom": None, "nilai": None,
                                              "alasan": str(exc)}]))


def located_problems(result: LoadResult) -> pd.DataFrame:
    """The problems at a row or column, for a table beside the message: a whole-file problem is
    the message itself, so showing it again as a row of empty cells would say it twice."""
    frame = result.problems if result.problems is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)
    located = frame["baris"].notna() | frame["kolom"].notna()
    return frame.loc[located, PROBLEM_COLUMNS].reset_index(drop=True)


def _rejected_result(name: str, spec: formats.Kind, exc: FileRejected) -> LoadResult:
    return LoadResult(name, REJECTED, kind=spec.name, problems=exc.problems, total_problems=exc.total,
                      message=f"{exc.total} kesalahan; berkas ditolak seluruhnya, tidak ada yang dimuat.")


def _loaded_before(engine: sa.Engine, sha: str) -> int | None:
    with engine.connect() as conn:
        earlier = conn.execute(
            sa.text(query.sql_text("meta/batch_dengan_sha")),
            {"sha": sha},
        ).scalar()
    return None if earlier is None else int(earlier)


def _already(name: str, batch_id: int) -> LoadResult:
    return LoadResult(name, ALREADY, batch_id=batch_id,
                      message=f"Berkas yang sama sudah dimuat (batch {batch_id}); tidak ada yang berubah.")


@dataclass
class Ahead:
    """A file read and prepared before its turn, while the warehouse was being copied (see
    ingest_files): what _read_and_prepare returned or raised, for the file as it was then."""
    path: Path
    stamp: tuple[int, int]  # size and modification time when read
    spec: list
    done: tuple[RawTable, Prepared] | None = None
    error: Exception | None = None

    def fits(self, path: Path) -> bool:
        """Whether this is that file still unchanged (else it is read again in its turn)."""
        return path == self.path and path.is_file() and _stamp(path) == self.stamp


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def read_ahead(path: Path, kind: str | None) -> Ahead | None:
    """_read_and_prepare now, its outcome kept: an error too (raised again when the file's turn
    comes, after the checks that come before reading, so the result is as if read then)."""
    if not path.is_file():
        return None
    ahead = Ahead(path, _stamp(path), [])
    try:
        ahead.done = _read_and_prepare(path, kind, ahead.spec)
    except Exception as exc:  # noqa: BLE001 - kept to raise in the file's turn, as if read then
        ahead.error = exc
    return ahead


def _read_and_prepare(path: Path, kind: str | None, spec_out: list) -> tuple[RawTable, Prepared]:
    """Read a file and prepare its columns: the steps that need no warehouse."""
    table = read_table(path)
    spec = _resolve_kind(kind, table.header)
    spec_out.append(spec)
    return table, prepare(spec, table)


def _read_and_check(engine: sa.Engine, path: Path, kind: str | None,
                    spec_out: list, ahead: Ahead | None = None) -> tuple[validate.Checked, warnings.Found, str]:
    """Read and validate a file (the steps shared by check_file and ingest_file); raises
    FileProblem or FileRejected. The kind found is appended to spec_out for the caller's report.
    Returns the checked rows, the warnings so far and a note naming the headers read by alias.
    ahead: the file read already (read_ahead), used when it still fits."""
    if ahead is not None and ahead.fits(path):
        spec_out.extend(ahead.spec)
        if ahead.error is not None:
            raise ahead.error
        (table, prepared), ahead.done = ahead.done, None  # the raw cells freed once checked, as read in turn
    else:
        table, prepared = _read_and_prepare(path, kind, spec_out)
    spec = spec_out[-1]
    checked = validate.check(spec, prepared.header, prepared.cells, _lookup(engine), table.row_numbers)
    if spec.name in formats.PPK_FROM_PAGU and "kdppk" not in prepared.header and checked.ok:
        _attach_ppk(checked, engine)
    if not checked.ok:
        raise FileRejected(path.name, checked.problems, checked.total_problems)
    note = (" Judul kolom dibaca sebagai: " + ", ".join(f"{name} = {column}" for name, column in prepared.renamed)
            + "." if prepared.renamed else "")
    return checked, warnings.Found.of(prepared.warnings), note


def _precheck(engine: sa.Engine, path: Path, kind: str | None) -> str:
    """The checks before any reading: known kind, file exists, size limits. Returns the SHA-256."""
    if kind and kind not in formats.KINDS and kind not in formats.KIND_ALIASES:
        raise FileProblem(f"Jenis data '{kind}' tidak dikenal. Pilihan: {', '.join(formats.KINDS)}.")
    if not path.is_file():
        raise FileProblem(f"Berkas tidak ditemukan: {path}")
    check_limits(path)
    return file_sha256(path)


def check_file(engine: sa.Engine, path: Path, kind: str | None = None) -> LoadResult:
    """Read and validate a file without loading it: status 'siap' when it would load cleanly,
    'sudah_dimuat' when the same bytes were loaded before, else 'ditolak' with every problem."""
    path = Path(path)
    name = safe_file_name(path.name)
    spec: list = []
    try:
        earlier = _loaded_before(engine, _precheck(engine, path, kind))
        if earlier is not None:
            return _already(name, earlier)
        checked, found, note = _read_and_check(engine, path, kind, spec)
    except FileProblem as exc:
        result = _problem_result(name, exc)
        result.kind = spec[0].name if spec else None
        return result
    except FileRejected as exc:
        return _rejected_result(name, spec[0], exc)
    ignored = f" Kolom diabaikan: {', '.join(checked.ignored_columns)}." if checked.ignored_columns else ""
    return LoadResult(name, READY, kind=spec[0].name, rows=len(checked.frame),
                      message=f"{spec[0].label}: {len(checked.frame)} baris siap dimuat.{note}{ignored}"
                              f"{found.note()}",
                      warnings=found.frame(), total_warnings=found.total)


def ingest_file(engine: sa.Engine, path: Path, kind: str | None = None,
                loaded_by: str | None = None, ahead: Ahead | None = None) -> LoadResult:
    """Validate and load one file; never raises for a bad file, the result says what happened.
    ahead: the file read already (read_ahead), used if it is this file, unchanged."""
    path = Path(path)
    name = safe_file_name(path.name)
    spec: list = []
    try:
        sha = _precheck(engine, path, kind)
        earlier = _loaded_before(engine, sha)
        if earlier is not None:
            return _already(name, earlier)
        checked, found, note = _read_and_check(engine, path, kind, spec, ahead)
        try:
            batch_id = _load(engine, spec[0], checked, name, sha, loaded_by or current_user(), found)
        except sa.exc.DBAPIError as exc:
            # the load's transaction was rolled back: the warehouse is as it was before
            raise FileProblem(f"Gagal menulis ke gudang data, tidak ada yang berubah: {exc.orig}") from exc
    except FileProblem as exc:
        return _problem_result(name, exc)
    except FileRejected as exc:
        return _rejected_result(name, spec[0], exc)
    ignored = f" Kolom diabaikan: {', '.join(checked.ignored_columns)}." if checked.ignored_columns else ""
    return LoadResult(name, LOADED, kind=spec[0].name, batch_id=batch_id, rows=len(checked.frame),
                      message=f"{spec[0].label}: {len(checked.frame)} baris dimuat (batch {batch_id})."
                              f"{note}{ignored}{found.note()}",
                      warnings=found.frame(), total_warnings=found.total)


def _load_rank(path: Path) -> int:
    """Reference files before facts, guessed from the header, so one call can load a whole set."""
    try:
        detected = formats.detect_kind(read_header(path))
    except (FileProblem, OSError):
        detected = None
    return formats.LOAD_ORDER.index(detected) if detected else -1


def _in_load_order(paths: list[Path], kind: str | None) -> list[Path]:
    return sorted((Path(p) for p in paths), key=_load_rank) if kind is None else [Path(p) for p in paths]


def load_files(engine: sa.Engine, paths: list[Path], kind: str | None = None, loaded_by: str | None = None,
               progress: Progress | None = None, ahead: Ahead | None = None) -> list[LoadResult]:
    """ingest_file for each path, reference files first, into an engine already open for writing;
    ahead: the first of them read already (read_ahead)."""
    ordered = _in_load_order(paths, kind)
    results = []
    for number, path in enumerate(ordered):
        if progress:
            progress(number / max(len(ordered), 1), f"Memuat {path.name}")
        results.append(ingest_file(engine, path, kind, loaded_by, ahead if number == 0 else None))
        ahead = None  # its frames freed before the next file is read
    if progress:
        progress(1.0, "Selesai")
    return results


def ingest_files(db_path: str | Path, paths: list[Path], kind: str | None = None,
                 loaded_by: str | None = None, progress: Progress | None = None,
                 wait: Callable[[str], None] | None = None,
                 derived: Derived | None = None) -> list[LoadResult]:
    """Load files into the warehouse as one new version: readers see all of them at once, or,
    if this process dies first, none (monev.warehouse.store). wait hears of another load that
    holds the warehouse meanwhile; derived, if given, computes and keeps the figures derived
    from the data (monev.warehouse.derived) in the draft before it is published."""
    known = _all_loaded_before(db_path, [Path(p) for p in paths], kind)
    if known is not None:
        return known  # nothing to load: no need to copy the warehouse for a draft
    if wait is None and progress is not None:
        wait = lambda message: progress(0.0, message)  # noqa: E731
    ordered = _in_load_order(paths, kind)
    ahead: list[Ahead | None] = [None]

    def read_first() -> None:
        ahead[0] = read_ahead(ordered[0], kind)

    # the first file is read and prepared while the warehouse is copied (store.draft): the copy
    # is the disk's work, the reading the CPU's, and neither needs the other
    with db.writing(db_path, wait=wait, meanwhile=read_first if ordered else None) as draft:
        results = load_files(draft.engine, ordered, kind, loaded_by, progress, ahead.pop())
        if not any(r.status == LOADED for r in results):
            draft.discard()
        elif derived is not None:
            derived(draft.engine)
    return results


def _all_loaded_before(db_path: str | Path, paths: list[Path], kind: str | None) -> list[LoadResult] | None:
    """The results when every file's bytes were loaded before (checked on the version in force),
    else None; an unknown kind is left for ingest_file to report."""
    if kind and kind not in formats.KINDS and kind not in formats.KIND_ALIASES:
        return None
    if not paths or not all(path.is_file() for path in paths) or store.in_force(store.live_path(db_path)) is None:
        return None
    engine = db.engine(db_path)
    results = []
    for path in paths:
        earlier = _loaded_before(engine, file_sha256(path))
        if earlier is None:
            return None
        results.append(_already(safe_file_name(path.name), earlier))
    return results


def mark_sample(engine: sa.Engine, scale: str, seed: int) -> None:
    """Record that this warehouse holds generated sample data, so the app and exports say so."""
    with engine.begin() as conn:
        for key, value in (("sample_scale", scale), ("sample_seed", str(seed))):
            conn.execute(sa.text(query.sql_text("meta/tulis_info")),
                         {"k": key, "v": value})
