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

from monev import reports
from monev.domain import capaian
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.i18n.texts import text
from monev.ui import charts_capaian, download, tables
from monev.views import capaian as view
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import column_config, drawn, open_page

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


def test_ro_level_caps_the_ratio_and_leaves_out_missing_targets():
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 12, 10, 100.0, 100, 100),  # over-delivered: counts as 100%
        _ro("01", "P1", "1001", "002", 81, 100, 80.0, 100, 50),
        _ro("01", "P1", "1001", "003", 5, 0, 10.0, 100, 0),  # no target: no ratio
        _ro("01", "P1", "1001", "004", 0, 10, 0.0, 0, 0),
    ])
    by_ro = capaian.per_ro(ro)
    assert by_ro["capaian_persen"].tolist()[:2] == [100.0, 81.0] and by_ro["capaian_persen"].iloc[3] == 0.0
    assert math.isnan(by_ro["capaian_persen"].iloc[2])
    assert by_ro["jumlah_ro_nol"].tolist() == [0, 0, 0, 1] and by_ro["jumlah_ro"].tolist() == [1, 1, 1, 1]
    assert by_ro["persen_keuangan"].tolist()[:3] == [100.0, 50.0, 0.0] and math.isnan(by_ro["persen_keuangan"].iloc[3])
    assert by_ro["progres_fisik"].tolist() == [100.0, 80.0, 10.0, 0.0]
    assert capaian.geometric_mean([1.2, 0.81], cap=None) == pytest.approx(math.sqrt(1.2 * 0.81))
    assert capaian.geometric_mean([1.2, 0.81]) == pytest.approx(0.9)  # capped: sqrt(1 x 0.81)


def test_geometric_mean_from_sums_follows_the_same_rules():
    ratios = pd.DataFrame({"g": ["a", "a", "b", "b", "c", "d"], "rasio": [0.5, 0.8, 0.0, 0.9, None, 1.5]})
    by_group = capaian.geometric_by(ratios, ["g"], "rasio").set_index("g")["rasio"]
    from_sums = capaian.geometric_from_sums(pd.Series([math.log(0.5) + math.log(0.8), math.log(0.9), None, 0.0]),
                                            pd.Series([2, 2, 0, 1]), pd.Series([False, True, False, False]))
    assert from_sums[0] == pytest.approx(math.sqrt(0.4)) == by_group["a"]
    assert from_sums[1] == 0.0 == by_group["b"]  # a zero ratio makes the mean zero
    assert math.isnan(from_sums[2]) and math.isnan(by_group["c"])  # no ratio at all
    assert from_sums[3] == 1.0 == by_group["d"]  # 1.5 capped at 1: ln 1 = 0


def test_position_against_the_diagonal():
    fisik = pd.Series([80.0, 20.0, 50.0, None])
    keuangan = pd.Series([20.0, 80.0, 45.0, 10.0])
    assert capaian.position(fisik, keuangan).tolist() == [
        "terwujud_belum_dibayar", "dibayar_belum_terwujud", "sejalan", pd.NA]


