"""Rencana vs realisasi (Halaman III DIPA): the deviation rule, the plan in force, the view
checked against figures computed here from builders.base_dataset(), the reconciliation with the
budget summary, and the page itself (AppTest)."""
from __future__ import annotations

import io
import json
import math
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain import rpd
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.ui import charts_rpd, download, tables
from monev.views import rpd as view
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import column_config, drawn, open_page

TAHUN = builders.THANG


# ---------------------------------------------------------------- domain rules

def test_deviation_percent_follows_the_ikpa_rule():
    plan = pd.Series([100, 100, 100, 0, 0, 0, 200])
    real = pd.Series([103, 250, -10, 5, -5, 0, 190])
    got = rpd.deviation_percent(plan, real).tolist()
    assert got[:3] == [3.0, 100.0, 100.0]  # capped at 100
    assert got[3:5] == [100.0, 100.0]  # nothing planned, something realized (or corrected)
    assert math.isnan(got[5])  # nothing planned, nothing realized: not assessed
    assert got[6] == pytest.approx(5.0)


def test_month_deviation_is_pagu_weighted_over_the_jenis_belanja_assessed():
    per_jenis = pd.DataFrame({"jenis_belanja": ["51", "52", "53"], "bulan": [1, 1, 1],
                              "deviasi_persen": [0.0, 40.0, float("nan")]})
    # pagu 51 = 100, 52 = 300 -> (0 x 100 + 40 x 300) / 400; 53 not assessed
    assert rpd.month_deviation(per_jenis, {"51": 100, "52": 300, "53": 10_000})[1] == pytest.approx(30.0)
    assert rpd.month_deviation(per_jenis, {})[1] == pytest.approx(20.0)  # no pagu: plain mean
    assert math.isnan(rpd.month_deviation(per_jenis, {})[2])


def test_monthly_and_totals_cumulate_and_stop_realization_at_the_month():
    rows = pd.DataFrame({"jenis_belanja": ["51", "51", "52"], "bulan": [1, 2, 2],
                         "rpd": [100, 100, 0], "realisasi": [104, 90, 20]})
    per_jenis = rpd.monthly(rows, bulan=2)
    assert len(per_jenis) == 24
    j51 = per_jenis[per_jenis["jenis_belanja"] == "51"].set_index("bulan")
    assert j51.loc[2, "rpd_kumulatif"] == 200 and j51.loc[2, "realisasi_kumulatif"] == 194
    assert j51.loc[1, "dalam_toleransi"] and not j51.loc[2, "dalam_toleransi"]  # 4% in, 10% out
    assert pd.isna(j51.loc[3, "realisasi"]) and pd.isna(j51.loc[3, "deviasi_persen"])
    assert j51.loc[12, "rpd_kumulatif"] == 200
    totals = rpd.totals(per_jenis, {"51": 300, "52": 100}, bulan=2).set_index("bulan")
    assert totals.loc[2, "rpd"] == 100 and totals.loc[2, "realisasi"] == 110
    assert totals.loc[2, "deviasi_persen"] == pytest.approx((10 * 300 + 100 * 100) / 400)
    assert totals.loc[1, "batas_bawah"] == 95 and totals.loc[1, "batas_atas"] == 105
    assert totals["rpd"].dtype == "int64"
    score = rpd.indicator(totals.reset_index())
    assert score == {"deviasi_rata": pytest.approx((4.0 + 32.5) / 2), "bulan_dinilai": 2,
                     "bulan_dalam_toleransi": 1}


# ---------------------------------------------------------------- against the base data set

