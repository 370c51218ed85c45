"""The "Muat data" page: checking uploads without loading, loading, history and undo."""
from __future__ import annotations

import hashlib
import io

import pandas as pd

from monev.i18n.markdown import escape
from monev.ui.download import excel_bytes
from monev.views import muat as views
from monev.warehouse import db

import builders as b
from apptest import open_page, record_downloads, workbook_rows


def _csv_bytes(tmp_path, name, rows, **kw) -> bytes:
    return b.write_kind(tmp_path, name, rows, **kw).read_bytes()


def test_a_clean_upload_is_ready_and_nothing_is_loaded_until_asked(warehouse, tmp_path, data):
    engine = db.engine(warehouse)
    rows = [dict(r, rpd=r["rpd"] + 7, tgl_update="2024-03-01") for r in data.rows["rpd"]]
    content = _csv_bytes(tmp_path, "rpd", rows)
    before = b.snapshot(warehouse)
    checked = views.check_upload(engine, "../rahasia/rpd maret.csv", content)
    assert checked.result.status == "siap" and checked.result.rows == len(rows)
    assert checked.kind_label == "Rencana penarikan dana (Halaman III DIPA)"
    assert len(checked.preview) == views.PREVIEW_ROWS
    assert list(checked.preview.iloc[0]) == [str(rows[0][c]) for c in b.COLUMNS["rpd"]]
    assert b.snapshot(warehouse) == before  # checking loads nothing

    loaded = views.load_upload(warehouse, "../rahasia/rpd maret.csv", content)
    assert loaded.status == "dimuat" and loaded.file_name == "rpd maret.csv"
    assert views.history(engine).iloc[0]["file_name"] != "rpd maret.csv"  # a run started before still reads its version
    engine = db.engine(warehouse)  # the next run
    history = views.history(engine)
    assert history.iloc[0]["file_name"] == "rpd maret.csv" and history.iloc[0]["row_count"] == len(rows)
    assert views.check_upload(engine, "lagi.csv", content).result.status == "sudah_dimuat"


def test_a_bad_upload_lists_every_problem_and_the_download_holds_them(shared_warehouse, tmp_path, data):
    engine = db.engine(shared_warehouse)
    rows = [dict(r) for r in data.rows["pagu"][:3]]
    rows[0]["pagu"], rows[2]["kdsatker"] = "Rp 5.000", "009999"
    checked = views.check_upload(engine, "pagu.csv", _csv_bytes(tmp_path, "pagu", rows))
    assert checked.result.status == "ditolak" and checked.result.total_problems == 2
    found = views.problems(checked.result)
    assert [(r.baris, r.kolom, r.nilai) for r in found.itertuples()] == [(2, "pagu", "Rp 5.000"),
                                                                         (4, "kdsatker", "009999")]
    back = pd.read_excel(io.BytesIO(excel_bytes(found)), dtype=str)
    assert list(back.columns) == ["baris", "kolom", "nilai", "alasan"]
    assert back["alasan"].tolist() == found["alasan"].tolist()
    assert len(checked.preview) == 3


def test_an_unreadable_upload_has_no_preview(shared_warehouse):
    checked = views.check_upload(db.engine(shared_warehouse), "kosong.csv", b"")
    assert checked.result.status == "ditolak" and checked.preview is None and checked.kind_label is None
    # the reason is the message, shown once: no table row without row or column (issue 12)
    assert "Berkas kosong" in checked.result.message and views.problems(checked.result).empty


def test_page_shows_history_and_undoes_a_batch_after_confirmation(warehouse, tmp_path, monkeypatch, data):
    rows = [b._pagu(b.L1, 1_700_000_000, 0, 3, "2024-09-01")]
    content = _csv_bytes(tmp_path, "pagu", rows)
    batch = views.load_upload(warehouse, "pagu_revisi3.csv", content, loaded_by="Siti").batch_id
    db.dispose(warehouse)
    at = open_page(monkeypatch, warehouse, "pages/muat.py")
    assert not at.exception
    assert at.title[0].value == "Muat data"
    shown = at.dataframe[0].value
    assert len(shown) == len(data.rows) + 1 and shown.iloc[0]["file_name"] == "pagu_revisi3.csv"
    newest = shown.iloc[0]  # who, when, what and which bytes
    assert (newest["sha256"], newest["loaded_by"], newest["kind"], newest["row_count"]) == (
        hashlib.sha256(content).hexdigest(), "Siti", "pagu", 1)

    at.button(key=f"muat_batal_{batch}").click().run()
    assert not at.exception
    assert f"Batalkan batch {batch} ({escape('pagu_revisi3.csv')})?" in at.warning[0].value  # a name, as text
    at.button(key="muat_ya").click().run()
    assert not at.exception
    assert any(escape(f"Batch {batch} (pagu_revisi3.csv") in s.value for s in at.success)
    db.dispose(warehouse)
    assert b.scalar(warehouse, "select count(*) from load_batch where batch_id = :b", b=batch) == 0
    assert b.scalar(warehouse, "select count(*) from fact_pagu where revisi_ke = 3") == 0


