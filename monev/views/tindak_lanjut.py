"""The Rakor's follow-ups judged at a data position, within the viewer's scope: for the follow-up
page, the KPA/PPK page, the next Rakor pack's opening slide and the CLI; and what a commitment
recorded from the needs-attention list is prefilled with.

The commitments come from the application database (monev.appdb.tindak_lanjut.listed), passed in
by the caller; their figures from the warehouse (reports.budget_grain, the grain every summary
rolls up from; queries/tindak_lanjut_ro.sql for the RO output reports) within the scope, so a
viewer sees the commitments of the satker and PPK he may see and nothing else. A viewer of some
PPK only sees those PPK's commitments, not a satker's (a satker's figures are not his to see).

A commitment covers all its satker's (or PPK's) spending, or the jenis belanja it names: the
sidebar's jenis belanja filter does not narrow the figures it is judged with. The other filters
(unit, satker, kewenangan, lokasi) choose satker, and so which commitments are listed.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import catch_up, targets
from monev.domain import tindak_lanjut as rules
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, text
from monev.warehouse import query
from monev.warehouse.query import NO_FILTER, Filters, Scope

SHOWN_COLUMNS = ["id", "rakor", "kdunit", "kdsatker", "nmsatker", "kdppk", "komitmen", "penanggung_jawab", "batas",
                 "dinilai_bulan", "pagu", "realisasi", "capaian_persen", "target_rupiah_setara", "kekurangan",
                 "kode_ro", "nmro", "satuan", *rules.VOLUME_COLUMNS, "status"]
HISTORY_COLUMNS = ["id", "posisi_bulan", "posisi", *rules.RESULT_COLUMNS]


def _visible(commitments: pd.DataFrame, grain: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    satkers = set(grain["kdsatker"])
    keep = commitments["kdsatker"].isin(satkers).to_numpy()
    if scope.ppks:
        pairs = set(scope.ppks)
        owned = [(s, p) in pairs for s, p in zip(commitments["kdsatker"], commitments["kdppk"])]
        keep = keep & np.array(owned, dtype=bool)
    return commitments[keep].reset_index(drop=True)


def ros(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The RO of the satker in scope and their output reports up to the period
    (queries/tindak_lanjut_ro.sql), with `kode_ro` ('kdgiat.kdoutput.kdsoutput')."""
    frame = query.run(engine, "tindak_lanjut_ro", scope=scope, filters=filters,
                      tahun=period.tahun, sampai=period.sampai)
    return frame.assign(kode_ro=rules.ro_code(frame))


def _ro_names(reported: pd.DataFrame) -> pd.DataFrame:
    return reported.drop_duplicates(["kdsatker", "kode_ro"])[["kdsatker", "kode_ro", "nmro", "satuan"]]


def described(row, lang: str) -> str:
    """'realisasi ≥ 80,00% pagu (belanja modal) s.d. September', or for an RO's output
    'volume RO 6201.QDB.001 Bantuan PKH ≥ 1.500 KPM s.d. September', in `lang`."""
    if row.ukuran == "volume":
        name = f" {row.nmro}" if isinstance(row.nmro, str) and row.nmro else ""
        unit = f" {row.satuan}" if isinstance(row.satuan, str) and row.satuan else ""
        goal = text("tl_target_volume", lang, ro=f"{row.kode_ro}{name}",
                    volume=volume_text(int(row.target_volume_x10000) / 10_000, lang) + unit)
        return text("tl_komitmen", lang, target=goal, bulan=fmt.month_name(int(row.batas_bulan), lang))
    kind = ""
    if row.jenis_belanja:
        names = JENIS_BELANJA.get(row.jenis_belanja)
        kind = f" ({names[0 if lang == 'id' else 1] if names else row.jenis_belanja})"
    if row.ukuran == "persen":
        goal = text("tl_target_persen", lang, persen=fmt.percent(int(row.target_persen_x100) / 100, lang))
    else:
        goal = text("tl_target_rupiah", lang, rupiah=fmt.rupiah(int(row.target_rupiah), lang))
    return text("tl_komitmen", lang, target=goal + kind, bulan=fmt.month_name(int(row.batas_bulan), lang))


def volume_text(value, lang: str = "id") -> str:
    """A volume as written in `lang`: 1.500 or 250,5 (up to four decimals, none when whole)."""
    return "–" if fmt.is_missing(value) else fmt.format_decimal(value, lang, "#,##0.####")


def _of_satkers(filters: Filters, commitments: pd.DataFrame) -> Filters | None:
    """The filters narrowed to the commitments' satker (within the satker the filters chose), so
    the warehouse is read for a handful of satker at any scale; None when none is left."""
    chosen = sorted(set(commitments["kdsatker"]))
    if filters.satkers:
        chosen = [s for s in chosen if s in filters.satkers]
    return replace(filters, satkers=tuple(chosen), jenis_belanja=()) if chosen else None


