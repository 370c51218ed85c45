"""The budget drill-down page (Rincian anggaran): each level's figures against values computed here
from the test's own rows (tests/builders.py), the drill path, the treemap and the Excel download."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain.period import Period
from monev.ui import charts_rincian, download
from monev.views import rincian
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import open_page, read_back

THANG = builders.THANG
DATA = builders.base_dataset()
UNIT_OF = {s["kdsatker"]: s["kdunit"] for s in DATA.rows["satker"]}
CODE = {  # a budget line's code at each level
    "unit": lambda line: UNIT_OF[line["kdsatker"]],
    "satker": lambda line: line["kdsatker"],
    "program": lambda line: line["kdprogram"],
    "kegiatan": lambda line: line["kdgiat"],
    "ro": lambda line: f"{line['kdoutput']}.{line['kdsoutput']}",
    "akun": lambda line: line["kdakun"],
}


def expected_children(bulan: int, path: tuple = (), jenis=None) -> dict[str, dict]:
    """{kode: {pagu, blokir, realisasi}} of the children of `path`, from the builders' rows."""
    level = rincian.LEVELS[len(path)]

    def on_path(line):
        return all(CODE[lv](line) == kode for lv, kode, _ in path) and (
            jenis is None or line["kdakun"][:2] in jenis)

    result: dict[str, dict] = {}
    for row in builders.pagu_in_force(DATA, builders.month_end(THANG, bulan)).values():
        if on_path(row):
            cell = result.setdefault(CODE[level](row), {"pagu": 0, "blokir": 0, "realisasi": 0})
            cell["pagu"] += row["pagu"]
            cell["blokir"] += row["blokir"]
    for line, month, amount in builders.realization_entries(DATA):
        if month <= bulan and on_path(line):
            result.setdefault(CODE[level](line), {"pagu": 0, "blokir": 0, "realisasi": 0})["realisasi"] += amount
    return result


def assert_matches(frame: pd.DataFrame, expected: dict[str, dict], close: float | None = None) -> None:
    """close: how near the percentage must be (a page's table shows two decimals: 0,005)."""
    assert sorted(frame["kode"]) == sorted(expected)
    for row in frame.itertuples():
        want = expected[row.kode]
        assert (row.pagu, row.blokir, row.realisasi) == (want["pagu"], want["blokir"], want["realisasi"])
        assert row.sisa == want["pagu"] - want["realisasi"]
        assert row.persen == pytest.approx(100 * want["realisasi"] / want["pagu"], abs=close)


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The page's table with its numbers read back from the text it shows."""
    return read_back(frame, money=["pagu", "blokir", "realisasi", "sisa"], percent=["persen"])


ON_SCREEN = 0.005  # a page's table shows percentages with two decimals


# ---------------------------------------------------------------- views

PATH_TO_AKUN = (("unit", "05", ""), ("satker", "050123", ""), ("program", "027.05.DL", ""),
                ("kegiatan", "6201", ""), ("ro", "QDB.001", ""))


@pytest.mark.parametrize("depth", range(len(PATH_TO_AKUN) + 1))
@pytest.mark.parametrize("bulan", [3, 9])
def test_every_level_matches_the_rows(engine, depth, bulan):
    path = PATH_TO_AKUN[:depth]
    assert_matches(rincian.children(engine, Period(THANG, bulan), path, scope=EVERYTHING),
                   expected_children(bulan, path))


def test_names_come_from_the_reference_tables(engine):
    period = Period(THANG, 6)
    names = dict(zip(*rincian.children(engine, period, PATH_TO_AKUN[:4], scope=EVERYTHING)[["kode", "nama"]].T.values))
    assert names == {"QDB.001": "Bantuan PKH", "QDB.002": "Bantuan sembako"}
    names = dict(zip(*rincian.children(engine, period, PATH_TO_AKUN, scope=EVERYTHING)[["kode", "nama"]].T.values))
    assert names == {"521211": "Belanja bahan", "573111": "Belanja bantuan sosial untuk jaminan sosial"}


def test_top_level_reconciles_with_the_budget_summary(engine):
    period = Period(THANG, 8)
    for filters in (Filters(), Filters(jenis_belanja=("52",)), Filters(lokasi=("32",))):
        units = rincian.children(engine, period, (), filters=filters, scope=EVERYTHING)
        per_unit = reports.budget_summary(engine, period, filters=filters, scope=EVERYTHING)["per_unit"]
        assert units["kode"].tolist() == per_unit["kdunit"].tolist()
        for column in ("pagu", "blokir", "realisasi"):
            assert units[column].tolist() == per_unit[column].tolist()
            assert units[column].dtype == "int64"
        total = reports.budget_summary(engine, period, filters=filters, scope=EVERYTHING)["total"].iloc[0]
        assert rincian.totals(units)["realisasi"] == total.realisasi


