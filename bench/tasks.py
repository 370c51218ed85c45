"""The measurements, each run by bench.run in a fresh child process so peak RSS is its own.

    python -m bench.tasks TASK '{"arg": ...}' RESULT.json

A task returns a dict (written as JSON to RESULT.json); `peak_rss_mb` is the child's peak
resident set size (ru_maxrss), which includes DuckDB's memory since it runs in-process.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

from monev.domain.period import Period

LINE = ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]
GRAIN = ["kdsatker", "kdppk", "jenis_belanja"]
LEVELS = ["total", "per_unit", "per_jenis_belanja", "per_satker", "per_ppk"]


def _cpu_seconds() -> float:
    """User + system CPU of this process (DuckDB's threads included): on a shared machine it
    varies less than the wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _stderr_progress(label: str):
    last = {"message": None, "at": 0.0}

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if message != last["message"] and now - last["at"] >= 2 or fraction >= 1.0:
            print(f"  [{label} {fraction:5.0%}] {message}", file=sys.stderr, flush=True)
            last.update(message=message, at=now)

    return progress


def warehouse_counts(db: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "realisasi_lines": int(one("select count(*) from fact_realisasi")),
            "pagu_rows": int(one("select count(*) from fact_pagu")),
            "satker": int(one("select count(*) from dim_satker")),
            "agg_rows": int(one("select count(*) from agg_realisasi_bulanan")),
            "years": [int(r[0]) for r in con.execute("select distinct thang from fact_pagu order by 1").fetchall()],
            "file_mb": round(Path(db).stat().st_size / 2**20, 1),
        }
    finally:
        con.close()


def default_period(db: str) -> tuple[int, int]:
    """The latest fiscal year with pagu, as of the last month with realization in it."""
    con = duckdb.connect(db, read_only=True)
    try:
        tahun = con.execute("select max(thang) from fact_pagu").fetchone()[0]
        if tahun is None:
            raise RuntimeError(f"{db} has no pagu")
        bulan = con.execute("select max(month(tgl_sp2d)) from fact_realisasi where thang = ?",
                            [tahun]).fetchone()[0]
        return int(tahun), int(bulan or 12)
    finally:
        con.close()


# --- 1. building a sample warehouse ---------------------------------------------------------

def build(db: str, scale: str, seed: int, synthetic: bool = False, fraction: float = 1.0) -> dict:
    from monev.warehouse import db as wdb

    started = time.perf_counter()
    if synthetic:
        from bench.synth import build_synthetic

        detail = build_synthetic(Path(db), scale, seed=seed, fraction=fraction,
                                 progress=_stderr_progress(f"synthetic {scale}"))
    else:
        from monev.sample.build import build_sample
        from monev.views import muat

        build_sample(Path(db), scale=scale, seed=seed, progress=_stderr_progress(f"sample {scale}"),
                     derived=muat.DERIVED)
        detail = {}
    wdb.dispose()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), **detail, **warehouse_counts(db)}


# --- 2. ingesting realization lines ---------------------------------------------------------

def ingest(db: str, csv: str) -> dict:
    from monev.views import muat
    from monev.warehouse import db as wdb
    from monev.warehouse.ingest import ALREADY, LOADED, ingest_files
    load_before = os.getloadavg()[0]
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    first = ingest_files(db, [Path(csv)], loaded_by="bench", derived=muat.DERIVED)[0]
    first_s = time.perf_counter() - started
    first_cpu = _cpu_seconds() - cpu_before
    load_after = os.getloadavg()[0]
    if first.status != LOADED:
        raise RuntimeError(f"first load not accepted: {first.message}\n{first.problems.head(10)}")
    rss_first = peak_rss_mb()
    started = time.perf_counter()
    second = ingest_files(db, [Path(csv)], loaded_by="bench", derived=muat.DERIVED)[0]
    second_s = time.perf_counter() - started
    if second.status != ALREADY:
        raise RuntimeError(f"second load was not skipped: {second.status} {second.message}")
    wdb.dispose()
    return {"first_seconds": first_s, "first_cpu_seconds": first_cpu, "load_average": [load_before, load_after],
            "second_seconds": second_s, "rows": first.rows,
            "peak_rss_mb": rss_first, "first_message": first.message, "second_message": second.message,
            **warehouse_counts(db), "csv_mb": round(Path(csv).stat().st_size / 2**20, 1)}


def migrate(db: str) -> dict:
    """Bring a copied warehouse to the current schema before a timed load, so the load's time is
    the load's (opening an older warehouse publishes a migrated version)."""
    from monev.warehouse import db as wdb

    started = time.perf_counter()
    wdb.engine(db)
    wdb.dispose()
    return {"seconds": time.perf_counter() - started}


# --- 3. the summary, warehouse against pandas -----------------------------------------------

