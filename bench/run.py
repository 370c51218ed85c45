"""Benchmarks: building the sample, ingesting a million realization lines, and the summary
against the same computation in pandas.

    python -m bench.run [--national [--national-db PATH]] [--repeat 5] ...
    python -m monev bench [same arguments]

Each measurement runs in a fresh child process (bench/tasks.py), so its peak RSS is its own.
Prints the machine and a plain-text table; writes the results as JSON to bench/results/
(git-ignored). docs/benchmarks.md explains the measurements and records runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LEVELS = ["total", "per_unit", "per_jenis_belanja", "per_satker", "per_ppk"]
LEVEL_KEYS = {"total": [], "per_unit": ["kdunit"], "per_jenis_belanja": ["jenis_belanja"],
              "per_satker": ["kdunit", "kdsatker"], "per_ppk": ["kdunit", "kdsatker", "kdppk"]}
AMOUNTS = ["pagu", "blokir", "realisasi"]


@dataclass
class Row:
    name: str
    scale: str
    rows: int | None
    seconds: float | None
    runs: str = "1"
    rss_mb: float | None = None
    pandas_seconds: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def speedup(self) -> float | None:
        if self.pandas_seconds is None or not self.seconds:
            return None
        return self.pandas_seconds / self.seconds


# --- machine ------------------------------------------------------------------------------

def machine() -> dict:
    import duckdb
    import pyarrow

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = int(line.split()[1]) / 2**20
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": usable, "logical_cpus": os.cpu_count(),
            "ram_gib": round(ram_gib, 1) if ram_gib else None, "os": platform.platform(),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "pandas": pd.__version__,
            "pyarrow": pyarrow.__version__}


def machine_text(m: dict) -> str:
    return (f"Machine: CPU {m['cpu']}, {m['cores']} cores usable ({m['logical_cpus']} logical), "
            f"RAM {m['ram_gib']} GiB, {m['os']}\n"
            f"Python {m['python']}, duckdb {m['duckdb']}, pandas {m['pandas']}, pyarrow {m['pyarrow']}")


# --- child processes ------------------------------------------------------------------------

def run_task(task: str, work: Path, **arguments) -> dict:
    """Run bench.tasks TASK in a fresh interpreter and return its result."""
    result_path = work / f"result-{task}-{time.monotonic_ns()}.json"
    command = [sys.executable, "-m", "bench.tasks", task, json.dumps(arguments), str(result_path)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    # the child's stdout carries nothing of ours, only DuckDB's progress bar; errors go to stderr
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(result_path.read_text(encoding="utf-8"))


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def sample_available() -> str | None:
    """None if monev.sample.build.build_sample can be imported, else why not."""
    try:
        from monev.sample.build import build_sample  # noqa: F401
    except Exception as exc:  # ImportError, or a module still being written
        return f"{type(exc).__name__}: {exc}"
    return None


# --- the measurements -----------------------------------------------------------------------

def scale_label(scale: str, args) -> str:
    if not args.synthetic:
        return scale
    if scale == "national" and args.synth_fraction < 1:
        return f"synthetic-national x{args.synth_fraction:g}"
    return f"synthetic-{scale}"


def measure_build(work: Path, db: Path, scale: str, args, rows: list[Row], target: float | None) -> dict:
    label = scale_label(scale, args)
    how = "bench.synth + ingest_files" if args.synthetic else "monev.sample build_sample"
    log(f"building the {label} warehouse ({how}) into {db}")
    fraction = args.synth_fraction if scale == "national" else 1.0
    result = run_task("build", work, db=str(db), scale=scale, seed=args.seed, synthetic=args.synthetic,
                      fraction=fraction)
    rows.append(Row(f"build sample ({how})", label, result["realisasi_lines"], result["seconds"],
                    rss_mb=result["peak_rss_mb"], target=f"< {target:g} s" if target else "",
                    met=result["seconds"] < target if target else None,
                    note=f"{result['satker']} satker, {result['pagu_rows']} pagu rows, "
                         f"file {result['file_mb']} MB"))
    return result


def compare_tables(wh_dir: Path, pd_dir: Path) -> list[str]:
    """Differences between the warehouse's and pandas' summary tables (empty when equal)."""
    problems = []
    for level in LEVELS:
        keys = LEVEL_KEYS[level]
        wh = pd.read_parquet(wh_dir / f"{level}.parquet")
        pa_ = pd.read_parquet(pd_dir / f"{level}.parquet")
        if keys:
            wh = wh.sort_values(keys).reset_index(drop=True)
            pa_ = pa_.sort_values(keys).reset_index(drop=True)
        if len(wh) != len(pa_):
            problems.append(f"{level}: {len(wh)} rows in the warehouse, {len(pa_)} in pandas")
            continue
        for column in keys:
            if not (wh[column].astype(str).to_numpy() == pa_[column].astype(str).to_numpy()).all():
                problems.append(f"{level}: key {column} differs")
        for column in AMOUNTS:
            a, b = wh[column].astype("int64"), pa_[column].astype("int64")
            if not (a.to_numpy() == b.to_numpy()).all():
                diff = (a != b)
                problems.append(f"{level}: {column} differs in {int(diff.sum())} rows "
                                f"(first: {int(a[diff].iloc[0])} vs {int(b[diff].iloc[0])})")
        for column in ["persen", "target_persen"]:
            a, b = wh[column].astype(float), pa_[column].astype(float)
            close = ((a - b).abs() <= 1e-9 * b.abs().clip(lower=1)) | (a.isna() & b.isna())
            if not close.all():
                problems.append(f"{level}: {column} differs in {int((~close).sum())} rows")
    return problems


def measure_summary(work: Path, db: Path, label: str, args, rows: list[Row], target_s: float | None) -> dict:
    tahun, bulan = args.tahun, args.bulan
    if tahun is None or bulan is None:
        from bench.tasks import default_period

        default_tahun, default_bulan = default_period(str(db))
        tahun, bulan = tahun or default_tahun, bulan or default_bulan
    log(f"summary {label}: reports.budget_summary TA {tahun} s.d. bulan {bulan}, warm median of {args.repeat}")
    wh_dir, pd_dir = work / f"summary-{label}-warehouse", work / f"summary-{label}-pandas"
    wh = run_task("summary_warehouse", work, db=str(db), tahun=tahun, bulan=bulan, repeat=args.repeat,
                  out_dir=str(wh_dir))
    pandas_repeat = args.pandas_repeat or args.repeat
    log(f"summary {label}: the same in pandas (load, then warm median of {pandas_repeat})")
    pdr = run_task("summary_pandas", work, db=str(db), tahun=tahun, bulan=bulan, repeat=pandas_repeat,
                   out_dir=str(pd_dir))
    problems = compare_tables(wh_dir, pd_dir)
    if problems:
        raise AssertionError(f"summary {label}: warehouse and pandas disagree:\n  " + "\n  ".join(problems))
    total = pd.read_parquet(wh_dir / "total.parquet").iloc[0]
    log(f"summary {label}: warehouse and pandas agree on every level (total pagu {int(total.pagu)}, "
        f"realisasi {int(total.realisasi)})")
    speedup = pdr["seconds"] / wh["seconds"]
    targets, met = [], None
    if target_s is not None:  # the targets are set for the national scale
        targets = [f"< {target_s:g} s", ">= 10x pandas"]
        met = wh["seconds"] < target_s and speedup >= 10
    rows.append(Row(f"summary reports.budget_summary TA {tahun} s.d. {bulan:02d}", label,
                    pdr["year_lines"], wh["seconds"], runs=f"median {args.repeat}",
                    rss_mb=wh["peak_rss_mb"], pandas_seconds=pdr["seconds"], target=", ".join(targets), met=met,
                    note=f"rows = realization lines of TA {tahun} ({pdr['year_pagu_rows']} pagu rows); "
                         f"first run {wh['first_seconds']:.3f} s; of the median, the grain query "
                         f"(queries/ringkasan_ppk.sql via query.run) {wh['grain_seconds']:.3f} s for "
                         f"{wh['grain_rows']} grain rows; pandas: median of {pandas_repeat}, first "
                         f"{pdr['first_seconds']:.3f} s; every level equal (amounts exact)"))
    rows.append(Row("pandas: load facts into DataFrames (not in the pandas time)", label,
                    pdr["realisasi_lines"] + pdr["pagu_rows"], pdr["load_seconds"],
                    rss_mb=pdr["peak_rss_mb"],
                    note=f"all years: {pdr['realisasi_lines']} realization lines + {pdr['pagu_rows']} pagu rows, "
                         f"{pdr['frames_mb']:.0f} MB in DataFrames; peak RSS of load + computation"))
    return {"warehouse": wh, "pandas": pdr, "tahun": tahun, "bulan": bulan}


def measure_ingest(work: Path, source_db: Path, label: str, args, rows: list[Row]) -> dict:
    from bench import synth

    db = work / "ingest.duckdb"
    source_db = source_db.resolve()  # a versioned warehouse: the version in force
    shutil.copyfile(source_db, db)
    if source_db.with_name(source_db.name + ".wal").exists():
        shutil.copyfile(source_db.with_name(source_db.name + ".wal"), db.with_name(db.name + ".wal"))
    log("migrating the copy to the current schema first, if it needs it (not timed)")
    run_task("migrate", work, db=str(db))
    csv = work / f"realisasi_bench_{args.ingest_lines}.csv"
    log(f"writing {args.ingest_lines} realization lines to {csv} (not timed)")
    generated = synth.realisasi_for_warehouse(db, csv, args.ingest_lines, seed=args.seed)
    log(f"ingesting {csv.name} into a copy of the {label} warehouse")
    result = run_task("ingest", work, db=str(db), csv=str(csv))
    note = (f"CSV {result['csv_mb']} MB on {generated['budget_lines']} budget lines of TA "
            f"{generated['thang']}; warehouse then holds {result['realisasi_lines']} lines; CPU (user + system) "
            f"{result['first_cpu_seconds']:.1f} s; load average {result['load_average'][0]:.1f} before, "
            f"{result['load_average'][1]:.1f} after")
    rows.append(Row("ingest realisasi long lines (ingest_files, first load: copy, load, publish)", label,
                    result["rows"],
                    result["first_seconds"], rss_mb=result["peak_rss_mb"], target="< 15 s",
                    met=result["first_seconds"] < 15, note=note))
    rows.append(Row("ingest the same file again (skipped: same sha256)", label, result["rows"],
                    result["second_seconds"], note=result["second_message"]))
    if not args.keep:
        csv.unlink()
        db.unlink()
        shutil.rmtree(db.with_name(db.name + ".versi"), ignore_errors=True)  # the versions a load made
    return {**result, **generated}


# --- output -----------------------------------------------------------------------------------

def _fmt(value, digits=3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table_text(rows: list[Row]) -> str:
    header = ["#", "measurement", "scale", "rows", "seconds", "runs", "peak RSS MB", "pandas s",
              "speed-up", "target", "met"]
    body = []
    for number, row in enumerate(rows, 1):
        body.append([str(number), row.name, row.scale, f"{row.rows:,}" if row.rows is not None else "-",
                     _fmt(row.seconds), row.runs, _fmt(row.rss_mb, 0), _fmt(row.pandas_seconds),
                     f"{row.speedup:.1f}x" if row.speedup else "-", row.target or "-",
                     {True: "yes", False: "NO", None: "-"}[row.met]])
    widths = [max(len(line[i]) for line in [header] + body) for i in range(len(header))]
    right = {0, 3, 4, 6, 7, 8}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [line(header), "  ".join("-" * w for w in widths)] + [line(b) for b in body]
    notes = [f"  {n}. {row.note}" for n, row in enumerate(rows, 1) if row.note]
    return "\n".join(out + (["", "Notes:"] + notes if notes else []))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    if argv and argv[0] == "--":  # `python -m monev bench -- --national ...`
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2024, help="sample seed (default 2024)")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs of the summary (median; default 5)")
    parser.add_argument("--pandas-repeat", type=int, help="warm runs of the pandas computation (default --repeat)")
    parser.add_argument("--ingest-lines", type=int, default=1_000_000, help="lines in the ingest file")
    parser.add_argument("--tahun", type=int, help="fiscal year of the summary (default: latest with pagu)")
    parser.add_argument("--bulan", type=int, help="month of the summary (default: last with realization)")
    parser.add_argument("--no-kemensos", action="store_true", help="skip the kemensos measurements")
    parser.add_argument("--kemensos-db", type=Path,
                        help="reuse this kemensos warehouse instead of building one (the build is then not measured)")
    parser.add_argument("--national", action="store_true",
                        help="also measure the national scale (building it takes many minutes)")
    parser.add_argument("--scale", choices=["kemensos", "national", "all"],
                        help="kemensos (the default), national (= --national --no-kemensos) or all (= --national)")
    parser.add_argument("--national-db", type=Path,
                        help="national warehouse to reuse if it exists, else to build and keep there")
    parser.add_argument("--synthetic", action="store_true",
                        help="build warehouses with bench.synth through ingest_files instead of monev.sample "
                             "(automatic when monev.sample cannot be imported)")
    parser.add_argument("--synth-fraction", type=float, default=1.0,
                        help="with --synthetic: shrink the national preset (satker and lines) to this fraction")
    parser.add_argument("--no-summary", action="store_true",
                        help="skip the summary and its pandas comparison (e.g. to time only the ingest into a "
                             "reused --national-db; the pandas side holds ~10 GB nationally)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--workdir", type=Path, help="where temporary warehouses go (default: a new temp dir)")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/*.json")
    args = parser.parse_args(argv)
    if args.scale in ("national", "all"):
        args.national = True
    if args.scale == "national":
        args.no_kemensos = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = machine()
    print(machine_text(info), flush=True)
    if not args.synthetic:
        missing = sample_available()
        if missing:
            print(f"NOTE: monev.sample is not available ({missing}); using bench.synth warehouses "
                  f"(synthetic files loaded through ingest_files), NOT the project's sample.", flush=True)
            args.synthetic = True
    work = args.workdir or Path(tempfile.mkdtemp(prefix="monev-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    details: dict = {}
    started = time.perf_counter()
    failed = None
    try:
        if not args.no_kemensos:
            label = scale_label("kemensos", args)
            if args.kemensos_db:
                kdb = args.kemensos_db
                log(f"reusing the kemensos warehouse {kdb} (build not measured)")
            else:
                kdb = work / "kemensos.duckdb"
                details["build_kemensos"] = measure_build(work, kdb, "kemensos", args, rows, 60)
            if not args.no_summary:
                details["summary_kemensos"] = measure_summary(work, kdb, label, args, rows, None)
            details["ingest"] = measure_ingest(work, kdb, label, args, rows)
        if args.national:
            label = scale_label("national", args)
            ndb = args.national_db or work / "national.duckdb"
            if ndb.exists():
                log(f"reusing the national warehouse {ndb} (build not measured)")
            else:
                details["build_national"] = measure_build(work, ndb, "national", args, rows, None)
            if not args.no_summary:
                details["summary_national"] = measure_summary(work, ndb, label, args, rows, 1.0)
            # a load copies the whole warehouse into a new version: its cost grows with the warehouse
            details["ingest_national"] = measure_ingest(work, ndb, label, args, rows)
    except (subprocess.CalledProcessError, AssertionError, RuntimeError) as exc:
        failed = f"{type(exc).__name__}: {exc}"
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table_text(rows) if rows else "(no measurement completed)")
    print(f"\nTotal bench time {time.perf_counter() - started:.0f} s.", flush=True)
    if args.keep or args.workdir:
        print(f"Work directory kept: {work}")
    if failed:
        print(f"\nFAILED: {failed}", file=sys.stderr)
    if not args.no_json:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps({"machine": info, "argv": argv if argv is not None else sys.argv[1:],
                                    "rows": [{**asdict(r), "speedup": r.speedup} for r in rows],
                                    "details": details, "failed": failed}, indent=2, default=str),
                        encoding="utf-8")
        print(f"Results written to {path.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
