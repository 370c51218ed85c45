"""Opening the application database: where it is, one engine per URL, migrated on first use."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import sqlalchemy as sa

from monev.appdb import migrations
from monev.paths import ROOT

DEFAULT_PATH = ROOT / "data" / "app.sqlite"

_engines: dict[str, sa.Engine] = {}
_lock = threading.Lock()


def url(target: str | Path | None = None) -> str:
    """The SQLAlchemy URL: `target`, else MONEV_APP_DB, else data/app.sqlite. A value with '://'
    is a URL as it stands; anything else is a path to an SQLite file."""
    value = str(target or os.environ.get("MONEV_APP_DB") or DEFAULT_PATH)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("pragma foreign_keys = on")
    cursor.execute("pragma busy_timeout = 10000")  # several sessions write the audit at once
    cursor.close()


def engine(target: str | Path | None = None) -> sa.Engine:
    """The engine for `target` (see url()), created, migrated and kept on first use."""
    address = url(target)
    with _lock:
        found = _engines.get(address)
        if found is not None:
            return found
        parsed = sa.make_url(address)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # a kept connection to a server may have been closed by it meanwhile: asked before use; an
        # SQLite file's cannot, and the ping was a statement more for every audit row and sign-in
        made = sa.create_engine(address, pool_pre_ping=parsed.get_backend_name() != "sqlite")
        if made.dialect.name == "sqlite":
            sa.event.listen(made, "connect", _sqlite_pragmas)
            with made.begin() as conn:
                conn.exec_driver_sql("pragma journal_mode = wal")  # readers do not wait for a writer
        migrations.migrate(made)
        _engines[address] = made
        return made


def dispose(target: str | Path | None = None) -> None:
    with _lock:
        found = _engines.pop(url(target), None)
    if found is not None:
        found.dispose()
