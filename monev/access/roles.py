"""Roles, the viewer and what each one may see.

admin     everything; loads, undo, users, audit
pimpinan  every unit, read only
eselon1   one or more echelon I units
kpa       one or more satker
ppk       one or more PPK of a satker: only that PPK's budget, plan and realization lines
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from monev.warehouse import query
from monev.warehouse.query import Scope

ROLES = ("admin", "pimpinan", "eselon1", "kpa", "ppk")
ROLE_LABELS = {
    "admin": ("Admin (Biro Keuangan)", "Admin (Finance Bureau)"),
    "pimpinan": ("Pimpinan", "Leadership"),
    "eselon1": ("Pejabat eselon I", "Echelon I official"),
    "kpa": ("KPA (satker)", "KPA (work unit)"),
    "ppk": ("PPK", "PPK (commitment officer)"),
}
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Viewer:
    """Who is looking, decided once per run and passed down as a value."""

    name: str
    role: str
    units: tuple[str, ...] = ()
    satkers: tuple[str, ...] = ()
    ppks: tuple[tuple[str, str], ...] = ()  # (kdsatker, kdppk)
    display: str = ""  # what the sidebar shows: the name, or the SSO identity's name and e-mail
    demo: bool = False  # the sample warehouse opened without accounts

    def scope(self) -> Scope:
        """The rows this viewer may see: admin and pimpinan everything, eselon1 their units, kpa
        their satker, ppk their PPK's lines. Only the part of the role counts: scope rows of
        another kind (refused when an account is made) never widen or narrow it."""
        if self.role == "eselon1":
            return Scope(units=self.units)
        if self.role == "kpa":
            return Scope(satkers=self.satkers)
        if self.role == "ppk":
            return Scope(ppks=self.ppks)
        return query.EVERYTHING

    def can_load(self) -> bool:
        return self.role == "admin"

    def scope_record(self) -> dict:
        """The scope as the audit stores it."""
        return {"role": self.role, "units": list(self.units), "satkers": list(self.satkers),
                "ppks": [f"{s}.{p}" for s, p in self.ppks]}


def viewer_of(user, display: str | None = None) -> Viewer:
    """The viewer for an account record (monev.appdb.users.User)."""
    return Viewer(name=user.name, role=user.role, units=tuple(user.units), satkers=tuple(user.satkers),
                  ppks=tuple(tuple(p) for p in user.ppks), display=display or user.name)


def parse_ppk(value: str) -> tuple[str, str]:
    """'KDSATKER.KDPPK' -> (kdsatker, kdppk)."""
    kdsatker, dot, kdppk = value.strip().partition(".")
    if not dot or not kdsatker or not kdppk:
        raise ValueError(f"PPK ditulis KDSATKER.KDPPK, misalnya 123456.01: {value!r}")
    return kdsatker, kdppk


def problems(name: str, role: str, units=(), satkers=(), ppks=(), email: str | None = None) -> list[str]:
    """What is wrong with an account's name, role and scope (empty: nothing)."""
    found = []
    if not NAME_PATTERN.match(name or ""):
        found.append("Nama pengguna 2-64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.")
    if role not in ROLES:
        found.append(f"Peran tidak dikenal: {role!r} (pilihan: {', '.join(ROLES)}).")
        return found
    given = {"unit": bool(units), "satker": bool(satkers), "ppk": bool(ppks)}
    needed = {"eselon1": "unit", "kpa": "satker", "ppk": "ppk"}.get(role)
    if needed and not given[needed]:
        found.append(f"Peran {role} memerlukan sedikitnya satu --{needed}.")
    extra = [k for k, v in given.items() if v and k != needed]
    if extra:
        found.append(f"Peran {role} tidak memakai --{', --'.join(extra)}.")
    if email is not None and not EMAIL_PATTERN.match(email):
        found.append(f"Alamat e-mail tidak sah: {email!r}.")
    return found


def unknown_codes(engine, units=(), satkers=(), ppks=()) -> list[str]:
    """Codes not in the warehouse's reference data, each with the reason (any fiscal year counts)."""
    found = []
    if units:
        known = set(query.reference(engine, "ref/unit")["kdunit"].astype(str))
        found += [f"Unit {u} tidak ada di referensi unit gudang data." for u in units if u not in known]
    if satkers:
        known = set(query.reference(engine, "ref/satker")["kdsatker"].astype(str))
        found += [f"Satker {s} tidak ada di referensi satker gudang data." for s in satkers if s not in known]
    if ppks:
        pejabat = query.reference(engine, "ref/pejabat")
        known = set(zip(pejabat["kdsatker"].astype(str), pejabat["kdppk"].astype(str)))
        known_satkers = set(query.reference(engine, "ref/satker")["kdsatker"].astype(str))
        for s, p in ppks:
            if s not in known_satkers:
                found.append(f"PPK {s}.{p}: satker {s} tidak ada di referensi satker gudang data.")
            elif (s, p) not in known:
                found.append(f"PPK {s}.{p}: satker {s} tidak memiliki PPK {p} di referensi pejabat.")
    return found
