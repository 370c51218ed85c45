"""Edges of the import path: messages that name what is wrong, spreadsheet blank rows, and a
warehouse that refuses to open."""
from __future__ import annotations

import openpyxl
import pytest
import sqlalchemy as sa

from monev.warehouse import db
from monev.warehouse.ingest import ingest_files

import builders as b


def test_a_file_missing_one_column_is_told_which(shared_warehouse, tmp_path):
    columns = [c for c in b.COLUMNS["pagu"] if c != "blokir"]
    path = b.write_csv(tmp_path / "pagu.csv", [{c: "x" for c in columns}], columns)
    [result] = ingest_files(shared_warehouse, [path])
    assert result.status == "ditolak"
    assert "'pagu'" in result.message and "blokir" in result.message


def test_unknown_kind_is_reported_even_for_a_file_loaded_before(warehouse, tmp_path, data):
    path = b.write_kind(tmp_path, "akun", data.rows["akun"])
    assert ingest_files(warehouse, [path])[0].status in ("dimuat", "sudah_dimuat")
    [result] = ingest_files(warehouse, [path], kind="bukan_jenis")
    assert result.status == "ditolak" and "bukan_jenis" in result.message


def test_blank_spreadsheet_rows_are_skipped_and_rows_keep_their_sheet_numbers(shared_warehouse, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(b.COLUMNS["rpd"])
    sheet.append([2024, "001001", "51", 1, 5, "2024-01-10"])
    sheet.append([None] * 6)
    sheet.append([2024, "001001", "51", 13, 5, "2024-01-10"])  # sheet row 4
    path = tmp_path / "rpd.xlsx"
    book.save(path)
    before = b.snapshot(shared_warehouse)
    [result] = ingest_files(shared_warehouse, [path])
    assert result.status == "ditolak"
    assert [(p["baris"], p["kolom"]) for p in result.problems.to_dict("records")] == [(4, "bulan")]
    assert b.snapshot(shared_warehouse) == before


def test_a_refused_warehouse_is_left_closed(tmp_path):
    path = tmp_path / "baru.duckdb"
    with db.writing(path) as draft, draft.engine.begin() as conn:
        conn.execute(sa.text("update warehouse_info set value = '999' where key = 'schema_version'"))
    with pytest.raises(RuntimeError, match="lebih baru"):
        db.engine(path)
    import duckdb

    duckdb.connect(str(path), read_only=True).close()  # would fail if the refused engine held it
