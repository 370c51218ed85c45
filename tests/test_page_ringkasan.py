"""The overview page (Ringkasan): its figures against values computed here from the test's own
rows (tests/builders.py), the chart builders and the reports functions behind it."""
from __future__ import annotations

import io
import json
import math
import shutil
from fractions import Fraction

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain import status, targets
from monev.domain.period import Period
from monev.domain.targets import DEFAULT_TARGETS
from monev.ui import charts
from monev.views import ringkasan
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import ADMIN, APP, record_downloads, signed_in

THANG = builders.THANG
BEFORE = THANG - 1
LATE_RPD = dict(thang=THANG, kdsatker=builders.S2, jenis_belanja="57", bulan=12, rpd=9_000_000_000,
                tgl_update=f"{THANG}-07-10")  # a later update of one month's plan


# ---------------------------------------------------------------- the data set

def prior_year() -> builders.Dataset:
    """The base data set moved to the year before, without the bantuan sosial lines of satker
    S3 (so its figures differ) and without targets (so the defaults apply)."""
    data = builders.base_dataset()
    moved = {}
    for kind, rows in data.rows.items():
        if kind in ("akun", "capaian", "revisi", "target", "realisasi_tanpa_ppk"):
            continue
        out = []
        for row in rows:
            row = {k: (v.replace(f"{THANG}-", f"{BEFORE}-") if k in builders.DATES else v) for k, v in row.items()}
            row["thang"] = BEFORE
            out.append(row)
        moved[kind] = out
    moved["rpd"].append(LATE_RPD)  # loaded with this batch, for the current year
    return builders.Dataset(moved)


CURRENT = builders.base_dataset()
BEFORE_DATA = prior_year()
CURRENT.rows["rpd"] = CURRENT.rows["rpd"] + [LATE_RPD]  # what the warehouse holds for THANG
DEFAULT_QUARTERS = {jb: [Fraction(str(v)) for v in q] for jb, q in DEFAULT_TARGETS.items()}


@pytest.fixture(scope="module")
def gudang(template_warehouse, tmp_path_factory):
    """The base warehouse plus the prior year and a later RPD update."""
    base = tmp_path_factory.mktemp("ringkasan")
    path = base / "gudang.duckdb"
    shutil.copyfile(template_warehouse, path)
    wal = template_warehouse.with_name(template_warehouse.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, path.with_name(path.name + ".wal"))
    builders.load_dataset(path, base / "files", BEFORE_DATA)
    db.dispose(path)
    yield path
    db.dispose(path)


def expected(bulan, jenis=None, tahun=THANG):
    if tahun == THANG:
        return builders.expected_summary(CURRENT, THANG, bulan, jenis=jenis)
    return builders.expected_summary(BEFORE_DATA, BEFORE, bulan, jenis=jenis, targets=DEFAULT_QUARTERS)


def percent_text(value: Fraction) -> str:
    return f"{float(value):.2f}".replace(".", ",") + "%"


def needed(figures) -> int:
    """The rupiah still needed, exactly: the goal (target % x pagu, a Fraction) rounded up."""
    goal = figures["target_persen"] / 100 * figures["pagu"]
    return max(0, math.ceil(goal) - figures["realisasi"])


def last_month() -> int:
    return max(m for line, m, _ in builders.realization_entries(CURRENT) if line["thang"] == THANG)


def expected_curve(bulan, jenis=None):
    """Cumulative realization to each month (up to bulan) and cumulative RPD, latest update."""
    monthly = {m: 0 for m in range(1, 13)}
    for line, m, amount in builders.realization_entries(CURRENT):
        if line["thang"] == THANG and m <= bulan and (jenis is None or line["kdakun"][:2] in jenis):
            monthly[m] += amount
    latest = {}
    for row in CURRENT.rows["rpd"]:
        key = (row["kdsatker"], row["jenis_belanja"], row["bulan"])
        if jenis is None or row["jenis_belanja"] in jenis:
            if key not in latest or row["tgl_update"] > latest[key]["tgl_update"]:
                latest[key] = row
    rpd = {m: sum(r["rpd"] for k, r in latest.items() if k[2] == m) for m in range(1, 13)}
    cum_real, cum_rpd, a, b = {}, {}, 0, 0
    for m in range(1, 13):
        a += monthly[m]
        b += rpd[m]
        cum_real[m], cum_rpd[m] = (a if m <= bulan else None), b
    return cum_real, cum_rpd


def expected_steps(bulan, jenis=None):
    quarters = builders.quarter_table(CURRENT)
    per_jenis = expected(bulan, jenis)["per_jenis_belanja"]
    return {3 * (q + 1): round(sum(f["pagu"] * quarters[jb][q] / 100 for (jb,), f in per_jenis.items()))
            for q in range(4)}


