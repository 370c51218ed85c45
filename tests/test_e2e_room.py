"""A room at once against real `streamlit run` servers: the admission gate (monev.ui.admission),
through which Streamlit's script threads take turns, a run that reruns itself is not stuck behind
its own ticket, and the app still serves several sessions at once; and a shared link opened by
several viewers together as a freshly started server's first requests (monev.ui.guard)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from e2e import app_server, free_port, wait_healthy

from bench import load, serve, ws_client
from monev.appdb import db as appdb
from monev.i18n.texts import TEXTS

SCRIPT = '''
import os, time
import streamlit as st
from monev.ui import admission

st.title("antre")
with admission.turn():
    began = time.monotonic()
    time.sleep(0.15)  # the ticket is held, the GIL is not: only the gate keeps other runs out
    runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    with open(os.environ["ANTRE_LOG"], "a") as log:
        log.write(f"{began} {time.monotonic()}\\n")
    if runs == 1:
        st.rerun()  # every session reruns itself once, from inside its turn
st.write(f"selesai {runs}")
'''


def _serve_script(tmp_path, runs_at_once: int):
    script, log = tmp_path / "antre.py", tmp_path / f"antre_{runs_at_once}.log"
    script.write_text(SCRIPT)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(serve.ROOT), "ANTRE_LOG": str(log),
           "MONEV_RUNS_AT_ONCE": str(runs_at_once), "MONEV_RUN_PATIENCE": "60"}
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                                "--server.address", "127.0.0.1", "--server.headless", "true",
                                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                               cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}", log


def _room_on_script(tmp_path, runs_at_once: int, sessions: int = 4):
    """`sessions` viewers open the script at once; their final runs and the runs' (start, end)."""
    process, url, log = _serve_script(tmp_path, runs_at_once)
    try:
        wait_healthy(f"{url}/_stcore/health", process)

        async def viewer():
            async with ws_client.Session(url, timeout=60) as session:
                return await session.open()

        async def room():
            return await asyncio.gather(*(viewer() for _ in range(sessions)))

        finals = asyncio.run(room())
    finally:
        process.terminate()
        process.wait(timeout=10)
    spans = sorted(tuple(map(float, line.split())) for line in log.read_text().splitlines())
    return finals, spans


def _overlaps(spans) -> int:
    return sum(1 for (_, end), (start, _) in zip(spans, spans[1:]) if start < end - 0.001)


def test_script_threads_take_turns_and_a_rerun_inside_a_turn_goes_on(tmp_path):
    finals, spans = _room_on_script(tmp_path, runs_at_once=1)
    for run in finals:  # each session's rerun ran and finished: no session waited on its own ticket
        assert run.status == "FINISHED_SUCCESSFULLY" and "selesai 2" in run.texts(), run.texts()
    assert len(spans) == 8  # 4 sessions x (the run that reran itself + the rerun)
    assert _overlaps(spans) == 0, spans  # one at a time, as configured


def test_without_the_gate_the_same_runs_overlap(tmp_path):
    """The control: MONEV_RUNS_AT_ONCE=0 is Streamlit's own behaviour, every run at once; the check
    above would see it."""
    finals, spans = _room_on_script(tmp_path, runs_at_once=0)
    assert all("selesai 2" in run.texts() for run in finals)
    assert _overlaps(spans) > 0


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    from monev.access import passwords
    from monev.appdb import users

    path = tmp_path_factory.mktemp("appdb_antre") / "app.sqlite"
    users.add(appdb.engine(path), serve.USER, "admin", password_hash=passwords.hash_password(serve.PASSWORD))
    appdb.dispose(path)
    return path


def test_the_app_serves_a_room_through_a_gate_of_one(shared_warehouse, app_db):
    """The app with one run at a time per process and no overdue tickets: new sessions signing in
    by their links and sessions going through the menu all get their pages, none an error (a
    rerun or a stop inside app.py's turn would leave the room waiting here)."""
    env = {"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db), "MONEV_RUNS_AT_ONCE": "1",
           "MONEV_RUN_PATIENCE": "600"}
    with app_server(env) as url:
        menu = load.room(url, 4, ["kpa_ppk", "ikpa", "ringkasan", "rpd"], 1, 300, "ws", navigate=True)
        links = load.room(url, 3, ["ikpa", "rincian"], 1, 300, "ws")
    assert sorted(r["halaman"] for r in menu) == sorted(["kpa_ppk", "ikpa", "ringkasan", "rpd"] * 4)
    assert [r["galat"] for r in menu + links] == [None] * 22


def test_links_opened_together_on_a_fresh_server_each_open_their_page(shared_warehouse, app_db):
    """The first requests of a new server process run on Streamlit's legacy pages/ path until one
    of them turns it off (monev/ui/guard.py); the sessions already on it found the mode off and
    stopped with an empty page, no form and no page (3 of 4 viewers of one link, before). Each
    viewer here signs in and gets the page of its link, the link's filter kept."""
    links = [("kpa_ppk", "unit=05"), ("ikpa", ""), ("rincian", ""), ("kpa_ppk", ""), ("rpd", ""), ("ikpa", "")]

    async def viewer(url, path, query):
        async with ws_client.Session(url, path, query, timeout=300) as session:
            await session.open()
            return await session.sign_in(serve.USER, serve.PASSWORD), session.query

    async def room(url):
        return await asyncio.gather(*(viewer(url, path, query) for path, query in links))

    with app_server({"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db)}) as url:
        got = asyncio.run(room(url))
    for (path, query), (run, kept_query) in zip(links, got):
        assert run.problems == [] and run.status == "FINISHED_SUCCESSFULLY"
        assert [e.heading.body for e in run.of_type("heading")][:1] == [TEXTS[path][0]], (path, run.texts()[:3])
        assert query in kept_query