def test_quadrant_chart_plots_each_row_with_exact_rupiah_and_the_diagonal():
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 9, 10, 90.0, 1_234_567, 300_000),  # delivered, hardly paid
        _ro("01", "P1", "1001", "002", 2, 10, 20.0, 1_000_000, 900_000, satker="000002"),  # paid, not delivered
    ])
    frame = capaian.per_ro(ro)
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
    numbers, _ = drawn(charts_capaian.display_table(frame, "ro")[0])
    assert numbers["Volume (realisasi / target)"].tolist() == ["9 / 10 Unit", "2 / 10 Unit"]
    assert numbers["Pagu"].tolist() == [1_234_567, 1_000_000]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_display_table_keeps_rupiah_and_percentages_as_numbers_in_the_readers_format(lang):
    """A header click sorts a number column by the numbers: rupiah, percentages and the
    physical-minus-financial gap stay numbers, shown in the reader's format (tables.formatted);
    names, volumes, RO counts and the position stay text."""
    ro = pd.DataFrame([
        _ro("01", "P1", "1001", "001", 9, 10, 90.0, 1_234_567, 300_000),
        _ro("01", "P1", "1001", "002", 2.5, 10, 20.0, 10_000_000, 9_000_000, satker="000002"),
        _ro("01", "P1", "1001", "003", 5, 0, None, 9_000, 0, satker="000003"),
    ])
    frame = capaian.per_ro(ro)
    table, config = charts_capaian.display_table(frame, "ro", lang)
    numbers, texts = drawn(table)
    label = {k: text(k, lang) for k in ("pagu", "realisasi", "capaian_keuangan", "capaian_fisik", "capaian_output",
                                        "capaian_selisih", "capaian_volume", "capaian_ro_dilaporkan", "capaian_posisi")}
    for key, column in (("pagu", "pagu"), ("realisasi", "realisasi")):
        assert numbers[label[key]].tolist() == frame[column].tolist()
        assert numbers[label[key]].dtype.kind == "i"
        assert config[label[key]]["type_config"]["format"] == tables.MONEY_FORMATS[lang]  # 1.234.567 / 1,234,567
    for key, column in (("capaian_keuangan", "persen_keuangan"), ("capaian_fisik", "progres_fisik"),
                        ("capaian_output", "capaian_persen")):
        assert numbers[label[key]].dtype.kind == "f"
        pd.testing.assert_series_equal(numbers[label[key]], frame[column], check_names=False)
        assert texts[label[key]].tolist() == [fmt.percent(v, lang) for v in frame[column]]
    gap = frame["selisih_fisik_keuangan"]
    assert numbers[label["capaian_selisih"]].dtype.kind == "f"
    assert texts[label["capaian_selisih"]].tolist() == [
        "–" if pd.isna(v) else fmt.format_decimal(v, lang, "#,##0.00") for v in gap]
    if lang == "id":
        assert texts[label["capaian_keuangan"]].tolist()[:2] == ["24,30%", "90,00%"]
        assert texts[label["capaian_selisih"]].tolist() == ["65,70", "-70,00", "–"]
    else:
        assert texts[label["capaian_keuangan"]].tolist()[:2] == ["24.30%", "90.00%"]
    for key in ("capaian_volume", "capaian_ro_dilaporkan", "capaian_posisi"):
        assert numbers[label[key]].map(type).eq(str).all(), key
    assert numbers[label["capaian_volume"]].tolist()[1] == ("2,5 / 10 Unit" if lang == "id" else "2.5 / 10 Unit")


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
    return {"capaian": 100 * geo(units) if units else None,
            "fisik": fisik_weighted / fisik_weight if reported else None,
            "keuangan": 100 * realisasi / pagu, "pagu": pagu, "realisasi": realisasi,
            "ro": len(ros), "reported": reported}


def geometric(values: list[float]) -> float | None:
    """PMK 22/2021 written out: the n-th root of the product (0 if a ratio is 0), None without ratios."""
    return math.prod(values) ** (1 / len(values)) if values else None


def expected_levels(data: builders.Dataset, bulan: int) -> dict[str, dict[tuple, dict]]:
    """Per kegiatan (kdprogram, kdgiat), program (kdprogram,) and unit (kdunit,): pagu,
    realisasi, RO counts, physical progress and achievement, from expected_ro."""
    unit_of = {s["kdsatker"]: s["kdunit"] for s in data.rows["satker"]}
    program_of = {k["kdgiat"]: k["kdprogram"] for k in data.rows["kegiatan"]}
    keys = {"kegiatan": lambda u, p, g: (p, g), "program": lambda u, p, g: (p,), "unit": lambda u, p, g: (u,),
            "unit_program": lambda u, p, g: (u, p)}
    found: dict[str, dict[tuple, dict]] = {level: {} for level in keys}
    for (satker, giat, _, _), values in expected_ro(data, bulan).items():
        unit, program = unit_of[satker], program_of[giat]
        report = values["report"]
        ratio = None
        if report is not None and float(report["target_vol"]) > 0:
            ratio = min(1.0, float(report["real_vol"]) / float(report["target_vol"]))
        for level, key in keys.items():
            cell = found[level].setdefault(key(unit, program, giat), dict(
                pagu=0, realisasi=0, jumlah_ro=0, jumlah_ro_dilaporkan=0, ratios=[], fisik=[]))
            cell["pagu"] += values["pagu"]
            cell["realisasi"] += values["realisasi"]
            cell["jumlah_ro"] += 1
            if report is not None:
                cell["jumlah_ro_dilaporkan"] += 1
                cell["fisik"].append((float(report["progres_fisik"]), values["pagu"]))
            if ratio is not None:
                cell["ratios"].append(ratio)
    for cells in found.values():
        for cell in cells.values():
            weight = sum(p for _, p in cell["fisik"])
            cell["progres_fisik"] = (sum(f * p for f, p in cell["fisik"]) / weight if weight
                                     else sum(f for f, _ in cell["fisik"]) / len(cell["fisik"]) if cell["fisik"]
                                     else None)
            cell["capaian"] = geometric(cell["ratios"])
    for (unit,), cell in found["unit"].items():  # a unit's: the geometric mean of its programs'
        programs = [c["capaian"] for (u, _), c in found["unit_program"].items() if u == unit]
        cell["capaian"] = geometric([v for v in programs if v is not None])
    del found["unit_program"]
    return found


