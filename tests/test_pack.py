"""The Rakor pack (monev.pack, `python -m monev rakor`, the page Bahan Rakor): the deck, workbook
and PDF read back (python-pptx, openpyxl, pdftotext) and their figures compared with figures
computed here from the test data set's own rows (builders.expected_summary, the SP2D lines) and
with `summary --json`, to the rupiah."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import builders
from apptest import open_page
from builders import S1, S2, S3, THANG
from monev import cli, pack
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.pack.model import Column, Pack, Slide, Table
from monev.warehouse import db
from monev.warehouse.ingest import mark_sample
from monev.warehouse.query import EVERYTHING, Scope

BULAN = 8  # mid-quarter: the month's target and TW III's differ
PERIOD = Period(THANG, BULAN)
SAMPLE_ID = "DATA CONTOH"
# what unit 01 is made of in the test data set: none of it may show in a pack of unit 05
UNIT_01 = [S1, "Biro Keuangan", "Sekretariat Jenderal"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


@pytest.fixture(scope="module")
def marked(template_warehouse, tmp_path_factory) -> Path:
    """The test warehouse, marked as holding sample data (as `python -m monev sample` marks it)."""
    path = tmp_path_factory.mktemp("pack") / "gudang.duckdb"
    shutil.copyfile(template_warehouse, path)
    with db.writing(path) as draft:
        mark_sample(draft.engine, "kemensos", 1)
    yield path
    db.dispose(path)


def _files(db_path: Path, out: Path, *extra) -> dict[str, Path]:
    assert cli.main(["rakor", "--db", str(db_path), "--tahun", str(THANG), "--sampai", f"{THANG}-{BULAN:02d}",
                     "--out", str(out), *extra]) == 0
    return {p.suffix[1:]: p for p in out.iterdir()}


@pytest.fixture(scope="module")
def whole(marked, tmp_path_factory) -> dict[str, Path]:
    return _files(marked, tmp_path_factory.mktemp("whole"))


@pytest.fixture(scope="module")
def unit_05(marked, tmp_path_factory) -> dict[str, Path]:
    return _files(marked, tmp_path_factory.mktemp("unit05"), "--unit", "05")


@pytest.fixture(scope="module")
def expected():
    return builders.expected_summary(builders.base_dataset(), THANG, BULAN)


# ---------------------------------------------------------------- reading the files back

def slide_texts(path: Path) -> list[str]:
    """Every text of each slide: text boxes, table cells, and the charts' categories and series names."""
    texts = []
    for slide in Presentation(path).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        texts.append("\n".join(parts))
    return texts


