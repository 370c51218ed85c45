"""One load, step by step: where the wall and CPU seconds of `ingest_files` go.

    python -m bench.profile_load --db WAREHOUSE --csv FILE [--workdir DIR] [--keep]

WAREHOUSE is never written: it is hard-linked into a fresh work directory (a load copies the
version in force before writing, so the link's target stays as it was) and, if its schema is
older than the code's, migrated there first (not timed). Then one `ingest_files` call is timed
with every SQL statement (SQLAlchemy's cursor events, labelled by the query file it came from)
and the Python steps around them (copy, read, prepare, validate, warnings, publish) measured for
wall and CPU seconds (user + system of the whole process, DuckDB's threads included: on a shared
machine CPU varies less than wall). Prints a table, the load average before and after, and the
peak RSS. Statements under --min seconds are summed into one row per query file.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Steps:
    """Timed steps in the order first seen; nested steps are indented under the step running in
    the same thread (the copy of the warehouse runs beside the reading of the file, the staging
    lines beside the load: such steps' CPU seconds overlap, as the process's CPU is counted)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, str], list[float]] = {}
        self._local = threading.local()

    @property
    def depth(self) -> int:
        return getattr(self._local, "depth", 0)

    @depth.setter
    def depth(self, value: int) -> None:
        self._local.depth = value

    def timed(self, label: str, fn: Callable, *args, **kwargs):
        wall, cpu = time.perf_counter(), _cpu()
        self.depth += 1
        try:
            return fn(*args, **kwargs)
        finally:
            self.depth -= 1
            row = self.rows.setdefault((self.depth, label), [0.0, 0.0, 0])
            row[0] += time.perf_counter() - wall
            row[1] += _cpu() - cpu
            row[2] += 1

    def wrap(self, owner, name: str, label: str | None = None) -> None:
        original = getattr(owner, name)
        setattr(owner, name, lambda *a, **k: self.timed(label or name, original, *a, **k))


def _hook_sql(steps: Steps, script: dict) -> None:
    started: dict[int, tuple[float, float, str]] = {}

    @sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        words = " ".join(statement.split())
        words = next((w for w in words.split(" ") if w and not w.startswith("--")), "")
        label = f"sql {script.get('name') or '(meta)'}: {words.lower()}"
        started[id(cursor)] = (time.perf_counter(), _cpu(), label)
        steps.depth += 1

    @sa.event.listens_for(sa.engine.Engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        steps.depth -= 1
        wall, cpu, label = started.pop(id(cursor))
        row = steps.rows.setdefault((steps.depth, label), [0.0, 0.0, 0])
        row[0] += time.perf_counter() - wall
        row[1] += _cpu() - cpu
        row[2] += 1


def profile(db: Path, csv: Path, workdir: Path) -> tuple[Steps, dict]:
    from monev.views import muat
    from monev.warehouse import db as wdb
    from monev.warehouse import ingest, load_warnings, query, store, validate

    run = workdir / "laden"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    live = run / "gudang.duckdb"
    os.link(db.resolve(), live)
    wdb.engine(live)  # migrates (publishes a new version) when the schema is older: not timed
    wdb.dispose()

    steps = Steps()
    script: dict = {}
    sql_text = query.sql_text

    def named_sql(name: str) -> str:
        script["name"] = name
        return sql_text(name)

    query.sql_text = named_sql
    _hook_sql(steps, script)
    steps.wrap(store.shutil, "copyfile", "copy of the version in force")
    steps.wrap(ingest, "_read_and_check", "read and validate (_read_and_check)")
    steps.wrap(ingest, "read_table", "read the file (reader.read_table)")
    steps.wrap(ingest, "prepare", "prepare (prepare.prepare)")
    steps.wrap(validate, "check", "validate (validate.check)")
    steps.wrap(ingest, "_attach_ppk", "PPK from the pagu (_attach_ppk)")
    steps.wrap(ingest, "_staging", "staging frames (_staging)")
    steps.wrap(ingest, "_staging_lines", "staging lines (_staging_lines, beside the load)")
    steps.wrap(load_warnings, "after_load", "warnings after the load (load_warnings.after_load)")
    steps.wrap(load_warnings, "_read", "their query, read to pandas (load_warnings._read)")
    steps.wrap(sa.engine.Connection, "_commit_impl", "commit of the load's transaction")
    steps.wrap(store.Draft, "publish", "fsync and publish")
    steps.wrap(muat, "DERIVED", "IKPA scores kept for the new version (derived: views.ikpa.store_scores)")
    load_before = os.getloadavg()
    wall, cpu = time.perf_counter(), _cpu()
    [result] = ingest.ingest_files(live, [csv], loaded_by="bench", derived=muat.DERIVED)
    totals = {"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu, "status": result.status,
              "rows": result.rows, "warnings": result.total_warnings, "message": result.message[:300],
              "load_before": load_before, "load_after": os.getloadavg(),
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    wdb.dispose()
    return steps, totals


def report(steps: Steps, totals: dict, minimum: float) -> str:
    lines = [f"{'step':<92} {'wall s':>8} {'cpu s':>8} {'n':>5}"]
    small: dict[tuple[int, str], list[float]] = {}
    for (depth, label), (wall, cpu, n) in steps.rows.items():
        if label.startswith("sql ") and wall < minimum:
            key = (depth, label.split(":")[0] + ": statements under the minimum")
            row = small.setdefault(key, [0.0, 0.0, 0])
            row[0] += wall
            row[1] += cpu
            row[2] += n
            continue
        lines.append(f"{'  ' * depth + label:<92.92} {wall:8.2f} {cpu:8.2f} {n:5d}")
    for (depth, label), (wall, cpu, n) in small.items():
        lines.append(f"{'  ' * depth + label:<92.92} {wall:8.2f} {cpu:8.2f} {n:5d}")
    lines.append(f"{'whole ingest_files call':<92} {totals['wall']:8.2f} {totals['cpu']:8.2f}")
    lines.append(f"status {totals['status']}, {totals['rows']} rows, {totals['warnings']} warnings; "
                 f"peak RSS {totals['peak_rss_mb']:.0f} MB; load average before "
                 f"{totals['load_before'][0]:.1f}, after {totals['load_after'][0]:.1f}")
    lines.append(totals["message"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="warehouse to load into (never written)")
    parser.add_argument("--csv", type=Path, required=True, help="the file to load")
    parser.add_argument("--workdir", type=Path, help="where the hard link and the new versions go")
    parser.add_argument("--min", type=float, default=0.2, help="statements faster than this are summed")
    parser.add_argument("--keep", action="store_true", help="keep the loaded warehouse")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="monev-profload-"))
    try:
        steps, totals = profile(args.db, args.csv, work)
        print(report(steps, totals, args.min), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work / "laden", ignore_errors=True)
            if not args.workdir:
                shutil.rmtree(work, ignore_errors=True)
    return 0 if totals["status"] == "dimuat" else 1


if __name__ == "__main__":
    sys.exit(main())