def assert_level(frame: pd.DataFrame, want: dict[tuple, dict], keys: list[str]) -> None:
    assert [tuple(k) for k in frame[keys].to_numpy().tolist()] == sorted(want)
    for row in frame.to_dict("records"):
        w = want[tuple(row[k] for k in keys)]
        for column in ("pagu", "realisasi", "jumlah_ro", "jumlah_ro_dilaporkan"):
            assert row[column] == w[column], (keys, row, column)
        for column, value in (("progres_fisik", w["progres_fisik"]),
                              ("capaian_persen", None if w["capaian"] is None else 100 * w["capaian"])):
            assert pd.isna(row[column]) if value is None else row[column] == pytest.approx(value)
        assert row["persen_keuangan"] == pytest.approx(100 * w["realisasi"] / w["pagu"])


@pytest.mark.parametrize("bulan", [3, 6, 12])
def test_view_matches_the_rows(engine, bulan):
    data = builders.base_dataset()
    figures = view.output_achievement(engine, Period(TAHUN, bulan), scope=EVERYTHING)
    ro = view.ro_achievement(engine, Period(TAHUN, bulan), scope=EVERYTHING).set_index(
        ["kdsatker", "kdgiat", "kdoutput", "kdsoutput"])
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
    assert (total["jumlah_ro"], total["pagu"], total["realisasi"]) == (want["ro"], want["pagu"], want["realisasi"])
    levels = expected_levels(data, bulan)
    for level in ("kegiatan", "program", "unit"):
        assert_level(figures[level], levels[level], capaian.LEVELS[level])
    names = {k["kdgiat"]: k["nmgiat"] for k in data.rows["kegiatan"]}
    assert figures["kegiatan"]["nmgiat"].tolist() == [names[g] for g in figures["kegiatan"]["kdgiat"]]
    units = {u["kdunit"]: u["nmunit"] for u in data.rows["unit"]}
    assert figures["unit"]["nmunit"].tolist() == [units[u] for u in figures["unit"]["kdunit"]]


@pytest.mark.parametrize("filters", [Filters(), Filters(jenis_belanja=("57",)), Filters(units=("05",)),
                                     Filters(jenis_belanja=("51", "53"), lokasi=("31",))])
def test_every_level_reconciles_with_the_budget_summary(engine, filters):
    period = Period(TAHUN, 6)
    summary = reports.budget_summary(engine, period, filters=filters, scope=EVERYTHING)["total"].iloc[0]
    figures = {**view.output_achievement(engine, period, filters=filters, scope=EVERYTHING),
               "ro": view.ro_achievement(engine, period, filters=filters, scope=EVERYTHING)}
    for level in view.LEVELS + ["total"]:
        assert int(figures[level]["pagu"].sum()) == int(summary["pagu"]), level
        assert int(figures[level]["realisasi"].sum()) == int(summary["realisasi"]), level
        assert figures[level]["pagu"].dtype == "int64"


@pytest.mark.parametrize("filters", [Filters(), Filters(jenis_belanja=("57",)), Filters(units=("05",)),
                                     Filters(jenis_belanja=("52",), lokasi=("31",))])
