"""Real exports load as they come (issue 12): files shaped like OM-SPAN, SAKTI and DJPb
data-warehouse exports, with their headers, number styles, empty months, codes that lost their
zeros, year-to-date snapshots, and the warnings such data raises. Each test builds its files here."""
from __future__ import annotations

import builders as b
import duckdb
import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from monev import cli, reports
from monev.domain.period import Period
from monev.warehouse import batches, db, formats
from monev.warehouse.ingest import ingest_files
from monev.warehouse.load_warnings import of_batch

LINE_HEADERS_SAKTI = ["THANG", "KDSATKER", "KODE PROGRAM", "KODE KEGIATAN", "KODE KRO", "KODE RO", "KODE AKUN",
                      "KODE PPK"]


def _xlsx(path, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path, header, rows, sep=","):
    pd.DataFrame(rows, columns=header).to_csv(path, index=False, sep=sep)
    return path


def _line_values(line):
    return [line[c] for c in b.LINE]


def _one(db_path, path, **kw):
    [result] = ingest_files(db_path, [path], loaded_by="penguji", **kw)
    return result


def _total(db_path, tahun, bulan):
    db.dispose(db_path)
    tables = reports.budget_summary(db.engine(db_path), Period.parse(tahun, f"{tahun}-{bulan:02d}"))
    return int(tables["total"]["realisasi"].iloc[0])


# ------------------------------------------------------------------ 1. built-in provinces

def test_an_empty_warehouse_accepts_a_satker_file_with_standard_province_codes(tmp_path):
    db_path = tmp_path / "kosong.duckdb"
    unit = _csv(tmp_path / "unit.csv", ["THANG", "KODE UNIT", "NAMA UNIT"],
                [[2021, "01", "Sekretariat Jenderal"], [2023, "01", "Sekretariat Jenderal"]])
    satker = _xlsx(tmp_path / "satker.xlsx", ["THANG", "KDSATKER", "NAMA SATKER", "KDUNIT", "KDDEKON", "KDLOKASI"],
                   [[2021, "027001", "Dinas Sosial Provinsi Papua", "01", 3, "94"],
                    [2023, "027001", "Dinas Sosial Provinsi Papua Tengah", "01", 3, "94"],
                    [2023, "027002", "Dinas Sosial Provinsi Papua Barat Daya", "01", 3, "96"]])
    results = ingest_files(db_path, [satker, unit], loaded_by="penguji")
    assert [r.status for r in results] == ["dimuat", "dimuat"], [(r.message, r.problems) for r in results]
    names = {(t, k): n for t, k, n in b.rows(db_path, "select s.thang, s.kdsatker, l.nmlokasi from dim_satker s "
                                             "join dim_lokasi l using (thang, kdlokasi)")}
    # 94 is Papua until 2021 and Papua Tengah from 2022; kddekon 3 is dekonsentrasi
    assert names == {(2021, "027001"): "Papua", (2023, "027001"): "Papua Tengah",
                     (2023, "027002"): "Papua Barat Daya"}
    assert b.scalar(db_path, "select count(distinct kewenangan) || max(kewenangan) from dim_satker") == "1DK"
    counts = dict(b.rows(db_path, "select thang, count(*) from dim_lokasi where thang in (2021, 2022) group by 1"))
    assert counts == {2021: 34, 2022: 38}
    db.dispose(db_path)


def test_a_code_outside_the_years_list_is_rejected(tmp_path, warehouse):
    path = _csv(tmp_path / "satker.csv", b.COLUMNS["satker"], [[2021, "027009", "Dinsos", "01", "DK", "96"]])
    unit = _csv(tmp_path / "unit.csv", b.COLUMNS["unit"], [[2021, "01", "Setjen"]])
    before_unit = _one(warehouse, unit)
    assert before_unit.ok
    result = _one(warehouse, path)
    assert result.status == "ditolak"
    assert result.problems.iloc[0]["alasan"] == "kode tidak dikenal di referensi lokasi tahun 2021"


