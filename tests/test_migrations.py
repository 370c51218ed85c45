"""Schema migrations: a fresh warehouse is at db.SCHEMA_VERSION, reopening does not migrate again,
and a warehouse from a newer application is refused with an Indonesian message."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from monev.warehouse import db

import builders as b


def _version(db_path) -> int:
    with db.engine(db_path).connect() as conn:
        return db.schema_version(conn)


def test_schema_version_is_the_highest_migration_file():
    numbers = sorted(int(re.match(r"(\d+)_", p.name).group(1)) for p in db.SCHEMA_DIR.glob("*.sql")
                     if re.match(r"\d+_", p.name))
    assert numbers, "queries/schema holds numbered migrations"
    assert db.SCHEMA_VERSION == numbers[-1]
    assert [n for n, _ in db.migrations()] == numbers
    assert len(set(numbers)) == len(numbers), "no two migrations share a number"


def test_fresh_warehouse_is_at_the_current_version(tmp_path):
    db_path = tmp_path / "baru" / "gudang.duckdb"  # the folder is created too
    try:
        assert _version(db_path) == db.SCHEMA_VERSION
        assert b.scalar(db_path, "select value from warehouse_info where key = 'schema_version'") == str(
            db.SCHEMA_VERSION)
        tables = {r[0] for r in b.rows(db_path, "select table_name from information_schema.tables")}
        assert {"load_batch", "warehouse_info", "fact_pagu_hist", "fact_pagu", "agg_realisasi_bulanan"} <= tables
        assert b.scalar(db_path, "select count(*) from load_batch") == 0
    finally:
        db.dispose(db_path)


def test_reopening_does_not_run_migrations_again(tmp_path, monkeypatch):
    db_path = tmp_path / "gudang.duckdb"
    with db.writing(db_path) as draft, draft.engine.begin() as conn:
        conn.execute(sa.text("insert into warehouse_info values ('penanda', 'tetap')"))
        conn.execute(sa.text("insert into load_batch values (1, 'a.csv', 'x', 'unit', 1, now(), 'uji')"))
    db.dispose(db_path)

    applied = []
    original = db.split_statements
    monkeypatch.setattr(db, "split_statements", lambda sql: applied.append(sql) or original(sql))
    try:
        assert _version(db_path) == db.SCHEMA_VERSION
        assert applied == [], "a migration ran on a warehouse that already had it"
        assert b.scalar(db_path, "select value from warehouse_info where key = 'penanda'") == "tetap"
        assert b.scalar(db_path, "select count(*) from load_batch") == 1
    finally:
        db.dispose(db_path)


def test_migrate_is_a_no_op_at_the_current_version(tmp_path):
    db_path = tmp_path / "gudang.duckdb"
    with db.writing(db_path) as draft, draft.engine.begin() as conn:
        assert db.migrate(conn) == db.SCHEMA_VERSION
        assert db.migrate(conn) == db.SCHEMA_VERSION  # would fail on 'create table' if it re-ran


def test_older_warehouse_is_migrated_into_a_new_version(tmp_path):
    """A file with no schema at all (version 0) is brought to the current version; the file as it
    was stays untouched until the migrated version is published beside it."""
    import duckdb

    db_path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(db_path))
    con.execute("create table catatan (x integer)")
    con.execute("insert into catatan values (42)")
    con.close()
    try:
        assert _version(db_path) == db.SCHEMA_VERSION
        assert b.scalar(db_path, "select x from catatan") == 42
        assert db_path.is_symlink() and db_path.resolve().parent.name == "lama.duckdb.versi"
    finally:
        db.dispose(db_path)


def test_newer_warehouse_is_refused_in_indonesian(tmp_path):
    db_path = tmp_path / "gudang.duckdb"
    with db.writing(db_path) as draft, draft.engine.begin() as conn:
        conn.execute(sa.text("update warehouse_info set value = :v where key = 'schema_version'"),
                     {"v": str(db.SCHEMA_VERSION + 1)})
    try:
        with pytest.raises(RuntimeError) as caught:
            db.engine(db_path)
        message = str(caught.value)
        assert f"versi {db.SCHEMA_VERSION + 1}" in message
        assert "lebih baru dari aplikasi ini" in message
        assert "Perbarui aplikasi" in message
    finally:
        db.dispose(db_path)
    with pytest.raises(RuntimeError, match="lebih baru"):
        with db.writing(db_path):
            pass
    # and it was left as it was
    check = sa.create_engine(f"duckdb:///{db_path}", connect_args={"read_only": True})
    try:
        with check.connect() as conn:
            assert conn.exec_driver_sql("select value from warehouse_info where key = 'schema_version'").scalar() \
                == str(db.SCHEMA_VERSION + 1)
    finally:
        check.dispose()


def test_engine_is_shared_per_file(tmp_path):
    db_path = tmp_path / "gudang.duckdb"
    try:
        assert db.engine(db_path) is db.engine(tmp_path / "." / "gudang.duckdb")
    finally:
        db.dispose(db_path)


def test_split_statements_drops_comments_and_empty_statements():
    sql = "-- judul; bukan pernyataan\ncreate table a (x int); -- catatan\n\n;select 1;"
    assert db.split_statements(sql) == ["create table a (x int)", "select 1"]


def test_a_migration_numbered_below_one_already_applied_still_runs(tmp_path, monkeypatch):
    """Two changes made side by side may number their migrations 6 and 7 and land in either order:
    a warehouse migrated with 7 (and not 6) gets 6 when it arrives, and neither runs twice."""
    import shutil

    schema = tmp_path / "schema"
    schema.mkdir()
    late = max(n for n, _ in db.migrations()) + 2
    for _, path in db.migrations():
        shutil.copy(path, schema / path.name)
    (schema / f"{late:03d}_kemudian.sql").write_text("create table tabel_kemudian (x integer);")
    monkeypatch.setattr(db, "SCHEMA_DIR", schema)
    monkeypatch.setattr(db, "SCHEMA_VERSION", late)
    db_path = tmp_path / "gudang.duckdb"
    try:
        assert _version(db_path) == late
        db.dispose(db_path)
        (schema / f"{late - 1:03d}_sela.sql").write_text("create table tabel_sela (x integer);")
        assert _version(db_path) == late  # the engine saw a migration pending and applied it
        tables = {r[0] for r in b.rows(db_path, "select table_name from information_schema.tables")}
        assert {"tabel_kemudian", "tabel_sela"} <= tables
        listed = b.scalar(db_path, "select value from warehouse_info where key = 'migrasi'")
        assert listed.split(",")[-2:] == [str(late - 1), str(late)]
    finally:
        db.dispose(db_path)


def test_a_warehouse_from_before_the_list_counts_every_migration_up_to_its_version(tmp_path):
    db_path = tmp_path / "gudang.duckdb"
    with db.writing(db_path) as draft, draft.engine.begin() as conn:
        conn.execute(sa.text("delete from warehouse_info where key = 'migrasi'"))
        assert db.applied(conn) == {n for n, _ in db.migrations()}
        assert db.pending(conn) == []
    db.dispose(db_path)
