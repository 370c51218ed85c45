"""Property: year-to-date snapshots (kind realisasi_kumulatif), loaded in any number of files in any
order of dates, with corrections lower than the snapshot before and later files replacing a date,
give a summary whose realization at every month's end is, to the rupiah, the sum over lines of
each line's latest snapshot on or before that day (computed here from the rows, plain integers)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monev import reports
from monev.domain.period import Period
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b

LINES = [b.L1, b.L3, b.L5, b.L8, b.L9]  # distinct budget lines of three satker
days = st.integers(0, 365).map(lambda d: date(2024, 1, 1) + timedelta(days=d))


@st.composite
def snapshot_files(draw):
    files = []
    for _ in range(draw(st.integers(1, 3))):
        keys = draw(st.lists(st.tuples(st.integers(0, len(LINES) - 1), days), min_size=1, max_size=10, unique=True))
        files.append([(line, day, draw(st.integers(-10**9, 10**14))) for line, day in keys])
    return files


def _expected(files, month: int) -> int:
    in_force = {}
    for rows in files:  # a later file's snapshot of the same line and date replaces the earlier
        for line, day, amount in rows:
            in_force[(line, day)] = amount
    end = b.month_end(2024, month)
    total = 0
    for line in range(len(LINES)):
        dated = sorted((day, amount) for (at, day), amount in in_force.items() if at == line and day <= end)
        total += dated[-1][1] if dated else 0
    return total


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=snapshot_files(), style=st.sampled_from(["csv", "csv_dots", "xlsx"]))
def test_snapshots_to_monthly_flows_to_summary_round_trip_to_the_rupiah(reference_copy, files, style):
    with reference_copy() as (work, db_path):
        for number, rows in enumerate(files):
            records = [{**LINES[line], "tgl_posisi": day.isoformat(), "realisasi_sd": amount}
                       for line, day, amount in rows]
            path = b.write_kind(work / f"f{number}", "realisasi_kumulatif", records, style)
            [result] = ingest_files(db_path, [path], loaded_by="penguji")
            # the same bytes as an earlier file change nothing, as the model expects too
            assert result.status in ("dimuat", "sudah_dimuat"), (result.message, result.problems.to_dict("records"))
        db.dispose(db_path)
        engine = db.engine(db_path)
        for month in range(1, 13):
            period = Period.parse(2024, f"2024-{month:02d}")
            total = reports.budget_summary(engine, period, scope=EVERYTHING)["total"]
            assert int(total["realisasi"].iloc[0]) == _expected(files, month), month