def expected_behind(bulan):
    rows = [(f["target_persen"] - f["persen"], satker, f)
            for (_, satker), f in expected(bulan)["per_satker"].items()
            if f["persen"] is not None and f["target_persen"] is not None and f["target_persen"] > f["persen"]]
    return sorted(rows, key=lambda r: (-r[0], r[1]))[:10]


# ---------------------------------------------------------------- the page

@pytest.fixture
def app(gudang, monkeypatch):
    monkeypatch.setenv("MONEV_DB", str(gudang))
    written = record_downloads(monkeypatch)
    at = signed_in(AppTest.from_file(APP, default_timeout=30), ADMIN).run()
    at.written = written
    return at


def percent_metrics(at):
    return [m.value for m in at.metric if m.label == "Realisasi / pagu"]


def titles(at):
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def test_page_shows_the_expected_figures(app):
    at = app
    assert not at.exception
    bulan = last_month()
    now, before = expected(bulan)["total"], expected(bulan, tahun=BEFORE)["total"]
    assert percent_metrics(at) == [percent_text(now["persen"]), percent_text(before["persen"])]
    assert now["persen"] != before["persen"]
    assert titles(at) == [
        "Realisasi kumulatif vs RPD dan target, TA 2024 s.d. September",
        "Realisasi per unit eselon I vs target, TA 2024 s.d. September",
        "Realisasi per jenis belanja vs target, TA 2024 s.d. September",
    ]
    assert len(at.get("download_button")) == 5


def test_filters_change_the_figures(app):
    at = app
    at.sidebar.multiselect(key="f_jenis_belanja").set_value(["52", "57"]).run()
    assert not at.exception
    bulan = last_month()
    assert percent_metrics(at)[0] == percent_text(expected(bulan, jenis={"52", "57"})["total"]["persen"])

    at.sidebar.selectbox(key="f_sampai").set_value(6).run()
    assert not at.exception
    figures = expected(6, jenis={"52", "57"})["total"]
    assert percent_metrics(at)[0] == percent_text(figures["persen"])
    assert percent_metrics(at)[1] == percent_text(expected(6, jenis={"52", "57"}, tahun=BEFORE)["total"]["persen"])
    assert titles(at)[0] == "Realisasi kumulatif vs RPD dan target, TA 2024 s.d. Juni"

    curve = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    cum_real, cum_rpd = expected_curve(6, jenis={"52", "57"})
    assert curve[0]["y"] == [cum_real[m] for m in range(1, 13)]
    assert curve[1]["y"] == [cum_rpd[m] for m in range(1, 13)]
    steps = expected_steps(6, jenis={"52", "57"})
    assert curve[2]["y"] == [0] + [steps[m] for m in (3, 6, 9, 12)]
    assert all(trace.get("stackgroup") is None for trace in curve)

    # the downloads hold the rows shown
    headline = pd.read_excel(io.BytesIO(at.written["ringkasan_angka"]), dtype={"kebutuhan": "Int64"})
    assert headline["realisasi"].tolist() == [figures["realisasi"],
                                              expected(6, {"52", "57"}, BEFORE)["total"]["realisasi"]]
    assert headline["kebutuhan"].iloc[0] == needed(figures)
    kurva = pd.read_excel(io.BytesIO(at.written["ringkasan_kurva"]))
    assert kurva["rpd_kumulatif"].tolist() == [cum_rpd[m] for m in range(1, 13)]


def test_behind_target_table_and_download(app):
    at = app
    at.sidebar.selectbox(key="f_sampai").set_value(6).run()
    behind = expected_behind(6)
    assert behind  # the data set has satker behind target
    table = at.dataframe[0].value
    assert table["Satker"].str[:6].tolist() == [satker for _, satker, _ in behind]
    rows = pd.read_excel(io.BytesIO(at.written["ringkasan_satker_tertinggal"]), dtype={"kdsatker": str})
    assert rows["kdsatker"].tolist() == [satker for _, satker, _ in behind]
    assert rows["realisasi"].tolist() == [f["realisasi"] for _, _, f in behind]
    assert rows["kebutuhan"].tolist() == [needed(f) for _, _, f in behind]
    units = pd.read_excel(io.BytesIO(at.written["ringkasan_per_unit"]), dtype={"kdunit": str})
    per_unit = expected(6)["per_unit"]
    assert units["pagu"].tolist() == [per_unit[(u,)]["pagu"] for u in units["kdunit"]]


def test_page_in_english(app):
    at = app
    at.sidebar.radio(key="f_lang").set_value("en").run()
    assert not at.exception
    assert titles(at)[0] == "Cumulative realization vs RPD and target, FY 2024 to end of September"


