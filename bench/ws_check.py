"""Is bench.ws_client a sound stand-in for a browser? The same page visited alternately by headless
Chromium and by the websocket client, on one server with the page's data cached: the server CPU
of each visit (sign-in included), side by side, and whether a page that fails shows it to both.

    python -m bench.ws_check --db PATH [--page kpa_ppk] [--repeat 6]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import ws_client
from bench.serve import CHROMIUM, CHROMIUM_FLAGS, PASSWORD, USER, cpu_seconds, page_url, settle, streamlit_server


def compare(db_path: Path, page: str, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    costs: dict[str, list[float]] = {"browser": [], "ws": []}
    path = "" if page == "ringkasan" else page
    with streamlit_server(db_path) as (url, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        for attempt in range(repeat + 1):  # the first of each fills the caches (data, static files)
            for client in ("browser", "ws"):
                time.sleep(0.3)
                before = cpu_seconds(pid)
                if client == "browser":
                    tab = context.new_page()
                    tab.goto(page_url(url, page), wait_until="domcontentloaded")
                    settle(tab, 900_000)
                    time.sleep(0.2)
                    cost = cpu_seconds(pid) - before
                    tab.close()
                else:
                    # in a thread of its own: Playwright's sync API holds this thread's event loop
                    with ThreadPoolExecutor(1) as pool:
                        pool.submit(asyncio.run, ws_client.visit(url, path, "", USER, PASSWORD, timeout=900)).result()
                    time.sleep(0.2)
                    cost = cpu_seconds(pid) - before
                if attempt:
                    costs[client].append(cost)
        browser.close()
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ws_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--page", default="kpa_ppk")
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args(argv)
    costs = compare(args.db, args.page, args.repeat)
    for client, values in costs.items():
        print(f"{client:8} CPU per visit: median {statistics.median(values):.3f} s, "
              f"min {min(values):.3f}, max {max(values):.3f}  ({', '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
