"""Load history and undo (monev/warehouse/batches.py, `python -m monev batches | undo`)."""
from __future__ import annotations

import json
import re

import pytest

from monev import cli, reports
from monev.domain.period import Period
from monev.i18n import format as ui_format
from monev.paths import QUERIES
from monev.ui import data as ui_data
from monev.ui import download
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b

PERIOD = Period(b.THANG, 12)


def table_rows(db_path) -> dict[str, list[tuple]]:
    """Every row of every table but warehouse_info (which records the undo), sorted."""
    names = [r[0] for r in b.rows(db_path, "select table_name from information_schema.tables "
                                           "where table_type = 'BASE TABLE' and table_name <> 'warehouse_info'")]
    return {n: sorted(b.rows(db_path, f'select * from "{n}"'), key=repr) for n in names}


def totals(db_path) -> dict:
    frame = reports.budget_summary(db.engine(db_path), PERIOD, scope=EVERYTHING)["total"]
    return {k: int(frame[k].iloc[0]) for k in ("pagu", "blokir", "realisasi")}


def _pagu_a():
    """Revision 3 of line L1 and a revision 1 of L8 (satker S1 and S3)."""
    return [b._pagu(b.L1, 1_700_000_000, 0, 3, "2024-09-01"), b._pagu(b.L8, 3_500_000_000, 0, 1, "2024-05-01")]


def _pagu_b():
    """Replaces A's L1 row (same key) and adds a line of S2; leaves A's L8 row alone."""
    return [b._pagu(b.L1, 1_650_000_000, 5_000_000, 3, "2024-09-01"),
            b._pagu(b.L7, 900_000_000, 0, 1, "2024-06-01")]


def _batch_of(result) -> int:
    assert result.status == "dimuat", (result.message, result.problems)
    return result.batch_id


def test_undo_of_a_later_batch_restores_the_state_after_the_earlier_one(warehouse, tmp_path):
    batch_a = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "a", "pagu", _pagu_a())])[0])
    after_a, totals_a = table_rows(warehouse), totals(warehouse)
    batch_b = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])[0])
    assert totals(warehouse) != totals_a
    assert b.scalar(warehouse, "select count(*) from fact_pagu_hist where superseded_by = :b", b=batch_b) == 1

    result = batches.undo(warehouse, batch_b)

    assert result.batch_id == batch_b and result.rows == 2 and "dibatalkan" in result.message
    assert table_rows(warehouse) == after_a  # facts, history, load_batch and both aggregates
    assert totals(warehouse) == totals_a
    history = batches.history(db.engine(warehouse))
    assert batch_b not in set(history["batch_id"]) and batch_a == history["batch_id"].max()


def test_undo_of_an_earlier_batch_a_later_one_superseded_is_refused(warehouse, tmp_path):
    batch_a = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "a", "pagu", _pagu_a())])[0])
    batch_b = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])[0])
    before = b.snapshot(warehouse)
    with pytest.raises(batches.UndoRefused, match=rf"Batch {batch_a} .*digantikan oleh batch {batch_b}.*"
                                                   rf"Batalkan batch {batch_b} dulu"):
        batches.undo(warehouse, batch_a)
    assert b.snapshot(warehouse) == before
    row = batches.history(db.engine(warehouse)).set_index("batch_id").loc[batch_a]
    assert (row["baris_dilampaui"], row["dilampaui_oleh"]) == (1, str(batch_b))
    batches.undo(warehouse, batch_b)
    batches.undo(warehouse, batch_a)  # now allowed


def test_undo_of_an_unknown_batch_is_a_clear_error(warehouse):
    before = b.snapshot(warehouse)
    with pytest.raises(batches.UndoRefused, match="Batch 999 tidak ada di riwayat muat"):
        batches.undo(warehouse, 999)
    assert b.snapshot(warehouse) == before


