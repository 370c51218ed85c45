"""Signing in with a local account: the password checked, lock-out after repeated failures,
every attempt audited. One message for a wrong password, an unknown or disabled name and a
locked account, so the form tells nobody which names exist."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from monev.access import passwords
from monev.access.roles import Viewer, viewer_of
from monev.appdb import audit, users

WRONG = ("Nama pengguna atau kata sandi salah.", "Wrong username or password.")
UNKNOWN_NAME = "(nama tidak dikenal)"  # what the audit records: a typed name may be a mistyped password


@dataclass(frozen=True)
class Policy:
    max_failures: int = 5
    lock_minutes: float = 15.0

    @classmethod
    def from_env(cls) -> "Policy":
        """MONEV_LOCK_FAILURES and MONEV_LOCK_MINUTES, else 5 failures lock for 15 minutes."""
        return cls(max_failures=int(os.environ.get("MONEV_LOCK_FAILURES", cls.max_failures)),
                   lock_minutes=float(os.environ.get("MONEV_LOCK_MINUTES", cls.lock_minutes)))


@dataclass(frozen=True)
class Outcome:
    viewer: Viewer | None
    reason: str  # masuk | kata_sandi_salah | tidak_dikenal | nonaktif | terkunci | tanpa_kata_sandi

    @property
    def ok(self) -> bool:
        return self.viewer is not None


def sign_in(engine, name: str, password: str, *, at: datetime | None = None, policy: Policy | None = None,
            method: str = "lokal") -> Outcome:
    policy = policy or Policy.from_env()
    at = at or users.now()
    name = (name or "").strip().lower()
    user = users.get(engine, name) if name else None
    if user is None:
        passwords.verify(None, password)  # the same time as a wrong password
        audit.record(engine, "gagal_masuk", UNKNOWN_NAME, detail={"alasan": "tidak_dikenal", "cara": method})
        return Outcome(None, "tidak_dikenal")
    if user.disabled or user.locked(at) or not user.has_password:
        reason = "nonaktif" if user.disabled else "terkunci" if user.locked(at) else "tanpa_kata_sandi"
        passwords.verify(None, password)
        audit.record(engine, "gagal_masuk", user.name, detail={"alasan": reason, "cara": method})
        return Outcome(None, reason)
    if not passwords.verify(user.password_hash, password):
        locked = users.note_failure(engine, user.name, at, policy.max_failures,
                                    timedelta(minutes=policy.lock_minutes))
        audit.record(engine, "gagal_masuk", user.name, detail={"alasan": "kata_sandi_salah", "cara": method})
        if locked:
            audit.record(engine, "akun_dikunci", user.name,
                         detail={"sampai": str(at + timedelta(minutes=policy.lock_minutes)),
                                 "gagal_berturut": policy.max_failures})
        return Outcome(None, "kata_sandi_salah")
    users.note_success(engine, user.name)
    if passwords.needs_rehash(user.password_hash):
        users.set_password_hash(engine, user.name, passwords.hash_password(password, check=False))
    viewer = viewer_of(user)
    audit.record(engine, "masuk", user.name, scope=viewer.scope_record(), detail={"cara": method})
    return Outcome(viewer, "masuk")


def current_viewer(engine, name: str, display: str | None = None) -> Viewer | None:
    """The viewer of a signed-in account, read again at every run: a disabled account or a changed
    role or scope takes effect on the next click, not at the next sign-in."""
    user = users.get(engine, name)
    if user is None or user.disabled:
        return None
    return viewer_of(user, display)


def sso_viewer(engine, email: str, display: str | None = None) -> Viewer | None:
    """The viewer whose account carries this single sign-on e-mail, if enabled."""
    user = users.by_email(engine, email) if email else None
    if user is None or user.disabled:
        return None
    return viewer_of(user, display)
