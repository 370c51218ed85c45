"""The Wilayah page: realization per province for DK/TP satker, as a map of the provinces and a table."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain.period import Period
from monev.ui import charts_wilayah
from monev.views import wilayah
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import open_page, record_downloads, workbook_rows

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
    outline, figures = spec["data"][:2]
    assert outline["type"] == figures["type"] == "choropleth"
    assert len(outline["locations"]) == 38 and len(outline["geojson"]["features"]) == 38
    assert figures["locations"] == ["32"]
    assert f"Pagu: {_rupiah(expected['32']['pagu'])}" in figures["hovertext"][0]
    assert f"Realisasi: {_rupiah(expected['32']['realisasi'])} ({_percent(expected['32']['persen'])})" \
        in figures["hovertext"][0]
    assert figures["z"] == [round(float(expected["32"]["persen"] - expected["32"]["target_persen"]), 2)]
    # offline: no base map (its topojson would be fetched), the shapes come with the figure
    assert spec["layout"]["geo"]["visible"] is False
    assert any("CC BY 4.0" in c.value for c in at.caption)

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
    only_dk = reports.budget_summary(engine, period, filters=Filters(kewenangan=("DK",)),
                                     scope=EVERYTHING)["total"].iloc[0]
    assert (dk["pagu"].sum(), dk["realisasi"].sum(), dk["blokir"].sum()) == (
        only_dk.pagu, only_dk.realisasi, only_dk.blokir)
    assert dk["target_persen"].iloc[0] == pytest.approx(only_dk.target_persen)
    assert dk["pagu"].dtype == "int64" and dk["realisasi"].dtype == "int64"


def test_download_holds_the_rows_shown(shared_warehouse, monkeypatch):
    """The page's province table and the workbook its download button carries (built as a click
    builds it): the same provinces, the workbook with the exact rupiah as numbers, both equal to
    the figures computed from the loaded rows."""
    written = record_downloads(monkeypatch)
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    assert not at.exception
    shown = _table(at)
    book = workbook_rows(written["wilayah_provinsi"], "kdlokasi", dtype={"kdlokasi": str})
    assert book["kdlokasi"].tolist() == shown["Kode"].tolist() == ["32"]
    assert book["nmlokasi"].tolist() == shown["Provinsi"].tolist()
    assert [_rupiah(int(v)) for v in book["pagu"]] == shown["Pagu"].tolist()
    assert [_rupiah(int(v)) for v in book["realisasi"]] == shown["Realisasi"].tolist()
    expected = _expected(builders.base_dataset(), 6, {"DK", "TP"})["32"]
    assert (int(book["pagu"].iloc[0]), int(book["realisasi"].iloc[0])) == (expected["pagu"], expected["realisasi"])
    assert book["persen"].iloc[0] == pytest.approx(float(expected["persen"]))
    assert book["pagu"].dtype == "int64"


# The province lists of the fiscal years (BPS codes; Kemendagri's renumbering of Papua from 2022).
PROVINCES_TO_2021 = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah", "34": "DI Yogyakarta",
    "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat", "62": "Kalimantan Tengah", "63": "Kalimantan Selatan", "64": "Kalimantan Timur",
    "65": "Kalimantan Utara", "71": "Sulawesi Utara", "72": "Sulawesi Tengah", "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara", "75": "Gorontalo", "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara",
    "91": "Papua Barat", "94": "Papua",
}
PROVINCES_FROM_2022 = {k: v for k, v in PROVINCES_TO_2021.items() if k not in ("91", "94")} | {
    "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def _simple(name: str) -> str:
    return name.lower().replace("daerah istimewa", "di")


@pytest.mark.parametrize("tahun, provinces", [(2019, PROVINCES_TO_2021), (2021, PROVINCES_TO_2021),
                                              (2022, PROVINCES_FROM_2022), (2025, PROVINCES_FROM_2022)])
def test_every_province_of_every_fiscal_year_finds_its_shapes(tahun, provinces):
    assert len(provinces) == (34 if tahun < 2022 else 38)
    names = charts_wilayah.shape_names()
    drawn = []
    for code, name in provinces.items():
        found = charts_wilayah.shapes_of(tahun, code)
        assert found, f"{code} {name} ({tahun}) has no shape"
        drawn += found
        if len(found) == 1:  # one shape: it is that province
            assert _simple(names[found[0]]) == _simple(name), (tahun, code)
        else:  # a pre-2022 Papua code: its own shape is among those it covers
            assert name in {names[s] for s in found}, (tahun, code)
    # the year's list covers the country: every shape once, none twice
    assert sorted(drawn) == sorted(names)


def test_pre_2022_papua_covers_its_successors_and_codes_of_other_lists_are_listed():
    assert set(charts_wilayah.shapes_of(2021, "94")) == {"91-A", "91-B", "91-C", "91-D"}
    assert set(charts_wilayah.shapes_of(2021, "91")) == {"92-A", "92-B"}
    assert charts_wilayah.shapes_of(2022, "94") == ("91-D",)
    assert charts_wilayah.shapes_of(2021, "96") == ()
    frame = pd.DataFrame({"kdlokasi": ["11", "96", "97"]})
    assert charts_wilayah.unplaced(frame, 2021) == ["96", "97"]
    assert charts_wilayah.unplaced(frame, 2024) == ["97"]


def test_every_province_in_the_warehouse_finds_its_shapes(engine):
    lokasi = pd.read_sql("select thang, kdlokasi from dim_lokasi", engine.connect())
    assert len(lokasi)
    for row in lokasi.itertuples():
        assert charts_wilayah.shapes_of(int(row.thang), row.kdlokasi), row


def test_shapes_are_the_attributed_file_unchanged():
    digest = hashlib.sha256(charts_wilayah.SHAPES.read_bytes()).hexdigest()
    readme = (charts_wilayah.GEO / "README.md").read_text(encoding="utf-8")
    assert digest in readme and "CC BY 4.0" in readme and "denyherianto" in readme
    assert len(charts_wilayah.shapes()["features"]) == 38


def _province(code, name, pagu, realisasi, persen, target, satker=1):
    return dict(kdlokasi=code, nmlokasi=name, jumlah_satker=satker, pagu=pagu, blokir=0, realisasi=realisasi,
                persen=persen, target_persen=target)


def test_map_colours_by_realization_against_target_with_exact_rupiah():
    big = 2**53 + 1  # beyond a float's exact integers: the hover must still show every rupiah
    frame = pd.DataFrame([_province("11", "Aceh", big, big - 2, 80.0, 50.0),
                          _province("94", "Papua", 100, 10, 10.0, 25.0, satker=3),
                          _province("99", "Tak dikenal", 50, 5, 10.0, 50.0),
                          _province("12", "Sumatera Utara", 70, 0, 0.0, float("nan"))])
    drawn = charts_wilayah.map_frame(frame, 2021)
    assert drawn["pagu"].dtype == "int64" and drawn.loc[drawn["bentuk"] == "11", "pagu"].item() == big
    assert sorted(drawn["bentuk"]) == ["11", "12", "91-A", "91-B", "91-C", "91-D"]
    assert (drawn.loc[drawn["kdlokasi"] == "94", "jumlah_bentuk"] == 4).all()
    figure = charts_wilayah.choropleth(drawn, title="judul", lang="id")
    outline, figures, untargeted = figure.data
    assert list(figures.locations) == ["11", "91-A", "91-B", "91-C", "91-D"]
    assert list(figures.z) == [30.0, -15.0, -15.0, -15.0, -15.0]  # realisasi% - target%
    assert figures.zmin == -15.0 and figures.zmax == 30.0
    assert figures.colorscale[1][0] == pytest.approx(15 / 45)  # white sits on the target
    assert charts_wilayah.PLOTLY_CONFIG["topojsonURL"].startswith("app/static/")
    assert (charts_wilayah.ROOT / "static" / "plotly" / "world_110m.json").exists()
    assert "Pagu: Rp 9.007.199.254.740.993" in figures.hovertext[0]
    assert "Realisasi: Rp 9.007.199.254.740.991 (80,00%)" in figures.hovertext[0]
    assert "+30,00 poin" in figures.hovertext[0]
    assert "Satu angka untuk 4 wilayah peta 2022" in figures.hovertext[1]
    assert list(untargeted.locations) == ["12"]  # no target: no colour claims a comparison
    assert figure.layout.geo.visible is False
    english = charts_wilayah.choropleth(drawn, title="t", lang="en")
    assert "Budget (pagu): Rp 9,007,199,254,740,993" in english.data[1].hovertext[0]


def test_names_from_files_are_shown_as_text():
    frame = pd.DataFrame([_province("11", "<b>Aceh</b>", 1, 1, 100.0, 50.0)])
    figure = charts_wilayah.choropleth(charts_wilayah.map_frame(frame, 2024), title="t")
    assert "&lt;b&gt;Aceh&lt;/b&gt;" in figure.data[1].hovertext[0]


def test_page_offers_the_table_and_the_map_data(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(TAHUN), sampai="6")
    keys = [b.proto.id for b in at.get("download_button")]
    assert any("unduh-wilayah-peta" in k for k in keys) and any("unduh-wilayah-tabel" in k for k in keys)