def _judging(engine, period: Period, scope: Scope, filters: Filters, commitments: pd.DataFrame, months):
    """(the visible commitments of the year, the budget grain at the period, the grain of each
    month in `months(rows)`, the RO reports up to the period or None without a volume commitment)
    for judge(); None when no commitment of the year is left."""
    rows = commitments[commitments["tahun"] == period.tahun]
    filters = _of_satkers(filters, rows)
    if filters is None:
        return None
    now = reports.budget_grain(engine, period, scope=scope, filters=filters)
    rows = _visible(rows, now, scope)
    if rows.empty:
        return None
    grains = {m: now if m == period.bulan else
              reports.budget_grain(engine, Period(period.tahun, m), scope=scope, filters=filters)
              for m in months(rows)}
    reported = ros(engine, period, scope=scope, filters=filters) if (rows["ukuran"] == "volume").any() else None
    return rows, now, grains, reported


def _named(frame: pd.DataFrame, now: pd.DataFrame, reported: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    names = now.drop_duplicates("kdsatker").set_index("kdsatker")["nmsatker"]
    frame["nmsatker"] = frame["kdsatker"].map(names)
    ro_names = _ro_names(reported) if reported is not None else pd.DataFrame(
        columns=["kdsatker", "kode_ro", "nmro", "satuan"])
    frame = frame.merge(ro_names, on=["kdsatker", "kode_ro"], how="left")
    frame["komitmen"] = [described(r, lang) for r in frame.itertuples(index=False)]
    frame["batas"] = [fmt.month_name(int(m), lang) for m in frame["batas_bulan"]]
    return frame


def judged(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
           commitments: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The commitments of the period's fiscal year within the scope, each judged at the end of
    period.bulan (monev.domain.tindak_lanjut.judge), with the satker's (and RO's) name, the
    commitment and its due month in words (`lang`): SHOWN_COLUMNS, in the commitments' order. The
    warehouse is read for the commitments' satker only (_of_satkers)."""
    found = _judging(engine, period, scope, filters, commitments,
                     lambda rows: {min(period.bulan, int(m)) for m in rows["batas_bulan"]})
    if found is None:
        return pd.DataFrame(columns=SHOWN_COLUMNS)
    rows, now, grains, reported = found
    frame = _named(rules.judge(rows, grains, period.bulan, reported), now, reported, lang)
    return frame[SHOWN_COLUMNS]


def judged_by_month(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
                    commitments: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Each commitment judged at every data position from the month it was made
    (rules.first_month) to period.bulan, as it was judged at each month-end load: HISTORY_COLUMNS
    (`posisi`: the month in words), by commitment and month."""
    found = _judging(engine, period, scope, filters, commitments, lambda rows: range(1, period.bulan + 1))
    if found is None:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    rows, _, grains, reported = found
    starts = {r.id: rules.first_month(r.dibuat_pada, period.tahun) for r in rows.itertuples(index=False)}
    parts = []
    for m in range(1, period.bulan + 1):
        due = rows[[starts[i] <= m for i in rows["id"]]]
        if len(due):
            parts.append(rules.judge(due, grains, m, reported)[["id", *rules.RESULT_COLUMNS]].assign(posisi_bulan=m))
    if not parts:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    frame = pd.concat(parts, ignore_index=True).sort_values(["id", "posisi_bulan"], kind="stable")
    frame["posisi"] = [fmt.month_name(int(m), lang) for m in frame["posisi_bulan"]]
    return frame[HISTORY_COLUMNS].reset_index(drop=True)


def choices(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The satker and PPK a commitment may name within the scope (with pagu or realization in the
    period's year): kdunit, kdsatker, nmsatker, kdppk."""
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    return (grain[["kdunit", "kdsatker", "nmsatker", "kdppk"]].drop_duplicates()
            .sort_values(["kdunit", "kdsatker", "kdppk"]).reset_index(drop=True))


def prefill(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER, kdsatker: str,
            kdppk: str = "", lang: str = "id") -> dict:
    """What a commitment recorded in one click from the needs-attention list starts from, for a
    satker (kdppk '') or one of its PPK within the scope: the quarter the IKPA page's catch-up
    works towards (catch_up.target_quarter) and its last month as the due month, that quarter's
    target as one % of the pagu in force at the period (rules.quarter_target_x100; None without a
    targeted pagu), the KPA's or PPK's name from the warehouse's officials ('' when not known) and
    a meeting name (the Rakor of the period's quarter). The sidebar's filters do not apply: a
    commitment covers all its spending."""
    narrowed = Filters(satkers=(kdsatker,))
    grain = reports.budget_grain(engine, period, scope=scope, filters=narrowed)
    grain = grain[grain["kdppk"] == kdppk] if kdppk else grain
    quarter = catch_up.target_quarter(period.bulan)
    quarters = targets.quarter_targets(query.reference(engine, "target_triwulan", tahun=period.tahun))
    officials = query.run(engine, "kpa_ppk_pejabat", scope=scope, filters=narrowed, tahun=period.tahun)
    who = officials[(officials["kdsatker"] == kdsatker) & (officials["peran"] == ("PPK" if kdppk else "KPA"))
                    & (officials["kdppk"].fillna("") == kdppk)]
    return {"target_persen_x100": rules.quarter_target_x100(grain, quarters, quarter),
            "batas_bulan": 3 * quarter, "penanggung_jawab": str(who["nama"].iloc[0]) if len(who) else "",
            "rakor": text("tl_rakor_bawaan", lang, tw=fmt.QUARTERS[(period.bulan - 1) // 3], tahun=period.tahun)}
