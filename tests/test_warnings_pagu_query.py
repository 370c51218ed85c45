"""The load's warnings against the pagu (queries/load/peringatan_pagu.sql) equal what their rule
says, computed line by line in Python, on random lines: several revisions a line (dated the year
before, in the year, the year after), lines without pagu, months without realization, negative
months (corrections), lines of the warehouse not in the file and file lines without realization.
The query is written for speed (months side by side, no window); this holds its rewrites to the
rule, row for row and in its order."""
from __future__ import annotations

import datetime as dt
import random

import duckdb
import pandas as pd
import pytest

from monev.warehouse import query

LINE = ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]


def _warehouse(seed: int, lines: int = 400):
    """An in-memory database with the two tables the query reads and the staged lines."""
    rng = random.Random(seed)
    keys = [(2024, f"{rng.randrange(3):06d}", "027.01.WA", f"{rng.randrange(2) + 1000}", "QMA", "001",
             f"5{rng.randrange(10):05d}", f"{n:02d}") for n in range(lines)]
    realisasi, pagu = [], []
    for key in keys:
        if rng.random() < 0.9:  # a line with realization: some months of the year
            for bulan in sorted(rng.sample(range(1, 13), rng.randrange(1, 13))):
                amount = rng.choice([0, rng.randrange(-300, 0), rng.randrange(1, 400)]) * 1_000_000
                realisasi.append((*key, bulan, amount))
        if rng.random() < 0.85:  # its pagu: one to three revisions, numbered in date order
            dates = sorted(rng.choice([dt.date(2023, 12, 20), dt.date(2025, 1, 5),
                                       dt.date(2024, rng.randrange(1, 13), rng.randrange(1, 29))])
                           for _ in range(rng.randrange(1, 4)))
            for revisi, date in enumerate(dates):
                pagu.append((*key, rng.randrange(0, 1500) * 1_000_000, revisi, date))
    realisasi = pd.DataFrame(realisasi, columns=LINE + ["bulan", "realisasi"])
    pagu = pd.DataFrame(pagu, columns=LINE + ["pagu", "revisi_ke", "tgl_revisi"])
    con = duckdb.connect()
    con.execute("""create table agg_realisasi_bulanan as
                   select * replace (thang::smallint as thang, bulan::smallint as bulan) from realisasi""")
    con.execute("""create table fact_pagu as
                   select * replace (thang::smallint as thang, revisi_ke::integer as revisi_ke) from pagu""")
    # the file's lines: most of the warehouse's, in a shuffled file order, and one without realization
    staged = rng.sample(keys, int(lines * 0.8)) + [(2024, "999999", "027.01.WA", "1000", "QMA", "001", "511111",
                                                    "01")]
    staging = pd.DataFrame(staged, columns=LINE)
    staging["baris"] = rng.sample(range(2, 10 * lines), len(staging))
    return con, staging, realisasi, pagu


def _by_the_rule(staging: pd.DataFrame, realisasi: pd.DataFrame, pagu: pd.DataFrame) -> pd.DataFrame:
    """Per staged line, among the months it has realization in: the first whose realization to the
    month's end is above the pagu in force at the month's end (the highest revision dated on or
    before it), and the first with realization other than zero to then while no pagu is in force."""
    months = {key: dict(zip(rows["bulan"], rows["realisasi"])) for key, rows in realisasi.groupby(LINE)}
    revisions = {key: sorted(zip(rows["tgl_revisi"], rows["revisi_ke"], rows["pagu"]))
                 for key, rows in pagu.groupby(LINE)}
    month_ends = {bulan: (pd.Timestamp(2024, bulan, 1) + pd.offsets.MonthEnd(0)).date() for bulan in range(1, 13)}
    rows = []
    for line in staging.itertuples(index=False):
        key = tuple(getattr(line, c) for c in LINE)
        if key not in months:
            continue
        cumulative, above, without = 0, None, None
        for bulan in range(1, 13):
            cumulative += months[key].get(bulan, 0)
            if bulan not in months[key]:
                continue
            in_force = [(revisi, amount) for date, revisi, amount in revisions.get(key, [])
                        if date <= month_ends[bulan]]
            limit = max(in_force)[1] if in_force else None
            if above is None and limit is not None and cumulative > limit:
                above = (bulan, cumulative, limit)
            if without is None and limit is None and cumulative != 0:
                without = (bulan, cumulative, None)
        for found in (above, without):
            if found is not None:
                rows.append((*key, *found, line.baris))
    expected = pd.DataFrame(rows, columns=LINE + ["bulan", "realisasi", "pagu", "baris"])
    expected["tanpa"] = expected["pagu"].isna()
    return expected.sort_values(["baris", "tanpa"]).drop(columns="tanpa").reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_warnings_against_the_pagu_follow_their_rule_line_by_line(seed):
    con, staging, realisasi, pagu = _warehouse(seed)
    con.register("staging_lines", staging)
    got = con.sql(query.sql_text("load/peringatan_pagu")).df()
    expected = _by_the_rule(staging, realisasi, pagu)
    assert len(expected) > 50 and expected["pagu"].isna().sum() > 5  # both rules are exercised
    assert list(got.columns) == list(expected.columns)
    got["pagu"] = got["pagu"].astype("Int64")
    expected["pagu"] = expected["pagu"].astype("Int64")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
