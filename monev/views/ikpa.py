"""Data for IKPA: every indicator the warehouse supports per satker as of a month (and per month
of the year), the total and band (monev.domain.ikpa), the official OM-SPAN values beside them,
the unit and ministry aggregates, and the formula trace of one satker.

Belanja Kontraktual, Penyelesaian Tagihan and Pengelolaan UP/TUP have no import of their own
inputs yet: they are the OM-SPAN values where that export was imported, else missing (and then
left out of the total by rescaling). Dispensasi SPM is in no import: its deduction is 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from monev import reports
from monev.domain import ikpa, ikpa_rules, targets
from monev.reports import Period
from monev.ui import format as fmt
from monev.views import capaian as capaian_view
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

INDICATOR_COLUMNS = ["penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output",
                     "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup"]
OFFICIAL_COLUMNS = ["resmi_revisi_dipa", "resmi_deviasi_halaman_iii", "resmi_nilai_perencanaan",
                    "resmi_penyerapan", "resmi_belanja_kontraktual", "resmi_penyelesaian_tagihan",
                    "resmi_pengelolaan_up_tup", "resmi_nilai_pelaksanaan", "resmi_capaian_output",
                    "resmi_nilai"]
# indicators taken from the OM-SPAN export, having no import of their inputs
FROM_OFFICIAL = {"belanja_kontraktual": "resmi_belanja_kontraktual",
                 "penyelesaian_tagihan": "resmi_penyelesaian_tagihan",
                 "pengelolaan_up_tup": "resmi_pengelolaan_up_tup"}
SATKER_COLUMNS = ["kdunit", "nmunit", "kdsatker", "nmsatker", "pagu", *INDICATOR_COLUMNS, "dispensasi_spm",
                  "deviasi_rata", "nilai_tertimbang", "bobot_berlaku", "pengurang", "nilai", "kategori",
                  "bulan_resmi", *OFFICIAL_COLUMNS]


@dataclass
class Result:
    """Per satker scores and the intermediate tables the trace explains."""

    period: Period
    rules: ikpa_rules.Rules
    quarter_targets: dict[str, list[float]]
    satker: pd.DataFrame  # SATKER_COLUMNS
    absorption_detail: pd.DataFrame
    absorption_quarters: pd.DataFrame
    deviation_months: pd.DataFrame
    deviation: pd.DataFrame
    revision_periods: pd.DataFrame
    achievement: pd.DataFrame


def rules(engine: sa.Engine, tahun: int) -> ikpa_rules.Rules:
    return ikpa_rules.rules_for(tahun, query.run(engine, "ikpa_aturan", tahun=tahun))


def scores(engine: sa.Engine, period: Period, scope: Scope = EVERYTHING, filters: Filters = NO_FILTER) -> Result:
    """Every satker of the selection with pagu or realization, as of the end of period.bulan."""
    params = dict(scope=scope, filters=filters, tahun=period.tahun, sampai=period.sampai)
    rule = rules(engine, period.tahun)
    quarters = targets.quarter_targets(query.run(engine, "target_triwulan", tahun=period.tahun))
    grain = reports.budget_grain(engine, period, scope, filters)
    satker = (grain.groupby(["kdunit", "nmunit", "kdsatker", "nmsatker"], as_index=False, dropna=False)["pagu"].sum()
              .astype({"pagu": "int64"}))
    pagu_jenis = grain.groupby(["kdsatker", "jenis_belanja"], as_index=False)["pagu"].sum()

    detail = ikpa.absorption_detail(query.run(engine, "ikpa_penyerapan", **params), quarters)
    per_quarter = ikpa.absorption_quarters(detail)
    months = ikpa.deviation_months(query.run(engine, "ikpa_deviasi", **params), pagu_jenis, period.bulan, rule)
    deviation = ikpa.deviation(months, rule)
    periods = ikpa.revision_periods(query.run(engine, "ikpa_revisi", **params), satker["kdsatker"],
                                    period.bulan, rule)
    achievement = ikpa.output_achievement(capaian_view.ro_rows(engine, period, scope, filters))
    official = query.run(engine, "ikpa_omspan", **params)

    frame = satker.copy()
    index = frame["kdsatker"]
    frame["penyerapan"] = index.map(ikpa.absorption(per_quarter)).astype(float)
    frame["deviasi_halaman_iii"] = index.map(deviation["nilai"]).astype(float)
    frame["deviasi_rata"] = index.map(deviation["deviasi_rata"]).astype(float)
    frame["revisi_dipa"] = index.map(ikpa.revision(periods)).astype(float)
    frame["capaian_output"] = index.map(achievement["nilai"]).astype(float)
    frame = frame.merge(official, on="kdsatker", how="left")
    for column, source in FROM_OFFICIAL.items():
        frame[column] = frame[source].astype(float)
    frame["dispensasi_spm"] = math.nan  # no import carries it yet
    frame = ikpa.score(frame, rule)
    frame["bulan_resmi"] = frame["bulan_resmi"].astype("Int64")
    return Result(period, rule, quarters, frame[SATKER_COLUMNS].reset_index(drop=True), detail, per_quarter,
                  months, deviation, periods, achievement)


def aggregates(result: Result) -> dict[str, pd.DataFrame]:
    """{'per_unit': one row per echelon I unit, 'kementerian': one row}, pagu-weighted."""
    frame = result.satker
    per_unit = ikpa.aggregate(frame, ["kdunit"], result.rules)
    names = frame.drop_duplicates("kdunit").set_index("kdunit")["nmunit"]
    per_unit.insert(1, "nmunit", per_unit["kdunit"].map(names))
    return {"per_unit": per_unit, "kementerian": ikpa.aggregate(frame, [], result.rules)}


def monthly(engine: sa.Engine, tahun: int, bulan: int, scope: Scope = EVERYTHING,
            filters: Filters = NO_FILTER) -> pd.DataFrame:
    """Per satker x month 1..bulan: the scores as of each month's end (column `bulan`)."""
    parts = [scores(engine, Period(tahun, m), scope, filters).satker.assign(bulan=m) for m in range(1, bulan + 1)]
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------- the formula trace

