"""Warnings of a load: what loaded but deserves a look, never a reason to reject a file.

A file row's own warnings come from preparing it (a code padded with its lost leading zeros); the
others are read in the load's transaction, once its rows are in force: realization above the pagu
in force, realization on a line with no pagu in force, a year-to-date snapshot lower than the one
before it. They have the columns of the problems (baris, kolom, nilai, alasan), are shown after
the load (CLI and the "Muat data" page) and are kept with the batch (table load_warning).
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.warehouse import formats, query
from monev.warehouse.errors import PROBLEM_COLUMNS
from monev.warehouse.validate import MAX_ROWS_PER_RULE, Checked, Problems

REALIZATION_KINDS = ("realisasi", "realisasi_bulanan", "realisasi_kumulatif")
LINE = list(formats.LINE)


class Found:
    """Warnings collected so far: up to MAX_ROWS_PER_RULE rows per rule listed, all counted."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self.total = 0

    @classmethod
    def of(cls, problems: Problems) -> Found:
        found = cls()
        found.add(problems.frame(), problems.total)
        return found

    def add(self, frame: pd.DataFrame, total: int | None = None) -> None:
        if len(frame):
            self.parts.append(frame[PROBLEM_COLUMNS].head(MAX_ROWS_PER_RULE))
        self.total += len(frame) if total is None else total

    def extend(self, other: Found) -> None:
        self.parts += other.parts
        self.total += other.total

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS)
        frame = pd.concat(self.parts, ignore_index=True)
        frame["baris"] = frame["baris"].astype("Int64")
        frame["nilai"] = frame["nilai"].astype(str)
        return frame.sort_values(["baris", "kolom"], kind="stable", na_position="last").reset_index(drop=True)

    def note(self) -> str:
        return (f" {_count(self.total)} peringatan (tidak menghalangi pemuatan): lihat daftar peringatan."
                if self.total else "")


def _count(n: int) -> str:
    return f"{int(n):,}".replace(",", ".")


def _rupiah(n) -> str:
    n = int(n)
    return ("-" if n < 0 else "") + "Rp " + _count(abs(n))


def _money_column(kind: formats.Kind, bulan: pd.Series) -> pd.Series:
    if kind.name == "realisasi_bulanan":
        return "real" + bulan.astype(str)
    return pd.Series("nilai" if kind.name == "realisasi" else "realisasi_sd", index=bulan.index)


def _file_rows(checked: Checked, found: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The file row (header = 1) of each row of `found`, matched on `keys` (a key of the kind, so
    one row each); only the file rows of the satker in `found` are looked at."""
    typed = checked.frame.loc[checked.frame["kdsatker"].isin(found["kdsatker"].unique()), keys].copy()
    numbers = (checked.row_numbers[typed.index.to_numpy()] if checked.row_numbers is not None
               else typed.index.to_numpy() + 2)
    typed["baris"] = numbers
    typed["thang"] = typed["thang"].astype("int64")
    return found[keys].merge(typed, on=keys, how="left")["baris"].set_axis(found.index)


def _line_text(frame: pd.DataFrame) -> pd.Series:
    text = frame[LINE[1]].astype(str)
    for column in LINE[2:]:  # column by column: a row-wise join takes seconds for thousands of rows
        text = text + "." + frame[column].astype(str)
    return text


def _read(conn: sa.Connection, name: str, params: dict) -> pd.DataFrame:
    """The rows of a query, in the load's transaction, column-wise through DuckDB's Arrow result
    (a national file can flag hundreds of thousands of lines: row by row that took seconds). A
    BIGINT with nulls comes as Python integers, exact, not as floats."""
    compiled = sa.text(query.sql_text(name)).compile(dialect=conn.dialect)
    values = [params[key] for key in compiled.positiontup]
    frame = (conn.connection.driver_connection.sql(compiled.string, params=values).to_arrow_table()
             .to_pandas(integer_object_nulls=True))
    if len(frame):
        frame["thang"] = frame["thang"].astype("int64")
    return frame


def _against_pagu(conn: sa.Connection, kind: formats.Kind) -> Found:
    found = Found()
    lines = _read(conn, "load/peringatan_pagu", {})
    if lines.empty:
        return found
    no_pagu = lines["pagu"].isna()
    for flagged, above in ((lines[~no_pagu], True), (lines[no_pagu], False)):
        # every flagged line is counted; only those listed are worded (the query's order: by file row)
        if flagged.empty:
            continue
        shown = flagged.head(MAX_ROWS_PER_RULE)
        month = shown["bulan"].astype("int64").astype(str)
        amount = shown["realisasi"].map(_rupiah)
        if above:
            reason = ("realisasi s.d. akhir bulan " + month + " (" + amount + ") melebihi pagu yang berlaku ("
                      + shown["pagu"].map(_rupiah) + ")")
        else:
            reason = ("ada realisasi (" + amount + " s.d. akhir bulan " + month
                      + ") pada baris anggaran yang belum punya pagu berlaku")
        found.add(pd.DataFrame({"baris": shown["baris"],
                                "kolom": _money_column(kind, shown["bulan"].astype("int64")),
                                "nilai": _line_text(shown), "alasan": reason}), total=len(flagged))
    return found


def _lower_snapshots(conn: sa.Connection, checked: Checked, batch_id: int) -> Found:
    found = Found()
    lower = _read(conn, "load/peringatan_kumulatif", {"batch_id": batch_id})
    if lower.empty:
        return found
    lower["tgl_posisi"] = pd.to_datetime(lower["tgl_posisi"])
    lower["baris"] = _file_rows(checked, lower, LINE + ["tgl_posisi"])
    date = lower["tgl_posisi"].dt.strftime("%Y-%m-%d")
    before = pd.to_datetime(lower["tgl_sebelumnya"]).dt.strftime("%Y-%m-%d")
    amounts = (" (" + lower["realisasi_sd"].map(_rupiah) + ") lebih rendah dari posisi " + before + " ("
               + lower["sebelumnya"].map(_rupiah) + "): dibaca sebagai koreksi, realisasi bulan itu negatif")
    reason = ("realisasi s.d. " + date + amounts).where(
        lower["dari_berkas"], "posisi " + date + " yang sudah dimuat sebelumnya" + amounts)
    found.add(pd.DataFrame({"baris": lower["baris"].where(lower["dari_berkas"]), "kolom": "realisasi_sd",
                            "nilai": _line_text(lower) + " " + date, "alasan": reason}))
    return found


def after_load(conn: sa.Connection, kind: formats.Kind, checked: Checked, batch_id: int) -> Found:
    """The warnings read from the warehouse once a load's rows are in force (its transaction)."""
    found = Found()
    if kind.name not in REALIZATION_KINDS:
        return found
    found.extend(_against_pagu(conn, kind))
    if kind.name == "realisasi_kumulatif":
        found.extend(_lower_snapshots(conn, checked, batch_id))
    return found


def of_batch(engine: sa.Engine, batch_id: int) -> pd.DataFrame:
    """The warnings kept with a batch."""
    frame = query.reference(engine, "load/peringatan_batch", batch_id=int(batch_id))
    frame["baris"] = frame["baris"].astype("Int64")
    return frame[PROBLEM_COLUMNS]