def test_jenis_belanja_filter_applies_at_every_level(engine):
    path = PATH_TO_AKUN[:2]
    frame = rincian.children(engine, Period(THANG, 6), path, filters=Filters(jenis_belanja=("52",)), scope=EVERYTHING)
    assert_matches(frame, expected_children(6, path, jenis={"52"}))


def test_below_akun_there_is_nothing(engine):
    path = PATH_TO_AKUN + (("akun", "573111", ""),)
    assert rincian.level_of(path) is None
    assert rincian.children(engine, Period(THANG, 6), path, scope=EVERYTHING).empty


def test_totals_of_a_node():
    frame = pd.DataFrame({"pagu": [100, 300], "blokir": [10, 0], "realisasi": [25, 30]})
    assert rincian.totals(frame) == {"pagu": 400, "blokir": 10, "realisasi": 55, "sisa": 345, "persen": 13.75}


def test_treemap_sizes_by_pagu_colours_by_percent_and_hovers_exact_rupiah():
    frame = pd.DataFrame({"kode": ["01", "05", "09"], "nama": ["A", "B", "C"], "pagu": [400, 1_234_567, 0],
                          "realisasi": [100, 1_234_567, 5], "persen": [25.0, 100.0, None]})
    figure = charts_rincian.treemap(frame, "Judul TA 2024 s.d. Juni")
    trace = figure.data[0]
    assert list(trace.labels) == ["01 A", "05 B"]  # no tile without pagu
    assert list(trace.values) == [400, 1_234_567]
    assert list(trace.marker.colors) == [25.0, 100.0]
    assert trace.customdata[1][0] == "Rp 1.234.567"
    assert figure.layout.title.text == "Judul TA 2024 s.d. Juni"


# ---------------------------------------------------------------- the page

def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, "pages/rincian.py", sidebar, **url)


def _pick(at: AppTest):
    return next(s for s in at.selectbox if s.key and s.key.startswith("rincian_pilih"))


def test_page_drills_down_and_back_up(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="6")
    assert not at.exception
    assert_matches(shown(at.dataframe[0].value), expected_children(6), ON_SCREEN)
    title = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert "Unit eselon I" in title and f"TA {THANG} s.d. Juni" in title
    assert any("Sisa = pagu − realisasi" in c.value for c in at.caption)
    total = expected_children(6)
    realisasi = sum(v["realisasi"] for v in total.values())
    assert next(m for m in at.metric if m.label == "Realisasi").help == "Rp " + f"{realisasi:,}".replace(",", ".")

    _pick(at).set_value("05").run()
    assert not at.exception
    path = (("unit", "05", ""),)
    assert_matches(shown(at.dataframe[0].value), expected_children(6, path), ON_SCREEN)
    assert [b.label for b in at.button][-1].startswith("› 05 ")
    _pick(at).set_value("050123").run()
    path += (("satker", "050123", ""),)
    assert_matches(shown(at.dataframe[0].value), expected_children(6, path), ON_SCREEN)
    for kode in ("027.05.DL", "6201", "QDB.001"):
        _pick(at).set_value(kode).run()
    assert not at.exception
    assert_matches(shown(at.dataframe[0].value), expected_children(6, PATH_TO_AKUN), ON_SCREEN)
    assert any("Akun adalah tingkat terdalam" in c.value for c in at.caption)

    at.button(key="rincian_jalur_1").click().run()  # back to the satker of unit 05
    assert_matches(shown(at.dataframe[0].value), expected_children(6, path[:1]), ON_SCREEN)



def test_page_follows_the_filters(shared_warehouse, monkeypatch):
    """AppTest drops app.py's sidebar from the tree after switch_page, so the filters are set on
    the first page (or in the URL) before switching."""
    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 3),
                                                        ("multiselect", "f_jenis_belanja", ["57"])],
               tahun=str(THANG), sampai="6")
    assert not at.exception
    assert_matches(shown(at.dataframe[0].value), expected_children(3, jenis={"57"}), ON_SCREEN)
    assert "TA 2024 s.d. Maret" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    _pick(at).set_value("05").run()
    assert_matches(shown(at.dataframe[0].value), expected_children(3, (("unit", "05", ""),), jenis={"57"}), ON_SCREEN)

    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="9", jb="52")
    assert_matches(shown(at.dataframe[0].value), expected_children(9, jenis={"52"}), ON_SCREEN)


def test_download_holds_the_rows_shown(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="9")
    drawn = shown(at.dataframe[0].value)
    frame = rincian.children(db.engine(shared_warehouse), Period(THANG, 9), scope=EVERYTHING)
    back = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "rincian", sample=False)), dtype={"kode": str})
    assert back[["kode", "pagu", "blokir", "realisasi", "sisa"]].values.tolist() == \
        drawn[["kode", "pagu", "blokir", "realisasi", "sisa"]].values.tolist()
    assert len(at.get("download_button")) == 1


def test_empty_selection_shows_a_message(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="6", unit="01", jb="57")
    assert not at.exception
    assert any(i.value == "Tidak ada data untuk pilihan ini." for i in at.info)
