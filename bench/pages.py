"""Page timing: the data every page asks for, in a warm process, without Streamlit's cache.

    python -m bench.pages --db PATH [--tahun T --bulan M] [--repeat N]

Each page's data functions are called as monev.ui.data.view calls them on a cache miss (the
first visit after a load, or a new selection); the sidebar's own queries, which every page run
makes, are timed as a row of their own; a page the app always opens after another page's data
(AFTER) is timed with that data asked for first, untimed. One warm-up call, then the median of
N. Targets (issue 3): under 0,3 s per page at kemensos scale, under 1,5 s at national scale.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

from bench.tasks import timed
from monev.domain.period import Period
from monev.views import capaian, ikpa_page, kpa_ppk, rincian, ringkasan, rpd, tren, wilayah
from monev.warehouse import batches, db, query

PAGE_DATA = {
    "ringkasan": [(ringkasan.overview, {})],
    "rincian": [(rincian.children, {"path": ()})],
    "kpa_ppk": [(kpa_ppk.table, {"grain_name": "satker"})],
    # the page fetches each group of tabs' data when one of them is open: the first visit (the
    # months' tab, and every tab's satker) pays for "ikpa" only
    "ikpa": [(ikpa_page.scores_shown, {"lang": "id"})],
    "ikpa_proyeksi": [(ikpa_page.projection_shown, {"lang": "id"})],  # its tab (AFTER, FRESH)
    "ikpa_perhatian": [(ikpa_page.attention_shown, {"lang": "id"})],  # the attention tab (AFTER, FRESH)
    "capaian": [(capaian.output_achievement, {})],
    "rpd": [(rpd.plan_vs_realization, {})],
    "wilayah": [(wilayah.per_provinsi, {"kewenangan": tuple(wilayah.DEFAULT_KEWENANGAN)})],
    "tren": [(tren.yearly, {}), (tren.monthly_curves, {})],
}

# pages whose data the app always asks for after another page's in the same process, and that one:
# pages/ikpa.py reads the first tab's part ("ikpa") on every run before any other tab's, and that
# part keeps its current scores for the projection part of the same selection (ikpa_page._CURRENT),
# so a visitor opening the projection or attention tab never pays for scoring them again. The
# other part is called once, untimed, before the page's own warm-up: its times are what opening
# the tab after the first one costs.
AFTER = {"ikpa_proyeksi": "ikpa", "ikpa_perhatian": "ikpa"}
# what a page keeps in the process for another page's data, forgotten before each of its calls so
# that each is timed as the first of the two to be opened: the IKPA projection and attention tabs
# keep their shared basis for each other (ikpa_page.BASES), which only the second one opened finds
FRESH = {"ikpa_proyeksi": ikpa_page.BASES.clear, "ikpa_perhatian": ikpa_page.BASES.clear}


def _sidebar(engine, period: Period) -> None:
    query.run(engine, "tahun_anggaran", scope=query.EVERYTHING)
    query.run(engine, "data_terakhir", scope=query.EVERYTHING, tahun=period.tahun)
    query.run(engine, "pilihan_filter", scope=query.EVERYTHING, tahun=period.tahun)
    query.reference(engine, "info_gudang")
    batches.history(engine)  # the "as loaded at" choice


def _page(engine, period: Period, calls, forget=None) -> None:
    if forget is not None:
        forget()
    for fn, options in calls:
        fn(engine, period, scope=query.EVERYTHING, filters=query.NO_FILTER, **options)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # this process, DuckDB's threads included
    return usage.ru_utime + usage.ru_stime


def _measured(name: str, fn, repeat: int) -> dict:
    """Wall seconds (first call, median of the warm ones) and CPU seconds of the warm calls
    (median): on a shared machine the CPU time says more than the wall time."""
    cpu = []

    def counted():
        before = _cpu()
        fn()
        cpu.append(_cpu() - before)

    first, warm = timed(counted, repeat)
    return {"halaman": name, "pertama_s": first, "hangat_s": statistics.median(warm),
            "cpu_s": statistics.median(cpu[1:])}


def page_timings(db_path: Path, period: Period, repeat: int = 5,
                 pages: list[str] | None = None) -> list[dict]:
    engine = db.engine(db_path)
    rows = [_measured("(bilah samping, tiap halaman)", lambda: _sidebar(engine, period), repeat)]
    for page, calls in PAGE_DATA.items():
        if pages and page not in pages:
            continue
        if page in AFTER:
            _page(engine, period, PAGE_DATA[AFTER[page]])
        rows.append(_measured(page, lambda calls=calls, page=page: _page(engine, period, calls, FRESH.get(page)),
                              repeat))
    return rows


def latest_period(db_path: Path) -> Period:
    engine = db.engine(db_path)
    tahun = int(query.run(engine, "tahun_anggaran", scope=query.EVERYTHING)["thang"].iloc[0])
    bulan = query.run(engine, "data_terakhir", scope=query.EVERYTHING, tahun=tahun)["bulan_terakhir"].iloc[0]
    return Period(tahun, int(bulan))


def table_text(rows: list[dict], target_s: float | None) -> str:
    lines = [f"{'halaman':32} {'pertama s':>10} {'hangat s':>10} {'CPU s':>8}  target"]
    for row in rows:
        met = "" if target_s is None else ("ya" if row["hangat_s"] < target_s else "TIDAK")
        lines.append(f"{row['halaman']:32} {row['pertama_s']:10.3f} {row['hangat_s']:10.3f} {row['cpu_s']:8.3f}  {met}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--tahun", type=int)
    parser.add_argument("--bulan", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, help="target seconds per page (warm)")
    parser.add_argument("--halaman", nargs="+", choices=list(PAGE_DATA), help="only these pages")
    args = parser.parse_args(argv)
    latest = latest_period(args.db)  # what --tahun or --bulan leaves out (--bulan 6 alone: June of the latest year)
    period = Period(args.tahun or latest.tahun, args.bulan or latest.bulan)
    started = time.strftime("%H:%M:%S", time.gmtime())
    print(f"Waktu data halaman: {args.db}, TA {period.tahun} s.d. bulan {period.bulan}, median {args.repeat}; "
          f"{started} UTC, beban rata-rata {os.getloadavg()[0]:.1f}")
    print(table_text(page_timings(args.db, period, args.repeat, args.halaman), args.target))
    print(f"selesai {time.strftime('%H:%M:%S', time.gmtime())} UTC, beban rata-rata {os.getloadavg()[0]:.1f}; "
          "CPU s = median CPU detik proses (DuckDB termasuk) per panggilan hangat")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
