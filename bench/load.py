"""A room of viewers at once: N simultaneous browser sessions against `streamlit run app.py`.

    python -m bench.load --db PATH [--sessions 20] [--pages ringkasan,kpa_ppk] [--rounds 1]
                         [--url http://127.0.0.1:PORT] [--client ws [--navigate]]
                         [--rooms K] [--against MONEV_RUNS_AT_ONCE=0]

Starts the app on a loopback port (or uses --url, e.g. nginx in front of several processes), then
N headless Chromium sessions (one browser, a context each: no shared cache or cookies, as N people)
open together, at the same moment, every page in turn by its link, as a Rakor room following the
link it was sent. Each page load is timed twice: from the session's websocket opening until the
server's frame saying the script run is over (server), and from the request until the page is
drawn, the status widget idle (tampil); an exception or error box on the page counts as an error.
Prints median and p95 per page, and the errors. Target (issue 13): 20 sessions at kemensos scale, p95 <= 3 s, no errors.

With --client ws the viewers are bench.ws_client sessions (Streamlit's own websocket protocol, no
browser): each page a new session by its link, signed in through the form, timed from the link's
request to the page run's end; an exception or error box in any run is an error. It measures the
server without 20 Chromiums taking its cores (bench.ws_check compares it with a browser).

With --navigate (ws only) a session opens the first page by its link (a new session that signs
in, as above) and then moves through the others by the menu in that same session, as a room that
opened the shared link and then follows the meeting (st.navigation: a run with the page's script
hash, no new session, no sign-in); each of those pages timed from the click to its run's end.
Without it every page is a new session that signs in: the pessimistic case.

With --rooms K the room is run K times on the same (warm) server, and a summary says how many
rooms met the target on every page, with each page's p95 over the rooms: on a shared machine the
rooms swing, so count them. With --against NAME=VALUE a second server runs with that setting
beside the first (e.g. MONEV_RUNS_AT_ONCE=0: no admission gate, monev/ui/admission.py), and the
rooms alternate between the two (A B, B A, ...), so both see the same noise.

Bounded: at most 60 sessions, each page load given up after --timeout seconds (an error), loopback
only. The browser runs on the same machine as the server at the lowest CPU priority (nice 19):
viewers' browsers are on their own machines. Its drawing still takes what the server leaves, so
'tampil' is an upper bound; 'server' is what the app costs the room.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse

from bench.serve import CHROMIUM, CHROMIUM_FLAGS, PAGES, cpu_seconds, page_url, settle_async, streamlit_server

MAX_SESSIONS = 60
PROBLEM = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def _niced_chromium() -> Path:
    """Chromium at the lowest CPU priority: the viewers' browsers run on their own machines, not on
    the server's two cores, so here they only get what the server leaves."""
    wrapper = Path(tempfile.gettempdir()) / "monev-bench-chromium-nice.sh"
    wrapper.write_text(f'#!/bin/sh\nexec nice -n 19 {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def _run_finished(payload: bytes) -> bool:
    """A websocket frame saying the script run ended, not for a rerun: the server's part of the
    load is done (the browser may still be drawing)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        msg = ForwardMsg.FromString(payload)
    except Exception:  # not a ForwardMsg (should not happen): ignore the frame
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY


async def _session(browser, url: str, pages: list[str], rounds: int, timeout_s: float, start: asyncio.Event,
                   results: list[dict]) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = await context.new_page()
    served: dict = {}  # when the server said the current load's script run was over

    def watch(ws) -> None:
        served.setdefault("opened", time.perf_counter())

        def frame(payload) -> None:
            # the last run's end: the sign-in form's run comes first, then the page's
            if isinstance(payload, (bytes, bytearray)) and _run_finished(bytes(payload)):
                served["at"] = time.perf_counter()
        ws.on("framereceived", frame)

    tab.on("websocket", watch)
    await start.wait()
    try:
        for _ in range(rounds):
            for name in pages:
                served.clear()
                began = time.perf_counter()
                error = None
                try:
                    await tab.goto(page_url(url, name), wait_until="domcontentloaded", timeout=timeout_s * 1000)
                    await settle_async(tab, timeout_s * 1000)
                    problem = tab.locator(PROBLEM)
                    if await problem.count():
                        error = (await problem.first.inner_text())[:200]
                except Exception as exc:  # a timeout or a broken connection: an error of that load
                    error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
                drawn = time.perf_counter()
                results.append({"halaman": name, "detik": drawn - began, "galat": error,
                                "server_s": served.get("at", drawn) - served.get("opened", began)})
    finally:
        await context.close()


async def _run(url: str, sessions: int, pages: list[str], rounds: int, timeout_s: float) -> list[dict]:
    from playwright.async_api import async_playwright

    results: list[dict] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(_niced_chromium()), headless=True,
                                                   args=CHROMIUM_FLAGS)
        start = asyncio.Event()
        tasks = [asyncio.create_task(_session(browser, url, pages, rounds, timeout_s, start, results))
                 for _ in range(sessions)]
        await asyncio.sleep(1)  # every context ready, then all at once
        start.set()
        await asyncio.gather(*tasks)
        await browser.close()
    return results


def _ws_error(run, exc: Exception | None = None) -> str | None:
    if exc is not None:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
    error = "; ".join(run.problems)[:200] or None
    return error or (None if run.status == "FINISHED_SUCCESSFULLY" else run.status)


async def _ws_navigating(url: str, pages: list[str], rounds: int, timeout_s: float, start: asyncio.Event,
                         results: list[dict]) -> None:
    """One viewer through bench.ws_client who stays in the tab: each round, the first page by its
    link (a new session, signed in; timed like _ws_session), every later page from the menu of that
    session, timed from the click to the page run's end. A timeout or a broken connection ends
    the session's round: that load and the round's later pages count as errors."""
    from bench import ws_client
    from bench.serve import PASSWORD, USER

    await start.wait()
    for _ in range(rounds):
        done = 0
        began = time.perf_counter()
        try:
            async with ws_client.Session(url, _link_path(pages[0]), "", timeout_s) as viewer:
                await asyncio.wait_for(viewer.open(), timeout_s)
                run = await asyncio.wait_for(viewer.sign_in(USER, PASSWORD), timeout_s)
                for name in pages:
                    if done:
                        began = time.perf_counter()
                        run = await asyncio.wait_for(viewer.navigate(_link_path(name)), timeout_s)
                    took = time.perf_counter() - began
                    results.append({"halaman": name, "detik": took, "galat": _ws_error(run), "server_s": took})
                    done += 1
        except Exception as exc:  # noqa: BLE001 - every failure is a counted error, never a crash of the room
            took = time.perf_counter() - began
            for name in pages[done:]:
                results.append({"halaman": name, "detik": took, "galat": _ws_error(None, exc), "server_s": took})


def _link_path(name: str) -> str:
    """A page's url path in a link: the default page (ringkasan) is the app's root."""
    return "" if name == "ringkasan" else name


async def _ws_session(url: str, pages: list[str], rounds: int, timeout_s: float, start: asyncio.Event,
                      results: list[dict]) -> None:
    """One viewer through bench.ws_client: per page a new session opened by its link, signed in,
    timed from the link's request to the page run's script_finished (server and tampil alike:
    no browser draws it)."""
    from bench import ws_client
    from bench.serve import PASSWORD, USER

    await start.wait()
    for _ in range(rounds):
        for name in pages:
            began = time.perf_counter()
            error = None
            try:
                got = await asyncio.wait_for(
                    ws_client.visit(url, _link_path(name), "", USER, PASSWORD, timeout_s), timeout_s)
                error = "; ".join(got["problems"])[:200] or None
                if not error and got["status"] != "FINISHED_SUCCESSFULLY":
                    error = got["status"]
            except Exception as exc:  # a timeout or a broken connection: an error of that load
                error = _ws_error(None, exc)
            took = time.perf_counter() - began
            results.append({"halaman": name, "detik": took, "galat": error, "server_s": took})


async def _run_ws(url: str, sessions: int, pages: list[str], rounds: int, timeout_s: float,
                  navigate: bool = False) -> list[dict]:
    results: list[dict] = []
    start = asyncio.Event()
    viewer = _ws_navigating if navigate else _ws_session
    tasks = [asyncio.create_task(viewer(url, pages, rounds, timeout_s, start, results)) for _ in range(sessions)]
    await asyncio.sleep(0.2)
    start.set()
    await asyncio.gather(*tasks)
    return results


def room(url: str, sessions: int, pages: list[str], rounds: int, timeout_s: float, client: str,
         navigate: bool = False) -> list[dict]:
    """N viewers at once, through browsers or bench.ws_client; prints the CPU the viewers' side took
    on this machine (with ws, this process: the cores it takes are not the server's). navigate (ws
    only): each viewer signs in once, on the first page's link, and opens the rest from the menu."""
    if navigate and client != "ws":
        raise ValueError("navigate: only with the ws client")
    before = os.times()
    if client == "ws":
        results = asyncio.run(_run_ws(url, sessions, pages, rounds, timeout_s, navigate))
    else:
        results = asyncio.run(_run(url, sessions, pages, rounds, timeout_s))
    after = os.times()
    if client == "ws" and sessions > 1:
        print(f"CPU klien ws (proses ini): {after.user - before.user + after.system - before.system:.1f} s")
    return results


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def summary(results: list[dict], pages: list[str]) -> list[dict]:
    rows = []
    for name in pages:
        times = [r["detik"] for r in results if r["halaman"] == name]
        served = [r["server_s"] for r in results if r["halaman"] == name]
        errors = [r["galat"] for r in results if r["halaman"] == name and r["galat"]]
        rows.append({"halaman": name, "n": len(times), "median_s": statistics.median(times), "p95_s": p95(times),
                     "maks_s": max(times), "server_median_s": statistics.median(served), "server_p95_s": p95(served),
                     "galat": len(errors), "contoh_galat": errors[0] if errors else ""})
    return rows


def table_text(rows: list[dict], target_s: float | None) -> str:
    lines = ["(server: websocket open -> script run over; tampil: request -> page drawn)",
             f"{'halaman':12} {'n':>4} {'server med':>11} {'server p95':>11} {'tampil med':>11} {'tampil p95':>11} "
             f"{'maks':>6} {'galat':>6}  target (p95 server)"]
    for row in rows:
        met = "" if target_s is None else ("ya" if row["server_p95_s"] <= target_s and not row["galat"] else "TIDAK")
        lines.append(f"{row['halaman']:12} {row['n']:4d} {row['server_median_s']:11.2f} {row['server_p95_s']:11.2f} "
                     f"{row['median_s']:11.2f} {row['p95_s']:11.2f} {row['maks_s']:6.1f} {row['galat']:6d}  {met}"
                     + (f"  {row['contoh_galat']}" if row["contoh_galat"] else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="warehouse for the server this bench starts")
    parser.add_argument("--url", help="an app already running on this machine (loopback only)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--pages", help="comma-separated url paths (default: every page)")
    parser.add_argument("--rounds", type=int, default=1, help="times each session opens every page")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a page load is an error")
    parser.add_argument("--warm", action="store_true", help="open every page once before, so the data are cached")
    parser.add_argument("--target", type=float, default=3.0, help="p95 seconds to meet")
    parser.add_argument("--log", type=Path, help="where the server's output goes")
    parser.add_argument("--client", choices=["browser", "ws"], default="browser",
                        help="ws: bench.ws_client, Streamlit's protocol without a browser (measures the server, "
                             "not N Chromiums on its cores)")
    parser.add_argument("--navigate", action="store_true",
                        help="(ws) sign in once on the first page's link, then open the others from the menu in "
                             "the same session; without it every page is a new session that signs in")
    parser.add_argument("--rooms", type=int, default=1,
                        help="rooms one after the other on the same server(s), then how many met the target")
    parser.add_argument("--against", action="append", metavar="NAME=VALUE",
                        help="(with --db) a second server with this setting, e.g. MONEV_RUNS_AT_ONCE=0 (no admission "
                             "gate); the rooms alternate between the two servers, as many on each")
    args = parser.parse_args(argv)
    if args.against and args.url:
        parser.error("--against: with --db")
    if any("=" not in item for item in args.against or []):
        parser.error("--against: NAME=VALUE")
    if args.navigate and args.client != "ws":
        parser.error("--navigate: with --client ws")
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions: 1 to {MAX_SESSIONS}")
    if (args.db is None) == (args.url is None):
        parser.error("give --db (start a server) or --url (use a running one)")
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--url: loopback only")
    pages = args.pages.split(",") if args.pages else PAGES

    def measure(url: str, pid: int | None) -> list[dict]:
        print(f"beban sebelum (loadavg 1/5/15 menit): {load_average()}")
        before, began = (cpu_seconds(pid) if pid else None), time.perf_counter()
        results = room(url, args.sessions, pages, args.rounds, args.timeout, args.client, args.navigate)
        wall = time.perf_counter() - began
        cpu = f", server CPU {cpu_seconds(pid) - before:.1f} s" if pid else ""
        mode = ", menu" if args.navigate else ""
        print(f"{args.sessions} sesi ({args.client}{mode}) x {len(pages)} halaman x {args.rounds}: {wall:.1f} s{cpu}; "
              f"beban sesudah: {load_average()}")
        return results

    against = dict(item.split("=", 1) for item in args.against or [])
    outcomes: dict[str, list[list[dict]]] = {}
    with ExitStack() as stack:
        if args.url:
            servers = [(args.url, args.url.rstrip("/"), None)]
        else:
            servers = [(gate_setting(os.environ), *stack.enter_context(streamlit_server(args.db, args.log)))]
            if against:
                servers.append((gate_setting({**os.environ, **against}),
                                *stack.enter_context(streamlit_server(args.db, env=against))))
        if args.warm:
            for _, url, _ in servers:
                room(url, 1, pages, 1, max(args.timeout, 900), args.client)
        for number in range(args.rooms):
            # A B, then B A: neither setting always runs right after the other's room
            for label, url, pid in (servers if number % 2 == 0 else servers[::-1]):
                print(f"-- ruang {number + 1} dari {args.rooms}: {label}")
                rows = summary(measure(url, pid), pages)
                print(table_text(rows, args.target))
                outcomes.setdefault(label, []).append(rows)
    if args.rooms > 1 or len(servers) > 1:
        print(rooms_text(outcomes, pages, args.target))
    return 1 if any(row["galat"] for rooms in outcomes.values() for rows in rooms for row in rows) else 0


def gate_setting(env) -> str:
    """The admission gate a server runs with (monev/ui/admission.py): runs admitted at once, patience."""
    from monev.ui import admission

    runs = env.get("MONEV_RUNS_AT_ONCE", str(admission.DEFAULT_CAPACITY))
    if runs == "0":
        return "MONEV_RUNS_AT_ONCE=0"
    patience = env.get("MONEV_RUN_PATIENCE", admission.DEFAULT_PATIENCE_S)
    head_start = env.get("MONEV_NEWCOMER_HEAD_START", admission.DEFAULT_HEAD_START_S)
    return f"MONEV_RUNS_AT_ONCE={runs}, MONEV_RUN_PATIENCE={patience}, MONEV_NEWCOMER_HEAD_START={head_start}"


def rooms_text(outcomes: dict[str, list[list[dict]]], pages: list[str], target_s: float) -> str:
    """Per server setting: how many rooms met the target on every page, and each page's p95 over
    the rooms (the rooms swing on a shared machine: a count and a spread, not one figure)."""
    lines = []
    for label, rooms in outcomes.items():
        met = sum(all(r["server_p95_s"] <= target_s and not r["galat"] for r in rows) for rows in rooms)
        first = [rows[0]["server_p95_s"] for rows in rooms]
        lines.append(f"{label}: {met} dari {len(rooms)} ruang memenuhi p95 <= {target_s:g} s di semua halaman; "
                     f"halaman pertama ({pages[0]}) memenuhi di {sum(f <= target_s for f in first)} dari {len(rooms)}"
                     f", p95 " + ", ".join(f"{f:.2f}" for f in first))
        for index, name in enumerate(pages):
            values = [rows[index]["server_p95_s"] for rows in rooms]
            errors = sum(rows[index]["galat"] for rows in rooms)
            spread = f"{min(values):.2f}-{max(values):.2f} s (median {statistics.median(values):.2f})"
            lines.append(f"    {name:12} p95 {spread}" + (f", galat {errors}" if errors else ""))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