# ---------------------------------------------------------------- reports functions

def test_overview_matches_the_rows(gudang):
    engine = db.engine(gudang)
    bulan = 6
    view = ringkasan.overview(engine, Period(THANG, bulan), scope=EVERYTHING)
    now, before = expected(bulan)["total"], expected(bulan, tahun=BEFORE)["total"]
    head = view["headline"]
    assert head["tahun"].tolist() == [THANG, BEFORE]
    assert head["pagu"].tolist() == [now["pagu"], before["pagu"]]
    assert head["realisasi"].tolist() == [now["realisasi"], before["realisasi"]]
    assert head["kebutuhan"].tolist() == [needed(now), needed(before)]
    assert head["target_persen"].tolist() == pytest.approx([float(now["target_persen"]),
                                                            float(before["target_persen"])])
    for column in ("pagu", "blokir", "realisasi"):
        assert head[column].dtype == "int64"

    per_jenis = expected(bulan)["per_jenis_belanja"]
    frame = view["per_jenis_belanja"]
    assert frame["realisasi"].tolist() == [per_jenis[(jb,)]["realisasi"] for jb in frame["jenis_belanja"]]
    assert frame["kebutuhan"].tolist() == [needed(per_jenis[(jb,)]) for jb in frame["jenis_belanja"]]
    assert set(view["per_unit"]["nmunit"]) == {u["nmunit"] for u in CURRENT.rows["unit"]}

    cum_real, cum_rpd = expected_curve(bulan)
    curve = view["kurva"]
    assert [None if pd.isna(v) else int(v) for v in curve["realisasi_kumulatif"]] == [cum_real[m] for m in range(1, 13)]
    assert curve["rpd_kumulatif"].tolist() == [cum_rpd[m] for m in range(1, 13)]
    steps = expected_steps(bulan)
    assert curve.dropna(subset=["target"]).set_index("bulan")["target"].to_dict() == steps


def test_overview_without_a_prior_year_and_with_filters(gudang):
    engine = db.engine(gudang)
    view = ringkasan.overview(engine, Period(BEFORE, 3), filters=Filters(units=("05",)), scope=EVERYTHING)
    assert view["headline"]["tahun"].tolist() == [BEFORE]
    # the RPD follows the unit filter: only satker S2 and S3 of unit 05 (S2 has RPD, 57)
    rpd = sum(r["rpd"] for r in BEFORE_DATA.rows["rpd"] if r["kdsatker"] == builders.S2 and r["bulan"] <= 12
              and r["thang"] == BEFORE)
    assert view["kurva"]["rpd_kumulatif"].iloc[-1] == rpd


def test_behind_target():
    frame = pd.DataFrame({
        "kdsatker": ["A", "B", "C", "D"], "pagu": [1_000, 2_000, 3_000, 0],
        "realisasi": [100, 1_500, 900, 0], "persen": [10.0, 75.0, 30.0, None],
        "target_persen": [25.0, 50.0, 45.0, 50.0],
    })
    behind = status.behind_target(frame, n=1)
    assert behind["kdsatker"].tolist() == ["A"]  # 15 points behind; C is 15 too, A sorts first
    assert status.behind_target(frame)["kdsatker"].tolist() == ["A", "C"]


def test_overview_needs_are_exact_above_two_to_the_53(monkeypatch):
    """A float holds whole rupiah exactly only up to 2^53 (about Rp 9.007 T): the overview's 'still
    needed' stays exact beyond it, rounded up as status.needed rounds (a half rupiah is a rupiah)."""
    big = 2**56 + 3  # its 20%, the need, is above 2^53 too
    grain = pd.DataFrame({"kdunit": ["01", "01", "02"], "kdsatker": ["A", "A", "B"], "nmunit": ["U1", "U1", "U2"],
                          "nmsatker": ["Sa", "Sa", "Sb"], "kdppk": ["1", "1", "1"],
                          "jenis_belanja": ["51", "52", "57"], "pagu": [big, 5, 3], "blokir": [0, 0, 0],
                          "realisasi": [1, 0, 0]})
    goals = {"51": 20.0, "52": 15.5, "57": 25.0}
    names = grain[["kdunit", "nmunit", "kdsatker", "nmsatker"]].drop_duplicates()
    monkeypatch.setattr(ringkasan, "_grain", lambda *a, **k: grain.drop(columns=["nmunit", "nmsatker"]))
    monkeypatch.setattr(ringkasan.query, "reference", lambda *a, **k: None)
    monkeypatch.setattr(targets, "month_targets", lambda *a, **k: goals)
    monkeypatch.setattr(ringkasan, "monthly_curve", lambda *a, **k: None)
    monkeypatch.setattr(ringkasan.query, "run", lambda engine, name, **k: names if name == "ringkasan_nama"
                        else pd.DataFrame({"thang": [THANG]}))
    view = ringkasan.overview(None, Period(THANG, 3), scope=EVERYTHING)
    exact = {"51": math.ceil(Fraction(big * 20, 100)), "52": math.ceil(Fraction(5 * 155, 1000)), "57": 1}
    total = math.ceil(Fraction(big * 200 + 5 * 155 + 3 * 250, 1000)) - 1
    assert view["headline"]["kebutuhan"].tolist() == [total]
    assert view["per_jenis_belanja"]["kebutuhan"].tolist() == [exact["51"] - 1, exact["52"], exact["57"]]
    assert view["per_unit"]["kebutuhan"].tolist() == [math.ceil(Fraction(big * 200 + 5 * 155, 1000)) - 1, 1]
    # the float rule the overview used before (round(target% / 100 x pagu) - realisasi) misses it
    assert round(20.0 / 100 * float(big) + 15.5 / 100 * 5 + 25.0 / 100 * 3) - 1 != total
    assert str(view["headline"]["kebutuhan"].dtype) == "Int64"


