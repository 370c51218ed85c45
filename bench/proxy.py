"""The app as deployed for more viewers than one process serves: K `streamlit run` processes behind
Debian's nginx with sticky sessions (deploy/nginx.conf), then the room of bench.load against it.

    python -m bench.proxy --db PATH [--processes 2] [--sessions 20] [--pages ...] [--warm] [--client ws [--navigate]]
                          [--rooms K]

The processes run with this environment's MONEV_RUNS_AT_ONCE (the admission gate,
monev/ui/admission.py; 0: none): `MONEV_RUNS_AT_ONCE=0 python -m bench.proxy ...` for the room without it.

Everything on loopback ports chosen free, nginx's files in a temporary directory; every process
started here is stopped at the end. Prints bench.load's table and each process's CPU, which
shows the sessions were spread.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench import load
from bench.serve import PAGES, ROOT, cpu_seconds, free_port, streamlit_server

CONFIG = ROOT / "deploy" / "nginx.conf"


def nginx_config(ports: list[int], listen: int, directory: Path) -> str:
    """deploy/nginx.conf with these upstream ports, this listening port and files in `directory`."""
    text = CONFIG.read_text(encoding="utf-8").replace("/tmp/monev-nginx", str(directory / "nginx"))
    servers = "".join(f"        server 127.0.0.1:{port};\n" for port in ports)
    text = re.sub(r"(        server 127\.0\.0\.1:\d+;\n)+", servers, text)
    return text.replace("listen 127.0.0.1:8600;", f"listen 127.0.0.1:{listen};")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.proxy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--pages", help="comma-separated url paths (default: every page)")
    parser.add_argument("--warm", action="store_true", help="open every page once per process before")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--client", choices=["browser", "ws"], default="browser", help="as bench.load --client")
    parser.add_argument("--navigate", action="store_true", help="as bench.load --navigate (ws)")
    parser.add_argument("--rooms", type=int, default=1, help="as bench.load --rooms: rooms one after the other")
    args = parser.parse_args(argv)
    if args.navigate and args.client != "ws":
        parser.error("--navigate: with --client ws")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        parser.error("nginx is not installed (apt-get install nginx)")
    if not 1 <= args.sessions <= load.MAX_SESSIONS:
        parser.error(f"--sessions: 1 to {load.MAX_SESSIONS}")
    pages = args.pages.split(",") if args.pages else PAGES
    with tempfile.TemporaryDirectory(prefix="monev-proxy-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers (user nobody) keep their cache and buffers under it
        servers = [stack.enter_context(streamlit_server(args.db)) for _ in range(args.processes)]
        ports = [int(url.rsplit(":", 1)[1]) for url, _ in servers]
        if args.warm:  # each process computes its own cache: warm them directly, not through nginx
            for url, _ in servers:
                load.room(url, 1, pages, 1, max(args.timeout, 900), args.client)
        listen = free_port()
        (work / "nginx.conf").write_text(nginx_config(ports, listen, work), encoding="utf-8")
        subprocess.run([nginx, "-c", str(work / "nginx.conf"), "-p", str(work)], check=True)
        stack.callback(lambda: subprocess.run([nginx, "-c", str(work / "nginx.conf"), "-p", str(work), "-s", "stop"],
                                              check=False))
        time.sleep(0.5)
        setting = load.gate_setting(os.environ)
        rooms = []
        for number in range(args.rooms):
            print(f"-- ruang {number + 1} dari {args.rooms}: {setting}")
            before = [cpu_seconds(pid) for _, pid in servers]
            began = time.perf_counter()
            print(f"beban sebelum (loadavg): {load.load_average()}")
            results = load.room(f"http://127.0.0.1:{listen}", args.sessions, pages, 1, args.timeout, args.client,
                                args.navigate)
            wall = time.perf_counter() - began
            spent = [cpu_seconds(pid) - b for (_, pid), b in zip(servers, before)]
            mode = ", menu" if args.navigate else ""
            print(f"{args.sessions} sesi ({args.client}{mode}) x {len(pages)} halaman lewat nginx ke {args.processes} "
                  f"proses: {wall:.1f} s; CPU per proses " + ", ".join(f"{s:.1f} s" for s in spent)
                  + f"; beban sesudah: {load.load_average()}")
            rows = load.summary(results, pages)
            print(load.table_text(rows, 3.0))
            rooms.append(rows)
    if args.rooms > 1:
        print(load.rooms_text({f"nginx + {args.processes} proses, {setting}": rooms}, pages, 3.0))
    return 1 if any(r["galat"] for rows in rooms for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
