"""The audit trail: append-only. This module offers writing a row and reading rows, nothing
else; the database refuses UPDATE and DELETE on the table as well (triggers, migrations.py).

Callers pass the facts (page, scope, filters, table, file, batch); never a password or a hash.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from monev.appdb.schema import audit
from monev.appdb.users import now

COLUMNS = ["at", "who", "event", "page", "scope", "detail"]


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(engine: sa.Engine, event: str, who: str, *, page: str | None = None, scope: dict | None = None,
           detail: dict | None = None, at: datetime | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(audit.insert().values(at=at or now(), who=who, event=event, page=page,
                                           scope=_json(scope), detail=_json(detail)))


def entries(engine: sa.Engine, *, since: date | None = None, until: date | None = None, who: str | None = None,
            events: list[str] | tuple[str, ...] = (), limit: int | None = None) -> pd.DataFrame:
    """Rows newest first, filtered by day range (both ends included), user and events."""
    statement = sa.select(*(audit.c[c] for c in COLUMNS)).order_by(audit.c.id.desc())
    if since is not None:
        statement = statement.where(audit.c.at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        statement = statement.where(audit.c.at < datetime.combine(until + timedelta(days=1), datetime.min.time()))
    if who:
        statement = statement.where(audit.c.who == who)
    if events:
        statement = statement.where(audit.c.event.in_(list(events)))
    if limit:
        statement = statement.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS)
