"""Rakor pack timing: the whole pack (deck, workbook, PDF) of a Kemensos-scale warehouse, and the
pack of one unit of a national-scale warehouse.

    python -m bench.pack [--db PATH] [--national-db PATH] [--unit KD] [--repeat 3]

Each pack is timed twice: as the command line makes it (`python -m monev rakor`, a fresh process:
imports, opening the warehouse, every query cold, the three files written), and inside a warm
process, stage by stage (content from the views; deck; workbook; PDF), one warm-up then the
median of N, as the page makes it for a second viewer. Without --db the Kemensos sample is built
in a temporary folder first. The national pack is of --unit, by default the unit with the most
satker (the largest one-unit pack); --all-units adds the national pack of every unit (no target).
Targets (issue 14): under 20 s at Kemensos scale, under 60 s
for one unit at national scale, both for the command line.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.pages import latest_period
from bench.tasks import timed
from monev import reports
from monev.domain.period import Period
from monev.pack import content, deck, pdf, workbook
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Scope

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = Path("/work/scratch/national.duckdb")
TARGETS = {"kemensos": 20.0, "national": 60.0}


def largest_unit(db_path: Path, period: Period) -> str:
    grain = reports.budget_grain(db.engine(db_path), period, scope=EVERYTHING)
    return str(grain.drop_duplicates("kdsatker")["kdunit"].value_counts().idxmax())


def command_line(db_path: Path, period: Period, units: tuple[str, ...], out: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of `python -m monev rakor` in a fresh process: on a
    shared machine the CPU time says what the pack costs when the wall time is stretched."""
    argv = [sys.executable, "-m", "monev", "rakor", "--db", str(db_path), "--tahun", str(period.tahun),
            "--sampai", f"{period.tahun}-{period.bulan:02d}", "--out", str(out)]
    for unit in units:
        argv += ["--unit", unit]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def stages(db_path: Path, period: Period, scope: Scope, repeat: int) -> dict[str, float]:
    """Warm median seconds of each stage, and the pack's size."""
    engine = db.engine(db_path)
    result = {}
    pack = None

    def build():
        nonlocal pack
        pack = content.build(engine, period, scope=scope)

    result["isi"] = statistics.median(timed(build, repeat)[1])
    for name, writer in (("pptx", deck.write), ("xlsx", workbook.write), ("pdf", pdf.write)):
        result[name] = statistics.median(timed(lambda writer=writer: writer(pack), repeat)[1])
    result["slide"] = len(pack.slides)
    result["lembar"] = len(pack.tables) + 1
    return result


def measure(label: str, scale: str | None, db_path: Path, period: Period, units: tuple[str, ...], repeat: int) -> dict:
    """`scale` names the target (TARGETS); None: no target."""
    with tempfile.TemporaryDirectory(prefix="bench_pack_") as out:
        cli, cpu = command_line(db_path, period, units, Path(out))
        sizes = {p.suffix: p.stat().st_size for p in Path(out).iterdir()}
    row = {"bahan": label, "cli_s": cli, "cli_cpu_s": cpu,
           **stages(db_path, period, Scope(units=units) if units else EVERYTHING, repeat),
           "kb": {k: round(v / 1024) for k, v in sizes.items()}, "target_s": TARGETS.get(scale)}
    row["hangat_s"] = row["isi"] + row["pptx"] + row["xlsx"] + row["pdf"]
    return row


def table_text(rows: list[dict]) -> str:
    lines = [f"{'bahan':44} {'CLI s':>7} {'CPU s':>6} {'hangat s':>9} {'isi':>6} {'pptx':>6} {'xlsx':>6} {'pdf':>6} "
             f"{'slide':>6} {'lembar':>7}  target"]
    for r in rows:
        met = "–" if r["target_s"] is None else (f"< {r['target_s']:g} s: "
                                                 + ("ya" if r["cli_s"] < r["target_s"] else "TIDAK"))
        lines.append(f"{r['bahan']:44} {r['cli_s']:7.2f} {r['cli_cpu_s']:6.2f} {r['hangat_s']:9.2f} {r['isi']:6.2f} "
                     f"{r['pptx']:6.2f} {r['xlsx']:6.2f} {r['pdf']:6.2f} {r['slide']:6d} {r['lembar']:7d}  {met}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pack", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Kemensos-scale warehouse (default: build the sample)")
    parser.add_argument("--national-db", type=Path, default=NATIONAL)
    parser.add_argument("--unit", help="the national pack's unit (default: the one with the most satker)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all-units", action="store_true", help="also the national pack of every unit")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_pack_sample_") as scratch:
        kemensos = args.db
        if kemensos is None:
            from monev.sample.build import build_sample
            from monev.views import muat

            kemensos = Path(scratch) / "kemensos.duckdb"
            build_sample(kemensos, scale="kemensos", seed=2024, derived=muat.DERIVED)
        period = latest_period(kemensos)
        rows.append(measure(f"Kemensos, semua unit, s.d. {period.tahun}-{period.bulan:02d}", "kemensos", kemensos,
                            period, (), args.repeat))
        db.dispose(kemensos)
    if args.national_db.exists():
        period = latest_period(args.national_db)
        unit = args.unit or largest_unit(args.national_db, period)
        rows.append(measure(f"nasional, unit {unit}, s.d. {period.tahun}-{period.bulan:02d}", "national",
                            args.national_db, period, (unit,), args.repeat))
        if args.all_units:  # no target: the whole nation's pack (about 80 unit slides)
            rows.append(measure(f"nasional, semua unit, s.d. {period.tahun}-{period.bulan:02d}", None,
                                args.national_db, period, (), 1))
    else:
        print(f"(gudang nasional tidak ada: {args.national_db}; dilewati)")
    print(f"beban mesin (1/5/15 menit): {' / '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(table_text(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