def test_undo_of_a_realization_file_removes_exactly_its_amounts(warehouse, data):
    history = batches.history(db.engine(warehouse))
    batch = int(history.loc[history["file_name"] == "realisasi.csv", "batch_id"].iloc[0])
    before = totals(warehouse)
    others = {n: r for n, r in table_rows(warehouse).items()
              if n not in ("fact_realisasi_hist", "load_batch", "agg_realisasi_bulanan", "agg_ringkasan_bulanan",
                           "agg_ikpa_bulanan", "agg_capaian_ro", "agg_kpa_ppk",
                           "agg_ikpa_penyerapan")}  # all read the realization
    batches.undo(warehouse, batch)
    removed = sum(r["nilai"] for r in data.rows["realisasi"])
    assert totals(warehouse) == {**before, "realisasi": before["realisasi"] - removed}
    without = data.copy()
    without.rows["realisasi"] = []
    assert totals(warehouse)["realisasi"] == b.expected_summary(without, b.THANG, 12)["total"]["realisasi"]
    assert {n: r for n, r in table_rows(warehouse).items() if n in others} == others
    assert b.scalar(warehouse, "select count(*) from fact_realisasi_hist where batch_id = :b", b=batch) == 0


def test_batch_numbers_are_not_reused_and_the_data_version_moves(warehouse, tmp_path):
    batch_b = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])[0])
    version = ui_data.data_version(db.engine(warehouse))
    batches.undo(warehouse, batch_b)
    assert ui_data.data_version(db.engine(warehouse)) > version  # cached figures are not shown after an undo
    again = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "c", "pagu", _pagu_a())])[0])
    assert again > batch_b


def test_every_history_table_is_undone():
    schema = "".join(p.read_text() for p in sorted((QUERIES / "schema").glob("*.sql")))
    tables = set(re.findall(r"create table (?:if not exists )?(\w+_hist)", schema))
    script = query.sql_text("undo/hapus_batch")
    assert tables == set(re.findall(r"delete from (\w+_hist) where batch_id", script))
    assert tables == set(re.findall(r"update (\w+_hist) set superseded_by = null", script))
    rewind = query.sql_text("undo/mundur_ke")
    assert tables == set(re.findall(r"delete from (\w+_hist) where batch_id > :batch_id", rewind))
    assert tables == set(re.findall(r"update (\w+_hist) set superseded_by = null where superseded_by >", rewind))
    assert tables <= set(re.findall(r"from (\w+_hist)", query.sql_text("undo/dilampaui")))
    assert tables <= set(re.findall(r"from (\w+_hist)", query.sql_text("riwayat_muat")))


def test_cli_lists_and_undoes_batches(warehouse, tmp_path, capsys):
    batch_b = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])[0])
    db.dispose(warehouse)
    assert cli.main(["batches", "--db", str(warehouse)]) == 0
    listed = capsys.readouterr().out
    assert "pagu.csv" in listed and "realisasi_bulanan" in listed
    assert cli.main(["undo", str(batch_b), "--db", str(warehouse)]) == 0
    assert f"Batch {batch_b}" in capsys.readouterr().out
    assert cli.main(["undo", "999", "--db", str(warehouse)]) == 1
    assert "Batch 999 tidak ada" in capsys.readouterr().err
    assert cli.main(["summary", "--db", str(warehouse), "--tahun", str(b.THANG), "--sampai", "2024-12",
                     "--json"]) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["pagu"] == b.expected_summary(b.base_dataset(), b.THANG, 12)["total"]["pagu"]


