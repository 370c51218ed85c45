"""Property: any valid pagu and realization rows, written as CSV or XLSX in any allowed number
style, load so that reports.budget_summary and `python -m monev summary --json` report exactly the
totals computed from the rows themselves (builders.expected_summary, plain Python integers)."""
from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monev import cli, reports
from monev.domain.period import Period
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b

LINES = [b.L1, b.L2, b.L3, b.L4, b.L5, b.L6, b.L7, b.L8, b.L9]
STYLES = ["csv", "csv_dots", "csv_semicolon_bom", "csv_semicolon", "xlsx"]
MAX_AMOUNT = 10**14
days_2024 = st.integers(0, 365).map(lambda d: (date(2024, 1, 1) + timedelta(days=d)).isoformat())


@st.composite
def pagu_rows(draw):
    keys = draw(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 5)),
                         min_size=1, max_size=12, unique=True))  # (line, revisi_ke) is the key
    rows = []
    for line, revisi in keys:
        pagu = draw(st.integers(0, MAX_AMOUNT))
        rows.append(b._pagu(LINES[line], pagu, draw(st.integers(0, pagu)), revisi, draw(days_2024)))
    return rows


@st.composite
def realization_rows(draw):
    keys = draw(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.integers(1, 999_999)),
                         max_size=12, unique=True))  # (line, no_sp2d) is the key
    return [b._sp2d(LINES[line], draw(days_2024), f"{number:06d}/SP2D",
                    draw(st.integers(-10**12, MAX_AMOUNT)))  # negative: corrections
            for line, number in keys]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(pagu=pagu_rows(), realisasi=realization_rows(), style_pagu=st.sampled_from(STYLES),
       style_real=st.sampled_from(STYLES), bulan=st.integers(1, 12))
def test_loaded_totals_equal_the_rows_totals(reference_copy, capsys, pagu, realisasi, style_pagu,
                                            style_real, bulan):
    with reference_copy() as (work, db_path):
        files = [b.write_kind(work / "pagu", "pagu", pagu, style_pagu)]
        if realisasi:
            files.append(b.write_kind(work / "realisasi", "realisasi", realisasi, style_real))
        results = ingest_files(db_path, files, loaded_by="hipotesis")
        assert [r.status for r in results] == ["dimuat"] * len(files), [
            (r.message, r.problems.head().to_dict("records")) for r in results]

        data = b.base_dataset()
        data.rows.update(pagu=pagu, realisasi=realisasi, realisasi_bulanan=[], realisasi_tanpa_ppk=[])
        expected = b.expected_summary(data, b.THANG, bulan)["total"]
        tables = reports.budget_summary(db.engine(db_path), Period(b.THANG, bulan), scope=EVERYTHING)
        total = next(tables["total"].itertuples(index=False))
        assert (int(total.pagu), int(total.blokir), int(total.realisasi)) == (
            expected["pagu"], expected["blokir"], expected["realisasi"])
        db.dispose(db_path)

        capsys.readouterr()
        assert cli.main(["summary", "--db", str(db_path), "--tahun", str(b.THANG),
                         "--sampai", f"{b.THANG}-{bulan:02d}", "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)["total"]
        assert (shown["pagu"], shown["blokir"], shown["realisasi"]) == (
            expected["pagu"], expected["blokir"], expected["realisasi"])