def charts(path: Path) -> dict[str, object]:
    """The chart of each slide that has one, by the slide's title (its first text box)."""
    found = {}
    for slide in Presentation(path).slides:
        title = next(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for shape in slide.shapes:
            if shape.has_chart:
                found.setdefault(title, []).append(shape.chart)
    return found


def sheet_rows(book, sheet: str, first_header: str) -> list[dict]:
    """The rows under a sheet's header row (the row whose first cell is first_header), as dicts."""
    rows = list(book[sheet].values)
    at = next(i for i, row in enumerate(rows) if row[0] == first_header)
    header = rows[at]
    return [dict(zip(header, row)) for row in rows[at + 1:] if any(v is not None for v in row)]


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def xlsx_texts(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.values for v in row if v is not None)


def chart_sheets(path: Path) -> dict[str, int]:
    """How many native charts each sheet holds (openpyxl does not read charts: the package's parts)."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        book = archive.read("xl/workbook.xml").decode()
        book_rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        found = {}
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', book):
            target = re.search(rf'Id="{rid}" [^>]*Target="([^"]+)"', book_rels) or re.search(
                rf'Target="([^"]+)" [^>]*Id="{rid}"', book_rels)
            sheet_file = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
            rels = sheet_file.replace("worksheets/", "worksheets/_rels/") + ".rels"
            count = 0
            if rels in names:
                for drawing in re.findall(r'Target="\.\./drawings/([^"]+)"', archive.read(rels).decode()):
                    drawing_rels = f"xl/drawings/_rels/{drawing}.rels"
                    if drawing_rels in names:
                        count += len(re.findall(r"charts/chart\d+\.xml", archive.read(drawing_rels).decode()))
            found[name] = count
        return found


def _percent(value: Fraction) -> float:
    return float(value)


# ---------------------------------------------------------------- the figures, to the rupiah

def test_workbook_headline_units_and_jenis_equal_independent_figures(whole, expected):
    book = openpyxl.load_workbook(whole["xlsx"])
    head = sheet_rows(book, "angka_utama", "Tahun anggaran")
    assert len(head) == 1  # the test data set has one fiscal year: no year earlier
    total = expected["total"]
    assert head[0]["Tahun anggaran"] == THANG
    for key, title in (("pagu", "Pagu"), ("blokir", "Blokir"), ("realisasi", "Realisasi")):
        assert type(head[0][title]) is int and head[0][title] == total[key]
    assert head[0]["Realisasi (% pagu)"] == pytest.approx(_percent(total["persen"]), abs=1e-9)
    assert head[0]["Target s.d. bulan (%)"] == pytest.approx(_percent(total["target_persen"]), abs=1e-9)

    units = {r["Unit eselon I"].split()[0]: r for r in sheet_rows(book, "per_unit", "Unit eselon I")}
    assert set(units) == {k[0] for k in expected["per_unit"]}
    for (kdunit,), figures in expected["per_unit"].items():
        assert units[kdunit]["Pagu"] == figures["pagu"] and units[kdunit]["Realisasi"] == figures["realisasi"]
        assert units[kdunit]["Target (%)"] == pytest.approx(_percent(figures["target_persen"]), abs=1e-9)
    kinds = {r["Jenis belanja"].split()[0]: r for r in sheet_rows(book, "per_jenis_belanja", "Jenis belanja")}
    for (jenis,), figures in expected["per_jenis_belanja"].items():
        assert kinds[jenis]["Pagu"] == figures["pagu"] and kinds[jenis]["Realisasi"] == figures["realisasi"]


def test_quarter_target_and_rupiah_needed_follow_the_quarter_end_targets(whole):
    """s.d. Agustus, the quarter's target is September's: its rupiah needed is
    ceil(target% x pagu) - realisasi per jenis belanja mix, from the data set's rows."""
    at_quarter_end = builders.expected_summary(builders.base_dataset(), THANG, 9)
    now = builders.expected_summary(builders.base_dataset(), THANG, BULAN)
    book = openpyxl.load_workbook(whole["xlsx"])
    head = sheet_rows(book, "angka_utama", "Tahun anggaran")[0]
    # the quarter's target % weighs each jenis belanja by the pagu in force at the period (August)
    weights = {k[0]: v["pagu"] for k, v in now["per_jenis_belanja"].items()}
    targets = {k[0]: v["target_persen"] for k, v in at_quarter_end["per_jenis_belanja"].items()}
    target = sum(Fraction(weights[j]) * targets[j] for j in weights) / sum(weights.values())
    assert head["Target akhir TW III (%)"] == pytest.approx(float(target), abs=1e-9)
    goal = -(-sum(Fraction(weights[j]) * targets[j] for j in weights) // 100)  # ceil, in rupiah
    assert head["Kebutuhan s.d. target TW III"] == max(0, goal - now["total"]["realisasi"])


def test_workbook_equals_summary_json(whole, marked, capsys):
    assert cli.main(["summary", "--db", str(marked), "--tahun", str(THANG), "--sampai", f"{THANG}-{BULAN:02d}",
                     "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    book = openpyxl.load_workbook(whole["xlsx"])
    head = sheet_rows(book, "angka_utama", "Tahun anggaran")[0]
    assert (head["Pagu"], head["Blokir"], head["Realisasi"]) == tuple(document["total"][k] for k in
                                                                      ("pagu", "blokir", "realisasi"))
    units = {r["Unit eselon I"].split()[0]: r for r in sheet_rows(book, "per_unit", "Unit eselon I")}
    for entry in document["per_unit"]:
        assert units[entry["kdunit"]]["Realisasi"] == entry["realisasi"]
        assert units[entry["kdunit"]]["Realisasi (% pagu)"] == pytest.approx(entry["persen"], abs=1e-9)


def test_curve_sheet_and_chart_hold_the_cumulative_sp2d_sums(whole):
    data = builders.base_dataset()
    by_month = [0] * 13
    for line, month, amount in builders.realization_entries(data):
        if line["thang"] == THANG:
            by_month[month] += amount
    cumulative = [sum(by_month[1:m + 1]) for m in range(1, BULAN + 1)]

    rows = sheet_rows(openpyxl.load_workbook(whole["xlsx"]), "kurva_kumulatif", "Bulan")
    assert [r["Bulan"] for r in rows] == MONTHS
    assert [r["Realisasi kumulatif"] for r in rows[:BULAN]] == cumulative
    assert all(r["Realisasi kumulatif"] is None for r in rows[BULAN:])  # no figures after the period

    (curve,) = charts(whole["pptx"])["Realisasi kumulatif vs RPD dan target triwulan"]
    series = {s.name: s.values for s in curve.plots[0].series}
    assert list(curve.plots[0].categories) == MONTHS
    assert list(series["Realisasi kumulatif"][:BULAN]) == cumulative  # the chart's own data, in rupiah
    assert list(series["Realisasi kumulatif"][BULAN:]) == [None] * (12 - BULAN)


def test_pdf_holds_the_headline_figures_and_the_sample_marking_on_every_page(whole, expected):
    pages = pdf_pages(whole["pdf"])
    assert len(pages) >= 9
    assert all(SAMPLE_ID in page for page in pages)
    text = "\n".join(pages)
    total = expected["total"]
    for figure in (fmt.rupiah(total["pagu"]), fmt.rupiah(total["realisasi"]), fmt.rupiah(total["blokir"]),
                   fmt.percent(float(total["persen"])), fmt.rupiah_short(total["pagu"])):
        assert figure in text, figure
    for (kdunit,), figures in expected["per_unit"].items():
        assert fmt.rupiah(figures["realisasi"]) in text


def test_deck_marks_every_slide_and_shows_the_headline(whole, expected):
    texts = slide_texts(whole["pptx"])
    assert all(SAMPLE_ID in t for t in texts)
    total = expected["total"]
    headline = next(t for t in texts if "Angka utama" in t)
    for figure in (fmt.rupiah(total["pagu"]), fmt.rupiah(total["realisasi"]), fmt.percent(float(total["persen"]))):
        assert figure in headline
    deck = Presentation(whole["pptx"])
    assert deck.slide_width * 9 == deck.slide_height * 16
    titles = [t.split("\n")[0] for t in texts]
    assert "Unit 01 Sekretariat Jenderal" in titles and "Unit 05 Ditjen Perlindungan dan Jaminan Sosial" in titles


def test_charts_are_native_chart_objects_never_pictures(whole):
    deck = Presentation(whole["pptx"])
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert not pictures
    found = charts(whole["pptx"])
    assert set(found) == {"Realisasi kumulatif vs RPD dan target triwulan", "Realisasi per unit eselon I vs target",
                          "Realisasi per jenis belanja vs target", "Nilai IKPA per unit eselon I",
                          "Unit 01 Sekretariat Jenderal", "Unit 05 Ditjen Perlindungan dan Jaminan Sosial"}
    (units,) = found["Realisasi per unit eselon I vs target"]
    series = {s.name: list(s.values) for s in units.plots[0].series}
    rows = sheet_rows(openpyxl.load_workbook(whole["xlsx"]), "per_unit", "Unit eselon I")
    assert series["Realisasi (% pagu)"] == pytest.approx([r["Realisasi (% pagu)"] for r in rows])
    # the workbook: a native Excel chart on each sheet whose deck slide has one, none elsewhere
    with_charts = {name for name, count in chart_sheets(whole["xlsx"]).items() if count}
    assert with_charts == {"kurva_kumulatif", "per_unit", "per_jenis_belanja", "ikpa_per_unit", "unit_01_ppk",
                           "unit_05_ppk"}


def test_workbook_has_numbers_not_formulas_and_codes_as_text(whole):
    book = openpyxl.load_workbook(whole["xlsx"])
    for ws in book.worksheets:
        assert ws["A1"].value.startswith(SAMPLE_ID), ws.title
        assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"], ws.title
    behind = sheet_rows(book, "unit_05_satker", "Satker")
    assert {r["Satker"] for r in behind} == {S2, S3}  # leading zeros kept: text, not numbers
    assert all(type(r["Pagu"]) is int for r in behind)


def test_ikpa_and_attention_sheets_follow_the_ikpa_page(whole, marked):
    from monev.views import ikpa_page

    shown = ikpa_page.shown(db.engine(marked), PERIOD, scope=EVERYTHING, lang="id")
    book = openpyxl.load_workbook(whole["xlsx"])
    scores = {r["Unit eselon I"].split()[0]: r["Nilai IKPA"] for r in sheet_rows(book, "ikpa_per_unit", "Unit eselon I")}
    for row in shown["sekarang"]["per_unit"].itertuples():
        assert scores[row.kdunit] == pytest.approx(row.nilai)
    attention = sheet_rows(book, "perlu_perhatian", "Tingkat")
    assert [(r["Satker"], r["PPK"] or "", r["Alasan"]) for r in attention] == [
        (r.kdsatker, r.kdppk, r.alasan) for r in shown["perhatian"].itertuples()]


# ---------------------------------------------------------------- scope

def test_a_pack_of_one_unit_holds_nothing_of_the_others(unit_05, expected):
    everything = ["\n".join(slide_texts(unit_05["pptx"])), xlsx_texts(unit_05["xlsx"]),
                  "\n".join(pdf_pages(unit_05["pdf"]))]
    for name, text in zip(("pptx", "xlsx", "pdf"), everything):
        for forbidden in UNIT_01:
            assert forbidden not in text, (name, forbidden)
        assert "Direktorat Jaminan Sosial" in text  # and it does hold its own
    book = openpyxl.load_workbook(unit_05["xlsx"])
    head = sheet_rows(book, "angka_utama", "Tahun anggaran")[0]
    own = expected["per_unit"][("05",)]
    assert (head["Pagu"], head["Realisasi"]) == (own["pagu"], own["realisasi"])
    assert unit_05["pptx"].name == f"bahan_rakor_{THANG}_{BULAN:02d}_unit_05.pptx"


def test_scope_passed_to_the_builder_is_kept(marked):
    """The page passes the viewer's scope: a scope of satker S2 alone leaves S3 (same unit) out."""
    files = pack.build(db.engine(marked), PERIOD, scope=Scope(satkers=(S2,)))
    text = xlsx_texts(io.BytesIO(files.xlsx))
    assert S2 in text and S3 not in text and "Dinas Sosial Provinsi Jawa Barat" not in text


# ---------------------------------------------------------------- language, hostile text, CLI, page

def test_english_pack_uses_english_texts_and_formats(marked, tmp_path, expected):
    files = _files(marked, tmp_path, "--lang", "en")
    text = "\n".join(pdf_pages(files["pdf"]))
    total = expected["total"]
    assert "SAMPLE DATA" in text and "Headline" in text
    assert fmt.rupiah(total["pagu"], "en") in text and "," in fmt.rupiah(total["pagu"], "en")
    assert files["pptx"].name.endswith("_en.pptx")


def test_names_from_loaded_files_stay_text(tmp_path):
    hostile = ['=HYPERLINK("http://contoh.invalid","klik")', "<b>tebal</b> & <i>", "+62 21", "0012"]
    import pandas as pd

    table = Table("nama", "Nama", pd.DataFrame({"nama": hostile, "pagu": [1, 2, 3, 4]}),
                  (Column("nama", "Nama"), Column("pagu", "Pagu", "rupiah")))
    files = pack.render(Pack(PERIOD, "id", False, "uji", __import__("datetime").datetime(2024, 1, 1),
                             [Slide("Judul", kind="title"), Slide("Nama", [table])]))
    ws = openpyxl.load_workbook(io.BytesIO(files.xlsx))["nama"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in hostile]
    assert len(cells) == 4 and all(c.data_type == "s" for c in cells)
    (tmp_path / "p.pdf").write_bytes(files.pdf)
    pdf_text = "\n".join(pdf_pages(tmp_path / "p.pdf"))
    assert "<b>tebal</b> & <i>" in pdf_text  # shown as written, not read as markup
    assert any("<b>tebal</b> & <i>" in t for t in slide_texts(io.BytesIO(files.pptx)))


def test_cli_refuses_a_year_without_budget(marked, tmp_path, capsys):
    code = cli.main(["rakor", "--db", str(marked), "--tahun", str(THANG - 1), "--sampai", f"{THANG - 1}-08",
                     "--out", str(tmp_path / "x")])
    assert code == 2
    assert f"tidak berisi anggaran untuk TA {THANG - 1}" in capsys.readouterr().err and not (tmp_path / "x").exists()


def test_cli_refuses_an_unknown_unit(marked, tmp_path, capsys):
    code = cli.main(["rakor", "--db", str(marked), "--tahun", str(THANG), "--sampai", f"{THANG}-08", "--unit", "99",
                     "--out", str(tmp_path / "x")])
    assert code == 2
    assert "Unit eselon I tidak dikenal" in capsys.readouterr().err and not (tmp_path / "x").exists()


def test_page_builds_the_three_files(marked, monkeypatch):
    at = open_page(monkeypatch, marked, "pages/rakor.py", tahun=str(THANG), sampai=str(BULAN))
    assert not at.exception
    at.button(key="rakor_buat").click().run()
    assert not at.exception and not at.error
    buttons = at.get("download_button")
    assert len(buttons) == 3


def test_a_long_table_shows_its_first_rows_in_the_deck_and_every_row_in_the_workbook(tmp_path):
    import datetime

    import pandas as pd

    from monev.pack.content import _limited

    frame = pd.DataFrame({"unit": [f"{i:02d} Unit {i}" for i in range(1, 31)], "persen": [float(i) for i in range(30)]})
    table = _limited(Table("per_unit", "Realisasi per unit", frame, (Column("unit", "Unit"), Column("persen", "Persen", "percent")),
                           chart=pack.model.Chart("bar", "unit", ("persen",), "percent")), 12, "id")
    files = pack.render(Pack(PERIOD, "id", False, "uji", datetime.datetime(2024, 1, 1),
                             [Slide("Judul", kind="title"), Slide("Unit", [table])]))
    slide = Presentation(io.BytesIO(files.pptx)).slides[1]
    (grid,) = [s.table for s in slide.shapes if s.has_table]
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    assert len(grid.rows) == 13 and len(list(chart.plots[0].categories)) == 12
    assert "12 teratas dari 30" in "\n".join(slide_texts(io.BytesIO(files.pptx)))
    rows = sheet_rows(openpyxl.load_workbook(io.BytesIO(files.xlsx)), "per_unit", "Unit")
    assert [r["Persen"] for r in rows] == [float(i) for i in range(30)]
    (tmp_path / "p.pdf").write_bytes(files.pdf)
    text = "\n".join(pdf_pages(tmp_path / "p.pdf"))
    assert "12 Unit 12" in text and "13 Unit 13" not in text


def test_page_says_what_failed_without_a_traceback(marked, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(pack, "build", broken)
    st.cache_data.clear()  # a pack cached by another test of this warehouse would not fail
    at = open_page(monkeypatch, marked, "pages/rakor.py", tahun=str(THANG), sampai=str(BULAN))
    at.button(key="rakor_buat").click().run()
    assert not at.exception and not at.get("download_button")
    (message,) = [e.value for e in at.error]
    assert message.startswith("Bahan Rakor tidak dapat dibuat (kode ") and "rahasia" not in message


def test_page_starts_from_the_sidebar_units_and_builds_their_pack(marked, monkeypatch):
    at = open_page(monkeypatch, marked, "pages/rakor.py", tahun=str(THANG), sampai=str(BULAN), unit="05")
    assert at.multiselect(key="rakor_unit").value == ["05"]
    at.button(key="rakor_buat").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh deck PowerPoint", "Unduh buku kerja Excel", "Unduh PDF"]
    files = at.session_state["rakor_berkas"][1]
    assert files.name.endswith("_unit_05") and "Biro Keuangan" not in xlsx_texts(io.BytesIO(files.xlsx))


def test_a_pack_of_one_ppk_holds_its_lines_and_no_satker_level_measures(marked, expected):
    """A PPK-only scope (docs/security.md): his lines' figures; IKPA and the needs-attention list,
    kept per satker, are left out and the title slide says whose lines the pack covers."""
    own = expected["per_ppk"][("01", S1, "01")]
    files = pack.build(db.engine(marked), PERIOD, scope=Scope(ppks=((S1, "01"),)))
    head = sheet_rows(openpyxl.load_workbook(io.BytesIO(files.xlsx)), "angka_utama", "Tahun anggaran")[0]
    assert (head["Pagu"], head["Realisasi"]) == (own["pagu"], own["realisasi"])
    texts = slide_texts(io.BytesIO(files.pptx))
    assert f"satker {S1} PPK 01" in texts[0]
    titles = [t.split("\n")[0] for t in texts]
    assert "Nilai IKPA per unit eselon I" not in titles and "Satker dan PPK perlu perhatian" not in titles
    assert S2 not in "\n".join(texts) and S3 not in "\n".join(texts)


@pytest.mark.parametrize("scope, outside", [
    (Scope(units=("05",)), [S1, "Biro Keuangan", "Sekretariat Jenderal", "Ani"]),  # an echelon I official
    (Scope(satkers=(S3,)), [S1, S2, "Biro Keuangan", "Direktorat Jaminan Sosial", "Dedi", "Sekretariat Jenderal"]),
])
def test_the_page_builds_the_viewers_pack_within_the_scope_sign_in_gives(marked, monkeypatch, tmp_path, scope,
                                                                        outside):
    """The page as a signed-in viewer opens it (tests/scoped_app.py: app.py's run with the scope
    sign-in gives): the units offered and every file of the pack stay within the scope."""
    from dataclasses import asdict

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("MONEV_DB", str(marked))
    monkeypatch.setenv("MONEV_TEST_SCOPE", json.dumps(asdict(scope)))
    monkeypatch.setenv("MONEV_TEST_PAGE", "pages/rakor.py")
    at = AppTest.from_file(str(Path(__file__).resolve().parent / "scoped_app.py"), default_timeout=120)
    at.query_params.update(tahun=str(THANG), sampai=str(BULAN))
    at.run()
    assert at.multiselect(key="rakor_unit").options == ["05 Ditjen Perlindungan dan Jaminan Sosial"]
    at.button(key="rakor_buat").click().run()
    assert not at.exception
    files = at.session_state["rakor_berkas"][1]
    pdf_path = tmp_path / "bahan.pdf"
    pdf_path.write_bytes(files.pdf)
    texts = {"pptx": "\n".join(slide_texts(io.BytesIO(files.pptx))), "xlsx": xlsx_texts(io.BytesIO(files.xlsx)),
             "pdf": "\n".join(pdf_pages(pdf_path))}
    for name, text in texts.items():
        for word in outside:
            assert not re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text), (name, word)
        assert "Dinas Sosial Provinsi Jawa Barat" in text, name


def test_a_scope_without_figures_still_gives_the_three_files(marked, tmp_path):
    """A viewer whose scope matches nothing loaded (a new satker, say) gets a pack of zeros and
    empty tables, not an error (python-pptx refuses a chart without categories)."""
    files = pack.build(db.engine(marked), PERIOD, scope=Scope(satkers=("999999",)))
    assert not [s for slide in Presentation(io.BytesIO(files.pptx)).slides for s in slide.shapes
                if s.has_chart and not list(s.chart.plots[0].categories)]
    head = sheet_rows(openpyxl.load_workbook(io.BytesIO(files.xlsx)), "angka_utama", "Tahun anggaran")[0]
    assert (head["Pagu"], head["Realisasi"]) == (0, 0)
    (tmp_path / "p.pdf").write_bytes(files.pdf)
    assert "Rp 0" in "\n".join(pdf_pages(tmp_path / "p.pdf"))