def expected_grid(data: builders.Dataset, bulan: int, jenis=None, units=()) -> dict[tuple, dict]:
    """(jenis_belanja, month) -> rpd in force at the month end and realization, from the rows."""
    at = builders.month_end(TAHUN, bulan)
    unit_of = {s["kdsatker"]: s["kdunit"] for s in data.rows["satker"]}

    def keep(satker, jb):
        return (jenis is None or jb in jenis) and (not units or unit_of[satker] in units)

    plan: dict[tuple, tuple] = {}
    for row in data.rows["rpd"]:
        if date.fromisoformat(row["tgl_update"]) <= at and keep(row["kdsatker"], row["jenis_belanja"]):
            key = (row["kdsatker"], row["jenis_belanja"], row["bulan"])
            if key not in plan or row["tgl_update"] > plan[key][0]:
                plan[key] = (row["tgl_update"], row["rpd"])
    grid: dict[tuple, dict] = {}
    for (_, jb, month), (_, amount) in plan.items():
        grid.setdefault((jb, month), {"rpd": 0, "realisasi": 0})["rpd"] += amount
    for line, month, amount in builders.realization_entries(data):
        jb = line["kdakun"][:2]
        if month <= bulan and keep(line["kdsatker"], jb):
            grid.setdefault((jb, month), {"rpd": 0, "realisasi": 0})["realisasi"] += amount
    return grid


def expected_deviation(cell: dict) -> float | None:
    if cell["rpd"] == 0:
        return 100.0 if cell["realisasi"] != 0 else None
    return min(100.0, abs(cell["rpd"] - cell["realisasi"]) / cell["rpd"] * 100)


def expected_month_deviation(data, bulan, jenis=None) -> dict[int, float]:
    grid = expected_grid(data, bulan, jenis)
    pagu = {k[0]: v["pagu"] for k, v in builders.expected_summary(data, TAHUN, bulan, jenis=jenis)[
        "per_jenis_belanja"].items()}
    result = {}
    for month in range(1, bulan + 1):
        cells = [(jb, expected_deviation(c)) for (jb, m), c in grid.items() if m == month]
        cells = [(jb, d) for jb, d in cells if d is not None]
        weight = sum(pagu.get(jb, 0) for jb, _ in cells)
        if cells:
            result[month] = sum(pagu.get(jb, 0) * d for jb, d in cells) / weight
    return result


@pytest.mark.parametrize("bulan", [1, 6, 12])
def test_view_matches_the_rows(engine, bulan):
    data = builders.base_dataset()
    figures = view.plan_vs_realization(engine, Period(TAHUN, bulan), scope=EVERYTHING)
    table = figures["tabel"]
    grid = expected_grid(data, bulan)
    jenis = sorted({jb for jb, _ in grid})
    assert len(table) == bulan * len(jenis)
    for row in table.itertuples():
        cell = grid.get((row.jenis_belanja, row.bulan), {"rpd": 0, "realisasi": 0})
        assert (row.rpd, row.realisasi, row.selisih) == (cell["rpd"], cell["realisasi"],
                                                         cell["realisasi"] - cell["rpd"])
        want = expected_deviation(cell)
        assert (pd.isna(row.deviasi_persen) if want is None else row.deviasi_persen == pytest.approx(want))
        if want is not None:
            assert bool(row.dalam_toleransi) == (want <= 5)
    months = figures["per_bulan"].set_index("bulan")
    for month, value in expected_month_deviation(data, bulan).items():
        assert months.loc[month, "deviasi_persen"] == pytest.approx(value)
    plan_year = sum(c["rpd"] for c in grid.values())
    assert months.loc[12, "rpd_kumulatif"] == plan_year


@pytest.mark.parametrize("filters", [Filters(), Filters(jenis_belanja=("57",)), Filters(units=("01",)),
                                     Filters(jenis_belanja=("51", "52"), lokasi=("32",))])
def test_realization_reconciles_with_the_budget_summary(engine, filters):
    for bulan in (3, 9):
        period = Period(TAHUN, bulan)
        summary = reports.budget_summary(engine, period, filters=filters, scope=EVERYTHING)["total"].iloc[0]
        figures = view.plan_vs_realization(engine, period, filters=filters, scope=EVERYTHING)
        assert int(figures["tabel"]["realisasi"].sum()) == int(summary["realisasi"])
        now = figures["per_bulan"].set_index("bulan").loc[bulan]
        assert int(now["realisasi_kumulatif"]) == int(summary["realisasi"])


