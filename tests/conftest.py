"""Shared fixtures: a small warehouse loaded once from tests/builders.py, copied per test."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

# the application database (users, audit) of every test run is its own, never data/app.sqlite;
# set before anything opens it, and inherited by the CLI and app servers tests start
os.environ["MONEV_APP_DB"] = str(Path(tempfile.mkdtemp(prefix="monev-appdb-")) / "app.sqlite")

from monev.warehouse import db  # noqa: E402

import builders  # noqa: E402

TEMPLATE_QUERIES: set[str] = set()  # every queries/ file read while the template was loaded


@pytest.fixture(scope="session")
def template_warehouse(tmp_path_factory) -> Path:
    """The base data set loaded from CSV files; never opened by tests, only copied."""
    from monev.warehouse import query

    base = tmp_path_factory.mktemp("template")
    db_path = base / "template.duckdb"
    original = query.sql_text

    def recording(name):
        TEMPLATE_QUERIES.add(name)
        return original(name)

    query.sql_text = recording
    try:
        builders.load_dataset(db_path, base / "files", builders.base_dataset())
    finally:
        query.sql_text = original
    db.dispose(db_path)
    return db_path


@pytest.fixture(scope="session")
def template_queries(template_warehouse) -> set[str]:
    """The names of the queries/ files (ref/..., load/...) run while loading the template."""
    return set(TEMPLATE_QUERIES)


def _copy(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    wal = template.with_name(template.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return target


@pytest.fixture
def warehouse(template_warehouse, tmp_path) -> Path:
    """A fresh copy of the loaded warehouse that a test may change."""
    db_path = _copy(template_warehouse, tmp_path / "gudang.duckdb")
    yield db_path
    db.dispose(db_path)


@pytest.fixture(scope="session")
def reference_warehouse(tmp_path_factory) -> Path:
    """Only the base data set's reference data (units, satker, codes, PPK, targets), loaded once:
    the start of the property tests, which load their generated facts into copies of it."""
    base = tmp_path_factory.mktemp("referensi")
    data = builders.base_dataset()
    data.rows = {k: v for k, v in data.rows.items() if k in builders.REFERENCE_KINDS}
    db_path = base / "referensi.duckdb"
    builders.load_dataset(db_path, base / "files", data)
    db.dispose(db_path)
    return db_path


@contextmanager
def _scratch_copy(template: Path):
    work = Path(tempfile.mkdtemp(prefix="monev-uji-"))
    db_path = _copy(template, work / "gudang.duckdb")
    try:
        yield work, db_path
    finally:
        db.dispose(db_path)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def reference_copy(reference_warehouse):
    """`with reference_copy() as (work, db_path):` a fresh copy of reference_warehouse in its own
    temporary directory, disposed and removed after. A factory rather than a copy, because a
    hypothesis test needs one per example and pytest's function fixtures are made once per test."""
    return lambda: _scratch_copy(reference_warehouse)


@pytest.fixture(scope="module")
def shared_warehouse(template_warehouse, tmp_path_factory) -> Path:
    """A copy for read-only tests of one module."""
    db_path = _copy(template_warehouse, tmp_path_factory.mktemp("shared") / "gudang.duckdb")
    yield db_path
    db.dispose(db_path)


@pytest.fixture(scope="module")
def engine(shared_warehouse):
    """A read-only engine on the module's shared copy."""
    return db.engine(shared_warehouse)


@pytest.fixture
def empty_warehouse(tmp_path) -> Path:
    db_path = tmp_path / "kosong.duckdb"
    db.engine(db_path)
    yield db_path
    db.dispose(db_path)


@pytest.fixture
def data():
    return builders.base_dataset()


@pytest.fixture
def files(tmp_path) -> Path:
    directory = tmp_path / "berkas"
    directory.mkdir()
    return directory


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a module's browser tests (tests/e2e.py)."""
    from e2e import chromium

    with chromium() as launched:
        yield launched
