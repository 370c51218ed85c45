"""IKPA rule data: weights, score bands, counted revision codes and the other parameters, per
fiscal year and regulation.

The rules are data (table ref_ikpa_aturan, import kind `ikpa_aturan`, one row per parameter and
key). The defaults below, from PER-5/PB/2024 (docs/domain.md), are used for any parameter a
year does not define, as monev/domain/targets.py does for the absorption targets. For a
parameter with keys (BOBOT, BATAS, KODE_REVISI) a year that has any row of it replaces the
default set whole, so an indicator or a revision code can be dropped by next year's data.

Parameters marked *unverified* are scoring assumptions, not read from the regulation's text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

DEFAULT_REGULATION = "PER-5/PB/2024"

INDICATORS = ("revisi_dipa", "deviasi_halaman_iii", "penyerapan", "belanja_kontraktual",
              "penyelesaian_tagihan", "pengelolaan_up_tup", "capaian_output")
LABELS = {
    "revisi_dipa": "Revisi DIPA",
    "deviasi_halaman_iii": "Deviasi Halaman III DIPA",
    "penyerapan": "Penyerapan Anggaran",
    "belanja_kontraktual": "Belanja Kontraktual",
    "penyelesaian_tagihan": "Penyelesaian Tagihan",
    "pengelolaan_up_tup": "Pengelolaan UP dan TUP",
    "capaian_output": "Capaian Output",
    "dispensasi_spm": "Dispensasi SPM",
}
DEFAULT_WEIGHTS = {
    "revisi_dipa": 10.0, "deviasi_halaman_iii": 15.0, "penyerapan": 20.0, "belanja_kontraktual": 10.0,
    "penyelesaian_tagihan": 10.0, "pengelolaan_up_tup": 10.0, "capaian_output": 25.0,
}
# Lower bounds of the bands (a score at the bound belongs to the band); below `cukup` is Kurang.
DEFAULT_BANDS = {"sangat_baik": 95.0, "baik": 89.0, "cukup": 70.0}
BAND_NAMES = {"sangat_baik": "Sangat Baik", "baik": "Baik", "cukup": "Cukup", "kurang": "Kurang"}
DEFAULT_REVISION_CODES = ("201", "211", "212", "213", "217", "220", "221", "222", "225", "226", "229",
                          "231", "236", "239")

# Parameters without keys (kunci empty).
DEFAULT_SCALARS = {
    "TOLERANSI_DEVIASI": 5.0,  # deviation (%) at or below which Deviasi Halaman III scores 100
    "DEVIASI_BOBOT_PAGU": 1.0,  # 1: month deviation pagu-weighted over jenis belanja (2024); 0: plain mean
    "BULAN_PERIODE_REVISI": 6.0,  # revisions are counted per period of this many months (semester from 2024)
    "REVISI_MAKS": 1.0,  # counted revisions per period that still score full marks
    "NILAI_REVISI_LEBIH": 50.0,  # *unverified*: a period's score when it has more revisions than that
}
PARAMETERS = ("BOBOT", "BATAS", "KODE_REVISI", *DEFAULT_SCALARS)


@dataclass(frozen=True)
class Rules:
    """The IKPA rules of one fiscal year."""

    thang: int
    peraturan: str = DEFAULT_REGULATION
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    bands: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_BANDS))
    revision_codes: frozenset[str] = frozenset(DEFAULT_REVISION_CODES)
    deviation_tolerance: float = DEFAULT_SCALARS["TOLERANSI_DEVIASI"]
    deviation_pagu_weighted: bool = True
    revision_period_months: int = 6
    revision_max: int = 1
    revision_score_over: float = DEFAULT_SCALARS["NILAI_REVISI_LEBIH"]


def rules_for(thang: int, rows: pd.DataFrame | None = None) -> Rules:
    """The year's rules: its rows (queries/ikpa_aturan.sql: peraturan, parameter, kunci, nilai)
    over the PER-5/PB/2024 defaults."""
    if rows is None or rows.empty:
        return Rules(thang)
    rows = rows.assign(parameter=rows["parameter"].str.upper(), kunci=rows["kunci"].fillna("").str.lower())
    regulations = sorted(set(rows["peraturan"]))
    keyed = {p: dict(zip(part["kunci"], part["nilai"].astype(float)))
             for p, part in rows.groupby("parameter") if p in ("BOBOT", "BATAS", "KODE_REVISI")}
    scalars = dict(DEFAULT_SCALARS)
    for row in rows[~rows["parameter"].isin(["BOBOT", "BATAS", "KODE_REVISI"])].itertuples(index=False):
        scalars[row.parameter] = float(row.nilai)
    codes = keyed.get("KODE_REVISI")
    return Rules(
        thang,
        peraturan=", ".join(regulations),
        weights={k: v for k, v in keyed["BOBOT"].items() if v > 0} if "BOBOT" in keyed else dict(DEFAULT_WEIGHTS),
        bands={**DEFAULT_BANDS, **keyed["BATAS"]} if "BATAS" in keyed else dict(DEFAULT_BANDS),
        revision_codes=(frozenset(k for k, v in codes.items() if v > 0) if codes is not None
                        else frozenset(DEFAULT_REVISION_CODES)),
        deviation_tolerance=scalars["TOLERANSI_DEVIASI"],
        deviation_pagu_weighted=scalars["DEVIASI_BOBOT_PAGU"] > 0,
        revision_period_months=int(scalars["BULAN_PERIODE_REVISI"]),
        revision_max=int(scalars["REVISI_MAKS"]),
        revision_score_over=scalars["NILAI_REVISI_LEBIH"],
    )


def default_rows(thang: int) -> pd.DataFrame:
    """The defaults as rows of the `ikpa_aturan` import format (thang, peraturan, parameter,
    kunci, nilai): a file to start next year's rules from."""
    rows = [("BOBOT", k, v) for k, v in DEFAULT_WEIGHTS.items()]
    rows += [("BATAS", k, v) for k, v in DEFAULT_BANDS.items()]
    rows += [("KODE_REVISI", code, 1.0) for code in DEFAULT_REVISION_CODES]
    rows += [(p, "", v) for p, v in DEFAULT_SCALARS.items()]
    return pd.DataFrame([(thang, DEFAULT_REGULATION, p, k, v) for p, k, v in rows],
                        columns=["thang", "peraturan", "parameter", "kunci", "nilai"])
