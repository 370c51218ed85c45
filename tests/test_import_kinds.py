"""Every import kind loads, from CSV (comma, semicolon, with and without BOM) and XLSX, and the
warehouse then holds exactly the rows of the files."""
from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest

import builders as b
from builders import L2, L3, L8, L9, S1, THANG
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files

STYLES = ["csv", "csv_dots", "csv_semicolon_bom", "csv_semicolon", "xlsx"]

# Where each kind lands: the current view and its columns in file order (the loaded provinces:
# the dim_lokasi view adds the built-in lists of the years without any).
VIEWS = {
    "lokasi": "dim_lokasi_hist", "unit": "dim_unit", "satker": "dim_satker", "program": "dim_program",
    "kegiatan": "dim_kegiatan", "ro": "dim_ro", "akun": "dim_akun", "pejabat": "dim_pejabat",
    "target": "ref_target", "pagu": "fact_pagu", "rpd": "fact_rpd", "capaian": "fact_capaian",
    "revisi": "fact_revisi",
}


def _norm(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, float)):
        return Decimal(str(value)).normalize()
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return Decimal(text).normalize() if "." in text else text
    except ArithmeticError:
        return text


def _input_rows(rows, columns):
    out = []
    for row in rows:
        values = []
        for c in columns:
            value = row[c]
            if c in b.DECIMALS:
                value = Decimal(str(value)).normalize()
            elif c in b.INTEGERS:
                value = int(value)
            values.append(value)
        out.append(tuple(values))
    return sorted(out, key=repr)


def _db_rows(db_path, view, columns):
    found = b.rows(db_path, f"select {', '.join(columns)} from {view}")
    return sorted((tuple(_norm(v) if c not in ("kdppk", "nip", "no_revisi") else v
                         for c, v in zip(columns, r)) for r in found), key=repr)


def _expected_realisasi(data):
    """(line..., tgl_sp2d, no_sp2d, nilai) of both shapes as the warehouse should hold them."""
    out = []
    for row in data.rows["realisasi"]:
        out.append(tuple(row[c] for c in b.LINE) + (row["tgl_sp2d"], row["no_sp2d"], row["nilai"]))
    for line, month, amount in b.realization_entries(data):
        if "no_sp2d" in line:
            continue
        out.append(tuple(line[c] for c in b.LINE) + (b.month_end(line["thang"], month).isoformat(), "", amount))
    return sorted(out, key=repr)


@pytest.mark.parametrize("style", STYLES)
def test_every_kind_loads_in_every_format(style, tmp_path, data):
    db_path = tmp_path / "gudang.duckdb"
    paths = b.write_dataset(tmp_path / "berkas", data, style)
    try:
        # facts listed before their reference data: one call still loads everything
        results = ingest_files(db_path, list(reversed(paths.values())), loaded_by="penguji")
        by_file = {r.file_name: r for r in results}
        for name, path in paths.items():
            result = by_file[path.name]
            assert result.status == "dimuat", (name, result.message, result.problems.to_dict("records"))
            assert result.kind == b.kind_of(name)
            assert result.rows == len(data.rows[name])

        for kind, view in VIEWS.items():
            columns = b.COLUMNS[kind]
            assert _db_rows(db_path, view, columns) == _input_rows(data.rows[kind], columns), kind

        realisasi = b.rows(db_path, "select " + ", ".join(b.LINE) + ", tgl_sp2d, no_sp2d, nilai from fact_realisasi")
        got = sorted(((*r[:-3], r[-3].isoformat(), r[-2], r[-1]) for r in realisasi), key=repr)
        assert got == _expected_realisasi(data)

        # every accepted file is recorded with its name, hash, kind, row count and loader
        batches = b.rows(db_path, "select file_name, sha256, kind, row_count, loaded_by, loaded_at from load_batch")
        assert len(batches) == len(paths)
        recorded = {r[0]: r for r in batches}
        for name, path in paths.items():
            file_name, sha, kind, row_count, loaded_by, loaded_at = recorded[path.name]
            assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
            assert kind == b.kind_of(name)
            assert row_count == len(data.rows[name])
            assert loaded_by == "penguji"
            assert loaded_at is not None
    finally:
        db.dispose(db_path)


def test_codes_keep_leading_zeros(shared_warehouse):
    assert b.rows(shared_warehouse, "select kdsatker, kdunit from dim_satker where kdsatker = '001001'") == [
        ("001001", "01")]
    assert b.rows(shared_warehouse, "select distinct kdppk from fact_pagu where kdsatker = '001001' order by 1") == [
        ("01",), ("02",)]
    assert b.scalar(shared_warehouse, "select nip from dim_pejabat where nama = 'Budi'") == "098001012005011002"
    assert b.scalar(shared_warehouse, "select count(*) from dim_kegiatan where kdgiat = '0123'") == 1