def test_a_loaded_lokasi_list_replaces_the_built_in_one_of_its_year_and_undo_restores_it(tmp_path, warehouse):
    # the template loaded 31 and 32 for 2024: 33 (built in) is not known that year, but is in 2025
    assert b.scalar(warehouse, "select count(*) from dim_lokasi where thang = 2024") == 2
    assert b.scalar(warehouse, "select nmlokasi from dim_lokasi where thang = 2025 and kdlokasi = '33'") == "Jawa Tengah"
    lokasi = _one(warehouse, _csv(tmp_path / "lokasi.csv", b.COLUMNS["lokasi"], [[2025, "33", "Jateng (daftar sendiri)"]]))
    assert b.rows(warehouse, "select kdlokasi, nmlokasi from dim_lokasi where thang = 2025") == [
        ("33", "Jateng (daftar sendiri)")]
    batches.undo(warehouse, lokasi.batch_id)
    assert b.scalar(warehouse, "select count(*) from dim_lokasi where thang = 2025") == 38


def test_undoing_a_lokasi_batch_is_allowed_when_the_built_in_list_still_holds_its_codes(warehouse):
    history = batches.history(db.engine(warehouse))
    lokasi = int(history.loc[history["kind"] == "lokasi", "batch_id"].iloc[0])
    batches.undo(warehouse, lokasi)  # satker of 2024 use 31 and 32, which the built-in list has
    assert b.scalar(warehouse, "select nmlokasi from dim_lokasi where thang = 2024 and kdlokasi = '32'") == "Jawa Barat"


# ------------------------------------------------------------------ 2., 3. and 4. as the exports write them

def test_a_pagu_export_written_by_pandas_with_sakti_headers_loads(tmp_path, warehouse):
    """SAKTI-style headers, whole amounts written as 871162000.0, codes as text."""
    header = LINE_HEADERS_SAKTI + ["PAGU DIPA REVISI", "NILAI BLOKIR", "REVISI KE", "TANGGAL REVISI"]
    rows = [_line_values(b.L1) + [871162000.0, 0.0, 7, "2024-10-01"]]
    path = tmp_path / "pagu_sakti.csv"
    pd.DataFrame(rows, columns=header).astype({"PAGU DIPA REVISI": float}).to_csv(path, index=False)
    assert "871162000.0" in path.read_text()
    result = _one(warehouse, path)
    assert result.status == "dimuat", (result.message, result.problems)
    assert "PAGU DIPA REVISI".lower().replace(" ", "_") + " = pagu" in result.message  # the reading is said
    assert b.scalar(warehouse, "select pagu from fact_pagu where revisi_ke = 7") == 871162000


def test_a_real_fraction_is_rejected_saying_so(tmp_path, warehouse):
    header = LINE_HEADERS_SAKTI + ["PAGU DIPA REVISI", "NILAI BLOKIR", "REVISI KE", "TANGGAL REVISI"]
    path = _csv(tmp_path / "pagu.csv", header, [_line_values(b.L1) + ["871162000.50", "0", 7, "2024-10-01"]])
    before = b.snapshot(warehouse)
    result = _one(warehouse, path)
    assert result.status == "ditolak" and b.snapshot(warehouse) == before
    problem = result.problems.iloc[0]
    assert (problem["baris"], problem["kolom"], problem["nilai"]) == (2, "pagu", "871162000.50")
    assert problem["alasan"] == "nilai rupiah harus bulat (tanpa sen): pecahan .50 bukan nol; bulatkan ke rupiah"


def test_a_wide_dw_export_with_empty_months_reads_them_as_zero(tmp_path, warehouse):
    header = ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"] + [
        f"real{m}" for m in range(1, 13)]
    months = [None] * 12
    months[2], months[6] = 5_000_000, 7_000_000.0  # the other months left empty, as exports do
    line = dict(b.L9)
    path = _xlsx(tmp_path / "realisasi_dw.xlsx", header, [_line_values(line) + months])
    result = _one(warehouse, path)
    assert result.status == "dimuat", (result.message, result.problems)
    got = b.rows(warehouse, "select month(tgl_sp2d), nilai from fact_realisasi where batch_id = :b order by 1",
                 b=result.batch_id)
    assert got == [(3, 5_000_000), (7, 7_000_000)]


def test_omspan_cells_holding_a_code_and_its_name_are_split(tmp_path, warehouse):
    header = ["Tahun Anggaran", "Kode Satker", "Program", "Kegiatan", "KRO", "RO", "Akun", "PPK", "Tgl SP2D",
              "Nomor SP2D", "Nilai SP2D"]
    line = b.L5  # program 027.05.DL written with spaces, as OM-SPAN does
    rows = [[2024, line["kdsatker"], "027 05 DL Program Perlindungan Sosial", "6201 Jaminan sosial keluarga",
             "QDB Bantuan", "001 Bantuan PKH", "573111 - Belanja Bantuan Sosial", "01", "2024-05-02", "000777/SP2D",
             "1.000.000,00"]]
    result = _one(warehouse, _xlsx(tmp_path / "sp2d_omspan.xlsx", header, rows))
    assert result.status == "dimuat", (result.message, result.problems)
    assert result.kind == "realisasi"
    assert b.rows(warehouse, "select kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, nilai from fact_realisasi "
                  "where no_sp2d = '000777/SP2D'") == [("027.05.DL", "6201", "QDB", "001", "573111", 1_000_000)]