@pytest.mark.parametrize("bulan", [3, 12])
def test_levels_add_up_from_the_ro_level(engine, filters, bulan):
    """capaian_tingkat.sql repeats the RO of capaian_ro.sql: every level holds the same RO."""
    period = Period(TAHUN, bulan)
    figures = view.output_achievement(engine, period, filters=filters, scope=EVERYTHING)
    ro = view.ro_achievement(engine, period, filters=filters, scope=EVERYTHING)
    columns = ["jumlah_ro", "jumlah_ro_dilaporkan", "jumlah_ro_nol", "pagu", "realisasi"]
    for level in ("kegiatan", "program", "unit"):
        keys = capaian.LEVELS[level]
        want = ro.groupby(keys, as_index=False)[columns].sum()
        assert figures[level][keys + columns].to_dict("records") == want.to_dict("records"), level
    total = figures["total"].iloc[0]
    assert [int(total[c]) for c in ("jumlah_ro", "jumlah_ro_dilaporkan", "pagu", "realisasi")] == [
        int(ro[c].sum()) for c in ("jumlah_ro", "jumlah_ro_dilaporkan", "pagu", "realisasi")]


# ---------------------------------------------------------------- the regulation through the warehouse

JT = 1_000_000
SA, SB, SC = "010001", "020001", "030001"  # units 01, 02, 03


def _line(satker, program, giat, ro, akun):
    return dict(thang=TAHUN, kdsatker=satker, kdprogram=program, kdgiat=giat, kdoutput="QDB", kdsoutput=ro,
                kdakun=akun, kdppk="01")


def _report(satker, giat, ro, target, real, fisik):
    return dict(thang=TAHUN, bulan=6, kdsatker=satker, kdgiat=giat, kdoutput="QDB", kdsoutput=ro,
                target_vol=target, real_vol=real, progres_fisik=fisik)


def regulation_dataset() -> builders.Dataset:
    """Unit 01 is PMK 22/2021's worked example: program WA has outputs 1a = sqrt(5/5 x 9/10) and
    1b = cbrt(2/3 x 4/6 x 5/5) (as RO volumes to four decimals), program DL one output at 100%.
    Unit 02 over-delivers one RO (12/10), reports one without a target and realizes on an RO
    without pagu or report. Unit 03 delivered nothing on one RO and reports one without pagu."""
    y = TAHUN
    lines = {"1a": _line(SA, "WA", "1001", "001", "521211"), "1b": _line(SA, "WA", "1002", "001", "521211"),
             "a2": _line(SA, "DL", "2001", "001", "573111"), "b1": _line(SB, "DL", "2001", "002", "573111"),
             "b2": _line(SB, "DL", "2001", "003", "521211"), "b3": _line(SB, "DL", "2001", "001", "573111"),
             "c1": _line(SC, "ZZ", "3001", "001", "521211")}
    pagu = {"1a": 100, "1b": 300, "a2": 600, "b1": 1000, "b2": 500, "c1": 200}
    realized = {"1a": (2, 10), "1b": (4, 90), "a2": (3, 600), "b1": (5, 250), "b3": (1, 40), "c1": (6, 20)}
    wide = []
    for name, (month, amount) in realized.items():
        months = [0] * 12
        months[month - 1] = amount * JT
        wide.append({**lines[name], **{f"real{m}": months[m - 1] for m in range(1, 13)}})
    return builders.Dataset({
        "lokasi": [dict(thang=y, kdlokasi="31", nmlokasi="DKI Jakarta")],
        "unit": [dict(thang=y, kdunit=u, nmunit=f"Unit {u}") for u in ("01", "02", "03")],
        "satker": [dict(thang=y, kdsatker=s, nmsatker=f"Satker {s}", kdunit=s[:2], kewenangan="KP", kdlokasi="31")
                   for s in (SA, SB, SC)],
        "program": [dict(thang=y, kdprogram=p, nmprogram=f"Program {p}") for p in ("WA", "DL", "ZZ")],
        "kegiatan": [dict(thang=y, kdgiat=g, nmgiat=f"Kegiatan {g}", kdprogram=p)
                     for g, p in (("1001", "WA"), ("1002", "WA"), ("2001", "DL"), ("3001", "ZZ"), ("3002", "ZZ"))],
        "ro": [dict(thang=y, kdgiat=g, kdoutput="QDB", kdsoutput=r, nmro=f"RO {g}.{r}", satuan="Unit")
               for g, r in (("1001", "001"), ("1002", "001"), ("2001", "001"), ("2001", "002"), ("2001", "003"),
                            ("3001", "001"), ("3002", "001"))],
        "akun": [dict(kdakun="521211", nmakun="Belanja bahan"), dict(kdakun="573111", nmakun="Belanja bansos")],
        "pejabat": [dict(thang=y, kdsatker=s, peran="PPK", kdppk="01", nama=f"PPK {s}", nip="") for s in (SA, SB, SC)],
        "pagu": [{**lines[n], "pagu": amount * JT, "blokir": 0, "revisi_ke": 0, "tgl_revisi": "2024-01-02"}
                 for n, amount in pagu.items()],
        "realisasi_bulanan": wide,
        "capaian": [_report(SA, "1001", "001", "10000", "9486.8330", "40"),
                    _report(SA, "1002", "001", "10000", "7631.4284", "80"),
                    _report(SA, "2001", "001", "7", "7", "100"),
                    _report(SB, "2001", "002", "10", "12", "90"),
                    _report(SB, "2001", "003", "0", "5", "10"),
                    _report(SC, "3001", "001", "10", "0", "0"),
                    _report(SC, "3002", "001", "100", "81", "50")],
    })


