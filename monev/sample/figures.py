"""The Kemensos totals the sample reproduces, and how they are split over units and spending types.

Published figures (docs/domain.md) are matched exactly where they are given to the rupiah and to
their printed precision where they are rounded. Everything else here is INVENTED to look plausible:
the 2019 and 2021 year-end realization, all of 2024, the per-unit split of 2019, 2021, 2022 and
2024, and the DIPA originals other than 2019 and 2020.

Amounts are whole rupiah (Python ints); pagu is always a multiple of Rp 1.000, as in a DIPA.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from monev.sample import alloc
from monev.sample.catalog import JENIS

T = 10**12
M = 10**9  # miliar
UNIT_ORDER = ("setjen", "itjen", "dayasos", "rehsos", "linjamsos", "pfm", "badan")


@dataclass(frozen=True)
class YearFigures:
    thang: int
    pagu: int  # final pagu (in force at year end), exact
    pagu_original: int  # sum of revisi 0 (DIPA awal), exact
    realisasi: int  # year-end realization, exact
    units: tuple[str, ...]
    unit_share: dict[str, float] = field(default_factory=dict)  # invented years: pagu weights
    unit_rate: dict[str, float] = field(default_factory=dict)  # invented realization rates
    # published per unit: realization (Rp) and % (2020), or pagu (Rp) and % (2023), with precision
    unit_realisasi: dict[str, tuple[float, float]] = field(default_factory=dict)  # value, half-step
    unit_pagu: dict[str, tuple[float, float]] = field(default_factory=dict)
    unit_persen: dict[str, tuple[float, float]] = field(default_factory=dict)  # %, half-step
    jenis_pagu: dict[str, tuple[float, float]] = field(default_factory=dict)
    jenis_persen: dict[str, tuple[float, float]] = field(default_factory=dict)
    published: str = ""


def _r(value: float, decimals: int, scale: int) -> tuple[float, float]:
    """A printed figure and half of its last printed step, in rupiah."""
    return value * scale, 0.5 * 10.0**-decimals * scale


def _p(value: float, decimals: int) -> tuple[float, float]:
    return value, 0.5 * 10.0**-decimals


UNITS_7 = ("setjen", "itjen", "dayasos", "rehsos", "linjamsos", "pfm", "badan")
UNITS_5 = ("setjen", "itjen", "dayasos", "rehsos", "linjamsos")

YEARS: dict[int, YearFigures] = {
    2019: YearFigures(
        2019, pagu=58_961_473_528_000, pagu_original=58_902_118_204_000,
        realisasi=57_609_331_874_662, units=UNITS_7,
        unit_share={"setjen": 0.52, "itjen": 0.035, "dayasos": 1.15, "rehsos": 1.05,
                    "linjamsos": 36.6, "pfm": 19.2, "badan": 0.40},
        unit_rate={"setjen": 0.962, "itjen": 0.975, "dayasos": 0.981, "rehsos": 0.955,
                   "linjamsos": 0.985, "pfm": 0.962, "badan": 0.951},
        published="pagu Rp 58,96 T (DIPA awal 58,9 T); 47,47% realized by 27 May 2019",
    ),
    2020: YearFigures(
        2020, pagu=134_171_839_274_000, pagu_original=62_769_853_117_000,
        realisasi=130_300_865_759_231, units=UNITS_7,
        unit_realisasi={"setjen": _r(392.15, 2, M), "itjen": _r(31.82, 2, M),
                        "dayasos": _r(5.68, 2, T), "rehsos": _r(868.85, 2, M),
                        "linjamsos": _r(46.16, 2, T), "pfm": _r(76.82, 2, T),
                        "badan": _r(354.80, 2, M)},
        unit_persen={"setjen": _p(96.68, 2), "itjen": _p(97.77, 2), "dayasos": _p(99.79, 2),
                     "rehsos": _p(94.76, 2), "linjamsos": _p(99.88, 2), "pfm": _p(95.38, 2),
                     "badan": _p(95.17, 2)},
        jenis_pagu={"51": _r(503.16, 2, M), "52": _r(5.21, 2, T), "53": _r(244.74, 2, M)},
        jenis_persen={"51": _p(88.53, 2), "52": _p(97.99, 2), "53": _p(98.46, 2)},
        published="pagu and realization to the rupiah; per unit realization and %; per jenis pagu and %",
    ),
    2021: YearFigures(
        2021, pagu=106_879_416_262_000, pagu_original=92_821_644_410_000,
        realisasi=104_382_905_117_834, units=UNITS_7,
        unit_share={"setjen": 0.68, "itjen": 0.038, "dayasos": 1.45, "rehsos": 1.25,
                    "linjamsos": 44.9, "pfm": 58.1, "badan": 0.46},
        unit_rate={"setjen": 0.958, "itjen": 0.972, "dayasos": 0.978, "rehsos": 0.949,
                   "linjamsos": 0.981, "pfm": 0.974, "badan": 0.944},
        published="pagu Rp 106,88 T (October); 64,76% (Rp 69,21 T) realized by 3 Oct 2021",
    ),
    2022: YearFigures(
        2022, pagu=97_928_061_416_000, pagu_original=78_253_190_574_000,
        realisasi=96_534_397_587_261, units=UNITS_5,
        unit_share={"setjen": 1.05, "itjen": 0.040, "dayasos": 48.6, "rehsos": 1.9, "linjamsos": 46.3},
        unit_rate={"setjen": 0.972, "itjen": 0.980, "dayasos": 0.987, "rehsos": 0.961,
                   "linjamsos": 0.985},
        published="pagu and realization to the rupiah",
    ),
    2023: YearFigures(
        2023, pagu=87_275_374_140_000, pagu_original=78_169_827_233_000,
        realisasi=85_530_010_687_985, units=UNITS_5,
        unit_pagu={"setjen": _r(736.8, 1, M), "itjen": _r(41.59, 2, M), "dayasos": _r(53.2, 1, T),
                   "rehsos": _r(2.4, 1, T), "linjamsos": _r(30.77, 2, T)},
        unit_persen={"setjen": _p(98.79, 2), "itjen": _p(98, 0), "dayasos": _p(98.17, 2),
                     "rehsos": _p(97.81, 2), "linjamsos": _p(97.71, 2)},
        jenis_pagu={"51": _r(438.17, 2, M), "52": _r(3.353, 3, T), "53": _r(167.22, 2, M),
                    "57": _r(83.316, 3, T)},
        published="pagu and realization to the rupiah; per unit pagu and %; per jenis pagu",
    ),
    2024: YearFigures(
        2024, pagu=79_214_308_955_000, pagu_original=75_236_915_402_000,
        realisasi=77_843_260_531_447, units=UNITS_5,
        unit_share={"setjen": 0.80, "itjen": 0.043, "dayasos": 45.9, "rehsos": 2.2, "linjamsos": 30.3},
        unit_rate={"setjen": 0.975, "itjen": 0.981, "dayasos": 0.986, "rehsos": 0.968,
                   "linjamsos": 0.979},
        published="none: 2024 is invented (about Rp 79 T)",
    ),
}

# Share of each unit's pagu by jenis belanja (51, 52, 53, 57): the seed that the fitting adjusts.
JENIS_SEED = {
    "setjen": (0.30, 0.62, 0.08, 0.0),
    "itjen": (0.30, 0.68, 0.02, 0.0),
    "dayasos": (0.010, 0.070, 0.003, 0.917),
    "rehsos": (0.20, 0.45, 0.10, 0.25),
    "linjamsos": (0.001, 0.025, 0.0005, 0.9735),
    "pfm": (0.0003, 0.035, 0.0001, 0.9646),
    "badan": (0.25, 0.60, 0.15, 0.0),
}
JENIS_SEED_FROM_2022 = {
    "setjen": (0.27, 0.62, 0.11, 0.0),
    "dayasos": (0.0012, 0.030, 0.0004, 0.9684),
    "rehsos": (0.13, 0.46, 0.06, 0.35),
    "linjamsos": (0.0015, 0.040, 0.0006, 0.958),
}
# Typical year-end realization rate by jenis (pegawai ends near 88-92%).
RATE_SEED = {"51": 0.90, "52": 0.965, "53": 0.975, "57": 0.98}
CELL_CAP = 0.999  # no unit spends more than this share of a jenis' pagu


@dataclass
class YearTable:
    """Pagu and realization per unit (rows, in `units` order) and jenis (columns, JENIS order)."""

    thang: int
    units: tuple[str, ...]
    pagu: np.ndarray  # int64 rupiah, multiples of 1.000
    realisasi: np.ndarray  # int64 rupiah


def _seed(figures: YearFigures) -> np.ndarray:
    table = JENIS_SEED_FROM_2022 if figures.thang >= 2022 else {}
    return np.array([table.get(u, JENIS_SEED[u]) for u in figures.units], dtype=float)


def unit_pagu(figures: YearFigures) -> np.ndarray:
    units = figures.units
    if figures.unit_pagu:
        targets = [figures.unit_pagu[u][0] for u in units]
        tol = [figures.unit_pagu[u][1] for u in units]
        return alloc.fit_to_rounded(figures.pagu, targets, tol, step=1000)
    if figures.unit_realisasi:  # 2020: pagu follows from realization and %
        real = unit_realisasi(figures, None)
        pct = np.array([figures.unit_persen[u][0] for u in units]) / 100
        half = np.array([figures.unit_persen[u][1] for u in units]) / 100
        targets = real / pct
        tol = real / pct**2 * half
        return alloc.fit_to_rounded(figures.pagu, targets, tol, step=1000)
    weights = np.array([figures.unit_share[u] for u in units])
    return alloc.largest_remainder(figures.pagu // 1000, weights) * 1000


def unit_realisasi(figures: YearFigures, pagu: np.ndarray | None) -> np.ndarray:
    units = figures.units
    if figures.unit_realisasi:
        targets = [figures.unit_realisasi[u][0] for u in units]
        tol = [figures.unit_realisasi[u][1] for u in units]
        return alloc.fit_to_rounded(figures.realisasi, targets, tol)
    if figures.unit_persen:
        pct = np.array([figures.unit_persen[u][0] for u in units]) / 100
        half = np.array([figures.unit_persen[u][1] for u in units]) / 100
        return alloc.fit_to_rounded(figures.realisasi, pagu * pct, pagu * half)
    rate = np.array([figures.unit_rate[u] for u in units])
    return alloc.fit_to_rounded(figures.realisasi, pagu * rate, pagu * 0.001)


def jenis_pagu(figures: YearFigures, rows: np.ndarray, seed: np.ndarray) -> np.ndarray:
    natural = (seed / seed.sum(1, keepdims=True) * rows[:, None]).sum(0)
    if not figures.jenis_pagu:
        return alloc.largest_remainder(figures.pagu // 1000, natural) * 1000
    known = [j for j in JENIS if j in figures.jenis_pagu]
    if len(known) == len(JENIS):
        targets = [figures.jenis_pagu[j][0] for j in JENIS]
        tol = [figures.jenis_pagu[j][1] for j in JENIS]
        return alloc.fit_to_rounded(figures.pagu, targets, tol, step=1000)
    out = np.zeros(len(JENIS), dtype=np.int64)
    for i, j in enumerate(JENIS):
        if j in figures.jenis_pagu:
            out[i] = round(figures.jenis_pagu[j][0] / 1000) * 1000
    rest = [i for i, j in enumerate(JENIS) if j not in figures.jenis_pagu]
    out[rest] = alloc.largest_remainder((figures.pagu - out.sum()) // 1000, natural[rest]) * 1000
    return out


@cache
def year_table(thang: int) -> YearTable:
    """The unit x jenis pagu and realization of a fiscal year, summing exactly to its totals."""
    figures = YEARS[thang]
    seed = _seed(figures)
    rows = unit_pagu(figures)
    cols = jenis_pagu(figures, rows, seed)
    fitted = alloc.fit_table(seed, rows, cols)
    pagu = alloc.integer_table(fitted / 1000, rows // 1000, cols // 1000, residual_col=1) * 1000

    real_rows = unit_realisasi(figures, rows)
    rate = np.array([RATE_SEED[j] for j in JENIS])
    first = alloc.fit_table(pagu * rate, real_rows, (pagu * rate).sum(0), cap=pagu * CELL_CAP)
    if figures.jenis_persen:
        real_cols = np.zeros(len(JENIS), dtype=np.int64)
        for i, j in enumerate(JENIS):
            if j in figures.jenis_persen:
                real_cols[i] = round(int(cols[i]) * figures.jenis_persen[j][0] / 100)
        rest = [i for i, j in enumerate(JENIS) if j not in figures.jenis_persen]
        real_cols[rest] = alloc.largest_remainder(figures.realisasi - real_cols.sum(), first.sum(0)[rest])
    else:
        real_cols = alloc.largest_remainder(figures.realisasi, first.sum(0))
    fitted_real = alloc.fit_table(first, real_rows, real_cols, cap=pagu * CELL_CAP)
    real = alloc.integer_table(fitted_real, real_rows, real_cols, residual_col=1)
    return YearTable(thang, figures.units, pagu, real)
