"""Server CPU per cached page visit: what one viewer opening a page costs the server once the
page's data is in Streamlit's cache.

    python -m bench.visits --db PATH [--repeat N] [--pages ringkasan,ikpa]

Runs `streamlit run app.py` on a loopback port; per page one warm-up visit fills the cache, then
N visits, each a fresh Streamlit session (a new tab: a new viewer opening a shared link; the
browser's cache of the app's static files is kept unless --cold), are timed by the server process's CPU (user + system, /proc) from the request
until the run is over and the page is drawn. Median and max per page. Targets (issue 13): <= 0,25 s
at kemensos scale, <= 0,5 s nationally.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.serve import CHROMIUM, CHROMIUM_FLAGS, PAGES, cpu_seconds, page_url, problems, settle, streamlit_server


def visit_costs(db_path: Path, pages: list[str], repeat: int, log: Path | None = None,
                cold: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with streamlit_server(db_path, log) as (url, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        shared = browser.new_context(viewport={"width": 1400, "height": 1000})
        for name in pages:
            costs, walls, error = [], [], None
            for attempt in range(repeat + 1):  # the first fills the cache
                context = browser.new_context(viewport={"width": 1400, "height": 1000}) if cold else shared
                tab = context.new_page()
                time.sleep(0.3)  # let the previous session's close settle out of the measurement
                before, start = cpu_seconds(pid), time.perf_counter()
                tab.goto(page_url(url, name), wait_until="domcontentloaded")
                settle(tab, 120_000 if attempt else 900_000)  # filling the cache nationally: minutes
                wall = time.perf_counter() - start
                time.sleep(0.2)  # messages still being sent after the status went idle
                cost = cpu_seconds(pid) - before
                error = error or problems(tab)
                (context if cold else tab).close()
                if attempt:
                    costs.append(cost)
                    walls.append(wall)
            rows.append({"halaman": name, "cpu_median_s": statistics.median(costs), "cpu_max_s": max(costs),
                         "dinding_median_s": statistics.median(walls), "galat": error})
        browser.close()
    return rows


def table_text(rows: list[dict], target_s: float | None) -> str:
    lines = [f"{'halaman':12} {'CPU median s':>13} {'CPU maks s':>11} {'waktu median s':>15}  target"]
    for row in rows:
        met = "" if target_s is None else ("ya" if row["cpu_median_s"] <= target_s else "TIDAK")
        lines.append(f"{row['halaman']:12} {row['cpu_median_s']:13.2f} {row['cpu_max_s']:11.2f} "
                     f"{row['dinding_median_s']:15.2f}  {met}" + (f"  GALAT: {row['galat']}" if row["galat"] else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.visits", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", help="comma-separated url paths (default: every page)")
    parser.add_argument("--target", type=float, help="CPU seconds per visit to meet (0.25 kemensos, 0.5 national)")
    parser.add_argument("--log", type=Path, help="where the server's output goes")
    parser.add_argument("--cold", action="store_true",
                        help="a new browser context per visit: the app's static files (~4 MB of JavaScript) "
                             "fetched again each time, as by a first-time viewer")
    args = parser.parse_args(argv)
    pages = args.pages.split(",") if args.pages else PAGES
    rows = visit_costs(args.db, pages, args.repeat, args.log, args.cold)
    print(table_text(rows, args.target))
    return 1 if any(r["galat"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
