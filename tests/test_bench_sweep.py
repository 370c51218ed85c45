"""bench.sweep opens every page of the menu by its link as each kind of viewer and reports what
went wrong: its parts, and one short sweep of the small warehouse in headless Chromium."""
from __future__ import annotations

from pathlib import Path

from e2e import needs_chromium

from bench import sweep

from apptest import app_pages


def test_the_sweep_follows_the_apps_menu():
    pages, admin = sweep.menu()
    assert pages == app_pages()
    assert admin == {"muat", "pengguna", "audit"}


def test_only_the_tracebacks_logged_during_the_visit_are_its_own(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("Traceback (most recent call last):\n  File \"x\"\nValueError: sebelumnya\n")
    start = log.stat().st_size
    with log.open("a") as out:
        out.write("2026-12-03 galat [ab12cd34] pada /ikpa\nTraceback (most recent call last):\n"
                  "  File \"pages/ikpa.py\", line 3\n    x()\nKeyError: 'kdppk'\n  Stopping...\n")
    found, end = sweep._tracebacks(log, start)
    assert found == ["2026-12-03 galat [ab12cd34] pada /ikpa KeyError: 'kdppk'"]
    assert end == log.stat().st_size
    assert sweep._tracebacks(log, end) == ([], end)


def test_a_warehouse_the_app_only_reads_is_used_as_it_is(shared_warehouse, tmp_path):
    assert sweep.warehouse_to_open(shared_warehouse, tmp_path) == (shared_warehouse, None)
    assert list(tmp_path.iterdir()) == []


def test_a_warehouse_the_app_would_migrate_is_copied_first(shared_warehouse, tmp_path, monkeypatch):
    from monev.warehouse import db

    monkeypatch.setattr(db, "pending", lambda conn: [(99, Path("099_x.sql"))])
    before = shared_warehouse.read_bytes()
    opened, copy = sweep.warehouse_to_open(shared_warehouse, tmp_path)
    assert opened == copy and copy.parent.parent == tmp_path
    assert copy.read_bytes() == before and shared_warehouse.read_bytes() == before


@needs_chromium
def test_a_short_sweep_reports_each_visit(shared_warehouse, tmp_path):
    visits, codes = sweep.sweep(shared_warehouse, ["kpa", "admin"], ["ringkasan", "muat"], tmp_path)
    by = {(v.role, v.page): v for v in visits}
    assert set(by) == {("kpa", "ringkasan"), ("kpa", "muat"), ("admin", "ringkasan"), ("admin", "muat")}
    assert all(v.ok for v in visits), [sweep.line(v) for v in visits]
    assert by["kpa", "ringkasan"].drawn and by["admin", "muat"].drawn and by["admin", "muat"].offered
    assert not by["kpa", "muat"].offered  # an admin page is not shown to a KPA: the link lands on Ringkasan
    assert all(v.seconds > 0 and v.server_cpu > 0 for v in visits)
    assert codes["satker"] and codes["unit"] and "." in codes["ppk"] and not codes["copy"]
