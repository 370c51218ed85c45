"""Capaian output page: the achievement rules (PMK 22/2021 geometric mean, cap at 100%), the
roll-up per level checked against figures computed here from builders.base_dataset(), the
reconciliation with the budget summary, and the page itself (AppTest)."""
from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import builders
from apptest import open_page
from monev import reports
from monev.domain import capaian
from monev.ui import charts_capaian, download
from monev.views import capaian as view
from monev.warehouse import db
from monev.warehouse.query import Filters

TAHUN = builders.THANG


# ---------------------------------------------------------------- domain rules

def test_geometric_mean_matches_the_worked_example_of_pmk_22_2021():
    indicators = pd.DataFrame(
        [("U", "P1", "1a", 5 / 5), ("U", "P1", "1a", 9 / 10),
         ("U", "P1", "1b", 2 / 3), ("U", "P1", "1b", 4 / 6), ("U", "P1", "1b", 5 / 5),
         ("U", "P2", "2a", 1.0)], columns=["unit", "program", "output", "rasio"])
    outputs = capaian.geometric_by(indicators, ["unit", "program", "output"], "rasio")
    programs = capaian.geometric_by(outputs, ["unit", "program"], "rasio")
    unit = capaian.geometric_by(programs, ["unit"], "rasio")
    assert [round(100 * v, 2) for v in outputs["rasio"]] == [94.87, 76.31, 100.0]
    assert [round(100 * v, 2) for v in programs["rasio"]] == [85.09, 100.0]
    assert round(100 * unit["rasio"].iloc[0], 2) == 92.24


def _ro(unit, program, giat, ro, real, target, fisik, pagu, realisasi, satker="000001"):
    return dict(kdunit=unit, nmunit=f"Unit {unit}", kdsatker=satker, nmsatker="Satker", kdprogram=program,
                nmprogram=f"Program {program}", kdgiat=giat, nmgiat=f"Kegiatan {giat}", kdoutput="AAA",
                kdsoutput=ro, nmro=f"RO {ro}", satuan="Unit", pagu=pagu, realisasi=realisasi,
                bulan_capaian=6 if target is not None else None, target_vol=target, real_vol=real,
                progres_fisik=fisik)


def test_rollup_follows_the_regulation_from_ro_to_unit():
    # RO ratios equal to the example's outputs: program 1 = sqrt(0.9487 x 0.7631), program 2 = 1
    r1a = math.sqrt(5 / 5 * 9 / 10)
    r1b = (2 / 3 * 4 / 6 * 5 / 5) ** (1 / 3)
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 1000 * r1a, 1000, 40.0, 100, 10),
        _ro("01", "P1", "1002", "002", 1000 * r1b, 1000, 80.0, 300, 90),
        _ro("01", "P2", "2001", "003", 7, 7, 100.0, 600, 600),
    ])
    program = capaian.rollup(ro, "program").set_index("kdprogram")
    assert round(program.loc["P1", "capaian_persen"], 2) == 85.09
    assert program.loc["P2", "capaian_persen"] == pytest.approx(100.0)
    unit = capaian.rollup(ro, "unit").iloc[0]
    assert round(unit["capaian_persen"], 2) == 92.24
    # physical progress is pagu-weighted, financial is realization / pagu
    assert unit["progres_fisik"] == pytest.approx((40 * 100 + 80 * 300 + 100 * 600) / 1000)
    assert unit["persen_keuangan"] == pytest.approx(100 * 700 / 1000)
    assert program.loc["P1", "progres_fisik"] == pytest.approx((40 * 100 + 80 * 300) / 400)
    assert round(capaian.total(ro)["capaian_persen"], 2) == 92.24


def test_ratios_are_capped_at_100_percent_and_zero_pulls_to_zero():
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 12, 10, 100.0, 100, 100),  # over-delivered: counts as 100%
        _ro("01", "P1", "1001", "002", 81, 100, 80.0, 100, 50),
        _ro("01", "P1", "1001", "003", 5, 0, 10.0, 100, 0),  # no target: left out of the mean
    ])
    by_ro = capaian.rollup(ro, "ro")
    assert by_ro["capaian_persen"].tolist()[:2] == [100.0, 81.0]
    assert math.isnan(by_ro["capaian_persen"].iloc[2])
    kegiatan = capaian.rollup(ro, "kegiatan").iloc[0]
    assert kegiatan["capaian_persen"] == pytest.approx(100 * math.sqrt(1.0 * 0.81))  # 90, not sqrt(1.2 x 0.81)
    assert capaian.geometric_mean([1.2, 0.81], cap=None) == pytest.approx(math.sqrt(1.2 * 0.81))
    with_zero = pd.concat([ro, pd.DataFrame([_ro("01", "P1", "1001", "004", 0, 10, 0.0, 100, 0)])])
    kegiatan = capaian.rollup(with_zero, "kegiatan").iloc[0]
    assert kegiatan["capaian_persen"] == 0.0 and kegiatan["jumlah_ro_nol"] == 1


