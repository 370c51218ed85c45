"""The Kemensos sample: fiscal years 2019-2024 of the Ministry of Social Affairs (BA 027).

Totals reproduce the published figures (see figures.py); unit, programme, kegiatan and RO codes are
ILLUSTRATIVE (catalog.py); satker, amounts below unit level, dates, SP2D and people are invented.
`year_data(thang, seed)` builds one fiscal year as tables in the import formats.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from monev.domain import ikpa_rules
from monev.sample import alloc, catalog as c, facts, figures, names, structure, write
from monev.warehouse import formats

YEARS = tuple(range(2019, 2025))
WIDE_YEARS = (2019, 2020, 2021)  # realization as the MoF warehouse's monthly export
SNAPSHOT_YEARS = (2022,)  # realization as OM-SPAN/SAKTI year-to-date snapshots at each month's end
LINE = list(formats.LINE)

# Month shape of a year's realization, by jenis belanja (relative weights).
PEGAWAI = np.ones(12)
THR_MONTH = {2019: 5, 2020: 5, 2021: 5, 2022: 4, 2023: 4, 2024: 4}  # holiday allowance
GAJI13_MONTH = {2019: 7, 2020: 8, 2021: 6, 2022: 6, 2023: 6, 2024: 6}  # 13th salary
BARANG = np.array([1.5, 3, 5, 6, 6.5, 7, 7, 7, 7.5, 11, 14, 25])
MODAL = np.array([0.2, 1, 2, 3, 3.5, 4, 4.5, 5, 7, 12, 18, 40])
TP_LAG = np.linspace(0.75, 1.25, 12)  # kabupaten/kota (tugas pembantuan) spend later still
# Bansos is paid in tranches: per payment pattern and year (default: every year).
BANSOS_SCHEDULES = {
    "pkh": {
        2019: [1.3, 0, 0, 1.0, 0, 0, 0.9, 0, 0, 0.8, 0, 0],
        2020: [2.8, 0, 0, 1.3, 1.3, 1.2, 1.2, 1.1, 1, 0.8, 0.5, 0.4],
        2021: [1.0, 0, 0, 0.9, 0, 0, 0.8, 0, 0, 1.5, 0, 0],
        None: [1.0, 0, 0, 1.0, 0, 0, 1.0, 0, 0, 1.0, 0, 0],
    },
    "sembako": {
        2020: [0.8, 0.8, 0.8, 1.4, 1.4, 1.4, 1.4, 1.4, 1.3, 1.0, 0.7, 0.6],
        2021: [1.2, 0.5, 0.8, 0.8, 0.8, 0.7, 1.0, 0.7, 0.5, 1.9, 1.8, 1.6],
        None: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2],
    },
    "bst": {
        2020: [0, 0, 0, 2.2, 1.8, 1.5, 1.0, 1.0, 1.0, 0.5, 0.4, 0.4],
        2021: [1.2, 1.2, 1.1, 1.1, 0.3, 0.2, 1.5, 0.4, 0.2, 0.2, 0.1, 0.1],
    },
    "blt": {None: [1.0] * 12},  # from the month the line is added, decaying
    "bencana": {None: [0.4, 0.5, 0.8, 1, 1, 1, 1, 1, 1, 1.1, 1.4, 1.8]},
    "default": {None: [0.2, 0.4, 0.8, 1, 1, 1, 1, 1, 1.1, 1.2, 1.5, 2]},
}
# Bansos pagu by kegiatan (or (kegiatan, RO index)) within a unit, Rp T (illustrative weights).
BANSOS_WEIGHTS = {
    2019: {"pkh": 34.4, "pskba": 0.9, "pskbs": 0.5, "sembako": 17.5, "pfm_wilayah": 0.5,
           "kat": 0.25, "k2krs": 0.15, "pspkkm": 0.4},
    2020: {"pkh": 37.4, "pskba": 1.0, "pskbs": 7.5, "sembako": 41.0, ("bst", 0): 32.4,
           ("bst", 1): 6.5, "pfm_wilayah": 0.4, "kat": 0.3, "k2krs": 0.2, "pspkkm": 4.5},
    2021: {"pkh": 28.3, "pskba": 1.0, "pskbs": 13.0, "sembako": 42.4, "bst": 14.6,
           "pfm_wilayah": 0.5, "kat": 0.3, "k2krs": 0.2, "pspkkm": 0.6},
    2022: {"pkh": 28.7, "pskba": 0.9, "pskbs": 0.6, ("blt_linjam", 0): 6.9, ("blt_linjam", 1): 12.4,
           "sembako": 45.1, "pfm_wilayah": 0.5, "kat": 0.3, "k2krs": 0.2, "pspkkm": 0.5},
    2023: {"pkh": 28.7, "pskba": 1.0, "pskbs": 0.3, "sembako": 44.0, "blt_dayasos": 7.5,
           "pfm_wilayah": 0.4, "kat": 0.3, "k2krs": 0.2, "pspkkm": 0.5},
    2024: {"pkh": 28.7, "pskba": 0.9, "pskbs": 0.3, "sembako": 34.0, "blt_dayasos": 11.2,
           "pfm_wilayah": 0.4, "kat": 0.3, "k2krs": 0.2, "pspkkm": 0.5},
}
DEFAULT_BANSOS_WEIGHT = 0.25
# DIPA revisions: kegiatan whose pagu grows (original = factor x final) and the months it happens.
GROWTH = {
    2019: ({"pskba": 0.8}, (3, 11)),
    2020: ({"pkh": 0.78, "sembako": 0.46, "pskbs": 0.3, "pspkkm": 0.5}, (4, 8)),
    2021: ({"bst": 0.55, "sembako": 0.95, "pskbs": 0.25}, (6, 9)),
    2022: ({"sembako": 0.95}, (3, 9)),
    2023: ({"pkh": 0.95}, (6, 11)),
    2024: ({"sembako": 1.2}, (1, 6)),
}
CHANGED_SHARE = 0.25  # other lines revised once during the year
BLOKIR_SHARE = {2022: 0.15, 2023: 0.15}  # automatic adjustment years; else 0.07
COUNTED_CODES = ("201", "211", "212", "213", "217", "220", "221", "222", "225", "226", "229",
                 "231", "236", "239")
OTHER_CODES = ("301", "302", "401", "402")
EVENTS = {"KP": (3, 8), "KD": (1, 5), "DK": (1, 4), "TP": (0, 3)}


@dataclass
class YearData:
    thang: int
    lines: pd.DataFrame  # one row per budget line: LINE codes + final pagu, realisasi, attributes
    pagu: pd.DataFrame  # kind pagu
    monthly: np.ndarray  # realization per line and month (n_lines x 12)
    realisasi: pa.Table | pd.DataFrame  # kind realisasi (long), realisasi_bulanan or realisasi_kumulatif
    rpd: pd.DataFrame
    capaian: pd.DataFrame
    revisi: pd.DataFrame

    @property
    def real_kind(self) -> str:
        if self.thang in WIDE_YEARS:
            return "realisasi_bulanan"
        return "realisasi_kumulatif" if self.thang in SNAPSHOT_YEARS else "realisasi"


def schedule(name: str, thang: int) -> np.ndarray:
    table = BANSOS_SCHEDULES[name]
    return np.asarray(table.get(thang, table.get(None, BANSOS_SCHEDULES["default"][None])), dtype=float)


def _final_pagu(lines: pd.DataFrame, table: figures.YearTable, rng: np.random.Generator) -> np.ndarray:
    thang = int(lines["thang"].iat[0])
    weights = lines["weight"].to_numpy() * rng.lognormal(0.0, 0.5, len(lines))
    bansos = lines["jenis"].to_numpy() == "57"
    if bansos.any():
        sub = lines[bansos]
        table_w = BANSOS_WEIGHTS[thang]
        ro_count = sub.groupby("kegiatan")["ro"].transform("nunique").to_numpy()

        def kegiatan_weight(k: str, r: int, count: int) -> float:
            if (k, r) in table_w:
                return table_w[(k, r)]
            return table_w.get(k, DEFAULT_BANSOS_WEIGHT) / count

        kegiatan_w = np.array([kegiatan_weight(k, r, n)
                               for k, r, n in zip(sub["kegiatan"], sub["ro"], ro_count)])
        level = np.where(sub["kewenangan"].to_numpy() == "KP", 1.0, 0.02)
        # within a kegiatan-RO, split by level and noise over its lines
        key = sub["kegiatan"] + "/" + sub["ro"].astype(str)
        raw = level * rng.lognormal(0.0, 0.3, len(sub))
        share = raw / pd.Series(raw, index=sub.index).groupby(key).transform("sum").to_numpy()
        weights[bansos] = kegiatan_w * share
    final = np.zeros(len(lines), dtype=np.int64)
    unit = lines["unit"].to_numpy()
    jenis = lines["jenis"].to_numpy()
    for u_index, u in enumerate(table.units):
        for j_index, j in enumerate(c.JENIS):
            cell = int(table.pagu[u_index, j_index])
            mask = (unit == u) & (jenis == j)
            if cell == 0:
                continue
            if not mask.any():
                raise ValueError(f"{thang}: no budget lines for unit {u}, jenis {j}")
            final[mask] = alloc.largest_remainder(cell // 1000, weights[mask]) * 1000
    return final


def _revisions(lines: pd.DataFrame, satker_list, rng: np.random.Generator):
    """Pagu rows (revisi 0 and later revisions), the revision log, and each line's first date."""
    thang = int(lines["thang"].iat[0])
    figs = figures.YEARS[thang]
    n = len(lines)
    final = lines["pagu_final"].to_numpy() // 1000  # work in thousands
    kegiatan = lines["kegiatan"].to_numpy()
    jenis = lines["jenis"].to_numpy()
    new_month = lines["new_month"].to_numpy()
    cell_rate = lines["cell_rate"].to_numpy()
    growth, window = GROWTH[thang]
    is_new = new_month > 0
    is_growth = np.isin(kegiatan, list(growth)) & ~is_new
    factor = np.array([growth.get(k, 1.0) for k in kegiatan]) * rng.uniform(0.9, 1.1, n)
    changed = ~is_new & ~is_growth & (rng.random(n) < CHANGED_SHARE)
    if thang == 2020:  # refocusing: goods and services were cut to fund the pandemic response
        change = np.where(jenis == "52", rng.uniform(1.0, 1.35, n), rng.uniform(0.9, 1.1, n))
    else:
        change = rng.uniform(0.85, 1.15, n)
    original = final.astype(float).copy()
    original[is_new] = 0
    original[changed] = final[changed] * change[changed]
    original[is_growth] = final[is_growth] * factor[is_growth]
    flex = is_growth if is_growth.any() else changed
    fixed_total = int(np.round(original[~flex]).sum())
    flex_total = figs.pagu_original // 1000 - fixed_total
    original = np.round(original).astype(np.int64)
    original[flex] = alloc.largest_remainder(flex_total, original[flex].astype(float))
    if flex_total <= 0:
        raise ValueError(f"{thang}: original pagu cannot be reached")

    # revision events per satker: months needed by new and growing lines, plus a random few
    satker = lines["satker"].to_numpy()
    need: dict[int, set[int]] = {}
    for s, m in zip(satker[is_new], new_month[is_new]):
        need.setdefault(int(s), set()).add(int(m))
    for s in np.unique(satker[is_growth]):
        months = rng.choice(np.arange(window[0], window[1] + 1), size=min(3, window[1] - window[0] + 1),
                            replace=False)
        need.setdefault(int(s), set()).update(int(m) for m in months)
    revised = set(int(x) for x in np.unique(satker[changed | is_growth | is_new]))
    events: dict[int, list[tuple[int, np.datetime64]]] = {}
    for s_index, sat in enumerate(satker_list):
        low, high = EVENTS[sat.kewenangan]
        months = set(need.get(s_index, set()))
        extra = int(rng.integers(low, high + 1))
        months.update(int(m) for m in rng.integers(2, 13, extra))
        if not months and s_index in revised:
            months.add(int(rng.integers(2, 12)))
        dated = []
        for m in sorted(months):
            first = np.datetime64(f"{thang}-{m:02d}-01")
            span = 20 if m < 12 else 14
            dated.append(first + int(rng.integers(0, span)))
        events[s_index] = [(k + 1, d) for k, d in enumerate(sorted(set(dated)))]

    def month_of(d: np.datetime64) -> int:
        return int(str(d)[5:7])

    rows = []  # (line, revisi_ke, date, pagu thousands, blokir thousands)
    start = np.datetime64(f"{thang}-01-01")
    blokir_share = BLOKIR_SHARE.get(thang, 0.07)
    blocked = ~is_new & np.isin(jenis, ("52", "53")) & (rng.random(n) < blokir_share)
    changed_events: dict[int, set[int]] = {}
    first_day = np.zeros(n, dtype=np.int64)
    for i in range(n):
        s = int(satker[i])
        evs = events[s]
        steps: dict[int, list] = {}  # event index -> [pagu, blokir]
        if is_new[i]:
            candidates = [e for e in evs if month_of(e[1]) == new_month[i]]
            k, d = candidates[0]
            later = [e for e in evs if e[0] > k]
            first_day[i] = d.astype(np.int64)
            if later and rng.random() < 0.3:
                steps[k] = [int(final[i] * rng.uniform(0.5, 0.95)), 0]
                steps[later[int(rng.integers(0, len(later)))][0]] = [int(final[i]), 0]
            else:
                steps[k] = [int(final[i]), 0]
        else:
            rows_zero = [int(original[i]), 0]
            if original[i] != final[i]:
                pool = evs
                if is_growth[i]:
                    pool = [e for e in evs if window[0] <= month_of(e[1]) <= window[1]] or evs
                count = min(len(pool), int(rng.integers(1, 4)) if is_growth[i] else 1)
                chosen = sorted(rng.choice(len(pool), size=count, replace=False))
                path = np.sort(rng.uniform(0, 1, count - 1)) if count > 1 else np.zeros(0)
                for step, idx in enumerate(chosen):
                    value = final[i] if step == count - 1 else original[i] + (final[i] - original[i]) * path[step]
                    steps[pool[idx][0]] = [int(round(value)), 0]
            if blocked[i]:
                values = [rows_zero[0]] + [v[0] for v in steps.values()]
                amount = int(min(values) * rng.uniform(0.1, 0.5))
                lift_pool = [e for e in evs if month_of(e[1]) >= 3]
                lift = lift_pool[int(rng.integers(0, len(lift_pool)))][0] if lift_pool else None
                if lift is None or rng.random() < 0.2:
                    # a blokir kept to year end stays small enough for the unit to reach its
                    # realization: at most half of what the unit leaves unspent on this line
                    kept = int(min(values) * 0.5 * (1 - cell_rate[i]))
                    if kept >= 1:
                        amount, lift = min(amount, kept), None
                    elif lift is None:
                        amount = 0
                rows_zero[1] = amount
                in_force = rows_zero[0]
                for k, _ in evs:
                    if k in steps:
                        in_force = steps[k][0]
                    if lift is not None and k >= lift:
                        if k == lift:
                            steps.setdefault(k, [in_force, 0])[1] = 0
                        break
                    if k in steps:
                        steps[k][1] = amount
            rows.append((i, 0, start, rows_zero[0], rows_zero[1]))
        dates = dict(evs)
        for k, (value, block) in sorted(steps.items()):
            rows.append((i, k, dates[k], value, block))
            changed_events.setdefault(s, set()).add(k)
    pagu_rows = pd.DataFrame(rows, columns=["line", "revisi_ke", "tgl_revisi", "pagu", "blokir"])
    pagu_rows[["pagu", "blokir"]] *= 1000

    log = []
    for s_index, evs in events.items():
        for k, d in evs:
            if k in changed_events.get(s_index, set()):
                codes = rng.choice(COUNTED_CODES, size=int(rng.integers(1, 3)), replace=False)
            else:
                codes = [rng.choice(OTHER_CODES)]
            for code in codes:
                log.append((s_index, str(k), d, str(code)))
    revisi = pd.DataFrame(log, columns=["satker", "no_revisi", "tgl_revisi", "kode_jenis"])
    return pagu_rows, revisi, first_day


