"""The Rakor's follow-ups (tindak lanjut) in the application database: record, cancel, list.

A commitment: a satker (its KPA) or one of its PPK reaches, by a month's data position of the
fiscal year, a realization of at least a share of its pagu (`persen`) or an amount (`rupiah`),
over all its spending or one jenis belanja. Every change is written to the audit in the same
transaction. Commitments are cancelled, never deleted, so the audit and the next Rakor can still
see them. Judging them against the warehouse is monev.domain.tindak_lanjut's job.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
import sqlalchemy as sa

from monev.appdb.audit import _json
from monev.appdb.schema import audit, tindak_lanjut
from monev.appdb.users import now

MEASURES = ("persen", "rupiah")
JENIS = ("", "51", "52", "53", "57")
COLUMNS = ["id", "rakor", "tahun", "kdunit", "kdsatker", "kdppk", "ukuran", "jenis_belanja", "target_persen_x100",
           "target_rupiah", "batas_bulan", "penanggung_jawab", "dibuat_oleh", "dibuat_pada", "dibatalkan_pada"]


@dataclass(frozen=True)
class Commitment:
    rakor: str
    tahun: int
    kdunit: str
    kdsatker: str
    kdppk: str  # '' for the whole satker
    ukuran: str
    target: str  # as typed: '80' or '80,5' (persen), '1.250.000.000' or '1250000000' (rupiah)
    batas_bulan: int
    penanggung_jawab: str
    jenis_belanja: str = ""


def may_record(viewer, kdunit: str) -> bool:
    """Admins and pimpinan record commitments for any unit; an echelon I official for his own
    units (monev.access.roles.Viewer)."""
    return viewer is not None and (viewer.role in ("admin", "pimpinan")
                                   or (viewer.role == "eselon1" and kdunit in viewer.units))


def parse_target(ukuran: str, value: str) -> tuple[int | None, int | None]:
    """(target_persen_x100, target_rupiah) from the typed value; ValueError saying what is wrong."""
    text = str(value).strip().replace(" ", "")
    if ukuran == "persen":
        try:
            amount = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"Target persen harus angka, misalnya 80 atau 80,5: {value!r}.") from None
        if not (0 < amount <= 100):
            raise ValueError(f"Target persen harus lebih dari 0 dan paling banyak 100: {value!r}.")
        return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), None
    if ukuran == "rupiah":
        digits = text.replace(".", "").removeprefix("Rp").removeprefix("rp")
        if not digits.isdigit() or int(digits) <= 0:
            raise ValueError(f"Target rupiah harus bilangan bulat positif, misalnya 1.250.000.000: {value!r}.")
        return None, int(digits)
    raise ValueError(f"Ukuran tidak dikenal: {ukuran!r} (pilihan: {', '.join(MEASURES)}).")


def problems(c: Commitment) -> list[str]:
    found = []
    if not c.rakor.strip():
        found.append("Nama Rakor asal wajib diisi.")
    if not c.penanggung_jawab.strip():
        found.append("Penanggung jawab (KPA atau PPK) wajib diisi.")
    if not 1 <= int(c.batas_bulan) <= 12:
        found.append(f"Batas waktu harus bulan 1 sampai 12 tahun {c.tahun}: {c.batas_bulan}.")
    if c.jenis_belanja not in JENIS:
        found.append(f"Jenis belanja tidak dikenal: {c.jenis_belanja!r}.")
    try:
        parse_target(c.ukuran, c.target)
    except ValueError as exc:
        found.append(str(exc))
    return found


def add(engine: sa.Engine, c: Commitment, who: str, page: str | None = None) -> int:
    """Record a commitment (after problems() is empty) and its audit row; returns its id."""
    wrong = problems(c)
    if wrong:
        raise ValueError(" ".join(wrong))
    persen, rupiah = parse_target(c.ukuran, c.target)
    values = dict(rakor=c.rakor.strip(), tahun=int(c.tahun), kdunit=c.kdunit, kdsatker=c.kdsatker, kdppk=c.kdppk,
                  ukuran=c.ukuran, jenis_belanja=c.jenis_belanja, target_persen_x100=persen, target_rupiah=rupiah,
                  batas_bulan=int(c.batas_bulan), penanggung_jawab=c.penanggung_jawab.strip(), dibuat_oleh=who,
                  dibuat_pada=now())
    with engine.begin() as conn:
        new_id = conn.execute(tindak_lanjut.insert().values(**values)).inserted_primary_key[0]
        conn.execute(audit.insert().values(at=now(), who=who, event="tindak_lanjut_catat", page=page,
                                           detail=_json({"id": new_id, **values})))
    return int(new_id)


def cancel(engine: sa.Engine, commitment_id: int, who: str, reason: str, page: str | None = None) -> None:
    """Cancel a commitment (kept, marked), with the reason in the audit."""
    with engine.begin() as conn:
        done = conn.execute(tindak_lanjut.update().where(tindak_lanjut.c.id == int(commitment_id))
                            .where(tindak_lanjut.c.dibatalkan_pada.is_(None)).values(dibatalkan_pada=now()))
        if done.rowcount != 1:
            raise ValueError(f"Tindak lanjut {commitment_id} tidak ada atau sudah dibatalkan.")
        conn.execute(audit.insert().values(at=now(), who=who, event="tindak_lanjut_batal", page=page,
                                           detail=_json({"id": int(commitment_id), "alasan": reason})))


def listed(engine: sa.Engine, tahun: int | None = None, include_cancelled: bool = False) -> pd.DataFrame:
    """The commitments (of a fiscal year), oldest first, as COLUMNS."""
    statement = sa.select(*(tindak_lanjut.c[c] for c in COLUMNS)).order_by(tindak_lanjut.c.id)
    if tahun is not None:
        statement = statement.where(tindak_lanjut.c.tahun == int(tahun))
    if not include_cancelled:
        statement = statement.where(tindak_lanjut.c.dibatalkan_pada.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS)
    return frame.astype({"target_persen_x100": "Int64", "target_rupiah": "Int64"})
