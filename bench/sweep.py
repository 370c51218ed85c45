"""Every page opened by its link, as each kind of viewer, in headless Chromium: is it drawn whole?

    python -m bench.sweep --db WAREHOUSE [--roles admin,eselon1,kpa,ppk] [--unit KD] [--satker KD]
                          [--ppk KDSATKER.KDPPK] [--pages rincian,ikpa] [--scratch DIR] [--json FILE]

Starts `streamlit run app.py` on a free loopback port against the warehouse, with a throwaway
application database holding one account per role (admin; pimpinan; eselon1 scoped to one unit;
kpa to one satker of it; ppk to one PPK of that satker: by default the unit with the most satker,
its satker with the largest pagu, that satker's PPK with the largest pagu). Then, per role and
per page of app.py's menu (admin pages included: other roles must not be offered them), a new
browser context opens the page's URL as a shared link does (a new session: the sign-in form,
then the page asked for), waits until Streamlit has finished the run, and reports: drawn or not
(its title, or the message of a page that has nothing for this viewer), exception elements, error
messages, tracebacks the server logged during the visit, seconds from the link to the drawn page
(the first visit of a page also fills its cache: uncached at national scale; the seconds include
the browser's own work, a new context fetching and starting Streamlit's scripts) and the server's
CPU seconds during the visit (the sign-in included).

The warehouse is opened read-only. If the app would write to it (a migration pending on it, so
the first visitor's run would publish a new version), it is copied (`cp -L` of the version in
force) into --scratch first and the copy is used and removed at the end. Exit status 1 when any
visit went wrong.
"""
from __future__ import annotations

import argparse
import ast
import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.app_server import CHROMIUM, CHROMIUM_FLAGS, IDLE, ROOT, running_app
from bench.serve import cpu_seconds

READY = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'  # the filters: the gate was passed
SIGN_IN_FORM = '[data-testid="stForm"]'
EXCEPTION = '[data-testid="stException"]'
ERROR = '[data-testid="stAlertContentError"]'
INFO = '[data-testid="stAlertContentInfo"]'  # a page with nothing to show for this viewer says why
PASSWORD = "sapu-bersih-sandi-7731"
ROLES = ("admin", "pimpinan", "eselon1", "kpa", "ppk")
PAGE_SECONDS = 600  # an uncached national page, a fresh process: minutes at worst


@dataclass
class Visit:
    role: str
    page: str
    drawn: bool = False
    offered: bool = True  # False: the app did not show this page to this role (expected for admin pages)
    title: str = ""
    seconds: float = 0.0
    server_cpu: float = 0.0  # the server process's CPU seconds during the visit (sign-in included)
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not (self.exceptions or self.errors or self.tracebacks or self.note) and (self.drawn or not self.offered)


def menu(app: Path = ROOT / "app.py") -> tuple[list[str], set[str]]:
    """(every page's url path in menu order, the admin-only ones), read from app.py's PAGES and
    ADMIN_PAGES lists, so the sweep follows the menu as it changes."""
    lists = {}
    for node in ast.parse(app.read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id in ("PAGES", "ADMIN_PAGES"):
            lists[node.targets[0].id] = [key for _, key, _ in ast.literal_eval(node.value)]
    return lists["PAGES"] + lists["ADMIN_PAGES"], set(lists["ADMIN_PAGES"])


def warehouse_to_open(db: Path, scratch: Path) -> tuple[Path, Path | None]:
    """(the path to give the app, the copy made for it or None): the warehouse itself when the
    app only reads it, else a copy of the version in force under `scratch`."""
    import sqlalchemy as sa

    from monev.warehouse import db as warehouse_db
    from monev.warehouse import store

    current = store.in_force(store.live_path(db))
    if current is None:
        raise SystemExit(f"Gudang data tidak ditemukan: {db}")
    engine = sa.create_engine(f"duckdb:///{current}", connect_args={"read_only": True})
    try:
        with engine.connect() as conn:
            missing = warehouse_db.pending(conn)
    finally:
        engine.dispose()
    if not missing:
        return db, None
    scratch.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp(prefix="sweep-", dir=scratch)) / "gudang.duckdb"
    print(f"migrasi {', '.join(str(n) for n, _ in missing)} belum diterapkan pada {db}: aplikasi akan "
          f"menulis, jadi salinannya dipakai ({copy})", flush=True)
    shutil.copyfile(current, copy)  # cp -L: the version's bytes, never the link
    return copy, copy


