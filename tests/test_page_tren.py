"""The Tren tahunan page: pagu and realization across fiscal years and the monthly % curves.

Uses a two-year warehouse: 2023 is the base data set shifted a year, with other amounts and unit
05 under another name (as after a reorganisation), so units must not be merged.
"""
from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain.period import Period
from monev.ui import charts_tren
from monev.views import tren
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING

import builders
from apptest import open_page, record_downloads, workbook_rows

PAGE = "pages/tren.py"
OLD = 2023
NEW = builders.THANG
OLD_NAME_05 = "Ditjen Penanganan Fakir Miskin"
PAGU_FACTOR, REAL_FACTOR = 4, 3


def two_years() -> builders.Dataset:
    data = builders.base_dataset()
    for kind, rows in list(data.rows.items()):
        shifted = []
        for row in rows:
            if "thang" not in row:
                continue
            row = {k: (v.replace(str(NEW), str(OLD)) if isinstance(v, str) and k in builders.DATES | {"no_sp2d"}
                       else v) for k, v in row.items()}
            row["thang"] = OLD
            for column in ("pagu", "blokir", "rpd"):
                if column in row:
                    row[column] *= PAGU_FACTOR
            for column in ["nilai"] + [f"real{m}" for m in range(1, 13)]:
                if column in row:
                    row[column] *= REAL_FACTOR
            if kind == "unit" and row["kdunit"] == "05":
                row["nmunit"] = OLD_NAME_05
            shifted.append(row)
        data.rows[kind] = rows + shifted
    return data


@pytest.fixture(scope="module")
def two_year_warehouse(tmp_path_factory):
    base = tmp_path_factory.mktemp("tren")
    db_path = base / "tren.duckdb"
    builders.load_dataset(db_path, base / "files", two_years())
    db.dispose(db_path)
    yield db_path
    db.dispose(db_path)


def _rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


def _percent(value) -> str:
    return f"{float(value):.2f}".replace(".", ",") + "%"


def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, PAGE, sidebar, **url)


def test_years_reconcile_with_budget_summary_and_the_rows(two_year_warehouse):
    data = two_years()
    engine = db.engine(two_year_warehouse)
    period = Period(NEW, 6)
    totals = tren.yearly(engine, period, scope=EVERYTHING)["per_tahun"]
    assert totals["tahun"].tolist() == [OLD, NEW] and totals["bulan"].tolist() == [12, 6]
    for row, (year, month) in zip(totals.itertuples(), [(OLD, 12), (NEW, 6)]):
        summary = reports.budget_summary(engine, Period(year, month), scope=EVERYTHING)["total"].iloc[0]
        assert (row.pagu, row.blokir, row.realisasi) == (summary.pagu, summary.blokir, summary.realisasi)
        expected = builders.expected_summary(data, year, month)["total"]
        assert (row.pagu, row.realisasi) == (expected["pagu"], expected["realisasi"])
        assert row.persen == pytest.approx(float(expected["persen"]))
        assert row.target_persen == pytest.approx(float(expected["target_persen"]))
    assert totals["pagu"].dtype == "int64"
    # years after the selected one are not shown
    assert tren.yearly(engine, Period(OLD, 12), scope=EVERYTHING)["per_tahun"]["tahun"].tolist() == [OLD]


def test_units_are_grouped_by_code_and_name_of_each_year(two_year_warehouse):
    data = two_years()
    engine = db.engine(two_year_warehouse)
    units = tren.yearly(engine, Period(NEW, 12), scope=EVERYTHING)["per_unit"]
    keys = list(zip(units.tahun, units.kdunit, units.nmunit))
    assert (OLD, "05", OLD_NAME_05) in keys
    assert (NEW, "05", "Ditjen Perlindungan dan Jaminan Sosial") in keys
    assert len(keys) == 4
    for row in units.itertuples():
        expected = builders.expected_summary(data, row.tahun, 12)["per_unit"][(row.kdunit,)]
        assert (row.pagu, row.realisasi) == (expected["pagu"], expected["realisasi"])
    kinds = tren.yearly(engine, Period(NEW, 12), scope=EVERYTHING)["per_jenis_belanja"]
    for row in kinds.itertuples():
        expected = builders.expected_summary(data, row.tahun, 12)["per_jenis_belanja"][(row.jenis_belanja,)]
        assert (row.pagu, row.realisasi) == (expected["pagu"], expected["realisasi"])


def test_monthly_curves_match_each_months_summary(two_year_warehouse):
    data = two_years()
    engine = db.engine(two_year_warehouse)
    curves = tren.monthly_curves(engine, Period(NEW, 6), scope=EVERYTHING)
    assert curves.loc[curves.tahun == OLD, "bulan"].tolist() == list(range(1, 13))
    assert curves.loc[curves.tahun == NEW, "bulan"].tolist() == list(range(1, 7))
    for row in curves.itertuples():
        expected = builders.expected_summary(data, row.tahun, row.bulan)["total"]
        assert (row.pagu, row.realisasi_kumulatif) == (expected["pagu"], expected["realisasi"])
        assert row.persen == pytest.approx(float(expected["persen"]))
    december = curves[(curves.tahun == OLD) & (curves.bulan == 12)].iloc[0]
    assert december.persen == pytest.approx(reports.budget_summary(engine, Period(OLD, 12),
                                                                   scope=EVERYTHING)["total"].persen.iloc[0])


