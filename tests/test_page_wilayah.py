"""The Wilayah page: realization per province for DK/TP satker, as a bubble map and a table."""
from __future__ import annotations
from monev.warehouse.query import EVERYTHING

import io
import json
from fractions import Fraction

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import builders
from apptest import open_page
from monev import reports
from monev.ui import charts_wilayah, download
from monev.views import wilayah
from monev.warehouse import db
from monev.warehouse.query import Filters
from monev.domain.period import Period

PAGE = "pages/wilayah.py"
TAHUN = builders.THANG


def _rupiah(value: int) -> str:
    return "Rp " + f"{value:,}".replace(",", ".")


def _percent(value) -> str:
    return f"{float(value):.2f}".replace(".", ",") + "%"


def _expected(data, bulan, kewenangan, jenis=None) -> dict[str, dict]:
    """Per province, from the builders' rows: satker of the kewenangan grouped by kdlokasi."""
    satkers = [s for s in data.rows["satker"] if s["thang"] == TAHUN and s["kewenangan"] in kewenangan]
    result = {}
    for lokasi in sorted({s["kdlokasi"] for s in satkers}):
        codes = {s["kdsatker"] for s in satkers if s["kdlokasi"] == lokasi}
        figures = builders.expected_summary(data, TAHUN, bulan, satkers=codes, jenis=jenis)["total"]
        result[lokasi] = {**figures, "jumlah_satker": len(codes)}
    return result


def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, PAGE, sidebar, **url)


def _table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_page_shows_dk_tp_provinces_and_follows_filters(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    assert not at.exception
    expected = _expected(data, 6, {"DK", "TP"})
    assert list(expected) == ["32"]
    table = _table(at)
    assert table["Kode"].tolist() == ["32"]
    assert table["Provinsi"].tolist() == ["Jawa Barat"]
    assert table["Jumlah satker"].tolist() == [1]
    assert table["Pagu"].tolist() == [_rupiah(expected["32"]["pagu"])]
    assert table["Realisasi"].tolist() == [_rupiah(expected["32"]["realisasi"])]
    assert table["Realisasi / pagu"].tolist() == [_percent(expected["32"]["persen"])]
    assert table["Target"].tolist() == [_percent(expected["32"]["target_persen"])]

    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Realisasi per provinsi (satker DK, TP), TA 2024 s.d. Juni"
    trace = spec["data"][0]
    assert trace["customdata"][0][1] == _rupiah(expected["32"]["pagu"])
    assert trace["customdata"][0][2] == _rupiah(expected["32"]["realisasi"])
    assert "geo" not in trace.get("type", "scatter")  # plain scatter on axes: nothing to fetch

    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 9)], tahun=str(TAHUN), sampai="6")
    expected = _expected(data, 9, {"DK", "TP"})
    assert _table(at)["Realisasi"].tolist() == [_rupiah(expected["32"]["realisasi"])]
    assert "s.d. September" in at.subheader[0].value

    at = _page(monkeypatch, shared_warehouse, sidebar=[("multiselect", "f_jenis_belanja", ["52"])],
               tahun=str(TAHUN), sampai="9")
    expected = _expected(data, 9, {"DK", "TP"}, jenis={"52"})
    assert _table(at)["Pagu"].tolist() == [_rupiah(expected["32"]["pagu"])]
    assert _table(at)["Realisasi / pagu"].tolist() == [_percent(expected["32"]["persen"])]
    assert not at.exception


def test_kewenangan_choice_and_empty_selection(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    at.radio(key="wilayah_kewenangan").set_value("TP").run()
    assert not at.exception
    assert at.info and at.info[0].value == "Tidak ada data untuk pilihan ini."
    assert not at.get("plotly_chart")
    at.radio(key="wilayah_kewenangan").set_value("DK").run()
    at.checkbox(key="wilayah_kd").check().run()
    assert not at.exception
    assert _table(at)["Kode"].tolist() == ["32"]
    assert "satker DK, KD" in at.subheader[0].value


def test_english_labels(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6", lang="en")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Realization by province")


def test_provinces_reconcile_with_budget_summary(shared_warehouse):
    engine = db.engine(shared_warehouse)
    period = Period(TAHUN, 6)
    everything = wilayah.per_provinsi(engine, period, ("KP", "KD", "DK", "TP"), scope=EVERYTHING)
    total = reports.budget_summary(engine, period, scope=EVERYTHING)["total"].iloc[0]
    assert wilayah.total(everything)["pagu"] == total.pagu
    assert wilayah.total(everything)["realisasi"] == total.realisasi
    assert everything["jumlah_satker"].sum() == 3
    dk = wilayah.per_provinsi(engine, period, ("DK",), scope=EVERYTHING)
    only_dk = reports.budget_summary(engine, period, filters=Filters(kewenangan=("DK",)), scope=EVERYTHING)["total"].iloc[0]
    assert (dk["pagu"].sum(), dk["realisasi"].sum(), dk["blokir"].sum()) == (
        only_dk.pagu, only_dk.realisasi, only_dk.blokir)
    assert dk["target_persen"].iloc[0] == pytest.approx(only_dk.target_persen)
    assert dk["pagu"].dtype == "int64" and dk["realisasi"].dtype == "int64"


def test_download_holds_the_rows_shown(shared_warehouse):
    engine = db.engine(shared_warehouse)
    frame = wilayah.per_provinsi(engine, Period(TAHUN, 6), scope=EVERYTHING)
    book = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "wilayah_provinsi", sample=True)), skiprows=2,
                         dtype={"kdlokasi": str})
    assert book["kdlokasi"].tolist() == ["32"]
    expected = _expected(builders.base_dataset(), 6, {"DK", "TP"})["32"]
    assert int(book["pagu"].iloc[0]) == expected["pagu"]
    assert int(book["realisasi"].iloc[0]) == expected["realisasi"]
    assert book["persen"].iloc[0] == pytest.approx(float(expected["persen"]))


def test_positions_cover_the_38_provinces_and_unknown_codes_are_listed():
    positions = charts_wilayah.positions()
    assert len(positions) == 38 and positions["kdlokasi"].is_unique
    assert positions["kdlokasi"].str.fullmatch(r"\d\d").all()
    assert positions["lat"].between(*charts_wilayah.LAT_RANGE).all()
    assert positions["lon"].between(*charts_wilayah.LON_RANGE).all()
    assert {"92", "95", "96", "97"} <= set(positions["kdlokasi"])  # the 2022 Papua provinces
    assert charts_wilayah.POSITIONS.stat().st_size < 1_000_000


def test_bubble_map_sizes_by_pagu_and_colours_by_percent():
    frame = pd.DataFrame({"kdlokasi": ["11", "94", "99"], "nmlokasi": ["Aceh", "Papua", "Tak dikenal"],
                          "jumlah_satker": [2, 1, 1], "pagu": [400, 100, 50], "blokir": [0, 0, 0],
                          "realisasi": [300, 10, 5], "persen": [75.0, 10.0, 10.0],
                          "target_persen": [50.0, 50.0, 50.0]})
    figure = charts_wilayah.bubble_map(frame, title="judul", lang="id")
    trace = figure.data[0]
    assert trace.type == "scatter"
    assert list(trace.marker.size) == [400.0, 100.0]
    assert list(trace.marker.color) == [75.0, 10.0]
    assert trace.customdata[0][1] == "Rp 400" and trace.customdata[1][3] == "10,00%"
    assert figure.layout.yaxis.scaleanchor == "x"
    assert charts_wilayah.unplaced(frame) == ["99"]
    assert Fraction(300, 400) * 100 == 75