def test_figures_as_loaded_at_an_earlier_batch(warehouse, tmp_path):
    """The copy 'as loaded at' batch A holds exactly the rows (aggregates included) the warehouse
    had right after A, however much was loaded since; the warehouse itself is untouched."""
    batch_a = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "a", "pagu", _pagu_a())])[0])
    after_a, totals_a = table_rows(warehouse), totals(warehouse)
    ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])
    ingest_files(warehouse, [b.write_kind(tmp_path / "c", "realisasi", [b._sp2d(b.L1, "2024-10-02", "X-1", 77_000)])])
    now, totals_now = table_rows(warehouse), totals(warehouse)
    assert totals_now != totals_a

    copy = batches.as_loaded_at(warehouse, batch_a)
    assert table_rows(copy) == after_a
    assert totals(copy) == totals_a
    assert b.scalar(copy, "select value from warehouse_info where key = 'dimuat_per_batch'") == str(batch_a)
    assert table_rows(warehouse) == now and totals(warehouse) == totals_now
    assert batches.as_loaded_at(warehouse, batch_a) == copy  # built once per batch and version

    with pytest.raises(batches.UndoRefused, match="Batch 999 tidak ada"):
        batches.as_loaded_at(warehouse, 999)
    ingest_files(warehouse, [b.write_kind(tmp_path / "d", "realisasi", [b._sp2d(b.L2, "2024-10-03", "X-2", 5)])])
    newer = batches.as_loaded_at(warehouse, batch_a)
    assert newer != copy and not copy.exists(), "copies made from an older version are removed"
    assert table_rows(newer) == after_a


def test_pages_show_the_figures_as_loaded_at_a_batch_from_the_url(warehouse, tmp_path, monkeypatch):
    from apptest import open_page

    batch_a = _batch_of(ingest_files(warehouse, [b.write_kind(tmp_path / "a", "pagu", _pagu_a())])[0])
    pagu_a = totals(warehouse)["pagu"]
    ingest_files(warehouse, [b.write_kind(tmp_path / "b", "pagu", _pagu_b())])
    assert ui_format.rupiah_short(totals(warehouse)["pagu"]) != ui_format.rupiah_short(pagu_a)
    db.dispose(warehouse)
    at = open_page(monkeypatch, warehouse, "pages/ringkasan.py", batch=str(batch_a), tahun=str(b.THANG),
                   sampai="12")
    assert not at.exception
    from monev.i18n.markdown import escape  # the note names a loaded file: shown as text

    assert any(escape(f"s.d. batch {batch_a} (pagu.csv") in w.value and "bukan data terkini" in w.value
               for w in at.warning)
    shown = next(m for m in at.metric if m.label == "Pagu")
    assert shown.value == ui_format.rupiah_short(pagu_a)

    ignored = open_page(monkeypatch, warehouse, "pages/ringkasan.py", batch="1; drop table load_batch")
    assert not ignored.exception
    assert not any("bukan data terkini" in w.value for w in ignored.warning)
    assert b.scalar(warehouse, "select count(*) from load_batch") > 0


def test_exports_say_when_figures_are_as_loaded_at_a_batch():
    import io

    import openpyxl
    import pandas as pd

    note = "Data sebagaimana dimuat s.d. batch 7 (pagu.csv, 2024-06-01 10:00), bukan data terkini."
    sheet = openpyxl.load_workbook(io.BytesIO(download.excel_bytes(
        pd.DataFrame({"pagu": [5]}), "uji", sample=True, note=note))).active
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A4"].value, sheet["A5"].value] == [
        download.SAMPLE_SHEET_NOTE, note, "pagu", 5]


def test_a_reference_batch_whose_codes_are_used_is_not_undone(warehouse, tmp_path):
    history = batches.history(db.engine(warehouse)).set_index("file_name")
    satker_batch = int(history.loc["satker.csv", "batch_id"])
    before = table_rows(warehouse)
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo(warehouse, satker_batch)
    message = str(refused.value)
    assert f"Batch {satker_batch} (satker.csv) tidak dapat dibatalkan" in message
    # every satker comes from that one file, so every row in force that names a satker uses it
    using = sum(b.scalar(warehouse, f"select count(*) from {t}") for t in (
        "fact_pagu", "fact_realisasi", "fact_rpd", "fact_capaian", "fact_revisi", "dim_pejabat"))
    assert f"dipakai oleh {using:,} baris yang berlaku".replace(",", ".") in message
    labels = {"fact_pagu": "pagu", "fact_realisasi": "realisasi", "fact_rpd": "rpd", "fact_capaian": "capaian",
              "fact_revisi": "revisi", "dim_pejabat": "pejabat"}
    counts = [(-n, k, labels[t]) for t in labels
              for k, n in b.rows(warehouse, f"select kdsatker, count(*) from {t} group by 1")]
    n, kode, label = min(counts)  # the heaviest use is the first example
    assert f"yang berlaku (satker {kode} di {-n} baris {label}" in message
    assert table_rows(warehouse) == before