def test_page_shows_years_and_follows_filters(two_year_warehouse, monkeypatch):
    data = two_years()
    at = _page(monkeypatch, two_year_warehouse, tahun=str(NEW), sampai="6")
    assert not at.exception
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles == [
        "Pagu dan realisasi per tahun anggaran, TA 2023–2024 (TA 2024 s.d. Juni)",
        "Realisasi/pagu per unit eselon I, TA 2023–2024 (TA 2024 s.d. Juni)",
        "Realisasi/pagu per jenis belanja, TA 2023–2024 (TA 2024 s.d. Juni)",
        "Realisasi kumulatif (% pagu) per bulan, TA 2023–2024 (TA 2024 s.d. Juni)",
    ]
    totals = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert totals[0]["x"] == ["2023", "2024 (s.d. Juni)"]
    old, new = (builders.expected_summary(data, y, m)["total"] for y, m in ((OLD, 12), (NEW, 6)))
    assert [c[0] for c in totals[1]["customdata"]] == [_rupiah(old["realisasi"]), _rupiah(new["realisasi"])]
    units = json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
    assert sorted(t["name"] for t in units) == sorted(
        ["01 Sekretariat Jenderal", "05 " + OLD_NAME_05, "05 Ditjen Perlindungan dan Jaminan Sosial"])
    curves = json.loads(at.get("plotly_chart")[3].proto.spec)["data"]
    assert [t["name"] for t in curves] == ["2023", "2024"] and curves[1]["x"][-1] == "Juni"
    table = at.dataframe[0].value
    row = table[(table["Tahun anggaran"] == "2023") & (table["Unit eselon I"] == "05 " + OLD_NAME_05)]
    expected = builders.expected_summary(data, OLD, 12)["per_unit"][("05",)]
    assert row["Realisasi"].tolist() == [_rupiah(expected["realisasi"])]
    assert row["Realisasi / pagu"].tolist() == [_percent(expected["persen"])]

    at = _page(monkeypatch, two_year_warehouse, sidebar=[("selectbox", "f_sampai", 9),
                                                         ("multiselect", "f_jenis_belanja", ["52"])],
               tahun=str(NEW), sampai="6")
    assert not at.exception
    totals = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert totals[0]["x"] == ["2023", "2024 (s.d. September)"]
    old, new = (builders.expected_summary(data, y, m, jenis={"52"})["total"] for y, m in ((OLD, 12), (NEW, 9)))
    assert [c[0] for c in totals[0]["customdata"]] == [_rupiah(old["pagu"]), _rupiah(new["pagu"])]
    assert totals[1]["text"] == [_percent(old["persen"]), _percent(new["persen"])]


def test_empty_selection_shows_a_message(two_year_warehouse, monkeypatch):
    at = _page(monkeypatch, two_year_warehouse, tahun=str(NEW), sampai="6", kew="DK", jb="51")
    assert not at.exception
    assert at.info[0].value == "Tidak ada data untuk pilihan ini."
    assert not at.get("plotly_chart")


def test_download_holds_the_rows_shown(two_year_warehouse, monkeypatch):
    """The page's per-unit table and the workbook its download button carries (built as a click
    builds it): the same rows, the workbook with the exact rupiah as numbers."""
    written = record_downloads(monkeypatch)
    at = _page(monkeypatch, two_year_warehouse, tahun=str(NEW), sampai="6")
    assert not at.exception
    shown = next(frame.value for frame in at.dataframe if "Unit eselon I" in frame.value.columns)
    book = workbook_rows(written["tren_per_unit"], "kdunit", dtype={"kdunit": str})
    assert len(book) == len(shown) == 4
    assert [f"{r.kdunit} {r.nmunit}" for r in book.itertuples()] == shown["Unit eselon I"].tolist()
    assert [_rupiah(int(v)) for v in book["pagu"]] == shown["Pagu"].tolist()
    assert [_rupiah(int(v)) for v in book["realisasi"]] == shown["Realisasi"].tolist()
    assert book["pagu"].dtype == "int64"


def test_charts_keep_measures_apart_and_show_exact_rupiah():
    frame = pd.DataFrame({"year_label": ["2023", "2024 (s.d. Juni)"], "pagu": [1_000, 2_000],
                          "realisasi": [900, 500], "persen": [90.0, 25.0]})
    figure = charts_tren.yearly_totals(frame, title="judul", lang="id")
    assert [t.name for t in figure.data] == ["Pagu", "Realisasi"]
    assert figure.layout.barmode == "group"
    assert figure.data[0].customdata[1][0] == "Rp 2.000"
    curves = pd.DataFrame({"tahun": [2023, 2023, 2024], "bulan": [1, 2, 1], "realisasi_kumulatif": [1, 3, 2],
                           "pagu": [10, 10, 20], "persen": [10.0, 30.0, 10.0]})
    figure = charts_tren.monthly_curves(curves, selected_year=2024, title="judul", lang="en")
    assert list(figure.data[0].x) == ["January", "February"]
    assert figure.data[1].line.width > figure.data[0].line.width