def test_the_plan_in_force_is_the_latest_update_up_to_the_month(warehouse, tmp_path):
    update = [dict(thang=TAHUN, kdsatker=builders.S1, jenis_belanja="51", bulan=m, rpd=150_000_000,
                   tgl_update="2024-04-05") for m in range(4, 13)]
    path = builders.write_kind(tmp_path / "berkas", "rpd", update)
    assert [r.status for r in ingest_files(warehouse, [path], loaded_by="penguji")] == ["dimuat"]
    engine = db.engine(warehouse)
    filters = Filters(jenis_belanja=("51",))
    march = view.plan_vs_realization(engine, Period(TAHUN, 3), filters=filters, scope=EVERYTHING)["per_bulan"]
    june = view.plan_vs_realization(engine, Period(TAHUN, 6), filters=filters, scope=EVERYTHING)["per_bulan"]
    assert march.set_index("bulan").loc[12, "rpd_kumulatif"] == 12 * 100_000_000
    assert june.set_index("bulan").loc[12, "rpd_kumulatif"] == 3 * 100_000_000 + 9 * 150_000_000
    # April: realized 100 M against a plan of 150 M -> 33,33%
    assert june.set_index("bulan").loc[4, "deviasi_persen"] == pytest.approx(100 * 50 / 150)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_display_table_keeps_rupiah_and_deviation_as_numbers_in_the_readers_format(lang):
    """A header click sorts a number column by the numbers: rupiah and the deviation stay numbers,
    shown in the reader's format (tables.formatted); month, jenis belanja and yes/no stay text."""
    table = pd.DataFrame({"bulan": [1, 2, 3], "jenis_belanja": ["51", "57", "52"], "rpd": [100, 0, 10_000],
                          "realisasi": pd.array([104, 5, 9_000], dtype="Int64"),
                          "selisih": pd.array([4, 5, -1_000], dtype="Int64"),
                          "deviasi_persen": [4.0, 100.0, math.nan],
                          "dalam_toleransi": pd.array([True, False, pd.NA], dtype="boolean")}, index=[7, 8, 9])
    shown, config = charts_rpd.display_table(table, lang)
    numbers, texts = drawn(shown)
    names = ("rpd_bulan", "jenis_belanja", "rpd_rencana", "realisasi", "rpd_selisih", "rpd_deviasi",
             "rpd_dalam_toleransi")
    label = {k: text(k, lang) for k in names}
    assert list(numbers.columns) == [label[k] for k in names]
    for key, column in (("rpd_rencana", "rpd"), ("realisasi", "realisasi"), ("rpd_selisih", "selisih")):
        assert numbers[label[key]].tolist() == table[column].tolist() and numbers[label[key]].dtype.kind == "i"
        assert config[label[key]]["type_config"]["format"] == tables.MONEY_FORMATS[lang]  # 1.234.567 / 1,234,567
    deviation = label["rpd_deviasi"]
    assert numbers[deviation].dtype.kind == "f" and numbers[deviation].tolist()[:2] == [4.0, 100.0]
    assert texts[deviation].tolist() == (["4,00%", "100,00%", "–"] if lang == "id" else ["4.00%", "100.00%", "–"])
    if lang == "id":
        assert numbers.iloc[0, [0, 1, 6]].tolist() == ["Januari", "51 Belanja pegawai", "Ya"]
        assert numbers[label["rpd_dalam_toleransi"]].tolist()[1:] == ["Tidak", "–"]
    else:
        assert numbers.iloc[0, [0, 6]].tolist() == ["January", "Yes"]


# ---------------------------------------------------------------- the page

def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, "pages/rpd.py", sidebar, **url)


def _metric(at, label):
    return next(m for m in at.metric if m.label == label)


def _pct(value) -> str:
    return f"{value:.2f}".replace(".", ",") + "%"


def _expected_headline(data, bulan, jenis=None):
    grid = expected_grid(data, bulan, jenis)
    plan = sum(c["rpd"] for (jb, m), c in grid.items() if m <= bulan)
    real = sum(c["realisasi"] for c in grid.values())
    months = expected_month_deviation(data, bulan, jenis)
    return plan, real, sum(months.values()) / len(months), sum(v <= 5 for v in months.values()), len(months)


