"""Loads from another process while pages are read, and loads killed at any moment.

The warehouse path is a link to an immutable version; a load writes a copy and publishes it by
replacing the link (monev/warehouse/store.py). These tests run real `python -m monev ingest`
processes against the test warehouse: readers never see half a load or a lock error, and a load
killed with SIGKILL leaves the warehouse exactly as it was before it (or, once published, after).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import _copy

from monev import reports
from monev.domain.period import Period
from monev.views import kpa_ppk, rpd
from monev.warehouse import db, store
from monev.warehouse.query import EVERYTHING

import builders as b

ROOT = Path(__file__).resolve().parent.parent
PERIOD = Period(b.THANG, 12)
LINES = [b.L1, b.L2, b.L5, b.L8]


def _realization_file(directory: Path, tag: str, rows: int, amount: int) -> tuple[Path, int]:
    """SP2D lines on budget lines the test warehouse holds; returns the file and its total."""
    lines = [b._sp2d(LINES[i % len(LINES)], f"2024-{1 + i % 12:02d}-15", f"{tag}-{i}", amount + i)
             for i in range(rows)]
    return b.write_kind(directory / tag, "realisasi", lines), sum(r["nilai"] for r in lines)


def _ingest(warehouse: Path, path: Path, crash_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(store.CRASH_ENV, None)
    if crash_at:
        env[store.CRASH_ENV] = crash_at
    return subprocess.Popen([sys.executable, "-m", "monev", "ingest", "--db", str(warehouse), "--user", "uji",
                             str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _state(warehouse: Path) -> dict:
    """Every table's row count, the last batch, and the realization total the pages show."""
    engine = db.engine(warehouse)
    total = next(reports.budget_summary(engine, PERIOD, scope=EVERYTHING)["total"].itertuples(index=False))
    return {**b.snapshot(warehouse), "realisasi": int(total.realisasi), "pagu": int(total.pagu)}


def _leftovers(warehouse: Path) -> list[str]:
    directory = store.versions_dir(store.live_path(warehouse))
    found = [p.name for p in directory.iterdir() if p.name.startswith("tmp-")]
    return found + [p.name for p in warehouse.parent.glob(f".{warehouse.name}.tautan-*")]


def test_pages_read_without_errors_while_another_process_loads(warehouse, tmp_path):
    before = _state(warehouse)
    path, amount = _realization_file(tmp_path, "serentak", 20_000, 1_000)
    seen, errors, stop = [], [], threading.Event()

    def pages_in_a_loop():
        while not stop.is_set():
            try:
                engine = db.engine(warehouse)  # what every app run does first
                total = next(reports.budget_summary(engine, PERIOD, scope=EVERYTHING)["total"].itertuples(index=False))
                kpa = kpa_ppk.table(engine, PERIOD, scope=EVERYTHING)["tabel"]
                plan = rpd.plan_vs_realization(engine, PERIOD, scope=EVERYTHING)["tabel"]
                seen.append((int(total.realisasi), int(kpa["realisasi"].sum()), len(plan)))
            except Exception as exc:  # noqa: BLE001 - any error a user would see fails the test
                errors.append(repr(exc))

    reader = threading.Thread(target=pages_in_a_loop)
    reader.start()
    try:
        time.sleep(0.5)
        loader = _ingest(warehouse, path)
        other_reader = subprocess.run(  # a second process reads while the load runs
            [sys.executable, "-m", "monev", "summary", "--db", str(warehouse), "--tahun", str(b.THANG),
             "--sampai", f"{b.THANG}-12", "--json"], env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, timeout=120)
        out, err = loader.communicate(timeout=180)
        time.sleep(1.0)
    finally:
        stop.set()
        reader.join(timeout=60)
    assert loader.returncode == 0, out + err
    assert other_reader.returncode == 0, other_reader.stderr
    assert errors == []
    realized = [s[0] for s in seen]
    after = before["realisasi"] + amount
    assert set(realized) == {before["realisasi"], after}, "a reader saw half a load"
    assert realized == sorted(realized), "a reader went back to the old figures"
    assert all(s[0] == s[1] for s in seen), "two views of one run read different versions"
    assert _state(warehouse)["realisasi"] == after