def pick_codes(db: Path, unit: str | None, satker: str | None, ppk: str | None) -> tuple[str, str, tuple[str, str]]:
    """The unit, satker and PPK the scoped accounts see: those given, else the unit with the most
    satker in the latest year, its satker with the largest pagu, that satker's PPK with the
    largest pagu (the heaviest scoped views)."""
    import duckdb

    from monev.warehouse import store

    con = duckdb.connect(str(store.in_force(store.live_path(db))), read_only=True)
    try:
        thang = con.execute("select max(thang) from dim_satker").fetchone()[0]
        if unit is None:
            unit = con.execute("select kdunit from dim_satker where thang = ? group by kdunit "
                               "order by count(distinct kdsatker) desc, kdunit limit 1", [thang]).fetchone()[0]
        if satker is None:
            satker = con.execute(
                "select a.kdsatker from agg_ringkasan_bulanan a join dim_satker s using (thang, kdsatker) "
                "where a.thang = ? and s.kdunit = ? group by a.kdsatker order by sum(a.pagu) desc, a.kdsatker limit 1",
                [thang, unit]).fetchone()[0]
        if ppk is None:
            kdppk = con.execute(
                "select kdppk from agg_ringkasan_bulanan where thang = ? and kdsatker = ? and kdppk <> '' "
                "group by kdppk order by sum(pagu) desc, kdppk limit 1", [thang, satker]).fetchone()
            if kdppk is None:
                raise SystemExit(f"Satker {satker} tidak memiliki PPK: beri --ppk KDSATKER.KDPPK")
            chosen = (satker, kdppk[0])
        else:
            s, _, p = ppk.partition(".")
            chosen = (s, p)
    finally:
        con.close()
    return unit, satker, chosen


def app_db(directory: Path, roles: list[str], unit: str, satker: str, ppk: tuple[str, str]) -> Path:
    """An application database with one account per role, named sweep-<role>."""
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = directory / "app.sqlite"
    engine = appdb.engine(path)
    hashed = passwords.hash_password(PASSWORD)
    scopes = {"eselon1": {"units": (unit,)}, "kpa": {"satkers": (satker,)}, "ppk": {"ppks": (ppk,)}}
    for role in roles:
        users.add(engine, f"sweep-{role}", role, password_hash=hashed, **scopes.get(role, {}))
    appdb.dispose(path)
    return path


def _texts(tab, selector: str) -> list[str]:
    return [" ".join(t.split())[:300] for t in tab.locator(selector).all_inner_texts()]


def _tracebacks(log: Path, start: int) -> tuple[list[str], int]:
    """The tracebacks logged after byte `start`: each as its 'galat [code] pada /page' line (when
    the app wrote one) and its last line (the exception); and the log's new end."""
    data = log.read_bytes()
    text = data[start:].decode("utf-8", "replace")
    found = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            where = lines[i - 1].strip() if i and "galat" in lines[i - 1] else ""
            last = next((lines[j] for j in range(i + 1, len(lines))
                         if lines[j] and not lines[j].startswith((" ", "Traceback"))), "")
            found.append(f"{where} {last}".strip()[:300])
    return found, len(data)


def visit(browser, url: str, role: str, page: str, admin_only: bool, log: Path, log_at: int,
          pid: int) -> tuple[Visit, int]:
    """One new session opening the page's link, signed in as the role's account."""
    result = Visit(role, page)
    cpu_before = cpu_seconds(pid)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    timeout = PAGE_SECONDS * 1000
    start = time.perf_counter()
    try:
        tab.goto(f"{url}/{'' if page == 'ringkasan' else page}", wait_until="domcontentloaded")
        tab.wait_for_selector(f"{READY}, {SIGN_IN_FORM}, {EXCEPTION}, {ERROR}", timeout=timeout)
        if tab.locator(SIGN_IN_FORM).count() and not tab.locator(READY).count():
            tab.get_by_label("Nama pengguna").fill(f"sweep-{role}")
            tab.get_by_label("Kata sandi").fill(PASSWORD)
            tab.get_by_role("button", name="Masuk", exact=True).click()
            tab.wait_for_selector(f"{READY}, {EXCEPTION}, {ERROR}", timeout=timeout)
        tab.wait_for_function(IDLE, timeout=timeout)
        tab.wait_for_timeout(300)  # the last messages of the run drawn
        tab.wait_for_function(IDLE, timeout=timeout)
        result.seconds = time.perf_counter() - start
        heading = tab.locator('[data-testid="stMain"] h1')
        result.title = " ".join(heading.first.inner_text().split())[:80] if heading.count() else ""
        shown = tab.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        landed = shown if shown and ":" not in shown else "ringkasan"
        result.offered = landed == page or page == "ringkasan"
        result.exceptions = _texts(tab, EXCEPTION)
        result.errors = _texts(tab, ERROR)
        result.infos = _texts(tab, f'[data-testid="stMain"] {INFO}')
        result.drawn = bool(tab.locator(READY).count() and (result.title or result.infos))
        if admin_only and role != "admin" and result.offered:
            result.note = "halaman admin terbuka untuk peran ini"
        elif not result.offered and not (admin_only and role != "admin"):
            result.note = f"tautan membuka {landed}, bukan {page}"
    except Exception as exc:  # a timeout or a closed page: reported, the sweep goes on
        result.seconds = time.perf_counter() - start
        result.note = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    finally:
        context.close()
    time.sleep(0.5)  # what the server logs at the end of the run
    result.server_cpu = cpu_seconds(pid) - cpu_before
    result.tracebacks, log_at = _tracebacks(log, log_at)
    return result, log_at