def test_a_program_reference_in_one_cell_fills_code_and_name(tmp_path, warehouse):
    path = _csv(tmp_path / "program.csv", ["TAHUN ANGGARAN", "PROGRAM"],
                [[2025, "027.01.DQ PROGRAM PERLINDUNGAN SOSIAL"], [2025, "WA Program Dukungan Manajemen"]])
    result = _one(warehouse, path)
    assert result.status == "dimuat", (result.message, result.problems)
    assert b.rows(warehouse, "select kdprogram, nmprogram from dim_program where thang = 2025 order by 1") == [
        ("027.01.DQ", "PROGRAM PERLINDUNGAN SOSIAL"), ("WA", "Program Dukungan Manajemen")]


@pytest.mark.parametrize("spelling", ["KDSATKER", "Kode Satker", "KODE SATKER", "kd_satker", "kdsatker"])
def test_the_satker_header_is_recognised_however_the_systems_write_it(spelling):
    header = [formats.header_name(h) for h in ["THANG", spelling, "KODE PROGRAM", "KODE KEGIATAN", "KODE KRO",
                                                "KODE RO", "KODE AKUN", "TGL POSISI", "REALISASI S.D."]]
    assert formats.detect_kind(header) == "realisasi_kumulatif"


def test_every_alias_names_a_column_and_no_kind_reads_two_columns_from_one_header():
    written = pd.read_csv(formats.ALIAS_FILE, dtype=str)
    assert not written.duplicated(["kolom", "judul"]).any()
    columns = {c.name for k in formats.KINDS.values() for c in k.columns}
    assert set(formats.header_aliases()) <= columns
    for kind in formats.KINDS.values():
        for column in kind.columns:
            aliases = formats.header_aliases().get(column.name, ())
            assert column.name not in aliases
            for alias in aliases:  # an alias that is another column's own name would steal it
                others = set(kind.column_names) - {column.name}
                assert alias not in others, (kind.name, column.name, alias)


def test_an_unknown_header_names_the_kinds_that_match_most_columns(tmp_path, warehouse):
    path = _csv(tmp_path / "dja.csv", ["THANG", "KDSATKER", "KDPROGRAM", "KDGIAT", "KDAKUN", "PAGU", "BLOKIR",
                                        "REALISASI"], [[2024, "001001", "WA", "0123", "521211", "1", "0", "0"]])
    result = _one(warehouse, path)
    assert result.status == "ditolak"
    message = result.message
    assert ("Paling mirip: jenis 'pagu' (cocok 7 kolom: thang, kdsatker, kdprogram, kdgiat, kdakun, pagu, blokir; "
            "kurang: kdoutput, kdsoutput, kdppk, revisi_ke, tgl_revisi); jenis 'realisasi_kumulatif' (cocok 6 kolom: "
            "thang, kdsatker, kdprogram, kdgiat, kdakun, realisasi_sd; kurang: kdoutput, kdsoutput, tgl_posisi)"
            in message), message
    assert "'target'" not in message  # a kind matching by thang alone is not suggested
    assert message.count("Paling mirip") == 1


# ------------------------------------------------------------------ 5. year-to-date snapshots

SNAPSHOT_HEADER = ["THANG", "KDSATKER", "KODE PROGRAM", "KODE KEGIATAN", "KODE KRO", "KODE RO", "KODE AKUN",
                   "TANGGAL POSISI", "REALISASI S.D."]


def _snapshot_file(path, rows):
    """rows: (line, date, amount); no PPK column: each line gets the PPK holding it in the pagu."""
    return _xlsx(path, SNAPSHOT_HEADER, [[*(line[c] for c in b.LINE if c != "kdppk"), tgl, amount]
                                         for line, tgl, amount in rows])


def _months(db_path, line):
    return dict(b.rows(db_path, "select bulan, sum(realisasi) from agg_realisasi_bulanan where kdsatker = :s and "
                       "kdakun = :a and kdppk = :p and kdprogram = :g group by 1 order by 1",
                       s=line["kdsatker"], a=line["kdakun"], p=line["kdppk"], g=line["kdprogram"]))


