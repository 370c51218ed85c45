"""The budget drill-down (Rincian anggaran): unit eselon I > satker > program > kegiatan > KRO/RO
> akun. A drill path is a tuple of (level, code, name) steps; each level lists the children of the
node the path ends at, filtered by the path in SQL (never the whole ministry at akun grain)."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from monev.domain import summary
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

LEVELS = ["unit", "satker", "program", "kegiatan", "ro", "akun"]
PATH_PARAMS = {"unit": "p_unit", "satker": "p_satker", "program": "p_program", "kegiatan": "p_giat", "ro": "p_ro"}
# the levels above the budget line's own codes: read from agg_ringkasan_bulanan (queries/rincian_atas.sql)
TOP_LEVELS = {"unit": "rincian_atas", "satker": "rincian_atas"}
COLUMNS = ["kode", "nama", "pagu", "blokir", "realisasi", "sisa", "persen"]

Step = tuple[str, str, str]  # (level, kode, nama)


def level_of(path: tuple[Step, ...]) -> str | None:
    """The level listed under a path; None when the path ends at an akun (nothing below)."""
    return LEVELS[len(path)] if len(path) < len(LEVELS) else None


def path_params(path: tuple[Step, ...]) -> dict[str, list[str]]:
    params = {name: [] for name in PATH_PARAMS.values()}
    for level, kode, _ in path:
        if level in PATH_PARAMS:
            params[PATH_PARAMS[level]] = [kode]
    return params


def children(engine: sa.Engine, period: Period, path: tuple[Step, ...] = (), *, scope: Scope,
             filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The children of the path's last node: kode, nama, pagu, blokir, realisasi, sisa (pagu -
    realisasi) as int64 rupiah and persen (realisasi / pagu x 100, missing where pagu is 0)."""
    level = level_of(path)
    if level is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    params = path_params(path)
    if level in TOP_LEVELS:  # from the summary aggregate: same figures, a hundredth of the rows
        params = {name: params[name] for name in ("p_unit", "p_satker")}
    frame = query.run(engine, TOP_LEVELS.get(level, "rincian_anggaran"), scope=scope, filters=filters,
                      tahun=period.tahun, sampai=period.sampai, tingkat=level, **params)
    for amount in ("pagu", "blokir", "realisasi"):
        frame[amount] = frame[amount].astype("int64")
    frame["sisa"] = (frame["pagu"] - frame["realisasi"]).astype("int64")
    frame["persen"] = summary.percent(frame["realisasi"], frame["pagu"])
    return frame[COLUMNS].reset_index(drop=True)


def totals(frame: pd.DataFrame) -> dict:
    """The node itself: the sums of its children."""
    pagu, realisasi = int(frame["pagu"].sum()), int(frame["realisasi"].sum())
    return {"pagu": pagu, "blokir": int(frame["blokir"].sum()), "realisasi": realisasi,
            "sisa": pagu - realisasi, "persen": summary.percent_of(realisasi, pagu)}
