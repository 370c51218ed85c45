"""A corpus of bad (and awkward but valid) files as they come from real spreadsheets and exports.

Each file is written by the test into tmp_path. A bad file is rejected with an Indonesian reason
saying what and where, and the warehouse is left exactly as it was (builders.snapshot). Cases
already covered elsewhere are not repeated here: UTF-16 (with and without BOM), empty files,
header-only files, missing columns, unreadable XLSX in tests/test_validation.py::test_unreadable_files;
duplicate keys, unknown codes, negative pagu, dates outside the fiscal year, cents, in
tests/test_validation.py::RULE_CASES.
"""
from __future__ import annotations

import zipfile

import openpyxl
import pandas as pd
import pytest

from monev.ui.download import excel_bytes
from monev.warehouse.ingest import ingest_files, safe_file_name

import builders as b

LOKASI_HEADER = "thang,kdlokasi,nmlokasi\n"


def rejected(db_path, path, **kw):
    before = b.snapshot(db_path)
    [result] = ingest_files(db_path, [path], **kw)
    assert result.status == "ditolak", (result.message, result.problems)
    assert b.snapshot(db_path) == before
    return result


def loaded(db_path, path, **kw):
    [result] = ingest_files(db_path, [path], **kw)
    assert result.status == "dimuat", (result.message, result.problems.to_dict("records"))
    return result


def problems(result) -> list[tuple]:
    return [(p["baris"], p["kolom"], p["nilai"], p["alasan"]) for p in result.problems.to_dict("records")]


# ------------------------------------------------------------------ encodings and delimiters

def test_windows_1252_row_is_named_with_its_row(shared_warehouse, tmp_path):
    path = tmp_path / "lokasi.csv"
    path.write_bytes((LOKASI_HEADER + "2024,33,Jawa Tengah\n2024,34,Daerah Istimewa – Yogyakarta\n")
                     .encode("cp1252"))
    result = rejected(shared_warehouse, path)
    assert "bukan UTF-8 (baris 3, bita ke-" in result.message and "0x96" in result.message
    assert "CSV UTF-8" in result.message


def test_mixed_encodings_point_at_the_first_non_utf8_row(shared_warehouse, tmp_path):
    path = tmp_path / "lokasi.csv"
    path.write_bytes(LOKASI_HEADER.encode() + "2024,33,Jawa Tengah é\n".encode()
                     + "2024,34,Yogyakartá\n".encode("cp1252") + b"2024,35,Jawa Timur\n")
    result = rejected(shared_warehouse, path)
    assert "baris 3" in result.message and "UTF-8" in result.message


def test_tab_delimited_file_loads(warehouse, tmp_path, data):
    rows = [dict(r, rpd=r["rpd"] + 1, tgl_update="2024-02-01") for r in data.rows["rpd"][:3]]
    path = b.write_csv(tmp_path / "rpd.csv", rows, b.COLUMNS["rpd"], sep="\t", money="dots")
    result = loaded(warehouse, path)
    assert result.kind == "rpd" and result.rows == 3
    assert b.scalar(warehouse, "select sum(rpd) from fact_rpd where tgl_update = '2024-02-01'") == sum(
        r["rpd"] for r in rows)


# ------------------------------------------------------------------ amounts and dates

def test_indonesian_and_english_numbers_mixed_in_one_column(shared_warehouse, tmp_path, data):
    rows = [dict(r) for r in data.rows["pagu"][:4]]
    texts = ["1.200.000.000", "1500000000", "1,234,567", "400.000.000,00"]
    for row, text in zip(rows, texts):
        row["pagu"] = text
    path = b.write_csv(tmp_path / "pagu.csv", rows, b.COLUMNS["pagu"])
    result = rejected(shared_warehouse, path)
    [(row, column, value, reason)] = problems(result)
    assert (row, column, value) == (4, "pagu", "1,234,567")
    assert "bukan angka rupiah" in reason and "format Inggris" in reason and "1.234.567" in reason


