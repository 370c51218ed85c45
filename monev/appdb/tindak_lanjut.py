"""The Rakor's follow-ups (tindak lanjut) in the application database: record, cancel, list.

A commitment: a satker (its KPA) or one of its PPK reaches, by a month's data position of the
fiscal year, a realization of at least a share of its pagu (`persen`) or an amount (`rupiah`),
over all its spending or one jenis belanja; or a satker reaches an output volume of one of its RO
(`volume`, in the RO's own unit: capaian output is reported per satker RO, so never a PPK's).
Every change is written to the audit in the same transaction. Commitments are cancelled, never
deleted, so the audit and the next Rakor can still see them. Judging them against the warehouse is
monev.domain.tindak_lanjut's job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
import sqlalchemy as sa

from monev.appdb.audit import _json
from monev.appdb.schema import audit, tindak_lanjut
from monev.appdb.users import now

MEASURES = ("persen", "rupiah", "volume")
JENIS = ("", "51", "52", "53", "57")
COLUMNS = ["id", "rakor", "tahun", "kdunit", "kdsatker", "kdppk", "ukuran", "jenis_belanja", "target_persen_x100",
           "target_rupiah", "batas_bulan", "penanggung_jawab", "dibuat_oleh", "dibuat_pada", "dibatalkan_pada",
           "kode_ro", "target_volume_x10000"]


@dataclass(frozen=True)
class Commitment:
    rakor: str
    tahun: int
    kdunit: str
    kdsatker: str
    kdppk: str  # '' for the whole satker
    ukuran: str
    target: str  # as typed: '80' or '80,5' (persen), '1.250.000.000' or '1250000000' (rupiah), '1.500' (volume)
    batas_bulan: int
    penanggung_jawab: str
    jenis_belanja: str = ""
    kode_ro: str = ""  # volume: 'kdgiat.kdoutput.kdsoutput', checked against the warehouse by the caller


def may_record(viewer, kdunit: str) -> bool:
    """Admins and pimpinan record commitments for any unit; an echelon I official for his own
    units (monev.access.roles.Viewer)."""
    return viewer is not None and (viewer.role in ("admin", "pimpinan")
                                   or (viewer.role == "eselon1" and kdunit in viewer.units))


def _decimal(value: str) -> Decimal | None:
    """'80,5' or '80.5' -> Decimal; a value with both '.' and ',' reads '.' as thousands (1.500,5)."""
    text = str(value).strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def parse_target(ukuran: str, value: str) -> dict[str, int | None]:
    """The target columns (target_persen_x100, target_rupiah, target_volume_x10000) from the typed
    value; ValueError saying what is wrong."""
    columns = dict.fromkeys(("target_persen_x100", "target_rupiah", "target_volume_x10000"))
    text = str(value).strip().replace(" ", "")
    if ukuran == "persen":
        amount = _decimal(text.replace(",", "."))  # a percentage has no thousands: '80.5' is 80,5
        if amount is None:
            raise ValueError(f"Target persen harus angka, misalnya 80 atau 80,5: {value!r}.")
        if not (0 < amount <= 100):
            raise ValueError(f"Target persen harus lebih dari 0 dan paling banyak 100: {value!r}.")
        return {**columns, "target_persen_x100": int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))}
    if ukuran == "rupiah":
        digits = text.replace(".", "").removeprefix("Rp").removeprefix("rp")
        if not digits.isdigit() or int(digits) <= 0:
            raise ValueError(f"Target rupiah harus bilangan bulat positif, misalnya 1.250.000.000: {value!r}.")
        return {**columns, "target_rupiah": int(digits)}
    if ukuran == "volume":
        # '1.500' is fifteen hundred (Indonesian thousands), '12,5' twelve and a half, '12.5' too (a dot
        # not followed by groups of three digits is no thousands separator)
        grouped = "," not in text and re.fullmatch(r"\d{1,3}(\.\d{3})+", text)
        amount = _decimal(text.replace(".", "") if grouped else text)
        if amount is None or amount <= 0 or amount.as_tuple().exponent < -4 or amount >= 10 ** 14:
            raise ValueError(f"Target volume harus angka positif (paling banyak 4 desimal), misalnya 1.500 atau "
                             f"12,5: {value!r}.")
        return {**columns, "target_volume_x10000": int(amount * 10_000)}
    raise ValueError(f"Ukuran tidak dikenal: {ukuran!r} (pilihan: {', '.join(MEASURES)}).")


def parse_ro(value: str) -> tuple[str, str, str]:
    """'6201.QDB.001' -> (kdgiat, kdoutput, kdsoutput); ValueError when not written so."""
    parts = str(value).strip().upper().split(".")
    if len(parts) != 3 or not all(parts) or not all(p.isalnum() for p in parts):
        raise ValueError(f"Kode RO ditulis KEGIATAN.KRO.RO, misalnya 6201.QDB.001: {value!r}.")
    return parts[0], parts[1], parts[2]


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
    if c.ukuran == "volume":
        if c.kdppk:
            found.append("Komitmen volume RO berlaku untuk satker (KPA), bukan PPK: capaian output dilaporkan per "
                         "satker.")
        if c.jenis_belanja:
            found.append("Komitmen volume RO tidak dibatasi jenis belanja.")
        try:
            parse_ro(c.kode_ro)
        except ValueError as exc:
            found.append(str(exc))
    elif c.kode_ro:
        found.append("Kode RO hanya untuk komitmen volume RO.")
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
    kode_ro = ".".join(parse_ro(c.kode_ro)) if c.ukuran == "volume" else None
    values = dict(rakor=c.rakor.strip(), tahun=int(c.tahun), kdunit=c.kdunit, kdsatker=c.kdsatker, kdppk=c.kdppk,
                  ukuran=c.ukuran, jenis_belanja=c.jenis_belanja, **parse_target(c.ukuran, c.target), kode_ro=kode_ro,
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


def stamp(engine: sa.Engine, tahun: int) -> tuple:
    """What tells the year's commitments apart from any earlier state of them, in one small query:
    add() raises the count and the largest id, cancel() the count and latest time of the cancelled
    (a cancel is never undone; rows are never deleted). A cache of what is read from the year's
    commitments keyed by it is new as soon as one is recorded or cancelled, by any process."""
    c = tindak_lanjut.c
    statement = (sa.select(sa.func.count(), sa.func.max(c.id), sa.func.count(c.dibatalkan_pada),
                           sa.func.max(c.dibatalkan_pada)).where(c.tahun == int(tahun)))
    with engine.connect() as conn:
        count, last, cancelled, cancelled_at = conn.execute(statement).one()
    return int(count), last, int(cancelled), str(cancelled_at)


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
    frame["kode_ro"] = frame["kode_ro"].fillna("")
    return frame.astype({"target_persen_x100": "Int64", "target_rupiah": "Int64", "target_volume_x10000": "Int64"})