def _without_line(db_path, line):
    """A copy without the line's own realization, so snapshots alone make its figures."""
    db.dispose(db_path)
    con = duckdb.connect(str(db_path))
    con.execute("delete from fact_realisasi_hist where kdsatker = ? and kdakun = ? and kdppk = ? and kdprogram = ?",
                [line["kdsatker"], line["kdakun"], line["kdppk"], line["kdprogram"]])
    con.close()


def test_snapshots_give_each_month_the_difference_and_a_later_file_for_a_date_replaces_it(tmp_path, warehouse):
    line = b.L8  # held by one PPK in the pagu
    _without_line(warehouse, line)
    first = _one(warehouse, _snapshot_file(tmp_path / "posisi_1.xlsx", [
        (line, "2024-01-31", 100), (line, "2024-03-15", 250), (line, "2024-03-31", 400)]))
    assert first.status == "dimuat" and first.kind == "realisasi_kumulatif", (first.message, first.problems)
    # February has no snapshot: no flow; March gets 400 - 100 (its last snapshot minus January's)
    assert _months(warehouse, line) == {1: 100, 3: 300}
    second = _one(warehouse, _snapshot_file(tmp_path / "posisi_2.xlsx", [(line, "2024-03-31", 380),
                                                                         (line, "2024-06-30", 900)]))
    assert second.status == "dimuat", second.problems
    assert _months(warehouse, line) == {1: 100, 3: 280, 6: 520}
    assert b.scalar(warehouse, "select count(*) from fact_realisasi_kumulatif_hist where superseded_by = :b",
                    b=second.batch_id) == 1
    # undo puts the replaced snapshot back in force; "as loaded at" the first batch sees the same
    copy = batches.as_loaded_at(warehouse, first.batch_id)
    assert dict(b.rows(copy, "select bulan, sum(realisasi) from agg_realisasi_bulanan where kdsatker = :s "
                       "and kdakun = :a group by 1", s=line["kdsatker"], a=line["kdakun"])) == {1: 100, 3: 300}
    batches.undo(warehouse, second.batch_id)
    assert _months(warehouse, line) == {1: 100, 3: 300}


def test_a_lower_snapshot_is_a_correction_with_a_warning_kept_with_its_batch(tmp_path, warehouse):
    line = b.L8
    _without_line(warehouse, line)
    _one(warehouse, _snapshot_file(tmp_path / "a.xlsx", [(line, "2024-04-30", 1_000_000)]))
    lower = _one(warehouse, _snapshot_file(tmp_path / "b.xlsx", [(line, "2024-05-31", 900_000)]))
    assert lower.status == "dimuat"
    assert _months(warehouse, line) == {4: 1_000_000, 5: -100_000}
    warned = lower.warnings[lower.warnings["kolom"] == "realisasi_sd"].to_dict("records")
    assert len(warned) == 1 and warned[0]["baris"] == 2
    assert warned[0]["alasan"].startswith("realisasi s.d. 2024-05-31 (Rp 900.000) lebih rendah dari posisi "
                                          "2024-04-30 (Rp 1.000.000)")
    db.dispose(warehouse)
    kept = of_batch(db.engine(warehouse), lower.batch_id)
    assert kept.to_dict("records") == lower.warnings.to_dict("records")
    batches.undo(warehouse, lower.batch_id)
    assert b.scalar(warehouse, "select count(*) from load_warning where batch_id = :b", b=lower.batch_id) == 0


def test_every_page_query_and_the_summary_read_snapshot_fed_realization(tmp_path, warehouse):
    line = b.L8
    before = _total(warehouse, 2024, 6)
    own = sum(v for k, v in _months(warehouse, line).items() if k <= 6)
    _without_line(warehouse, line)
    _one(warehouse, _snapshot_file(tmp_path / "s.xlsx", [(line, "2024-02-29", 3_000_000),
                                                          (line, "2024-06-30", 8_000_000)]))
    assert _total(warehouse, 2024, 6) == before - own + 8_000_000
    assert _months(warehouse, line) == {2: 3_000_000, 6: 5_000_000}  # no snapshot between: no flow
    # the IKPA month aggregate and the latest realization date see it too
    assert b.scalar(warehouse, "select max(tgl_sp2d) from fact_realisasi where kdsatker = :s",
                    s=line["kdsatker"]).isoformat() >= "2024-06-30"


