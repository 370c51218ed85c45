"""Numbered migrations of the application database, run in order inside one transaction each.

Each migration spells out its own DDL (not the current schema.py), so a database at any version
reaches the current one by the same steps. Written for SQLite and PostgreSQL alike.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa


class AppDbTooNew(RuntimeError):
    pass


def _v1_users_scopes_audit(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table("app_info", meta,
             sa.Column("key", sa.String(64), primary_key=True),
             sa.Column("value", sa.String(256), nullable=False))
    sa.Table("users", meta,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("name", sa.String(64), nullable=False, unique=True),
             sa.Column("role", sa.String(16), nullable=False),
             sa.Column("email", sa.String(254), unique=True),
             sa.Column("password_hash", sa.String(256)),
             sa.Column("disabled", sa.Boolean, nullable=False),
             sa.Column("created", sa.DateTime, nullable=False))
    sa.Table("user_scope", meta,
             sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
             sa.Column("kind", sa.String(8), nullable=False),
             sa.Column("kode", sa.String(32), nullable=False),
             sa.Column("kdsatker", sa.String(16)))
    sa.Table("audit", meta,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("at", sa.DateTime, nullable=False),
             sa.Column("who", sa.String(254), nullable=False),
             sa.Column("event", sa.String(32), nullable=False),
             sa.Column("page", sa.String(64)),
             sa.Column("scope", sa.Text),
             sa.Column("detail", sa.Text))
    meta.create_all(conn)
    # append-only in the database itself, not only by the absence of an API
    if conn.dialect.name == "sqlite":
        for action in ("update", "delete"):
            conn.exec_driver_sql(
                f"create trigger audit_no_{action} before {action} on audit "
                "begin select raise(abort, 'audit hanya boleh ditambah'); end")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "create function audit_append_only() returns trigger language plpgsql as "
            "$$ begin raise exception 'audit hanya boleh ditambah'; end $$")
        conn.exec_driver_sql("create trigger audit_append_only before update or delete on audit "
                             "for each statement execute function audit_append_only()")


def _v2_lockout_and_audit_indexes(conn: sa.Connection) -> None:
    """Lock-out after repeated failures, and indexes for the audit page's filters."""
    conn.exec_driver_sql("alter table users add column failed_attempts integer not null default 0")
    conn.exec_driver_sql("alter table users add column locked_until timestamp")
    conn.exec_driver_sql("create index audit_at on audit (at)")
    conn.exec_driver_sql("create index audit_who on audit (who)")
    conn.exec_driver_sql("create index user_scope_user on user_scope (user_id)")


def _v3_tindak_lanjut(conn: sa.Connection) -> None:
    """The Rakor's follow-ups (commitments), judged against the warehouse at each data position."""
    meta = sa.MetaData()
    sa.Table("tindak_lanjut", meta,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("rakor", sa.String(200), nullable=False),
             sa.Column("tahun", sa.Integer, nullable=False),
             sa.Column("kdunit", sa.String(8), nullable=False),
             sa.Column("kdsatker", sa.String(16), nullable=False),
             sa.Column("kdppk", sa.String(16), nullable=False),
             sa.Column("ukuran", sa.String(8), nullable=False),
             sa.Column("jenis_belanja", sa.String(4), nullable=False),
             sa.Column("target_persen_x100", sa.Integer),
             sa.Column("target_rupiah", sa.BigInteger),
             sa.Column("batas_bulan", sa.Integer, nullable=False),
             sa.Column("penanggung_jawab", sa.String(200), nullable=False),
             sa.Column("dibuat_oleh", sa.String(254), nullable=False),
             sa.Column("dibuat_pada", sa.DateTime, nullable=False),
             sa.Column("dibatalkan_pada", sa.DateTime))
    meta.create_all(conn)
    conn.exec_driver_sql("create index tindak_lanjut_tahun on tindak_lanjut (tahun, kdsatker)")


def _v4_tindak_lanjut_volume_ro(conn: sa.Connection) -> None:
    """Commitments on an RO's output volume: the RO of the satker ('kdgiat.kdoutput.kdsoutput') and
    the target volume in the RO's own unit, times 10.000 (the warehouse keeps volumes as
    decimal(18,4)), so it is compared exactly. Null for the realization commitments already there."""
    conn.exec_driver_sql("alter table tindak_lanjut add column kode_ro varchar(32)")
    conn.exec_driver_sql("alter table tindak_lanjut add column target_volume_x10000 bigint")


MIGRATIONS: list[tuple[int, Callable[[sa.Connection], None]]] = [
    (1, _v1_users_scopes_audit),
    (2, _v2_lockout_and_audit_indexes),
    (3, _v3_tindak_lanjut),
    (4, _v4_tindak_lanjut_volume_ro),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def schema_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("app_info"):
        return 0
    value = conn.execute(sa.text("select value from app_info where key = 'schema_version'")).scalar()
    return int(value) if value is not None else 0


def migrate(engine: sa.Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the database to `target` (the current version by default); returns the version."""
    with engine.connect() as conn:
        current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise AppDbTooNew(f"Basis data aplikasi berversi skema {current}, lebih baru dari yang dikenal "
                          f"aplikasi ini ({SCHEMA_VERSION}). Perbarui aplikasinya.")
    for number, step in MIGRATIONS:
        if current < number <= target:
            with engine.begin() as conn:
                if schema_version(conn) >= number:  # another process migrated meanwhile
                    continue
                step(conn)
                if number == 1:
                    conn.execute(sa.text("insert into app_info (key, value) values ('schema_version', '1')"))
                else:
                    conn.execute(sa.text("update app_info set value = :v where key = 'schema_version'"),
                                 {"v": str(number)})
            current = number
    return current