def _save(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in LEVELS:
        tables[name].to_parquet(out_dir / f"{name}.parquet", index=False)


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    """Run once to warm, then `repeat` times; the first run's time and the warm times."""
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return first, times


def summary_warehouse(db: str, tahun: int, bulan: int, repeat: int, out_dir: str) -> dict:
    from monev import reports
    from monev.warehouse import db as wdb
    from monev.warehouse.query import EVERYTHING

    engine = wdb.engine(db)
    period = Period(tahun, bulan)
    first, times = timed(lambda: reports.budget_summary(engine, period, scope=EVERYTHING), repeat)
    _, grain_times = timed(lambda: reports.budget_grain(engine, period, scope=EVERYTHING), repeat)
    tables = reports.budget_summary(engine, period, scope=EVERYTHING)
    grain_rows = len(reports.budget_grain(engine, period, scope=EVERYTHING))
    _save(tables, Path(out_dir))
    wdb.dispose()
    return {"first_seconds": first, "times": times, "seconds": statistics.median(times),
            "grain_seconds": statistics.median(grain_times), "grain_rows": grain_rows,
            "peak_rss_mb": peak_rss_mb()}


def load_frames(db: str) -> dict[str, pd.DataFrame]:
    """The facts as a pandas app would hold them: every pagu row and realization line in force.

    Read through Arrow (about 10x faster and a quarter of the peak memory of DuckDB's .df() at
    4 million lines); strings become pandas' default (pyarrow-backed) str, dates datetime64.
    """
    con = duckdb.connect(db, read_only=True)

    def frame(sql: str) -> pd.DataFrame:
        return con.sql(sql).to_arrow_table().to_pandas()

    try:
        return {
            "pagu": frame("select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, "
                          "pagu, blokir, revisi_ke, tgl_revisi::timestamp as tgl_revisi from fact_pagu"),
            "realisasi": frame("select thang, tgl_sp2d::timestamp as tgl_sp2d, no_sp2d, kdsatker, kdprogram, "
                               "kdgiat, kdoutput, kdsoutput, kdakun, kdppk, nilai from fact_realisasi"),
            "satker": frame("select thang, kdsatker, nmsatker, kdunit, kewenangan, kdlokasi from dim_satker"),
            "unit": frame("select thang, kdunit, nmunit from dim_unit"),
            "target": frame("select thang, jenis_belanja, triwulan, target_persen::double as target_persen "
                            "from ref_target"),
        }
    finally:
        con.close()


def pandas_summary(frames: dict[str, pd.DataFrame], tahun: int, bulan: int) -> dict[str, pd.DataFrame]:
    """The same figures as reports.budget_summary, computed in pandas from the raw facts."""
    from monev.domain import summary, targets
    from monev.domain.period import month_end

    sampai = pd.Timestamp(month_end(tahun, bulan))
    pagu = frames["pagu"]
    # pagu in force: each budget line's highest revision dated on or before `sampai`
    p = pagu[(pagu["thang"] == tahun) & (pagu["tgl_revisi"] <= sampai)]
    p = p.sort_values("revisi_ke", kind="stable").drop_duplicates(LINE, keep="last")
    p = p.assign(jenis_belanja=p["kdakun"].str.slice(0, 2))
    p = p.groupby(GRAIN, as_index=False, sort=False)[["pagu", "blokir"]].sum()
    # realization to date: group by akun first (few groups), then derive the jenis belanja
    real = frames["realisasi"]
    r = real[(real["thang"] == tahun) & (real["tgl_sp2d"] <= sampai)]
    r = r.groupby(["kdsatker", "kdppk", "kdakun"], as_index=False, sort=False)["nilai"].sum()
    r["jenis_belanja"] = r["kdakun"].str.slice(0, 2)
    r = r.groupby(GRAIN, as_index=False, sort=False)["nilai"].sum().rename(columns={"nilai": "realisasi"})
    grain = p.astype({"pagu": "Int64", "blokir": "Int64"}).merge(
        r.astype({"realisasi": "Int64"}), on=GRAIN, how="outer")
    grain[["pagu", "blokir", "realisasi"]] = grain[["pagu", "blokir", "realisasi"]].fillna(0).astype("int64")
    satker = frames["satker"]
    unit = frames["unit"]
    s = satker[satker["thang"] == tahun].merge(unit.loc[unit["thang"] == tahun, ["kdunit", "nmunit"]],
                                               on="kdunit", how="left")
    grain = grain.merge(s[["kdunit", "nmunit", "kdsatker", "nmsatker", "kewenangan", "kdlokasi"]],
                        on="kdsatker", how="inner")
    target = frames["target"]
    month_targets = targets.month_targets(target[target["thang"] == tahun], bulan)
    return summary.summarize(grain, month_targets)


def summary_pandas(db: str, tahun: int, bulan: int, repeat: int, out_dir: str) -> dict:
    started = time.perf_counter()
    frames = load_frames(db)
    load_s = time.perf_counter() - started
    memory_mb = sum(f.memory_usage(deep=True).sum() for f in frames.values()) / 2**20
    first, times = timed(lambda: pandas_summary(frames, tahun, bulan), repeat)
    _save(pandas_summary(frames, tahun, bulan), Path(out_dir))
    return {"load_seconds": load_s, "first_seconds": first, "times": times,
            "seconds": statistics.median(times), "frames_mb": memory_mb,
            "realisasi_lines": len(frames["realisasi"]), "pagu_rows": len(frames["pagu"]),
            "year_lines": int((frames["realisasi"]["thang"] == tahun).sum()),
            "year_pagu_rows": int((frames["pagu"]["thang"] == tahun).sum()),
            "peak_rss_mb": peak_rss_mb()}


TASKS = {"build": build, "ingest": ingest, "migrate": migrate, "summary_warehouse": summary_warehouse,
         "summary_pandas": summary_pandas}


if __name__ == "__main__":
    task, arguments, result_path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    result = TASKS[task](**arguments)
    Path(result_path).write_text(json.dumps(result, default=str), encoding="utf-8")