def _month_weights(lines: pd.DataFrame, first_month: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    thang = int(lines["thang"].iat[0])
    n = len(lines)
    jenis = lines["jenis"].to_numpy()
    w = np.zeros((n, 12))
    pegawai = PEGAWAI.copy()
    pegawai[THR_MONTH[thang] - 1] += 0.9
    pegawai[GAJI13_MONTH[thang] - 1] += 0.9
    w[jenis == "51"] = pegawai * rng.lognormal(0, 0.03, ((jenis == "51").sum(), 12))
    w[jenis == "52"] = BARANG * rng.lognormal(0, 0.35, ((jenis == "52").sum(), 12))
    w[(jenis == "52") & (lines["kewenangan"].to_numpy() == "TP")] *= TP_LAG
    w[jenis == "53"] = MODAL * rng.lognormal(0, 0.5, ((jenis == "53").sum(), 12))
    bansos = np.flatnonzero(jenis == "57")
    kegiatan = lines["kegiatan"].to_numpy()
    for i in bansos:
        pattern = c.KEGIATAN_BY_KEY[kegiatan[i]].schedule
        base = schedule(pattern, thang)
        if pattern == "blt":
            base = np.zeros(12)
            m0 = max(int(first_month[i]), 1) - 1
            decay = np.array([1.0, 0.8, 0.35, 0.1, 0.05])[: 12 - m0]
            base[m0: m0 + len(decay)] = decay
        w[i] = base * rng.lognormal(0, 0.08, 12)
    months = np.arange(1, 13)[None, :]
    w = np.where(months >= np.maximum(first_month, 1)[:, None], w, 0.0)
    empty = w.sum(1) <= 0
    w[empty] = np.where(months >= np.maximum(first_month[empty], 1)[:, None], 1.0, 0.0)
    return w


def _year_realisasi(lines: pd.DataFrame, table: figures.YearTable, net_final: np.ndarray,
                    rng: np.random.Generator) -> np.ndarray:
    unit = lines["unit"].to_numpy()
    jenis = lines["jenis"].to_numpy()
    out = np.zeros(len(lines), dtype=np.int64)
    spread = {"51": (0.86, 0.96), "52": (0.85, 1.0), "53": (0.85, 1.0), "57": (0.95, 1.0)}
    for u_index, u in enumerate(table.units):
        for j_index, j in enumerate(c.JENIS):
            cell = int(table.realisasi[u_index, j_index])
            mask = (unit == u) & (jenis == j)
            if not mask.any():
                continue
            weights = net_final[mask] * rng.uniform(*spread[j], int(mask.sum()))
            out[mask] = alloc.largest_remainder(cell, weights, caps=net_final[mask])
    return out


def _snapshots(thang: int, lines: pd.DataFrame, monthly: np.ndarray) -> pd.DataFrame:
    """Year-to-date realization of every line at each month's end, as OM-SPAN reports it, from
    the month the line first realizes something (the months the warehouse derives are `monthly`)."""
    cumulative = np.cumsum(monthly, axis=1)
    started = np.cumsum(monthly != 0, axis=1) > 0
    line_index, month = np.nonzero(started)
    frame = lines[LINE].iloc[line_index].reset_index(drop=True)
    frame["tgl_posisi"] = [date(thang, m + 1, calendar.monthrange(thang, m + 1)[1]) for m in month]
    frame["realisasi_sd"] = cumulative[line_index, month]
    return frame


def year_data(thang: int, seed: int = 2024) -> YearData:
    rng = np.random.default_rng([seed, thang])
    satker_list = structure.satkers_in(thang)
    lines = structure.budget_lines(thang)
    table = figures.year_table(thang)
    lines["pagu_final"] = _final_pagu(lines, table, rng)
    lines = lines[lines["pagu_final"] > 0].reset_index(drop=True)
    rates = table.realisasi / np.maximum(table.pagu, 1)
    unit_pos = {u: i for i, u in enumerate(table.units)}
    lines["cell_rate"] = rates[lines["unit"].map(unit_pos).to_numpy(),
                               lines["jenis"].map({j: i for i, j in enumerate(c.JENIS)}).to_numpy()]
    pagu_rows, revisi_log, first_day = _revisions(lines, satker_list, rng)

    month = pd.to_datetime(pagu_rows["tgl_revisi"]).dt.month.to_numpy()
    net = (pagu_rows["pagu"] - pagu_rows["blokir"]).to_numpy()
    caps = facts.in_force_by_month(len(lines), pagu_rows["line"].to_numpy(), month,
                                   pagu_rows["revisi_ke"].to_numpy(), net)
    lines["net_final"] = caps[:, -1]
    realisasi = _year_realisasi(lines, table, lines["net_final"].to_numpy(), rng)
    lines["realisasi"] = realisasi
    first_month = np.where(first_day > 0, (first_day.astype("datetime64[D]").astype("datetime64[M]")
                                           .astype(int) % 12) + 1, 1)
    weights = _month_weights(lines, first_month, rng)
    monthly = facts.spread_over_months(realisasi, weights, caps)

    pagu = pd.concat([lines.loc[pagu_rows["line"], LINE].reset_index(drop=True),
                      pagu_rows[["pagu", "blokir", "revisi_ke", "tgl_revisi"]].reset_index(drop=True)], axis=1)

    satker_codes = np.array([s.code for s in satker_list])
    kppn = np.array([s.kppn for s in satker_list])
    if thang in WIDE_YEARS:
        wide = lines[LINE].copy()
        for m in range(12):
            wide[f"real{m + 1}"] = monthly[:, m]
        real_table = wide
    elif thang in SNAPSHOT_YEARS:
        real_table = _snapshots(thang, lines, monthly)
    else:
        cut = facts.sp2d(thang, monthly, lines["jenis"].to_numpy(), lines["satker"].to_numpy(), kppn,
                         first_day, rng)
        codes = {col: pa.array(lines[col], pa.string()) for col in LINE[1:]}
        real_table = facts.realisasi_table(thang, codes, cut)

    # RPD per satker x jenis belanja
    group_keys = lines["satker"].astype(str) + "/" + lines["jenis"]
    group_codes, group = np.unique(group_keys.to_numpy(), return_inverse=True)
    original_net = np.zeros(len(lines))
    zero = pagu_rows[pagu_rows["revisi_ke"] == 0]
    original_net[zero["line"].to_numpy()] = (zero["pagu"] - zero["blokir"]).to_numpy()
    g_jenis = np.array([k.split("/")[1] for k in group_codes])
    profile = np.array([{"51": PEGAWAI, "52": BARANG, "53": MODAL}.get(j, schedule("default", thang))
                        for j in g_jenis])
    plan = facts.rpd(thang, group, len(group_codes), original_net, monthly, profile, rng)
    g_satker = np.array([int(k.split("/")[0]) for k in group_codes])
    rpd = pd.DataFrame({
        "thang": thang, "kdsatker": satker_codes[g_satker[plan["group"]]],
        "jenis_belanja": g_jenis[plan["group"]], "bulan": plan["bulan"], "rpd": plan["rpd"],
        "tgl_update": plan["tgl_update"].to_numpy(),
    })

    # capaian per satker x RO
    ro_cols = ["kdsatker", "kdgiat", "kdoutput", "kdsoutput"]
    ro_key = lines["kdsatker"] + "/" + lines["kdgiat"] + "/" + lines["kdoutput"] + "/" + lines["kdsoutput"]
    ro_codes, ro_group = np.unique(ro_key.to_numpy(), return_inverse=True)
    first_line = pd.Series(np.arange(len(lines))).groupby(ro_group).first().to_numpy()
    volume = _volumes(lines.iloc[first_line], rng)
    got = facts.capaian(ro_group, len(ro_codes), lines["pagu_final"].to_numpy(), monthly, volume, rng)
    parts = np.array([k.split("/") for k in ro_codes])
    cap = pd.DataFrame({"thang": thang, "bulan": got["bulan"]})
    for i, col in enumerate(ro_cols):
        cap[col] = parts[got["group"], i]
    for col in ("target_vol", "real_vol", "progres_fisik"):
        cap[col] = got[col]
    cap = cap[list(formats.KINDS["capaian"].column_names)]

    revisi = pd.DataFrame({"thang": thang, "kdsatker": satker_codes[revisi_log["satker"]],
                           "no_revisi": revisi_log["no_revisi"], "tgl_revisi": revisi_log["tgl_revisi"],
                           "kode_jenis": revisi_log["kode_jenis"]})
    return YearData(thang, lines, pagu, monthly, real_table, rpd, cap, revisi)


def _volumes(ro_lines: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Target volume of each satker's RO, from the RO's range (smaller for regional satker)."""
    bounds = np.array([c.KEGIATAN_BY_KEY[k].ros[int(r)].volume
                       for k, r in zip(ro_lines["kegiatan"], ro_lines["ro"])], dtype=float)
    low, high = bounds[:, 0], bounds[:, 1]
    regional = ro_lines["kewenangan"].isin(["DK", "TP"]).to_numpy() & (high > 100_000)
    low = np.where(regional, low / 1000, low)
    high = np.where(regional, high / 1000, high)
    value = np.exp(rng.uniform(np.log(low), np.log(high)))
    return np.where(value >= 20, np.round(value), np.round(value, 1))


# ---------------------------------------------------------------------------------------------
# Reference tables (all years)

def reference_tables(seed: int = 2024) -> dict[str, pd.DataFrame]:
    """lokasi, unit, program, kegiatan, ro, akun, satker, pejabat and target for 2019-2024."""
    rng = np.random.default_rng([seed, 0])
    lokasi, unit, program, kegiatan, ro, satker, pejabat, target = ([] for _ in range(8))
    people: dict[tuple[str, str], tuple[str, str]] = {}
    for thang in YEARS:
        provinces = c.provinces_in(thang)
        lokasi += [(thang, k, v) for k, v in sorted(provinces.items())]
        unit += [(thang, u.code, u.name) for u in c.units_in(thang)]
        seen_programs = {}
        for keg in c.KEGIATAN:
            if not keg.years[0] <= thang <= keg.years[1]:
                continue
            kdprogram, nmprogram = c.program_of(keg, thang)
            seen_programs[kdprogram] = nmprogram
            kdgiat = c.kegiatan_code(keg.key, thang)
            kegiatan.append((thang, kdgiat, keg.name, kdprogram))
            for r in keg.ros:
                if r.years[0] <= thang <= r.years[1]:
                    kdoutput, kdsoutput = c.ro_codes(keg, r, thang)
                    ro.append((thang, kdgiat, kdoutput, kdsoutput, r.name, r.satuan))
        program += [(thang, k, v) for k, v in sorted(seen_programs.items())]
        for sat in structure.satkers_in(thang):
            satker.append((thang, sat.code, sat.name_in(thang), c.UNIT[c.unit_in(sat.unit, thang)].code,
                           sat.kewenangan, sat.lokasi_in(thang)))
            roles = [("KPA", "")] + [("PPK", f"{p:02d}") for p in range(1, sat.n_ppk + 1)]
            for peran, kdppk in roles:
                key = (sat.code, peran + kdppk)
                if key not in people or rng.random() < 0.25:  # officials rotate now and then
                    people[key] = names.person(rng)
                nama, nip = people[key]
                pejabat.append((thang, sat.code, peran, kdppk, nama, nip))
        for jenis, quarters in c.TARGETS.items():
            target += [(thang, jenis, str(q + 1), v) for q, v in enumerate(quarters)]
    cols = {k: formats.KINDS[k].column_names for k in formats.KINDS}
    return {
        "lokasi": pd.DataFrame(lokasi, columns=cols["lokasi"]),
        "unit": pd.DataFrame(unit, columns=cols["unit"]),
        "program": pd.DataFrame(program, columns=cols["program"]),
        "kegiatan": pd.DataFrame(kegiatan, columns=cols["kegiatan"]),
        "ro": pd.DataFrame(ro, columns=cols["ro"]),
        "akun": pd.DataFrame(sorted(c.AKUN.items()), columns=cols["akun"]),
        "satker": pd.DataFrame(satker, columns=cols["satker"]),
        "pejabat": pd.DataFrame(pejabat, columns=cols["pejabat"]),
        "target": pd.DataFrame(target, columns=cols["target"]),
    }


# ---------------------------------------------------------------------------------------------
# Files

REFERENCE_XLSX = ("unit",)  # written as XLSX so both import formats are exercised


def write_files(out_dir: Path, seed: int = 2024, progress=None, years=YEARS) -> list[Path]:
    """Write every reference file and the fact files of `years` into out_dir; return their paths."""
    progress = progress or (lambda fraction, message: None)
    paths = []
    progress(0.0, "Menulis data referensi")
    for kind, frame in reference_tables(seed).items():
        if kind in REFERENCE_XLSX:
            paths.append(write.write_xlsx(kind, frame, out_dir / f"{kind}.xlsx"))
        else:
            paths.append(write.write_csv(kind, frame, out_dir / f"{kind}.csv"))
    for number, thang in enumerate(years):
        progress((number + 0.1) / len(years), f"Menulis berkas contoh {thang}")
        data = year_data(thang, seed)
        for kind, frame in (("pagu", data.pagu), (data.real_kind, data.realisasi), ("rpd", data.rpd),
                            ("capaian", data.capaian), ("revisi", data.revisi)):
            paths.append(write.write_csv(kind, frame, out_dir / f"{thang}_{kind}.csv"))
        # the IKPA rules as data (the PER-5/PB/2024 defaults) and, for the latest year, an OM-SPAN
        # export and a few Dispensasi SPM deductions
        paths.append(write.write_csv("ikpa_aturan", ikpa_rules.default_rows(thang), out_dir / f"{thang}_ikpa_aturan.csv"))
        if thang == YEARS[-1]:
            paths.append(write.write_csv("ikpa_omspan", ikpa_omspan(thang, seed), out_dir / f"{thang}_ikpa_omspan.csv"))
            paths.append(write.write_csv("dispensasi_spm", dispensasi_spm(thang, seed),
                                         out_dir / f"{thang}_dispensasi_spm.csv"))
    progress(1.0, "Berkas contoh selesai ditulis")
    return paths


def ikpa_omspan(thang: int, seed: int = 2024) -> pd.DataFrame:
    """An OM-SPAN IKPA export for every satker and month of `thang`: generated figures (not
    official ones) between 70 and 100, Belanja Kontraktual empty for satker without contracts,
    the aspect values and Nilai Akhir weighted as PER-5/PB/2024 does (rescaled over what applies)."""
    rng = np.random.default_rng([seed, thang, 77])
    satkers = list(structure.satkers_in(thang))
    kppn = {sat.code: f"{rng.integers(1, 200):03d}" for sat in satkers}
    contracts = {sat.code: rng.random() < 0.7 for sat in satkers}
    w = ikpa_rules.DEFAULT_WEIGHTS
    rows = []
    for sat in satkers:
        level = rng.uniform(80, 98)
        for bulan in range(1, 13):
            v = {k: float(np.clip(level + rng.normal(0, 4), 70, 100)) for k in w}
            if not contracts[sat.code]:
                v["belanja_kontraktual"] = np.nan
            applied = {k: x for k, x in v.items() if not np.isnan(x)}
            plan = ("revisi_dipa", "deviasi_halaman_iii")
            act = ("penyerapan", "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup")

            def mean(keys):
                keys = [k for k in keys if k in applied]
                return sum(applied[k] * w[k] for k in keys) / sum(w[k] for k in keys)

            rows.append((bulan, thang, kppn[sat.code], "027", sat.code, sat.name_in(thang), v["revisi_dipa"],
                         v["deviasi_halaman_iii"], mean(plan), v["penyerapan"], v["belanja_kontraktual"],
                         v["penyelesaian_tagihan"], v["pengelolaan_up_tup"], mean(act), v["capaian_output"],
                         mean(list(applied))))
    return pd.DataFrame(rows, columns=formats.KINDS["ikpa_omspan"].column_names)


def dispensasi_spm(thang: int, seed: int = 2024, count: int = 8) -> pd.DataFrame:
    """Dispensasi SPM deductions of `count` satker in December of `thang`, when SPM past the
    year-end deadline need a KPPN dispensation (most satker have none): generated figures, not
    official ones, with no rule linking the number of SPM to the points."""
    rng = np.random.default_rng([seed, thang, 78])
    satkers = list(structure.satkers_in(thang))
    chosen = sorted(satkers[i].code for i in rng.choice(len(satkers), size=count, replace=False))
    return pd.DataFrame({"thang": thang, "bulan": 12, "kdsatker": chosen,
                         "jumlah_spm": rng.integers(1, 4, size=count),
                         "pengurang": np.round(rng.uniform(0.25, 2.0, size=count), 2)},
                        columns=formats.KINDS["dispensasi_spm"].column_names)