def test_page_refuses_undo_buttons_for_superseded_batches(warehouse, tmp_path, monkeypatch):
    first = views.load_upload(warehouse, "a.csv", _csv_bytes(tmp_path / "a", "pagu", [
        b._pagu(b.L1, 1_700_000_000, 0, 3, "2024-09-01")])).batch_id
    views.load_upload(warehouse, "b.csv", _csv_bytes(tmp_path / "b", "pagu", [
        b._pagu(b.L1, 1_600_000_000, 0, 3, "2024-09-01")]))
    db.dispose(warehouse)
    at = open_page(monkeypatch, warehouse, "pages/muat.py")
    assert not at.exception
    assert at.button(key=f"muat_batal_{first}").disabled
    assert any("digantikan batch" in m.value for m in at.markdown)


def test_page_opens_on_an_empty_warehouse(empty_warehouse, monkeypatch):
    db.dispose(empty_warehouse)
    at = open_page(monkeypatch, empty_warehouse, "pages/muat.py")
    assert not at.exception
    assert [i.value for i in at.info][-1] == "Belum ada berkas yang dimuat."


def test_the_upload_limit_is_the_import_limit():
    """A file the import would accept is not refused by Streamlit's uploader first."""
    import tomllib

    from monev.paths import ROOT
    from monev.warehouse.reader import DEFAULT_MAX_FILE_MB

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_FILE_MB


def test_warnings_of_a_load_are_returned_shown_after_it_and_downloadable(warehouse, tmp_path, monkeypatch):
    """A load whose realization is above the pagu loads, and says so: the result carries the
    warnings, the page shows them once after the load with an Excel download of the same rows."""
    over = b._sp2d(b.L9, "2024-03-10", "LEBIH-09", 10**13)
    loaded = views.load_upload(warehouse, "sp2d.csv", _csv_bytes(tmp_path, "realisasi", [over]))
    assert loaded.status == "dimuat" and loaded.total_warnings == 1
    assert "melebihi pagu yang berlaku" in loaded.warnings.iloc[0]["alasan"]
    back = pd.read_excel(io.BytesIO(excel_bytes(loaded.warnings)), dtype=str)
    assert back["alasan"].tolist() == loaded.warnings["alasan"].tolist()

    db.dispose(warehouse)
    at = open_page(monkeypatch, warehouse, "pages/muat.py")
    at.session_state["muat_peringatan_dimuat"] = [(loaded.warnings, loaded.total_warnings)]  # as the click leaves it
    at.run()
    assert not at.exception
    assert "1 peringatan (tidak menghalangi pemuatan" in at.warning[0].value
    shown = at.dataframe[0].value  # the first table of the page, above the uploader
    assert shown["alasan"].tolist() == loaded.warnings["alasan"].tolist()
    assert at.get("download_button")  # the Excel download beside it
    at.run()
    assert not [w for w in at.warning if "peringatan" in w.value]  # shown once, not on every rerun


def test_warnings_of_an_earlier_batch_are_shown_when_it_is_chosen(warehouse, tmp_path, monkeypatch, data):
    """Warnings are kept with their batch: after later loads, choosing the batch in the history
    shows the rows listed when it was loaded, with their download; a clean batch says it had none."""
    over = b._sp2d(b.L9, "2024-03-10", "LEBIH-09", 10**13)
    warned = views.load_upload(warehouse, "sp2d.csv", _csv_bytes(tmp_path, "realisasi", [over]))
    clean = views.load_upload(warehouse, "pagu_revisi3.csv",
                              _csv_bytes(tmp_path, "pagu", [b._pagu(b.L1, 1_700_000_000, 0, 3, "2024-09-01")]))
    assert warned.total_warnings == 1 and clean.total_warnings == 0
    db.dispose(warehouse)
    downloads = record_downloads(monkeypatch)
    at = open_page(monkeypatch, warehouse, "pages/muat.py")
    assert not at.exception and len(at.dataframe) == 1  # the history alone until a batch is chosen

    at.selectbox(key="muat_peringatan_batch").select(warned.batch_id).run()
    assert not at.exception
    history, table = at.dataframe
    assert table.value["alasan"].tolist() == warned.warnings["alasan"].tolist()
    assert table.value["baris"].tolist() == warned.warnings["baris"].tolist()
    [workbook] = [data for name, data in downloads.items() if name.startswith(f"peringatan_batch_{warned.batch_id}")]
    back = workbook_rows(workbook, "alasan", dtype=str)
    assert back["alasan"].tolist() == warned.warnings["alasan"].tolist()

    at.selectbox(key="muat_peringatan_batch").select(clean.batch_id).run()
    assert f"Batch {clean.batch_id} dimuat tanpa peringatan." in [i.value for i in at.info]
