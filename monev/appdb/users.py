"""Accounts and their scopes. Passwords arrive here already hashed (monev.access.passwords);
the hash never leaves this module except to be verified, and is kept out of every repr."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from monev.appdb.schema import user_scope, users


class UserExists(ValueError):
    pass


class UnknownUser(ValueError):
    pass


@dataclass(frozen=True)
class User:
    name: str
    role: str
    email: str | None
    disabled: bool
    created: datetime
    failed_attempts: int = 0
    locked_until: datetime | None = None
    units: tuple[str, ...] = ()
    satkers: tuple[str, ...] = ()
    ppks: tuple[tuple[str, str], ...] = ()  # (kdsatker, kdppk)
    password_hash: str | None = field(default=None, repr=False, compare=False)

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def now() -> datetime:
    """Local wall-clock time without zone, seconds precision: what the audit and lock-out store."""
    return datetime.now().replace(microsecond=0)


def _scopes(conn, user_ids: list[int]) -> dict[int, dict[str, list]]:
    found: dict[int, dict[str, list]] = {i: {"unit": [], "satker": [], "ppk": []} for i in user_ids}
    if not user_ids:
        return found
    rows = conn.execute(sa.select(user_scope).where(user_scope.c.user_id.in_(user_ids))
                        .order_by(user_scope.c.kind, user_scope.c.kdsatker, user_scope.c.kode))
    for row in rows:
        found[row.user_id][row.kind].append((row.kdsatker, row.kode) if row.kind == "ppk" else row.kode)
    return found


def _users(conn, where=None) -> list[User]:
    statement = sa.select(users).order_by(users.c.name)
    if where is not None:
        statement = statement.where(where)
    rows = conn.execute(statement).all()
    scopes = _scopes(conn, [r.id for r in rows])
    return [User(name=r.name, role=r.role, email=r.email, disabled=bool(r.disabled), created=r.created,
                 failed_attempts=r.failed_attempts or 0, locked_until=r.locked_until,
                 units=tuple(scopes[r.id]["unit"]), satkers=tuple(scopes[r.id]["satker"]),
                 ppks=tuple(scopes[r.id]["ppk"]), password_hash=r.password_hash) for r in rows]


def add(engine: sa.Engine, name: str, role: str, *, email: str | None = None, password_hash: str | None = None,
        units=(), satkers=(), ppks=()) -> User:
    """A new account (role and scope checked by the caller: monev.access.roles)."""
    with engine.begin() as conn:
        clash = conn.execute(sa.select(users.c.name).where(
            (users.c.name == name) | ((users.c.email == email) if email else sa.false()))).first()
        if clash is not None:
            raise UserExists(f"Pengguna dengan nama atau e-mail itu sudah ada ({clash.name}).")
        user_id = conn.execute(users.insert().values(
            name=name, role=role, email=email, password_hash=password_hash, disabled=False, created=now(),
            failed_attempts=0)).inserted_primary_key[0]
        rows = ([{"user_id": user_id, "kind": "unit", "kode": u, "kdsatker": None} for u in units]
                + [{"user_id": user_id, "kind": "satker", "kode": s, "kdsatker": None} for s in satkers]
                + [{"user_id": user_id, "kind": "ppk", "kode": p, "kdsatker": s} for s, p in ppks])
        if rows:
            conn.execute(user_scope.insert(), rows)
    return get(engine, name)


def get(engine: sa.Engine, name: str) -> User | None:
    with engine.connect() as conn:
        found = _users(conn, users.c.name == name)
    return found[0] if found else None


def by_email(engine: sa.Engine, email: str) -> User | None:
    with engine.connect() as conn:
        found = _users(conn, sa.func.lower(users.c.email) == email.strip().lower())
    return found[0] if found else None


def all_users(engine: sa.Engine) -> list[User]:
    with engine.connect() as conn:
        return _users(conn)


def count(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()


def _update(engine: sa.Engine, name: str, **values) -> None:
    with engine.begin() as conn:
        if conn.execute(users.update().where(users.c.name == name).values(**values)).rowcount != 1:
            raise UnknownUser(f"Pengguna tidak dikenal: {name}")


def set_disabled(engine: sa.Engine, name: str, disabled: bool = True) -> None:
    _update(engine, name, disabled=disabled)


def set_password_hash(engine: sa.Engine, name: str, password_hash: str) -> None:
    """A new password also lifts a lock-out: the admin who set it vouches for the account."""
    _update(engine, name, password_hash=password_hash, failed_attempts=0, locked_until=None)


def note_failure(engine: sa.Engine, name: str, at: datetime, max_failures: int, lock: timedelta) -> bool:
    """One more failed sign-in; at `max_failures` in a row the account is locked for `lock` and the
    count starts again. Returns whether this failure locked it. Counted in SQL, so failures from
    several sessions at once all count."""
    with engine.begin() as conn:
        conn.execute(users.update().where(users.c.name == name)
                     .values(failed_attempts=users.c.failed_attempts + 1))
        failures = conn.execute(sa.select(users.c.failed_attempts).where(users.c.name == name)).scalar()
        if failures is not None and failures >= max_failures:
            conn.execute(users.update().where(users.c.name == name)
                         .values(failed_attempts=0, locked_until=at + lock))
            return True
    return False


def note_success(engine: sa.Engine, name: str) -> None:
    """Clear the account's failures and lock after a sign-in. Only a row with something to clear is
    written (the condition read in the same statement, so a failure noted meanwhile is cleared
    too): the usual sign-in, with none, commits no change and so waits for no disk sync, where a
    room of twenty signing in at once queued twenty writes on the database's one writer."""
    with engine.begin() as conn:
        conn.execute(users.update().where(users.c.name == name)
                     .where(sa.or_(users.c.failed_attempts != 0, users.c.locked_until.is_not(None)))
                     .values(failed_attempts=0, locked_until=None))