def _p(value) -> str:
    return fmt.percent(value)


def _n(value) -> str:
    return "–" if fmt.is_missing(value) else fmt.percent(value).rstrip("%")


def trace(result: Result, kdsatker: str) -> pd.DataFrame:
    """Rows (indikator, masukan, perhitungan, hasil) explaining one satker's score, in Indonesian."""
    rows = []
    [s] = result.satker[result.satker["kdsatker"] == kdsatker].to_dict("records") or [None]
    if s is None:
        return pd.DataFrame(columns=["indikator", "masukan", "perhitungan", "hasil"])
    label = ikpa_rules.LABELS

    detail = result.absorption_detail[result.absorption_detail["kdsatker"] == kdsatker]
    for q, part in detail.groupby("triwulan"):
        for r in part.itertuples():
            rows.append((f"{label['penyerapan']} {fmt.QUARTERS[q - 1]} JB {r.jenis_belanja}",
                         f"pagu {fmt.rupiah(r.pagu)} - blokir {fmt.rupiah(r.blokir)} = {fmt.rupiah(r.pagu_netto)}; "
                         f"realisasi s.d. akhir {fmt.QUARTERS[q - 1]} {fmt.rupiah(r.realisasi)}; "
                         f"target {_p(r.target_persen)}",
                         f"min(100; {_p(r.realisasi_persen)} / {_p(r.target_persen)} × 100)", r.pa))
        quarter = result.absorption_quarters
        value = quarter[(quarter["kdsatker"] == kdsatker) & (quarter["triwulan"] == q)]["nilai"].iloc[0]
        terms = " + ".join(f"{_n(r.pa)} × {fmt.rupiah_short(r.pagu_netto)}" for r in part.itertuples())
        rows.append((f"{label['penyerapan']} {fmt.QUARTERS[q - 1]}", "rata-rata tertimbang pagu netto",
                     f"({terms}) / {fmt.rupiah_short(part['pagu_netto'].sum())}", value))
    quarters = result.absorption_quarters[result.absorption_quarters["kdsatker"] == kdsatker]
    rows.append((label["penyerapan"], f"{len(quarters)} triwulan yang sudah berakhir",
                 "rata-rata (" + "; ".join(_n(v) for v in quarters["nilai"]) + ")" if len(quarters)
                 else "belum ada triwulan yang berakhir", s["penyerapan"]))

    months = result.deviation_months[result.deviation_months["kdsatker"] == kdsatker]
    bobot = "tertimbang pagu per jenis belanja" if result.rules.deviation_pagu_weighted else "rata-rata biasa"
    rows.append((f"{label['deviasi_halaman_iii']} (deviasi)",
                 f"{len(months)} bulan dinilai; deviasi per bulan {bobot}: "
                 + "; ".join(f"{fmt.month_name(int(m))} {_p(v)}" for m, v in zip(months["bulan"], months["deviasi_persen"])),
                 "rata-rata deviasi bulanan", s["deviasi_rata"]))
    tolerance = result.rules.deviation_tolerance
    rows.append((label["deviasi_halaman_iii"], f"deviasi {_p(s['deviasi_rata'])}, toleransi {_p(tolerance)}",
                 f"100 bila deviasi ≤ {_p(tolerance)}, selain itu 100 − deviasi (asumsi, belum diverifikasi)",
                 s["deviasi_halaman_iii"]))

    periods = result.revision_periods[result.revision_periods["kdsatker"] == kdsatker]
    rows.append((label["revisi_dipa"],
                 "; ".join(f"periode {p}: {n} revisi dihitung" for p, n in zip(periods["periode"], periods["jumlah_revisi"])),
                 f"per periode 100 bila ≤ {result.rules.revision_max} revisi, selain itu "
                 f"{_n(result.rules.revision_score_over)} (asumsi, belum diverifikasi); rata-rata periode",
                 s["revisi_dipa"]))

    count = result.achievement["jumlah_ro"].get(kdsatker, 0) if not result.achievement.empty else 0
    rows.append((label["capaian_output"], f"{count} RO dilaporkan",
                 "rata-rata geometrik capaian RO (maks. 100% per RO)", s["capaian_output"]))
    for key in ("belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup"):
        rows.append((label[key], "nilai resmi OM-SPAN" if not fmt.is_missing(s[key]) else "tidak ada data",
                     "diambil dari ekspor OM-SPAN", s[key]))

    applied = [k for k in ikpa_rules.INDICATORS if k in result.rules.weights and not fmt.is_missing(s[k])]
    terms = " + ".join(f"{_n(s[k])} × {_n(result.rules.weights[k])}" for k in applied)
    rows.append(("Nilai tertimbang", "indikator yang berlaku: " + ", ".join(label[k] for k in applied),
                 f"({terms}) / {_n(s['bobot_berlaku'])}" if applied else "tidak ada indikator", s["nilai_tertimbang"]))
    rows.append(("Nilai IKPA", f"pengurang {label['dispensasi_spm']} {_n(s['pengurang'])}",
                 f"{_n(s['nilai_tertimbang'])} − {_n(s['pengurang'])} → kategori {s['kategori'] or '–'}", s["nilai"]))
    return pd.DataFrame(rows, columns=["indikator", "masukan", "perhitungan", "hasil"])
