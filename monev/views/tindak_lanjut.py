"""The Rakor's follow-ups judged at a data position, within the viewer's scope: for the follow-up
page, the next Rakor pack's opening slide and the CLI.

The commitments come from the application database (monev.appdb.tindak_lanjut.listed), passed in
by the caller; their figures from the warehouse (reports.budget_grain, the grain every summary
rolls up from) within the scope, so a viewer sees the commitments of the satker and PPK he may
see and nothing else. A viewer of some PPK only sees those PPK's commitments, not a satker's
(a satker's figures are not his to see).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import tindak_lanjut as rules
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import JENIS_BELANJA, text
from monev.warehouse.query import NO_FILTER, Filters, Scope

SHOWN_COLUMNS = ["id", "rakor", "kdunit", "kdsatker", "nmsatker", "kdppk", "komitmen", "penanggung_jawab", "batas",
                 "dinilai_bulan", "pagu", "realisasi", "capaian_persen", "target_rupiah_setara", "kekurangan", "status"]


def _visible(commitments: pd.DataFrame, grain: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    satkers = set(grain["kdsatker"])
    keep = commitments["kdsatker"].isin(satkers).to_numpy()
    if scope.ppks:
        pairs = set(scope.ppks)
        owned = [(s, p) in pairs for s, p in zip(commitments["kdsatker"], commitments["kdppk"])]
        keep = keep & np.array(owned, dtype=bool)
    return commitments[keep].reset_index(drop=True)


def described(row, lang: str) -> str:
    """'realisasi ≥ 80,00% pagu (belanja modal) s.d. September' in `lang`."""
    kind = ""
    if row.jenis_belanja:
        names = JENIS_BELANJA.get(row.jenis_belanja)
        kind = f" ({names[0 if lang == 'id' else 1] if names else row.jenis_belanja})"
    if row.ukuran == "persen":
        goal = text("tl_target_persen", lang, persen=fmt.percent(int(row.target_persen_x100) / 100, lang))
    else:
        goal = text("tl_target_rupiah", lang, rupiah=fmt.rupiah(int(row.target_rupiah), lang))
    return text("tl_komitmen", lang, target=goal + kind, bulan=fmt.month_name(int(row.batas_bulan), lang))


def judged(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
           commitments: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The commitments of the period's fiscal year within the scope, each judged at the end of
    period.bulan (monev.domain.tindak_lanjut.judge), with the satker's name, the commitment and
    its due month in words (`lang`): SHOWN_COLUMNS, in the commitments' order."""
    rows = commitments[commitments["tahun"] == period.tahun]
    now = reports.budget_grain(engine, period, scope=scope, filters=filters)
    rows = _visible(rows, now, scope)
    if rows.empty:
        return pd.DataFrame(columns=SHOWN_COLUMNS)
    months = {min(period.bulan, int(m)) for m in rows["batas_bulan"]}
    grains = {m: now if m == period.bulan else
              reports.budget_grain(engine, Period(period.tahun, m), scope=scope, filters=filters) for m in months}
    frame = rules.judge(rows, grains, period.bulan)
    names = now.drop_duplicates("kdsatker").set_index("kdsatker")["nmsatker"]
    frame["nmsatker"] = frame["kdsatker"].map(names)
    frame["komitmen"] = [described(r, lang) for r in frame.itertuples(index=False)]
    frame["batas"] = [fmt.month_name(int(m), lang) for m in frame["batas_bulan"]]
    return frame[SHOWN_COLUMNS]


def judged_by_month(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
            commitments: pd.DataFrame) -> pd.DataFrame:
    """Every commitment judged at every data position from January to period.bulan: id,
    posisi_bulan and RESULT_COLUMNS (a commitment is judged again at each month-end load)."""
    parts = []
    rows = commitments[commitments["tahun"] == period.tahun]
    grains = {m: reports.budget_grain(engine, Period(period.tahun, m), scope=scope, filters=filters)
              for m in range(1, period.bulan + 1)}
    visible = _visible(rows, grains[period.bulan], scope)
    for m in range(1, period.bulan + 1):
        judged_then = rules.judge(visible, grains, m)
        parts.append(judged_then[["id", *rules.RESULT_COLUMNS]].assign(posisi_bulan=m))
    if not parts or visible.empty:
        return pd.DataFrame(columns=["id", "posisi_bulan", *rules.RESULT_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["id", "posisi_bulan", *rules.RESULT_COLUMNS]]


def choices(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER) -> pd.DataFrame:
    """The satker and PPK a commitment may name within the scope (with pagu or realization in the
    period's year): kdunit, kdsatker, nmsatker, kdppk."""
    grain = reports.budget_grain(engine, period, scope=scope, filters=filters)
    return (grain[["kdunit", "kdsatker", "nmsatker", "kdppk"]].drop_duplicates()
            .sort_values(["kdunit", "kdsatker", "kdppk"]).reset_index(drop=True))