def test_two_loads_at_once_both_land_one_after_the_other(warehouse, tmp_path):
    before = _state(warehouse)
    first, amount_1 = _realization_file(tmp_path, "pertama", 5_000, 700)
    second, amount_2 = _realization_file(tmp_path, "kedua", 5_000, 900)
    loads = [_ingest(warehouse, first), _ingest(warehouse, second)]
    outputs = [p.communicate(timeout=180) for p in loads]
    assert [p.returncode for p in loads] == [0, 0], outputs
    after = _state(warehouse)
    assert after["realisasi"] == before["realisasi"] + amount_1 + amount_2
    assert after["load_batch"] == before["load_batch"] + 2
    assert _leftovers(warehouse) == []


def test_a_second_writer_gives_up_with_a_clear_message_when_the_lock_is_held(warehouse, tmp_path, monkeypatch):
    path, _ = _realization_file(tmp_path, "tunggu", 10, 100)
    before = _state(warehouse)
    monkeypatch.setattr(store, "LOCK_TIMEOUT_SECONDS", 0.5)
    heard = []
    with db.writing(warehouse):
        with pytest.raises(store.WarehouseBusy) as caught:
            with db.writing(warehouse, wait=heard.append):
                pass
    assert "sedang dimuat oleh proses lain" in str(caught.value) and f"pid {os.getpid()}" in str(caught.value)
    assert "Tidak ada yang berubah" in str(caught.value)
    assert heard and heard[0].startswith("Menunggu pemuatan lain selesai")
    assert _state(warehouse) == before


@pytest.fixture
def reference_after(warehouse, tmp_path):
    """The file the crash tests load, and the state a completed load of it gives (on a copy)."""
    path, _ = _realization_file(tmp_path, "mati", 5_000, 1_234)
    copy = _copy(warehouse, tmp_path / "acuan.duckdb")
    loader = _ingest(copy, path)
    assert loader.wait(timeout=180) == 0
    after = _state(copy)
    db.dispose(copy)
    return path, after


@pytest.mark.parametrize("point, published", [("disalin", False), ("dimuat", False), ("ditutup", False),
                                              ("dinamai", False), ("diterbitkan", True)])
def test_a_load_killed_at_each_point_leaves_the_warehouse_before_or_after(warehouse, reference_after,
                                                                         point, published):
    path, after = reference_after
    before = _state(warehouse)
    loader = _ingest(warehouse, path, crash_at=point)
    loader.communicate(timeout=180)
    assert loader.returncode == -signal.SIGKILL
    assert _state(warehouse) == (after if published else before)
    # the next load clears what the killed one left and lands (or finds the file already loaded)
    again = _ingest(warehouse, path)
    out, err = again.communicate(timeout=180)
    assert again.returncode == 0, out + err
    assert ("SUDAH_DIMUAT" in out) == published
    assert _state(warehouse) == after
    assert _leftovers(warehouse) == []


def test_loads_killed_at_random_moments_never_leave_half_a_load(warehouse, reference_after):
    path, after = reference_after
    before = _state(warehouse)
    outcomes = []
    for delay in (0.4, 0.9, 1.4, 1.9, 2.4, 3.0):
        loader = _ingest(warehouse, path)
        time.sleep(delay)
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=60)
        state = _state(warehouse)
        assert state in (before, after), f"killed after {delay} s: neither before nor after the load"
        outcomes.append(state == after)
        if state == after:
            break
    assert outcomes[0] is False, "the first kill came too late to test anything"


def test_a_file_loaded_before_makes_no_new_version(warehouse, tmp_path):
    """Re-running a load over the same export folder must not copy the warehouse each time."""
    from monev.warehouse.ingest import ingest_files

    path, _ = _realization_file(tmp_path, "sekali", 10, 100)
    assert [r.status for r in ingest_files(warehouse, [path])] == ["dimuat"]
    in_force = warehouse.resolve()
    again = ingest_files(warehouse, [path])
    assert [r.status for r in again] == ["sudah_dimuat"] and "sudah dimuat (batch" in again[0].message
    assert warehouse.resolve() == in_force
    assert sorted(p.name for p in in_force.parent.glob("*.duckdb")) == ["000001.duckdb"]
