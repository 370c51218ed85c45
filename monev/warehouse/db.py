"""Connections to the DuckDB warehouse and schema migrations.

The schema is a numbered series of SQL files in queries/schema; `warehouse_info.schema_version`
records how far a warehouse has come, so opening an older warehouse migrates it in place.
"""
from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

from monev.paths import QUERIES

SCHEMA_DIR = QUERIES / "schema"
META_DIR = QUERIES / "meta"


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        match = re.match(r"(\d+)_", path.name)
        if match:
            found.append((int(match.group(1)), path))
    return found


SCHEMA_VERSION = max(number for number, _ in migrations())


def split_statements(sql: str) -> list[str]:
    """Statements of a SQL file; the files hold no semicolons inside strings."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return [s.strip() for s in without_comments.split(";") if s.strip()]


def _meta(name: str) -> str:
    """SQL of the warehouse's own bookkeeping (read here: the query layer builds on this module)."""
    return (META_DIR / f"{name}.sql").read_text(encoding="utf-8")


def schema_version(conn: sa.Connection) -> int:
    if not conn.execute(sa.text(_meta("ada_info"))).scalar():
        return 0
    value = conn.execute(sa.text(_meta("baca_info")), {"k": "schema_version"}).scalar()
    return int(value or 0)


def migrate(conn: sa.Connection) -> int:
    """Apply the migrations this warehouse has not had yet; return the version reached."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"Gudang data berskema versi {current}, lebih baru dari aplikasi ini "
            f"(versi {SCHEMA_VERSION}). Perbarui aplikasi."
        )
    for number, path in migrations():
        if number <= current:
            continue
        for statement in split_statements(path.read_text(encoding="utf-8")):
            conn.exec_driver_sql(statement)
        conn.execute(sa.text(_meta("tulis_info")), {"k": "schema_version", "v": str(number)})
    return SCHEMA_VERSION


_engines: dict[Path, sa.Engine] = {}


def _quiet(dbapi_connection, _record) -> None:
    """DuckDB draws a progress bar on stdout for long statements; it would corrupt CLI output."""
    dbapi_connection.execute("set enable_progress_bar = false")


def engine(db_path: str | Path) -> sa.Engine:
    """One engine per warehouse file, migrated to the current schema on first use."""
    path = Path(db_path).resolve()
    if path not in _engines:
        path.parent.mkdir(parents=True, exist_ok=True)
        eng = sa.create_engine(f"duckdb:///{path}")
        sa.event.listen(eng, "connect", _quiet)
        try:
            with eng.begin() as conn:
                migrate(conn)
        except Exception:
            eng.dispose()  # leave the file closed, so another open is not blocked by this one
            raise
        _engines[path] = eng
    return _engines[path]


def dispose(db_path: str | Path | None = None) -> None:
    """Close the engine of one warehouse (all when None), e.g. before its file is replaced."""
    paths = list(_engines) if db_path is None else [Path(db_path).resolve()]
    for path in paths:
        eng = _engines.pop(path, None)
        if eng is not None:
            eng.dispose()
