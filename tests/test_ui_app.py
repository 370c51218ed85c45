"""The app shell: first-start rules, the shared filters in the URL, and safe Excel exports."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev.domain.period import Period
from monev.ui import download, startup
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING

import builders
from apptest import ADMIN, signed_in

APP = str(builders.Path(__file__).resolve().parent.parent / "app.py")


def _app(monkeypatch, db_path, **url) -> AppTest:
    monkeypatch.setenv("MONEV_DB", str(db_path))
    at = signed_in(AppTest.from_file(APP, default_timeout=60), ADMIN)
    at.query_params.update(url)
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _percent(value) -> str:
    return f"{float(value):.2f}".replace(".", ",") + "%"


def test_configured_but_missing_warehouse_is_reported_not_built(tmp_path, monkeypatch):
    missing = tmp_path / "tidak_ada.duckdb"
    monkeypatch.setenv("MONEV_DB", str(missing))
    with pytest.raises(startup.WarehouseMissing, match="tidak ditemukan"):
        startup.ensure_warehouse()
    assert not missing.exists()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "tidak ditemukan" in at.error[0].value


def test_existing_warehouse_is_used_as_is(warehouse, monkeypatch):
    before = warehouse.stat().st_mtime_ns
    assert startup.ensure_warehouse(path=warehouse) == warehouse
    assert startup.existing_warehouse(warehouse) == warehouse  # app.py's every run: no progress bar
    assert startup.existing_warehouse(warehouse.with_name("tidak_ada.duckdb")) is None
    assert warehouse.stat().st_mtime_ns == before


def test_overview_follows_filters_and_the_url(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    tahun = builders.THANG
    at = _app(monkeypatch, shared_warehouse, tahun=str(tahun), sampai="3")
    assert not at.exception
    expected = builders.expected_summary(data, tahun, 3)["total"]
    assert _metric(at, "Realisasi / pagu") == _percent(expected["persen"])
    assert at.query_params["sampai"] == "3"

    at.sidebar.selectbox(key="f_sampai").set_value(9).run()
    expected = builders.expected_summary(data, tahun, 9)["total"]
    assert _metric(at, "Realisasi / pagu") == _percent(expected["persen"])
    assert at.query_params["sampai"] == "9"

    at.sidebar.multiselect(key="f_jenis_belanja").set_value(["52"]).run()
    expected = builders.expected_summary(data, tahun, 9, jenis={"52"})["total"]
    assert _metric(at, "Realisasi / pagu") == _percent(expected["persen"])
    assert at.query_params["jb"] in ("52", ["52"])


def test_hostile_url_values_are_dropped_with_a_note(shared_warehouse, monkeypatch):
    at = _app(monkeypatch, shared_warehouse, tahun="1999; drop table fact_pagu", sampai="99",
              jb=["51", "'); select 1; --"], unit="zz")
    assert not at.exception
    assert at.sidebar.selectbox(key="f_tahun").value == builders.THANG
    assert at.sidebar.multiselect(key="f_jenis_belanja").value == ["51"]
    notes = " ".join(c.value for c in at.sidebar.caption)
    assert "diabaikan (jb)" in notes and "diabaikan (unit)" in notes
    assert builders.scalar(shared_warehouse, "select count(*) from fact_pagu") > 0


def test_english_is_selectable(shared_warehouse, monkeypatch):
    at = _app(monkeypatch, shared_warehouse, lang="en")
    assert not at.exception
    assert any(m.label == "Realized / budget" for m in at.metric)


def test_empty_warehouse_shows_a_message(empty_warehouse, monkeypatch):
    db.dispose(empty_warehouse)
    at = _app(monkeypatch, empty_warehouse)
    assert not at.exception
    assert "belum berisi pagu" in at.info[0].value


def test_excel_export_keeps_numbers_and_never_writes_formulas():
    frame = pd.DataFrame({"nmsatker": ["=HYPERLINK(\"http://x\",\"klik\")", "+1+2", "Dinsos"],
                          "pagu": [9_007_199_254_740_993, 5, -7]})
    book = openpyxl.load_workbook(io.BytesIO(download.excel_bytes(frame, "uji", sample=True)))
    sheet = book.active
    assert "DATA CONTOH" in sheet["A1"].value
    header_row = 3
    assert [c.value for c in sheet[header_row]] == ["nmsatker", "pagu"]
    cells = list(sheet.iter_rows(min_row=header_row + 1, values_only=True))
    assert [c[0] for c in cells] == frame["nmsatker"].tolist()
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(header_row + 1, header_row + 4))
    # Excel keeps 15 significant digits; the cell is a number, as exact as Excel can hold
    assert [type(c[1]) for c in cells] == [int, int, int]
    assert cells[1][1] == 5 and cells[2][1] == -7


def test_first_start_builds_the_sample_completely_before_it_appears(tmp_path, monkeypatch):
    target = tmp_path / "warehouse.duckdb"
    monkeypatch.delenv("MONEV_DB", raising=False)
    monkeypatch.setattr(startup, "is_default", lambda path: path == target)
    seen = []

    def progress(fraction, message):
        seen.append((fraction, message))
        assert not target.exists() or fraction == 1.0, "the warehouse appeared before it was complete"

    assert startup.ensure_warehouse(progress, path=target) == target
    assert target.exists() and not list(tmp_path.glob("**/tmp-*"))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) > 10
    engine = db.engine(target)
    from monev import reports

    assert reports.is_sample(engine)
    total = reports.budget_summary(engine, Period(2020, 12), scope=EVERYTHING)["total"]
    assert int(total["pagu"].iloc[0]) == 134_171_839_274_000  # the published 2020 pagu
    db.dispose(target)


def test_the_current_data_choice_is_named_in_the_page_language(shared_warehouse, monkeypatch):
    """With the current data chosen, the "as loaded at" box shows "Terkini (semua batch)", not
    Streamlit's own "Choose an option" (a None choice shows the placeholder)."""
    at = _app(monkeypatch, shared_warehouse)
    [choice] = [s for s in at.sidebar.selectbox if s.label == "Data sebagaimana dimuat"]
    assert choice.value is None and choice.placeholder == "Terkini (semua batch)"