@pytest.fixture(scope="module")
def regulation(tmp_path_factory):
    base = tmp_path_factory.mktemp("pmk")
    builders.load_dataset(base / "pmk.duckdb", base / "berkas", regulation_dataset())
    yield db.engine(base / "pmk.duckdb")
    db.dispose(base / "pmk.duckdb")


def _by(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.set_index(key)


def test_the_regulation_example_rolls_up_from_ro_to_unit_and_total(regulation):
    period = Period(TAHUN, 6)
    figures = view.output_achievement(regulation, period, scope=EVERYTHING)
    kegiatan, program, unit = (_by(figures[level], key) for level, key in
                               (("kegiatan", "kdgiat"), ("program", "kdprogram"), ("unit", "kdunit")))
    assert [round(v, 2) for v in kegiatan.loc[["1001", "1002"], "capaian_persen"]] == [94.87, 76.31]
    assert round(program.loc["WA", "capaian_persen"], 2) == 85.09
    assert round(unit.loc["01", "capaian_persen"], 2) == 92.24  # WA 85.09 and DL (in unit 01) 100
    # capped at 100%: unit 02 has 12/10 and an RO without a target (left out of the mean)
    assert program.loc["DL", "capaian_persen"] == pytest.approx(100.0) == unit.loc["02", "capaian_persen"]
    # a zero ratio makes the mean zero, up to the unit and the whole selection
    assert kegiatan.loc["3001", "capaian_persen"] == 0.0 and kegiatan.loc["3001", "jumlah_ro_nol"] == 1
    assert kegiatan.loc["3002", "capaian_persen"] == pytest.approx(81.0)
    assert program.loc["ZZ", "capaian_persen"] == 0.0 == unit.loc["03", "capaian_persen"]
    total = figures["total"].iloc[0]
    assert total["capaian_persen"] == 0.0
    two_units = view.output_achievement(regulation, period, filters=Filters(units=("01", "02")),
                                        scope=EVERYTHING)["total"].iloc[0]
    unit_01 = math.sqrt(math.sqrt((9486.8330 / 10000) * (7631.4284 / 10000)) * 1.0)
    assert two_units["capaian_persen"] == pytest.approx(100 * math.sqrt(unit_01 * 1.0))
    assert round(two_units["capaian_persen"], 2) == 96.04

    # physical progress: pagu-weighted over the RO with a report; the plain mean where their pagu is 0
    assert program.loc["WA", "progres_fisik"] == pytest.approx((40 * 100 + 80 * 300) / 400)
    assert unit.loc["01", "progres_fisik"] == pytest.approx((40 * 100 + 80 * 300 + 100 * 600) / 1000)
    assert kegiatan.loc["2001", "progres_fisik"] == pytest.approx((100 * 600 + 90 * 1000 + 10 * 500) / 2100)
    assert kegiatan.loc["3002", "progres_fisik"] == 50.0 and pd.isna(kegiatan.loc["3002", "persen_keuangan"])
    # financial: realization / pagu, exact rupiah; RO counted from pagu, realization and reports
    assert (kegiatan.loc["2001", "pagu"], kegiatan.loc["2001", "realisasi"]) == (2100 * JT, 890 * JT)
    assert (kegiatan.loc["2001", "jumlah_ro"], kegiatan.loc["2001", "jumlah_ro_dilaporkan"]) == (4, 3)
    assert unit.loc["01", "persen_keuangan"] == pytest.approx(70.0)
    assert (int(total["pagu"]), int(total["realisasi"]), int(total["jumlah_ro"]), int(total["jumlah_ro_dilaporkan"])) \
        == (2700 * JT, 1010 * JT, 8, 7)
    assert total["progres_fisik"] == pytest.approx(
        (40 * 100 + 80 * 300 + 100 * 600 + 90 * 1000 + 10 * 500 + 0 * 200 + 50 * 0) / 2700)
    assert unit["nmunit"].tolist() == ["Unit 01", "Unit 02", "Unit 03"]
    assert kegiatan.index.tolist() == ["2001", "1001", "1002", "3001", "3002"]  # by program, then kegiatan
    assert kegiatan["nmprogram"].tolist() == ["Program DL", "Program WA", "Program WA", "Program ZZ", "Program ZZ"]

    ro = view.ro_achievement(regulation, period, scope=EVERYTHING)
    assert len(ro) == 8 and ro["capaian_persen"].isna().sum() == 2  # no target; no report
    for level in ("kegiatan", "program", "unit"):
        assert figures[level]["jumlah_ro"].sum() == 8


def test_a_jenis_belanja_keeps_only_ro_with_such_lines(regulation):
    figures = view.output_achievement(regulation, Period(TAHUN, 6), filters=Filters(jenis_belanja=("57",)),
                                      scope=EVERYTHING)
    assert figures["kegiatan"]["kdgiat"].tolist() == ["2001"]
    row = figures["kegiatan"].iloc[0]
    assert (row["pagu"], row["realisasi"], row["jumlah_ro"], row["jumlah_ro_dilaporkan"]) == (1600 * JT, 890 * JT, 3, 2)
    assert figures["unit"]["kdunit"].tolist() == ["01", "02"]


def test_an_empty_selection_has_a_total_of_nothing(regulation):
    figures = view.output_achievement(regulation, Period(TAHUN, 6), filters=Filters(units=("09",)), scope=EVERYTHING)
    assert all(figures[level].empty for level in ("kegiatan", "program", "unit"))
    total = figures["total"].iloc[0]
    assert (total["jumlah_ro"], total["pagu"], total["realisasi"]) == (0, 0, 0)
    assert math.isnan(total["capaian_persen"]) and math.isnan(total["progres_fisik"])


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
    frame = view.ro_achievement(db.engine(shared_warehouse), Period(TAHUN, 6), scope=EVERYTHING)
    assert len(shown) == len(expected_ro(data, 6)) == len(frame)
    back = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "capaian_ro")), dtype={"kdsatker": str})
    assert back["pagu"].tolist() == frame["pagu"].tolist()
    assert [s.startswith(k) for s, k in zip(shown["Uraian"], back["kdsatker"])] == [True] * len(frame)
    # drawn as numbers (a header click sorts them as numbers) in Indonesian display
    numbers, texts = drawn(at.dataframe[0])
    assert numbers["Pagu"].tolist() == frame["pagu"].tolist() and numbers["Pagu"].dtype.kind == "i"
    assert column_config(at.dataframe[0])["Pagu"]["type_config"]["format"] == tables.MONEY_FORMATS["id"]
    assert numbers["Realisasi keuangan (%)"].dtype.kind == "f"
    assert texts["Realisasi keuangan (%)"].tolist() == [fmt.percent(v) for v in frame["persen_keuangan"]]
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