def test_page_shows_plan_realization_and_deviation(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    assert not at.exception
    plan, real, mean_dev, within, assessed = _expected_headline(data, 6)
    assert _metric(at, "RPD kumulatif").help == fmt.rupiah(plan)
    assert _metric(at, "Realisasi kumulatif").help == fmt.rupiah(real)
    assert real == builders.expected_summary(data, TAHUN, 6)["total"]["realisasi"]
    assert _metric(at, "Rata-rata deviasi s.d. bulan ini").value == _pct(mean_dev)
    assert _metric(at, "Bulan dalam toleransi").value == f"{within} / {assessed}"

    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert [s["layout"]["title"]["text"] for s in specs] == [
        "RPD dan realisasi per bulan dengan pita toleransi ±5%, TA 2024 s.d. Juni",
        "RPD dan realisasi kumulatif, TA 2024 s.d. Juni",
        "Deviasi Halaman III DIPA per bulan, TA 2024 s.d. Juni"]
    assert any(tr.get("fill") == "tonexty" for tr in specs[0]["data"])  # the ±5% band
    assert any(sh.get("y0") == 5 for sh in specs[2]["layout"]["shapes"])  # the 5% line
    bars = next(tr for tr in specs[0]["data"] if tr["type"] == "bar")
    assert len(bars["x"]) == 6 and bars["customdata"][0][0] == fmt.rupiah(expected_grid(data, 6)[("52", 1)]["realisasi"]
                                                                           + expected_grid(data, 6)[("51",
                                                                                                     1)]["realisasi"])

    shown = at.dataframe[0].value
    table = view.plan_vs_realization(db.engine(shared_warehouse), Period(TAHUN, 6), scope=EVERYTHING)["tabel"]
    assert len(shown) == len(table) == 6 * 3
    back = pd.read_excel(io.BytesIO(download.excel_bytes(table, "rpd_per_jenis_belanja", sample=False)),
                         dtype={"jenis_belanja": str})
    assert back["realisasi"].tolist() == table["realisasi"].astype(int).tolist()
    assert back["rpd"].sum() == sum(c["rpd"] for (jb, m), c in expected_grid(data, 6).items() if m <= 6)
    assert shown.iloc[0, 2] == back["rpd"].iloc[0]  # a number, drawn by the browser as 1.234.567
    numbers, texts = drawn(at.dataframe[0])
    config = column_config(at.dataframe[0])
    assert [config[c]["type_config"]["format"] for c in ("RPD (rencana)", "Realisasi", "Selisih realisasi − RPD")] \
        == [tables.MONEY_FORMATS["id"]] * 3
    assert numbers["Realisasi"].tolist() == table["realisasi"].tolist()
    assert texts["Deviasi (%)"].tolist() == [fmt.percent(v) for v in table["deviasi_persen"]]


def test_page_follows_the_sidebar_filters(shared_warehouse, monkeypatch):
    data = builders.base_dataset()
    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 3)], tahun=str(TAHUN), sampai="6")
    assert not at.exception
    plan, real, mean_dev, *_ = _expected_headline(data, 3)
    assert _metric(at, "Realisasi kumulatif").help == fmt.rupiah(real)
    assert _metric(at, "Rata-rata deviasi s.d. bulan ini").value == _pct(mean_dev)
    assert len(at.dataframe[0].value) == 3 * 3

    at = _page(monkeypatch, shared_warehouse, sidebar=[("multiselect", "f_jenis_belanja", ["51"])],
               tahun=str(TAHUN), sampai="6")
    assert not at.exception
    plan, real, mean_dev, within, assessed = _expected_headline(data, 6, jenis={"51"})
    assert _metric(at, "Realisasi kumulatif").help == fmt.rupiah(real)
    assert _metric(at, "Bulan dalam toleransi").value == f"{within} / {assessed}" == "6 / 6"


def test_page_says_no_data_for_an_empty_selection(warehouse, tmp_path, monkeypatch):
    """A unit with a satker but no budget at all: the page says so, without an error."""
    unit = builders.load_unit_without_budget(warehouse, tmp_path / "berkas")
    at = _page(monkeypatch, warehouse, unit=unit)
    assert not at.exception
    assert at.info[0].value == "Tidak ada data untuk pilihan ini."
    assert not at.get("plotly_chart")
