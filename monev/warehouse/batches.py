"""Load history and undo: every load is a batch (load_batch) whose rows carry its batch_id.

Undoing a batch removes exactly the rows it loaded, puts back in force the rows it superseded and
rebuilds the aggregates of the satker it touched, in one transaction. A batch some of whose rows
a later batch superseded is not undone: the later batch must be undone first, otherwise the rows
in force would no longer be the ones any sequence of loads produced. Nor is a reference batch
whose codes rows in force still use (they would point at nothing).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from monev.warehouse import db, query, store
from monev.warehouse.derived import Derived

# in the order they read each other's output
REFRESH_SCRIPTS = ("load/refresh_agg_realisasi", "load/refresh_agg_ringkasan", "load/refresh_agg_rpd_berlaku",
                   "load/refresh_agg_proyeksi_rpd", "load/refresh_agg_ikpa_bulanan", "load/refresh_agg_ikpa_capaian",
                   "load/refresh_agg_capaian_ro", "load/refresh_agg_kpa_ppk", "load/refresh_agg_ikpa_penyerapan")


class UndoRefused(Exception):
    """The batch cannot be undone (unknown, or a later batch depends on it); the message says why."""


@dataclass
class UndoResult:
    batch_id: int
    file_name: str
    kind: str
    rows: int
    satker: int  # satker whose aggregates were rebuilt
    message: str


def _count(n) -> str:
    return f"{int(n):,}".replace(",", ".")


def history(engine: sa.Engine) -> pd.DataFrame:
    """Every batch, newest first (queries/riwayat_muat.sql)."""
    return query.reference(engine, "riwayat_muat")


def as_loaded_at(db_path, batch_id: int, derived: Derived | None = None) -> Path:
    """A read-only copy of the warehouse as it was right after batch batch_id was loaded (what an
    earlier Rakor saw; batches undone since stay undone). Built once per batch and version in force,
    next to the versions; older copies are removed. Raises UndoRefused for an unknown batch.
    derived: as ingest.ingest_files', run on the copy once rewound."""
    batch_id = int(batch_id)
    live = store.live_path(db_path)
    current = store.in_force(live)
    with db.engine(live).connect() as conn:
        if current is None or conn.execute(sa.text(query.sql_text("meta/batch")),
                                           {"batch_id": batch_id}).first() is None:
            raise UndoRefused(f"Batch {batch_id} tidak ada di riwayat muat.")
    folder = store.versions_dir(live) / "per-batch"
    target = folder / f"batch-{batch_id:06d}-dari-{current.stem}.duckdb"
    if target.is_file():
        return target
    with db.deriving(current, target) as engine:
        with engine.begin() as conn:
            satker = pd.DataFrame(conn.execute(sa.text(query.sql_text("undo/semua_satker"))).fetchall(),
                                  columns=["thang", "kdsatker"]).astype({"thang": "int64", "kdsatker": "object"})
            _run_script(conn, "undo/mundur_ke", {"batch_id": batch_id})
            raw = conn.connection.driver_connection
            raw.register("staging_satker", satker)
            for script in REFRESH_SCRIPTS:
                _run_script(conn, script, {})
            raw.unregister("staging_satker")
        if derived is not None:
            derived(engine)
    for older in folder.glob("batch-*.duckdb"):
        if not older.name.endswith(f"-dari-{current.stem}.duckdb"):
            older.unlink(missing_ok=True)  # built from an earlier version: a reader holding it keeps its copy
    return target


def _run_script(conn: sa.Connection, name: str, params: dict) -> None:
    for statement in db.split_statements(query.sql_text(name)):
        conn.execute(sa.text(statement), params)


def undo(db_path, batch_id: int, derived: Derived | None = None) -> UndoResult:
    """Undo one batch, published as a new version of the warehouse; raises UndoRefused with an
    Indonesian message when it may not be undone (and then nothing changes). derived: as
    ingest.ingest_files'."""
    with db.writing(db_path) as draft:
        result = _undo(draft.engine, int(batch_id))
        if derived is not None:
            derived(draft.engine)
        return result


def _undo(engine: sa.Engine, batch_id: int) -> UndoResult:
    params = {"batch_id": batch_id}
    raw = None
    try:
        with engine.begin() as conn:
            batch = conn.execute(
                sa.text(query.sql_text("meta/batch")),
                params).first()
            if batch is None:
                raise UndoRefused(f"Batch {batch_id} tidak ada di riwayat muat; tidak ada yang dibatalkan.")
            later = conn.execute(sa.text(query.sql_text("undo/dilampaui")), params).fetchall()
            if later:
                names = ", ".join(str(row.batch_id) for row in later)
                rows = sum(int(row.baris) for row in later)
                raise UndoRefused(
                    f"Batch {batch_id} ({batch.file_name}) tidak dapat dibatalkan: {rows} barisnya sudah "
                    f"digantikan oleh batch {names} yang dimuat kemudian. Batalkan batch {names} dulu."
                )
            used = conn.execute(sa.text(query.sql_text("undo/kode_dipakai")), params).fetchall()
            if used:
                rows = sum(int(row.baris) for row in used)
                examples = "; ".join(f"{row.referensi} {row.kode} di {_count(row.baris)} baris {row.dipakai_di}"
                                     for row in used[:3])
                raise UndoRefused(
                    f"Batch {batch_id} ({batch.file_name}) tidak dapat dibatalkan: kode referensinya masih "
                    f"dipakai oleh {_count(rows)} baris yang berlaku ({examples}). Batalkan dulu batch yang "
                    "memuat baris itu, atau muat referensi penggantinya."
                )
            satker = pd.DataFrame(conn.execute(sa.text(query.sql_text("undo/satker_batch")), params).fetchall(),
                                  columns=["thang", "kdsatker"])
            satker = satker.astype({"thang": "int64", "kdsatker": "object"})
            number = conn.exec_driver_sql(query.sql_text("batch_berikutnya")).scalar()  # before deleting
            _run_script(conn, "undo/hapus_batch", params)
            raw = conn.connection.driver_connection
            raw.register("staging_satker", satker)
            for script in REFRESH_SCRIPTS:
                _run_script(conn, script, params)
            _run_script(conn, "undo/catat_batal", {"batch_id": batch_id, "nomor": int(number)})
    finally:
        if raw is not None:
            raw.unregister("staging_satker")
    return UndoResult(batch_id, batch.file_name, batch.kind, int(batch.row_count), len(satker),
                      f"Batch {batch_id} ({batch.file_name}, {int(batch.row_count)} baris {batch.kind}) "
                      "dibatalkan; baris yang digantikannya berlaku kembali.")
