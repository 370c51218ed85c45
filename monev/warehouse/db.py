"""Connections to the DuckDB warehouse (read-only on the version in force, read-write on a draft) and
schema migrations.

The schema is a numbered series of SQL files in queries/schema; `warehouse_info.schema_version`
records how far a warehouse has come, so opening an older warehouse migrates it (into a new version).
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from monev.paths import QUERIES
from monev.warehouse import store

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


def newer_schema(version: int) -> str:
    return (f"Gudang data berskema versi {version}, lebih baru dari aplikasi ini "
            f"(versi {SCHEMA_VERSION}). Perbarui aplikasi.")


def schema_version(conn: sa.Connection) -> int:
    if not conn.execute(sa.text(_meta("ada_info"))).scalar():
        return 0
    value = conn.execute(sa.text(_meta("baca_info")), {"k": "schema_version"}).scalar()
    return int(value or 0)


APPLIED_KEY = "migrasi"  # warehouse_info: the numbers of the migrations applied, e.g. '1,2,3,4,5,7'


def applied(conn: sa.Connection) -> set[int]:
    """The migrations this warehouse has had. Listed one by one, because two changes made side by
    side may number theirs 6 and 7 and land in either order: a warehouse migrated to 7 must still
    get 6 when it arrives. A warehouse from before the list has had every one up to its version."""
    version = schema_version(conn)
    if version == 0:
        return set()
    listed = conn.execute(sa.text(_meta("baca_info")), {"k": APPLIED_KEY}).scalar()
    if listed is None:
        return {number for number, _ in migrations() if number <= version}
    return {int(n) for n in listed.split(",") if n}


def pending(conn: sa.Connection) -> list[tuple[int, Path]]:
    """The migrations still to apply, in number order; refuses a warehouse of a newer app."""
    done = applied(conn)
    known = {number for number, _ in migrations()}
    if schema_version(conn) > SCHEMA_VERSION or done - known:
        raise RuntimeError(newer_schema(max(schema_version(conn), *done)))
    return [(number, path) for number, path in migrations() if number not in done]


def migrate(conn: sa.Connection) -> int:
    """Apply the migrations this warehouse has not had yet; return the version reached."""
    done = applied(conn)
    for number, path in pending(conn):
        for statement in split_statements(path.read_text(encoding="utf-8")):
            conn.exec_driver_sql(statement)
        done.add(number)
        conn.execute(sa.text(_meta("tulis_info")), {"k": APPLIED_KEY, "v": ",".join(map(str, sorted(done)))})
        conn.execute(sa.text(_meta("tulis_info")), {"k": "schema_version", "v": str(max(done))})
    return max(done) if done else 0


_engines: dict[Path, sa.Engine] = {}  # read-only, one per version file
_opened: dict[Path, list[Path]] = {}  # per warehouse path, the versions opened, oldest first
_lock = threading.Lock()  # Streamlit serves sessions from threads


def _quiet(dbapi_connection, _record) -> None:
    """DuckDB draws a progress bar on stdout for long statements; it would corrupt CLI output."""
    dbapi_connection.execute("set enable_progress_bar = false")


def _create(path: Path, read_only: bool) -> sa.Engine:
    eng = sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": read_only})
    sa.event.listen(eng, "connect", _quiet)
    return eng


def engine(db_path: str | Path, create: bool = True) -> sa.Engine:
    """A read-only engine on the version of the warehouse in force now (see monev.warehouse.store).

    Call it again to see a later load: it returns the engine of whatever version is in force. A
    missing warehouse is created empty (unless create is False: then FileNotFoundError); an older
    schema is migrated by publishing a new version.
    """
    live = store.live_path(db_path)
    with _lock:
        for _attempt in range(3):
            current = store.in_force(live)
            if current is None:
                if not create:
                    raise FileNotFoundError(f"Gudang data tidak ditemukan: {live}")
                with writing(live):
                    pass  # publishes an empty warehouse at the current schema
                continue
            if current in _engines:
                return _engines[current]
            eng = _create(current, read_only=True)
            try:
                with eng.connect() as conn:
                    missing = pending(conn)
            except Exception:
                eng.dispose()  # leave the file closed, so another open is not blocked by this one
                raise
            if missing:
                eng.dispose()
                with writing(live):
                    pass  # the draft is migrated when opened; publishing makes it the version in force
                continue
            _engines[current] = eng
            _forget_older(live, current)
            return eng
    raise RuntimeError(f"Gudang data {live} berganti versi terus-menerus; coba lagi.")


def _forget_older(live: Path, current: Path) -> None:
    """Close versions two loads old: no run of this process can still be starting on them."""
    opened = _opened.setdefault(live, [])
    opened.append(current)
    while len(opened) > store.KEEP_VERSIONS:
        old = opened.pop(0)
        eng = _engines.pop(old, None)
        if eng is not None:
            eng.dispose()


@contextmanager
def _read_write(path: Path) -> Iterator[sa.Engine]:
    """A read-write engine on a private copy; checkpointed when the block ends cleanly and closed
    either way, so the file is complete on its own, ready to publish or remove."""
    eng = _create(path, read_only=False)
    try:
        yield eng
        with eng.connect() as conn:
            conn.exec_driver_sql(_meta("checkpoint"))
    finally:
        eng.dispose()


@contextmanager
def writing(db_path: str | Path, wait: Callable[[str], None] | None = None,
            meanwhile: Callable[[], None] | None = None) -> Iterator[store.Draft]:
    """A read-write engine (draft.engine) on a private copy of the warehouse, migrated to the
    current schema; published as the version in force when the block ends without an exception
    (and without draft.discard()). Other processes keep reading the version in force meanwhile.
    meanwhile, if given, runs while the copy is made (store.draft): work that needs no engine."""
    with store.draft(db_path, wait, meanwhile) as session, _read_write(session.work) as eng:
        with eng.begin() as conn:
            migrate(conn)
        session.engine = eng
        yield session


@contextmanager
def deriving(source: Path, target: Path) -> Iterator[sa.Engine]:
    """A read-write engine on a copy of the version source that becomes the file target when the
    block ends cleanly; the warehouse itself is not touched."""
    with store.derived(source, target) as work, _read_write(work) as eng:
        yield eng


def dispose(db_path: str | Path | None = None) -> None:
    """Close the engines of one warehouse (all when None), e.g. before another process opens it."""
    with _lock:
        lives = list(_opened) if db_path is None else [store.live_path(db_path)]
        for live in lives:
            for version in _opened.pop(live, []):
                eng = _engines.pop(version, None)
                if eng is not None:
                    eng.dispose()
        if db_path is None:
            for eng in _engines.values():
                eng.dispose()
            _engines.clear()