def sweep(db: Path, roles: list[str], pages: list[str] | None, scratch: Path, unit=None, satker=None,
          ppk=None, log: Path | None = None) -> tuple[list[Visit], dict]:
    from playwright.sync_api import sync_playwright

    every, admin_pages = menu()
    pages = pages or every
    opened, copy = warehouse_to_open(db, scratch)
    try:
        codes = pick_codes(opened, unit, satker, ppk)
        with tempfile.TemporaryDirectory(prefix="sweep-appdb-") as work:
            accounts = app_db(Path(work), roles, *codes)
            server_log = log or Path(work) / "server.log"
            env = {"MONEV_DB": str(opened), "MONEV_APP_DB": str(accounts)}
            visits = []
            with running_app(env, server_log) as (port, process), sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
                log_at = server_log.stat().st_size
                print(f"{'peran':9} {'halaman':14} {'tergambar':17} {'detik':>8} {'CPU server':>10}  judul", flush=True)
                for role in roles:
                    for page in pages:
                        result, log_at = visit(browser, f"http://127.0.0.1:{port}", role, page, page in admin_pages,
                                               server_log, log_at, process.pid)
                        visits.append(result)
                        print(line(result), flush=True)
                browser.close()
    finally:
        if copy is not None:
            shutil.rmtree(copy.parent, ignore_errors=True)
    return visits, {"unit": codes[0], "satker": codes[1], "ppk": ".".join(codes[2]), "copy": copy is not None}


def line(v: Visit) -> str:
    state = ("ya" if v.drawn else "TIDAK") if v.offered else "tidak ditawarkan"
    problems = "; ".join([*(f"exception: {e}" for e in v.exceptions), *(f"galat: {e}" for e in v.errors),
                          *(f"traceback: {t}" for t in v.tracebacks), *([v.note] if v.note else [])])
    return (f"{v.role:9} {v.page:14} {state:17} {v.seconds:6.1f} s {v.server_cpu:5.2f} s CPU  {v.title[:32]:32}"
            f"  {'ok' if v.ok else 'MASALAH: ' + problems}"
            + ("" if v.title or not v.infos else f" (tanpa judul; info: {v.infos[0][:90]})"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the warehouse (opened read-only)")
    parser.add_argument("--roles", default="admin,eselon1,kpa,ppk", help=f"comma-separated, of {', '.join(ROLES)}")
    parser.add_argument("--pages", help="comma-separated url paths (default: every page of app.py's menu)")
    parser.add_argument("--unit", help="the eselon1 account's unit (default: the one with the most satker)")
    parser.add_argument("--satker", help="the kpa account's satker (default: the unit's largest)")
    parser.add_argument("--ppk", help="the ppk account's KDSATKER.KDPPK (default: the satker's largest)")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()),
                        help="where a copy goes if the app would write to the warehouse")
    parser.add_argument("--log", type=Path, help="keep the server's output here")
    parser.add_argument("--json", type=Path, help="write every visit's result here")
    args = parser.parse_args(argv)
    roles = [r for r in args.roles.split(",") if r]
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        parser.error(f"peran tidak dikenal: {', '.join(unknown)}")
    pages = [p for p in args.pages.split(",") if p] if args.pages else None
    started = time.strftime("%H:%M:%S", time.gmtime())
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"sapu {args.db}, mulai {started} UTC, load {' '.join(load)}", flush=True)
    visits, codes = sweep(args.db, roles, pages, args.scratch, args.unit, args.satker, args.ppk, args.log)
    print(f"cakupan: eselon1 unit {codes['unit']}, kpa satker {codes['satker']}, ppk {codes['ppk']}"
          f"{' (pada salinan gudang)' if codes['copy'] else ''}; selesai {time.strftime('%H:%M:%S', time.gmtime())} "
          f"UTC, load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    bad = [v for v in visits if not v.ok]
    print(f"{len(visits) - len(bad)} dari {len(visits)} kunjungan tanpa masalah")
    if args.json:
        args.json.write_text(json.dumps({"codes": codes, "visits": [asdict(v) | {"ok": v.ok} for v in visits]},
                                        indent=1, ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
