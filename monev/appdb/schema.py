"""The tables as they are at the current schema version, for queries (migrations.py creates them).

users          one row per account: role, e-mail for single sign-on, argon2 hash for a local
               password (null: SSO only), disabled flag, lock-out counters
user_scope     what an account may see: a unit, a satker or a PPK (kdsatker + kdppk) per row
audit          append-only: who did what, when, on which page, with which scope and filters
app_info       key/value, holds schema_version
tindak_lanjut  the Rakor's follow-ups: one commitment per row, cancelled rather than deleted
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

app_info = sa.Table(
    "app_info", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(256), nullable=False),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("email", sa.String(254), unique=True),
    sa.Column("password_hash", sa.String(256)),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime),
)

user_scope = sa.Table(
    "user_scope", metadata,
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # unit | satker | ppk
    sa.Column("kode", sa.String(32), nullable=False),  # kdunit, kdsatker or kdppk
    sa.Column("kdsatker", sa.String(16)),  # the PPK's satker; null for unit and satker rows
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("who", sa.String(254), nullable=False),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("page", sa.String(64)),
    sa.Column("scope", sa.Text),  # JSON: units, satkers, ppks
    sa.Column("detail", sa.Text),  # JSON: filters, table, file, batch, ...
)

tindak_lanjut = sa.Table(
    "tindak_lanjut", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("rakor", sa.String(200), nullable=False),  # the meeting it came from
    sa.Column("tahun", sa.Integer, nullable=False),
    sa.Column("kdunit", sa.String(8), nullable=False),
    sa.Column("kdsatker", sa.String(16), nullable=False),
    sa.Column("kdppk", sa.String(16), nullable=False),  # '' : the whole satker (its KPA answers)
    sa.Column("ukuran", sa.String(8), nullable=False),  # persen (of pagu) | rupiah (realized) | volume (an RO's)
    sa.Column("jenis_belanja", sa.String(4), nullable=False),  # '' : every jenis belanja
    sa.Column("target_persen_x100", sa.Integer),  # 97,50% -> 9750
    sa.Column("target_rupiah", sa.BigInteger),
    sa.Column("batas_bulan", sa.Integer, nullable=False),  # the data position (month end) it is due by
    sa.Column("penanggung_jawab", sa.String(200), nullable=False),  # the KPA or PPK who answers for it
    sa.Column("dibuat_oleh", sa.String(254), nullable=False),
    sa.Column("dibuat_pada", sa.DateTime, nullable=False),
    sa.Column("dibatalkan_pada", sa.DateTime),
    sa.Column("kode_ro", sa.String(32)),  # volume: the satker's RO, 'kdgiat.kdoutput.kdsoutput' (6201.QDB.001)
    sa.Column("target_volume_x10000", sa.BigInteger),  # volume: 250,5 KPM -> 2505000
)