def test_amounts_with_rp_are_rejected_per_row(shared_warehouse, tmp_path, data):
    rows = [dict(r) for r in data.rows["realisasi"][:3]]
    rows[0]["nilai"], rows[2]["nilai"] = "Rp 100.000.000", "Rp. 60.000.000,00"
    result = rejected(shared_warehouse, b.write_csv(tmp_path / "realisasi.csv", rows, b.COLUMNS["realisasi"]))
    found = problems(result)
    assert [(r, c) for r, c, _, _ in found] == [(2, "nilai"), (4, "nilai")]
    assert all("tanpa 'Rp'" in reason for *_, reason in found)


def test_excel_serial_date_in_a_csv(shared_warehouse, tmp_path, data):
    rows = [dict(r) for r in data.rows["realisasi"][:2]]
    rows[1]["tgl_sp2d"] = "45291"
    result = rejected(shared_warehouse, b.write_csv(tmp_path / "realisasi.csv", rows, b.COLUMNS["realisasi"]))
    [(row, column, value, reason)] = problems(result)
    assert (row, column, value) == (3, "tgl_sp2d", "45291")
    assert "nomor seri Excel (45291 = 2023-12-31)" in reason and "TTTT-BB-HH" in reason


def test_xlsx_date_cells_stored_as_numbers(shared_warehouse, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(b.COLUMNS["revisi"])
    sheet.append([2024, "001001", "7", "2024-05-02", "201"])
    sheet.append([2024, "001001", "8", 45444, "201"])  # a number, not a date-formatted cell
    path = tmp_path / "revisi.xlsx"
    book.save(path)
    result = rejected(shared_warehouse, path)
    [(row, column, value, reason)] = problems(result)
    assert (row, column, value) == (3, "tgl_revisi", "45444")
    assert "nomor seri Excel (45444 = 2024-06-01)" in reason and "TTTT-BB-HH" in reason


# ------------------------------------------------------------------ headers

def test_title_row_above_the_header_in_a_csv(shared_warehouse, tmp_path):
    """Choice (docs/import-formats.md): title rows are not skipped silently, the file is refused
    saying where the header is, so reported row numbers always match the file."""
    path = tmp_path / "lokasi.csv"
    path.write_text("Referensi Lokasi TA 2024,,\n" + LOKASI_HEADER + "2024,33,Jawa Tengah\n", encoding="utf-8")
    result = rejected(shared_warehouse, path)
    assert result.message.startswith("Baris judul tidak ditemukan di baris 1: baris 1 berisi "
                                     "'Referensi Lokasi TA 2024'")
    assert "ada di baris 2" in result.message and "hapus 1 baris" in result.message


def test_merged_multi_row_header_exported_from_a_spreadsheet(shared_warehouse, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["LAPORAN REVISI DIPA"])
    sheet.merge_cells("A1:E1")
    sheet.append(["Satker", None, "Revisi", None, None])
    sheet.merge_cells("A2:B2")
    sheet.append(b.COLUMNS["revisi"])
    sheet.append([2024, "001001", "7", "2024-05-02", "201"])
    path = tmp_path / "revisi.xlsx"
    book.save(path)
    result = rejected(shared_warehouse, path)
    assert "Baris judul tidak ditemukan di baris 1: baris 1 berisi 'LAPORAN REVISI DIPA'" in result.message
    assert "ada di baris 3" in result.message and "hapus 2 baris" in result.message


def test_extra_columns_are_ignored_and_named(warehouse, tmp_path):
    path = tmp_path / "lokasi.csv"
    path.write_text("thang,kdlokasi,nmlokasi,catatan,\n2024,33,Jawa Tengah,baru,\n", encoding="utf-8")
    result = loaded(warehouse, path)
    assert "Kolom diabaikan: catatan" in result.message
    assert b.scalar(warehouse, "select nmlokasi from dim_lokasi where kdlokasi = '33'") == "Jawa Tengah"


# ------------------------------------------------------------------ cell contents

FORMULA = '=HYPERLINK("http://x","klik")'


def test_formula_in_a_csv_loads_as_text_and_exports_as_a_string_cell(warehouse, tmp_path):
    path = tmp_path / "lokasi.csv"
    path.write_text(LOKASI_HEADER + '2024,33,"=HYPERLINK(""http://x"",""klik"")"\n', encoding="utf-8")
    loaded(warehouse, path)
    stored = b.scalar(warehouse, "select nmlokasi from dim_lokasi where kdlokasi = '33'")
    assert stored == FORMULA
    frame = pd.DataFrame({"kdlokasi": ["33"], "nmlokasi": [stored]})
    out = tmp_path / "ekspor.xlsx"
    out.write_bytes(excel_bytes(frame))
    cell = openpyxl.load_workbook(out).active["B2"]
    assert (cell.data_type, cell.value) == ("s", FORMULA)  # a string cell, not a formula


def test_formula_cell_in_an_xlsx_loads_its_cached_value_never_the_formula(warehouse, tmp_path):
    import xlsxwriter

    path = tmp_path / "lokasi.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["thang", "kdlokasi", "nmlokasi"])
    sheet.write_number(1, 0, 2024)
    sheet.write_string(1, 1, "33")
    sheet.write_formula(1, 2, FORMULA, None, "klik")
    book.close()
    loaded(warehouse, path)
    assert b.scalar(warehouse, "select nmlokasi from dim_lokasi where kdlokasi = '33'") == "klik"


def test_very_long_text_is_rejected_per_row(shared_warehouse, tmp_path):
    path = tmp_path / "lokasi.csv"
    path.write_text(LOKASI_HEADER + "2024,33,Jawa Tengah\n2024,34," + "x" * 300 + "\n", encoding="utf-8")
    [(row, column, value, reason)] = problems(rejected(shared_warehouse, path))
    assert (row, column, len(value)) == (3, "nmlokasi", 100)  # the value shown is cut to 100
    assert reason == "teks lebih dari 255 karakter"


# ------------------------------------------------------------------ sizes

def test_file_larger_than_the_limit_is_refused_before_reading(shared_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEV_MAX_FILE_MB", "1")
    path = tmp_path / "akun.csv"
    body = "".join(f"{510000 + i % 90000:06d},Belanja nomor {i}\n" for i in range(120_000))
    path.write_text("kdakun,nmakun\n" + body, encoding="utf-8")
    assert path.stat().st_size > 2 * 2**20
    result = rejected(shared_warehouse, path)
    assert "Berkas terlalu besar" in result.message and "batasnya 1 MB (MONEV_MAX_FILE_MB)" in result.message


def test_xlsx_that_unpacks_to_too_much_is_refused_before_opening(shared_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEV_MAX_XLSX_MB", "5")
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + " " * (20 * 2**20) + "</sheetData>")
    assert path.stat().st_size < 200_000  # 20 MB of XML in a small archive
    result = rejected(shared_warehouse, path)
    assert "Isi XLSX terlalu besar setelah dibuka" in result.message and "MONEV_MAX_XLSX_MB" in result.message


# ------------------------------------------------------------------ file names

@pytest.mark.parametrize("name, stored", [
    ("a\nb.csv", "ab.csv"),
    ("..\\..\\etc\\passwd.csv", "passwd.csv"),
    ("lokasi\x00\x1b[31m.csv", "lokasi[31m.csv"),
])
def test_file_names_are_stored_as_a_sanitised_base_name(warehouse, tmp_path, name, stored):
    if "\x00" in name:  # no file system takes NUL: check the function alone
        assert safe_file_name(name) == stored
        return
    path = tmp_path / name
    path.write_text(LOKASI_HEADER + f"2024,3{len(name) % 10},Provinsi uji\n", encoding="utf-8")
    result = loaded(warehouse, path)
    assert result.file_name == stored
    assert b.scalar(warehouse, "select file_name from load_batch where batch_id = :b", b=result.batch_id) == stored


def test_safe_file_name_drops_folders_and_dots():
    assert safe_file_name("../../etc/passwd.csv") == "passwd.csv"
    assert safe_file_name("C:\\Users\\ani\\pagu 2024.xlsx") == "pagu 2024.xlsx"
    assert safe_file_name("..") == "berkas"