def test_position_against_the_diagonal():
    fisik = pd.Series([80.0, 20.0, 50.0, None])
    keuangan = pd.Series([20.0, 80.0, 45.0, 10.0])
    assert capaian.position(fisik, keuangan).tolist() == [
        "terwujud_belum_dibayar", "dibayar_belum_terwujud", "sejalan", pd.NA]


def test_empty_selection_rolls_up_to_nothing():
    empty = pd.DataFrame([_ro("01", "P1", "1001", "001", 1, 1, 1.0, 1, 1)]).iloc[0:0]
    assert capaian.rollup(empty, "unit").empty
    assert capaian.total(empty)["jumlah_ro"] == 0


def test_quadrant_chart_plots_each_row_with_exact_rupiah_and_the_diagonal():
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 9, 10, 90.0, 1_234_567, 300_000),  # delivered, hardly paid
        _ro("01", "P1", "1001", "002", 2, 10, 20.0, 1_000_000, 900_000, satker="000002"),  # paid, not delivered
    ])
    frame = capaian.rollup(ro, "ro")
    figure = charts_capaian.quadrant(frame, "ro", "Judul TA 2024 s.d. Juni")
    assert figure.layout.title.text == "Judul TA 2024 s.d. Juni"
    line = figure.layout.shapes[0]
    assert (line.x0, line.y0) == (0, 0) and line.x1 == line.y1
    assert {a.text for a in figure.layout.annotations} == {"<b>Dibayar, belum terwujud</b>",
                                                            "<b>Terwujud, belum dibayar</b>"}
    by_name = {trace.name: trace for trace in figure.data}
    delivered = by_name["Terwujud, belum dibayar"]
    assert list(delivered.x) == [pytest.approx(100 * 300_000 / 1_234_567)] and list(delivered.y) == [90.0]
    assert delivered.customdata[0][2] == "Rp 1.234.567" and delivered.customdata[0][1] == "90,00%"
    assert list(by_name["Dibayar, belum terwujud"].y) == [20.0]
    shown = charts_capaian.display_table(frame, "ro")
    assert shown["Volume (realisasi / target)"].tolist() == ["9 / 10 Unit", "2 / 10 Unit"]
    assert shown["Pagu"].tolist() == ["Rp 1.234.567", "Rp 1.000.000"]


# ---------------------------------------------------------------- against the base data set

def expected_ro(data: builders.Dataset, bulan: int, jenis=None) -> dict[tuple, dict]:
    """Per RO (kdsatker, kdgiat, kdoutput, kdsoutput): pagu, realisasi, latest report, computed
    from the rows."""
    at = builders.month_end(TAHUN, bulan)
    found: dict[tuple, dict] = {}

    def cell(row):
        key = (row["kdsatker"], row["kdgiat"], row["kdoutput"], row["kdsoutput"])
        return found.setdefault(key, {"pagu": 0, "realisasi": 0, "report": None})

    for row in builders.pagu_in_force(data, at).values():
        if jenis is None or row["kdakun"][:2] in jenis:
            cell(row)["pagu"] += row["pagu"]
    for line, month, amount in builders.realization_entries(data):
        if month <= bulan and (jenis is None or line["kdakun"][:2] in jenis):
            cell(line)["realisasi"] += amount
    for row in data.rows["capaian"]:
        if row["bulan"] <= bulan and (jenis is None):
            current = cell(row)["report"]
            if current is None or row["bulan"] > current["bulan"]:
                cell(row)["report"] = row
    return found


def expected_total(data: builders.Dataset, bulan: int, jenis=None) -> dict:
    ros = expected_ro(data, bulan, jenis)
    unit_of = {s["kdsatker"]: s["kdunit"] for s in data.rows["satker"]}
    program_of = {k["kdgiat"]: k["kdprogram"] for k in data.rows["kegiatan"]}
    ratios: dict[str, dict[str, list[float]]] = {}
    fisik_weighted, fisik_weight, reported = 0.0, 0, 0
    for (satker, giat, _, _), values in ros.items():
        report = values["report"]
        if report is None:
            continue
        reported += 1
        ratio = min(1.0, float(report["real_vol"]) / float(report["target_vol"]))
        ratios.setdefault(unit_of[satker], {}).setdefault(program_of[giat], []).append(ratio)
        fisik_weighted += float(report["progres_fisik"]) * values["pagu"]
        fisik_weight += values["pagu"]

    def geo(values):
        return math.prod(values) ** (1 / len(values))

    units = [geo([geo(r) for r in programs.values()]) for programs in ratios.values()]
    pagu = sum(v["pagu"] for v in ros.values())
    realisasi = sum(v["realisasi"] for v in ros.values())
    return {"capaian": 100 * geo(units) if units else None, "fisik": fisik_weighted / fisik_weight if reported else None,
            "keuangan": 100 * realisasi / pagu, "pagu": pagu, "realisasi": realisasi,
            "ro": len(ros), "reported": reported}


@pytest.fixture(scope="module")
def engine(shared_warehouse):
    return db.engine(shared_warehouse)