def test_xlsx_with_leading_zero_codes_as_text_and_dates_as_cells(empty_warehouse, files, data):
    """Written with xlsxwriter as a spreadsheet program would: real date cells, numeric amounts."""
    import xlsxwriter

    for name in b.REFERENCE_KINDS:
        b.write_kind(files, name, data.rows[name])
    ingest_files(empty_warehouse, sorted(files.glob("*.csv")))
    path = files / "pagu_excel.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Pagu")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    columns = [c.upper() for c in b.COLUMNS["pagu"]]
    sheet.write_row(0, 0, columns)
    for r, row in enumerate(data.rows["pagu"], start=1):
        for c, name in enumerate(b.COLUMNS["pagu"]):
            value = row[name]
            if name == "tgl_revisi":
                sheet.write_datetime(r, c, date.fromisoformat(value), date_format)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    book.add_worksheet("Lain").write_row(0, 0, ["bukan", "data"])
    book.close()
    [result] = ingest_files(empty_warehouse, [path])
    assert result.status == "dimuat", result.problems.to_dict("records")
    got = b.rows(empty_warehouse, "select kdsatker, kdppk, pagu, blokir, revisi_ke, tgl_revisi::varchar from fact_pagu")
    want = [(r["kdsatker"], r["kdppk"], r["pagu"], r["blokir"], r["revisi_ke"], r["tgl_revisi"])
            for r in data.rows["pagu"]]
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize("text", ["1234567", "1.234.567", "1.234.567,00", "1.234.567,0", "  1234567  "])
@pytest.mark.parametrize("sep", [",", ";"])
def test_amount_forms(text, sep, warehouse, files):
    row = b._pagu(L2, 0, 0, 7, "2024-10-01")
    header = b.COLUMNS["pagu"]
    values = [str(row[c]) for c in header]
    values[header.index("pagu")] = text
    quoted = [f'"{v}"' if sep in v else v for v in values]
    path = files / "pagu.csv"
    path.write_text(sep.join(header) + "\n" + sep.join(quoted) + "\n", encoding="utf-8")
    [result] = ingest_files(warehouse, [path])
    assert result.status == "dimuat", result.problems.to_dict("records")
    assert b.scalar(warehouse, "select pagu from fact_pagu where revisi_ke = 7") == 1_234_567


def test_header_names_are_case_insensitive_and_trimmed(warehouse, files, data):
    path = b.write_kind(files, "revisi", [dict(thang=THANG, kdsatker=S1, no_revisi="3",
                                               tgl_revisi="2024-09-01", kode_jenis="212")],
                        header_case=lambda c: f" {c.upper()} ")
    [result] = ingest_files(warehouse, [path])
    assert result.status == "dimuat", result.message
    assert result.kind == "revisi"
    assert b.rows(warehouse, "select kode_jenis from fact_revisi where no_revisi = '3'") == [("212",)]


def test_extra_columns_are_ignored_and_named(warehouse, files):
    row = dict(thang=THANG, kdsatker=S1, no_revisi="4", tgl_revisi="2024-09-02", kode_jenis="213",
               keterangan="catatan bebas")
    path = b.write_csv(files / "revisi.csv", [row])
    [result] = ingest_files(warehouse, [path])
    assert result.status == "dimuat"
    assert "keterangan" in result.message


def test_wide_realisasi_without_kdppk_takes_the_ppk_from_the_pagu(shared_warehouse, data):
    for line, expected_ppk in ((L8, "01"), (L9, "01")):
        got = b.rows(shared_warehouse,
                     "select distinct kdppk from fact_realisasi where kdsatker = :s and kdakun = :a",
                     s=line["kdsatker"], a=line["kdakun"])
        assert got == [(expected_ppk,)]
    l9_months = [m for m in range(1, 13) if next(r for r in data.rows["realisasi_tanpa_ppk"]
                                                 if r["kdakun"] == L9["kdakun"])[f"real{m}"]]
    got_months = b.rows(shared_warehouse, "select month(tgl_sp2d) from fact_realisasi where kdsatker = :s and "
                        "kdakun = :a order by 1", s=L9["kdsatker"], a=L9["kdakun"])
    assert [m for (m,) in got_months] == l9_months


def test_kind_realisasi_accepts_both_shapes(warehouse, files):
    long_row = b._sp2d(L2, "2024-09-09", "2409009", 1_000)
    wide_row = b._wide(L3, [0] * 8 + [2_000] + [0] * 3)
    long_path = b.write_kind(files, "realisasi", [long_row])
    wide_path = b.write_kind(files, "realisasi_bulanan", [wide_row])
    results = ingest_files(warehouse, [long_path, wide_path], kind="realisasi")
    assert [(r.status, r.kind) for r in results] == [("dimuat", "realisasi"), ("dimuat", "realisasi_bulanan")]
    assert b.scalar(warehouse, "select nilai from fact_realisasi where no_sp2d = '2409009'") == 1_000
    assert b.scalar(warehouse, "select nilai from fact_realisasi where no_sp2d = '' and kdppk = '02' and "
                    "kdsatker = :s and month(tgl_sp2d) = 9", s=S1) == 2_000


def _wide_without_ppk(line, months):
    return b._wide(line, months, with_ppk=False)


@pytest.mark.parametrize("case, line, reason", [
    ("ambiguous", L2, "lebih dari satu PPK"),  # L2 and L3 share the line, PPK 01 and 02
    ("missing", {**L2, "kdakun": "573111"}, "harus ada di pagu"),  # no such line in the pagu
])
def test_wide_without_kdppk_rejected_when_ppk_unknown(case, line, reason, warehouse, files):
    good = _wide_without_ppk(L9, [1] * 12)
    bad = _wide_without_ppk(line, [0, 5] + [0] * 10)
    path = b.write_kind(files, "realisasi_tanpa_ppk", [good, bad])
    before = b.snapshot(warehouse)
    [result] = ingest_files(warehouse, [path])
    assert result.status == "ditolak"
    problems = result.problems.to_dict("records")
    assert len(problems) == 1, problems
    assert problems[0]["baris"] == 3 and problems[0]["kolom"] == "kdppk"
    assert line["kdsatker"] in problems[0]["nilai"] and line["kdakun"] in problems[0]["nilai"]
    assert reason in problems[0]["alasan"]
    assert b.snapshot(warehouse) == before