def test_a_reference_batch_is_undone_when_another_batch_provides_its_codes(warehouse, tmp_path):
    """Loading the same satker again (another file) supersedes the first batch's rows: the first
    batch can then not be undone (superseded), but the second can, and the codes stay provided."""
    data = b.base_dataset()
    path = b.write_kind(tmp_path / "lagi", "satker", [dict(r, nmsatker=r["nmsatker"] + " (baru)")
                                                       for r in data.rows["satker"]])
    batch = _batch_of(ingest_files(warehouse, [path])[0])
    names_before = b.scalar(warehouse, "select count(*) from dim_satker where nmsatker like '%(baru)'")
    assert names_before == len(data.rows["satker"])
    batches.undo(warehouse, batch)
    assert b.scalar(warehouse, "select count(*) from dim_satker where nmsatker like '%(baru)'") == 0
    assert b.scalar(warehouse, "select count(*) from dim_satker") == len(data.rows["satker"])


def test_every_reference_an_import_checks_is_guarded_when_undoing():
    """undo/kode_dipakai.sql lists, for every reference an import checks (Kind.refs), the rows
    of that kind using its codes: a kind added later with a reference must be added there too."""
    from monev.warehouse.formats import KINDS

    sql = query.sql_text("undo/kode_dipakai")
    guarded = set(re.findall(r"select '(\w+)' as referensi, .*?'(\w+)' as dipakai_di", sql))
    same_rows = {"realisasi_bulanan": "realisasi"}  # both load fact_realisasi
    checked = {(ref.kind, same_rows.get(kind.name, kind.name)) for kind in KINDS.values() for ref in kind.refs}
    assert checked <= guarded, sorted(checked - guarded)


@pytest.mark.parametrize("reference, used", [
    ("akun", dict(kdakun="524111")),
    ("pejabat", dict(kdppk="03")),
], ids=["akun", "ppk"])
def test_a_code_used_only_by_realization_is_not_undone(warehouse, tmp_path, reference, used):
    """A new akun or PPK that only a realization line uses keeps its reference batch."""
    rows = {"akun": [dict(kdakun="524111", nmakun="Belanja perjalanan dinas")],
            "pejabat": [dict(thang=b.THANG, kdsatker=b.S1, peran="PPK", kdppk="03", nama="Joko", nip="")]}
    [ref] = ingest_files(warehouse, [b.write_csv(tmp_path / f"{reference}_baru.csv", rows[reference],
                                                 b.COLUMNS[reference])])
    line = {**b.L1, **used, "tgl_sp2d": "2024-07-01", "no_sp2d": "SP2D-BARU", "nilai": 5_000_000}
    [spent] = ingest_files(warehouse, [b.write_csv(tmp_path / "realisasi_baru.csv", [line],
                                                   b.COLUMNS["realisasi"])])
    assert ref.status == spent.status == "dimuat", spent.problems.to_dict("records")
    code = used.get("kdakun") or f"{b.S1}.{used['kdppk']}"
    with pytest.raises(batches.UndoRefused, match=rf"{reference} {re.escape(code)} di 1 baris realisasi"):
        batches.undo(warehouse, ref.batch_id)
    assert batches.undo(warehouse, spent.batch_id).batch_id == spent.batch_id  # the line first, then
    assert batches.undo(warehouse, ref.batch_id).batch_id == ref.batch_id      # its reference may go
