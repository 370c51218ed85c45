"""Server CPU per cached page visit: what one viewer opening a page costs the server once the
page's data is in Streamlit's cache.

    python -m bench.visits --db PATH [--repeat N] [--pages ringkasan,ikpa] [--client ws [--navigate]]

Runs `streamlit run app.py` on a loopback port; per page one warm-up visit fills the cache, then
N visits, each a fresh Streamlit session (a new tab: a new viewer opening a shared link; the
browser's cache of the app's static files is kept unless --cold), are timed by the server
process's CPU (user + system, /proc) from the request until the page is drawn. A visit includes
the sign-in a configured warehouse asks for in every new session (local account, argon2id: about
0,05 s of it). Median and max per page. Targets (issue 13): <= 0,25 s at kemensos scale, <= 0,5 s nationally.

--navigate (with --client ws): one session signs in once, then opens the pages from the menu,
round after round; each page's run is timed by the server's CPU from the click to its end. What a
viewer who stays in the tab costs per page: the page's own run, no sign-in.
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


def ws_visit_costs(db_path: Path, pages: list[str], repeat: int, log: Path | None = None) -> list[dict]:
    """visit_costs() with bench.ws_client for the browser, and the visit's CPU told apart: the
    sign-in form's run (the page's HTML and the websocket included), the submitted form's run
    (argon2id check, up to its st.rerun) and the page's run; where the form's callback signs in,
    the submitted form's run is the page's run."""
    import asyncio

    from bench import ws_client
    from bench.serve import PASSWORD, USER

    rows = []
    with streamlit_server(db_path, log) as (url, pid):
        for name in pages:
            parts: dict[str, list[float]] = {"form": [], "masuk": [], "halaman": [], "jumlah": []}
            walls, error = [], None
            for attempt in range(repeat + 1):  # the first fills the cache
                marks = []
                time.sleep(0.3)  # the previous session's close settles out of the measurement
                before = cpu_seconds(pid)
                got = asyncio.run(ws_client.visit(url, "" if name == "ringkasan" else name, "", USER, PASSWORD,
                                                  timeout=900 if not attempt else 120,
                                                  on_finished=lambda _status, m=marks: m.append(cpu_seconds(pid))))
                time.sleep(0.2)  # the socket's close
                after = cpu_seconds(pid)
                error = error or ("; ".join(got["problems"]) or None)
                # form, [sign-in ending early for its rerun (an app checking the password in the
                # script),] page (with the sign-in when the form's callback checks it)
                if attempt and len(marks) in (2, 3):
                    parts["form"].append(marks[0] - before)
                    if len(marks) == 3:
                        parts["masuk"].append(marks[1] - marks[0])
                    parts["halaman"].append(after - marks[-2])
                    parts["jumlah"].append(after - before)
                    walls.append(got["form_s"] + got["page_s"])
                elif attempt:
                    error = error or f"{len(marks)} run(s) instead of 2 or 3"
            if not parts["jumlah"]:
                rows.append({"halaman": name, "galat": error})
                continue
            rows.append({"halaman": name, "cpu_median_s": statistics.median(parts["jumlah"]),
                         "cpu_max_s": max(parts["jumlah"]), "dinding_median_s": statistics.median(walls),
                         "form_s": statistics.median(parts["form"]),
                         "masuk_s": statistics.median(parts["masuk"]) if parts["masuk"] else None,
                         "halaman_s": statistics.median(parts["halaman"]), "galat": error})
    return rows


def ws_menu_costs(db_path: Path, pages: list[str], repeat: int, log: Path | None = None) -> list[dict]:
    """Server CPU per page opened from the menu by one signed-in session (bench.ws_client's
    navigate): a first round fills the cache, then `repeat` rounds through `pages` are timed."""
    import asyncio

    from bench import ws_client
    from bench.serve import PASSWORD, USER

    costs: dict[str, list[float]] = {name: [] for name in pages}
    walls: dict[str, list[float]] = {name: [] for name in pages}
    errors: dict[str, str | None] = dict.fromkeys(pages)
    path = {name: "" if name == "ringkasan" else name for name in pages}

    async def rounds(url: str, pid: int) -> None:
        async with ws_client.Session(url, path[pages[0]], "", 900) as viewer:
            await viewer.open()
            await viewer.sign_in(USER, PASSWORD)
            for attempt in range(repeat + 1):  # the first fills the cache
                for name in pages:
                    await asyncio.sleep(0.2)  # the previous run's last messages settle out
                    before = cpu_seconds(pid)
                    run = await viewer.navigate(path[name])
                    await asyncio.sleep(0.1)
                    if run.problems or run.status != "FINISHED_SUCCESSFULLY":
                        errors[name] = errors[name] or ("; ".join(run.problems) or run.status)[:200]
                    if attempt:
                        costs[name].append(cpu_seconds(pid) - before)
                        walls[name].append(run.seconds)

    with streamlit_server(db_path, log) as (url, pid):
        asyncio.run(rounds(url, pid))
    return [{"halaman": name, "cpu_median_s": statistics.median(costs[name]), "cpu_max_s": max(costs[name]),
             "dinding_median_s": statistics.median(walls[name]), "galat": errors[name]} for name in pages]


def table_text(rows: list[dict], target_s: float | None) -> str:
    lines = [f"{'halaman':12} {'CPU median s':>13} {'CPU maks s':>11} {'waktu median s':>15}  target"]
    split = any("halaman_s" in row for row in rows)
    if split:
        lines[0] += ("   | form  masuk  halaman (CPU median s: the sign-in form's run, the submit, the page's run;"
                     " masuk '-': signed in by the form's callback, in the page's run)")
    for row in rows:
        if "cpu_median_s" not in row:
            lines.append(f"{row['halaman']:12} GALAT: {row['galat']}")
            continue
        met = "" if target_s is None else ("ya" if row["cpu_median_s"] <= target_s else "TIDAK")
        masuk = "-" if row.get("masuk_s") is None else f"{row['masuk_s']:.2f}"
        parts = (f"   | {row['form_s']:5.2f} {masuk:>6} {row['halaman_s']:8.2f}" if split else "")
        lines.append(f"{row['halaman']:12} {row['cpu_median_s']:13.2f} {row['cpu_max_s']:11.2f} "
                     f"{row['dinding_median_s']:15.2f}  {met:6}{parts}"
                     + (f"  GALAT: {row['galat']}" if row["galat"] else ""))
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
    parser.add_argument("--client", choices=["browser", "ws"], default="browser",
                        help="ws: bench.ws_client instead of Chromium, with the sign-in's CPU apart from the page's")
    parser.add_argument("--navigate", action="store_true",
                        help="(ws) one session signed in once, the pages opened from its menu: a page run's CPU "
                             "without the sign-in")
    args = parser.parse_args(argv)
    if args.navigate and args.client != "ws":
        parser.error("--navigate: with --client ws")
    pages = args.pages.split(",") if args.pages else PAGES
    if args.navigate:
        rows = ws_menu_costs(args.db, pages, args.repeat, args.log)
    elif args.client == "ws":
        rows = ws_visit_costs(args.db, pages, args.repeat, args.log)
    else:
        rows = visit_costs(args.db, pages, args.repeat, args.log, args.cold)
    print(table_text(rows, args.target))
    return 1 if any(r["galat"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