# ------------------------------------------------------------------ 7. warnings that do not block

def test_realization_above_pagu_or_without_pagu_loads_with_warnings(tmp_path, warehouse):
    over = b._sp2d(b.L9, "2024-03-10", "LEBIH-01", 10**13)  # far above the line's pagu
    no_pagu = b._sp2d(b._line(b.S3, "027.05.DL", "6201", "QDB", "002", "573111", "01"), "2024-03-11",
                      "TANPAPAGU-1", 5_000)
    result = _one(warehouse, b.write_kind(tmp_path, "realisasi", [over, no_pagu]))
    assert result.status == "dimuat", result.problems
    reasons = dict(zip(result.warnings["baris"], result.warnings["alasan"]))
    assert "melebihi pagu yang berlaku" in reasons[2] and "s.d. akhir bulan 3" in reasons[2]
    assert reasons[3].startswith("ada realisasi (Rp 5.000 s.d. akhir bulan 3) pada baris anggaran yang belum punya")
    assert result.total_warnings == 2 and "2 peringatan" in result.message
    db.dispose(warehouse)
    assert len(of_batch(db.engine(warehouse), result.batch_id)) == 2


def test_the_cli_shows_warnings_and_a_whole_file_rejection_once(tmp_path, warehouse, capsys):
    over = b._sp2d(b.L9, "2024-03-10", "LEBIH-02", 10**13)
    path = b.write_kind(tmp_path, "realisasi", [over])
    empty = tmp_path / "kosong.csv"
    empty.write_text("")
    db.dispose(warehouse)
    assert cli.main(["ingest", "--db", str(warehouse), str(path), str(empty)]) == 1
    out = capsys.readouterr().out
    assert "Peringatan (tidak menghalangi pemuatan):" in out and "melebihi pagu yang berlaku" in out
    assert out.count("Berkas kosong") == 1 and "None" not in out and "NaN" not in out


# ------------------------------------------------------------------ schema 6 on an older warehouse

def test_a_schema_5_warehouse_migrates_and_keeps_its_data(tmp_path):
    path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(path))
    for number, sql in db.migrations():
        if number > 5:
            break
        for statement in db.split_statements(sql.read_text()):
            con.execute(statement)
    con.execute("insert into warehouse_info values ('schema_version', '5')")
    con.execute("insert into load_batch values (1, 'lokasi.csv', 'x', 'lokasi', 1, now(), 'uji')")
    con.execute("insert into dim_lokasi_hist values (2020, '94', 'Papua (daftar lama)', 1, null)")
    con.execute("insert into fact_realisasi_hist values (2020, '2020-05-05', 'A1', '001001', 'WA', '0123', 'EBA', "
                "'962', '521211', '01', 1234, 1, null)")
    con.close()
    try:
        engine = db.engine(path)  # migrates into a new version
        with engine.connect() as conn:
            assert db.schema_version(conn) == db.SCHEMA_VERSION >= 6
            lokasi = conn.execute(sa.text("select thang, count(*) from dim_lokasi where thang in (2020, 2022) "
                                          "group by 1 order by 1")).fetchall()
            assert lokasi == [(2020, 1), (2022, 38)]  # 2020 keeps its loaded list
            assert conn.execute(sa.text("select sum(nilai) from fact_realisasi")).scalar() == 1234
    finally:
        db.dispose(path)


def test_a_code_alone_or_with_its_name_is_read_as_the_column_writes_it():
    from monev.warehouse.prepare import _split

    text = pd.Series(["027 01 DQ", "027 01 DQ Program Perlindungan Sosial", "027.01.WA PROGRAM DUKUNGAN",
                      "WA", "5212 Belanja Barang Non Operasional", "Program tanpa kode"], dtype=pd.StringDtype())
    codes, names = _split(formats.KINDS["program"].column("kdprogram"), text)
    assert codes.tolist() == ["027.01.DQ", "027.01.DQ", "027.01.WA", "WA", "5212 Belanja Barang Non Operasional",
                              "Program tanpa kode"]  # 5212 is no program code: left for validation to report
    assert names.tolist() == ["", "Program Perlindungan Sosial", "PROGRAM DUKUNGAN", "", "", ""]
    akun, _ = _split(formats.KINDS["pagu"].column("kdakun"), pd.Series(["5212 Belanja Barang"], dtype=pd.StringDtype()))
    assert akun.tolist() == ["5212 Belanja Barang"]  # a 4-digit akun is not a 6-digit one: rejected, not guessed