def test_quarter_target_amounts():
    per_jenis = pd.DataFrame({"jenis_belanja": ["51", "57", "99"], "pagu": [1_000, 3_000, 500]})
    rows = pd.DataFrame({"jenis_belanja": ["57"] * 4, "triwulan": [1, 2, 3, 4],
                         "target_persen": [30.0, 55.0, 80.0, 100.0]})
    amounts = targets.quarter_target_amounts(per_jenis, rows)
    # 51 takes the defaults 20/50/75/95; 99 has no target
    assert amounts.to_dict() == {3: 200 + 900, 6: 500 + 1_650, 9: 750 + 2_400, 12: 950 + 3_000}
    assert amounts.dtype == "int64"


# ---------------------------------------------------------------- chart builders

def test_cumulative_curve_figure():
    frame = pd.DataFrame({
        "bulan": range(1, 13),
        "realisasi_kumulatif": pd.array([10 ** 12 * m if m <= 2 else None for m in range(1, 13)], dtype="Int64"),
        "rpd_kumulatif": [5 * m for m in range(1, 13)],
        "target": pd.array([7 * m if m % 3 == 0 else None for m in range(1, 13)], dtype="Int64"),
    })
    figure = charts.cumulative_curve(frame, title="Judul s.d. Februari", lang="id")
    assert isinstance(figure, go.Figure)
    assert figure.layout.title.text == "Judul s.d. Februari"
    real, rpd, target = figure.data
    assert list(real.y[:3]) == [1e12, 2e12, None]
    assert real.customdata[1] == "Rp 2.000.000.000.000"
    assert list(rpd.y) == [5.0 * m for m in range(1, 13)]
    assert list(target.x) == [0, 3, 6, 9, 12] and list(target.y) == [0, 21, 42, 63, 84]
    assert target.line.shape == "hv"
    assert real.name == "Realisasi kumulatif"
    english = charts.cumulative_curve(frame, title="t", lang="en")
    assert english.data[0].name == "Cumulative realization"
    assert english.data[0].customdata[1] == "Rp 2,000,000,000,000"


def test_realization_vs_target_figure():
    frame = pd.DataFrame({"nama": ["01 Setjen", "05 Ditjen"], "pagu": [736_800_000_000, 4],
                          "realisasi": [727_884_720_000, 1], "persen": [98.79, 25.0],
                          "target_persen": [90.0, None]})
    figure = charts.realization_vs_target(frame, label="nama", title="Per unit", lang="id")
    bars, marks = figure.data
    assert bars.type == "bar" and marks.type == "scatter"
    assert list(bars.x) == ["01 Setjen", "05 Ditjen"] and list(bars.y) == [98.79, 25.0]
    assert list(marks.y) == [90.0, None]
    assert tuple(bars.customdata[0]) == ("Rp 727.884.720.000", "Rp 736.800.000.000", "98,79%", "90,00%")
    assert figure.layout.barmode != "stack"
    assert figure.layout.title.text == "Per unit"


def test_page_with_an_empty_selection(app):
    at = app
    at.sidebar.multiselect(key="f_lokasi").set_value(["32"])
    at.sidebar.multiselect(key="f_jenis_belanja").set_value(["51"]).run()
    assert not at.exception
    assert percent_metrics(at)[0] == "–"
    assert len(at.get("plotly_chart")) == 3
    assert [i.value for i in at.info] == ["Tidak ada satker di bawah target."]
