"""The admin pages' data: the accounts and the audit trail, from the application database."""
from __future__ import annotations

from datetime import date

import pandas as pd

from monev.appdb import audit, users

EVENTS = ["masuk", "keluar", "gagal_masuk", "akun_dikunci", "lihat_halaman", "unduh", "muat", "batal_muat",
          "ditolak", "pengguna_tambah", "pengguna_nonaktif", "pengguna_kata_sandi"]
AUDIT_ROWS = 5000  # the newest rows shown and downloaded; the CLI reads any number


def users_table(engine) -> pd.DataFrame:
    """One row per account: no hash, only whether a local password is set."""
    rows = [{"nama": u.name, "peran": u.role, "email": u.email or "", "kata_sandi_lokal": u.has_password,
             "nonaktif": u.disabled, "terkunci_sampai": u.locked_until, "dibuat": u.created,
             "unit": ", ".join(u.units), "satker": ", ".join(u.satkers),
             "ppk": ", ".join(f"{s}.{p}" for s, p in u.ppks)} for u in users.all_users(engine)]
    return pd.DataFrame(rows, columns=["nama", "peran", "email", "kata_sandi_lokal", "nonaktif", "terkunci_sampai",
                                       "dibuat", "unit", "satker", "ppk"])


def audit_table(engine, since: date | None, until: date | None, who: str | None, events) -> pd.DataFrame:
    return audit.entries(engine, since=since, until=until, who=who or None, events=tuple(events), limit=AUDIT_ROWS)


def audit_users(engine) -> list[str]:
    """The names the audit may be filtered by: every account, newest rows' names too."""
    names = {u.name for u in users.all_users(engine)}
    names |= set(audit.entries(engine, limit=AUDIT_ROWS)["who"])
    return sorted(names)
