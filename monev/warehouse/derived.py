"""Figures computed by a layer above the warehouse and kept in it (schema 19: the IKPA scores of
every satker and month, which monev.domain computes and the warehouse cannot). A load or undo
takes them as `derived`, a function of the draft's engine run before the draft is published, so
readers see them with the data they were computed from, or not at all; they are read only while
they are of the version read (queries/meta/ikpa_nilai_berlaku.sql), so a load or undo made
without them leaves the readers computing the figures themselves, never reading old ones."""
from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import sqlalchemy as sa

from monev.warehouse import db, query

# what a load, an undo or a sample build runs on its draft before publishing it
Derived = Callable[[sa.Engine], None]


def ikpa_scores_current(engine: sa.Engine) -> bool:
    """Whether agg_ikpa_nilai holds the scores of this version of the warehouse."""
    return bool(query.reference(engine, "meta/ikpa_nilai_berlaku")["berlaku"].iloc[0])


def ikpa_years(engine: sa.Engine) -> list[int]:
    """The years with satker to score (queries/meta/tahun_ikpa.sql)."""
    return [int(t) for t in query.reference(engine, "meta/tahun_ikpa")["thang"]]


def keep_ikpa_scores(engine: sa.Engine, scores: pa.Table) -> None:
    """Replace agg_ikpa_nilai by `scores` (its columns) and stamp them as this version's, in one
    transaction on a draft's read-write engine."""
    raw = None
    try:
        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            raw.register("staging_ikpa_nilai", scores)
            for statement in db.split_statements(query.sql_text("meta/simpan_ikpa_nilai")):
                conn.execute(sa.text(statement))
    finally:
        if raw is not None:
            raw.unregister("staging_ikpa_nilai")


def refresh(db_path, derived: Derived) -> bool:
    """Run `derived` on a draft of the warehouse and publish it, unless the figures kept are of the
    version in force already (after a migration, which loads nothing, they are not); whether a
    new version was published."""
    with db.writing(db_path) as draft:
        if ikpa_scores_current(draft.engine):
            draft.discard()
            return False
        derived(draft.engine)
        return True