@pytest.mark.parametrize("bulan", [3, 6, 12])
def test_view_matches_the_rows(engine, bulan):
    data = builders.base_dataset()
    figures = view.output_achievement(engine, reports.Period(TAHUN, bulan))
    ro = figures["ro"].set_index(["kdsatker", "kdgiat", "kdoutput", "kdsoutput"])
    expected = expected_ro(data, bulan)
    assert set(ro.index) == set(expected)
    for key, values in expected.items():
        assert ro.loc[key, "pagu"] == values["pagu"] and ro.loc[key, "realisasi"] == values["realisasi"]
        report = values["report"]
        if report is None:
            assert pd.isna(ro.loc[key, "progres_fisik"])
        else:
            assert ro.loc[key, "progres_fisik"] == pytest.approx(float(report["progres_fisik"]))
            assert ro.loc[key, "capaian_persen"] == pytest.approx(
                100 * min(1.0, float(report["real_vol"]) / float(report["target_vol"])))
    total = figures["total"].iloc[0]
    want = expected_total(data, bulan)
    assert total["capaian_persen"] == pytest.approx(want["capaian"])
    assert total["progres_fisik"] == pytest.approx(want["fisik"])
    assert total["jumlah_ro_dilaporkan"] == want["reported"]


@pytest.mark.parametrize("filters", [Filters(), Filters(jenis_belanja=("57",)), Filters(units=("05",)),
                                     Filters(jenis_belanja=("51", "53"), lokasi=("31",))])
def test_every_level_reconciles_with_the_budget_summary(engine, filters):
    period = reports.Period(TAHUN, 6)
    summary = reports.budget_summary(engine, period, filters=filters)["total"].iloc[0]
    figures = view.output_achievement(engine, period, filters=filters)
    for level in view.LEVELS + ["total"]:
        assert int(figures[level]["pagu"].sum()) == int(summary["pagu"]), level
        assert int(figures[level]["realisasi"].sum()) == int(summary["realisasi"]), level
        assert figures[level]["pagu"].dtype == "int64"


# ---------------------------------------------------------------- the page

def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, "pages/capaian.py", sidebar, **url)


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def _pct(value) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


def test_page_shows_the_figures_and_follows_the_filters(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    assert not at.exception
    want = expected_total(data, 6)
    assert _metric(at, "Capaian output (rata-rata geometrik)") == _pct(want["capaian"])
    assert _metric(at, "Progres fisik (%)") == _pct(want["fisik"])
    assert _metric(at, "Realisasi keuangan (%)") == _pct(want["keuangan"])
    assert _metric(at, "RO dilaporkan") == f"{want['reported']} / {want['ro']}"

    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Progres fisik vs realisasi keuangan per kegiatan, TA 2024 s.d. Juni"
    hover = " ".join(str(tr.get("customdata")) for tr in spec["data"])
    assert "Rp 60.700.000.000" not in hover  # kegiatan level: the kegiatan's pagu, not an RO's
    texts = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "Dibayar, belum terwujud" in texts and "Terwujud, belum dibayar" in texts

    at.radio(key="capaian_tingkat").set_value("ro").run()
    assert not at.exception
    shown = at.dataframe[0].value
    frame = view.output_achievement(db.engine(shared_warehouse), reports.Period(TAHUN, 6))["ro"]
    assert len(shown) == len(expected_ro(data, 6)) == len(frame)
    back = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "capaian_ro")), dtype={"kdsatker": str})
    assert back["pagu"].tolist() == frame["pagu"].tolist()
    assert [s.startswith(k) for s, k in zip(shown["Uraian"], back["kdsatker"])] == [True] * len(frame)
    points = [len(tr["x"]) for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"] if "x" in tr]
    assert sum(points) == want["reported"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Rp 60.700.000.000" in " ".join(str(tr.get("customdata")) for tr in spec["data"])



def test_page_follows_the_sidebar_filters(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    want = expected_total(data, 6)
    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 3)], tahun=str(TAHUN), sampai="6")
    assert not at.exception
    want3 = expected_total(data, 3)
    assert _metric(at, "Capaian output (rata-rata geometrik)") == _pct(want3["capaian"]) != _pct(want["capaian"])
    assert _metric(at, "Progres fisik (%)") == _pct(want3["fisik"])
    assert "s.d. Maret" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]

    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 3),
                                                       ("multiselect", "f_jenis_belanja", ["52"])],
               tahun=str(TAHUN), sampai="6")
    assert not at.exception
    want52 = expected_total(data, 3, jenis={"52"})
    assert _metric(at, "Realisasi keuangan (%)") == _pct(want52["keuangan"])


def test_page_says_no_data_for_an_empty_selection(warehouse, tmp_path, monkeypatch):
    """A unit with a satker but no budget at all: the page says so, without an error."""
    unit = builders.load_unit_without_budget(warehouse, tmp_path / "berkas")
    at = _page(monkeypatch, warehouse, unit=unit)
    assert not at.exception
    assert at.info[0].value == "Tidak ada data untuk pilihan ini."
    assert not at.get("plotly_chart")
