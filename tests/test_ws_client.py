"""bench.ws_client, which the load benches depend on: against a real `streamlit run` server it
signs in through the form and gets a page's elements, and it reports what a user would see go
wrong (a traceback, an error box) rather than a page."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
from e2e import app_server, free_port, wait_healthy

from bench import load, serve, ws_client
from monev.i18n.texts import TEXTS

USER, PASSWORD = "ws-admin", "kata-sandi-uji-ws"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = tmp_path_factory.mktemp("appdb_ws") / "app.sqlite"
    users.add(appdb.engine(path), USER, "admin", password_hash=passwords.hash_password(PASSWORD))
    # the account bench.load's sessions sign in with
    users.add(appdb.engine(path), serve.USER, "admin", password_hash=passwords.hash_password(serve.PASSWORD))
    appdb.dispose(path)
    return path


@pytest.fixture(scope="module")
def server(shared_warehouse, app_db):
    with app_server({"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db)}) as url:
        yield url


def _visit(url, path, query="", password=PASSWORD):
    return asyncio.run(ws_client.visit(url, path, query, USER, password, timeout=300))


def test_signs_in_and_gets_the_page_of_the_link(server):
    got = _visit(server, "kpa_ppk", "unit=05")
    page = got["run"]
    assert got["problems"] == [] and got["status"] == "FINISHED_SUCCESSFULLY"
    headings = [e.heading.body for e in page.of_type("heading")]
    assert headings[0] == TEXTS["kpa_ppk"][0]  # the page of the link, not the sign-in form nor the default page
    assert not page.of_type("text_input") or TEXTS["akses_nama"][0] not in {
        e.text_input.label for e in page.of_type("text_input")}
    assert len(page.of_type("dataframe")) >= 2 and page.of_type("plotly_chart")
    # the link's filter reached the page: the unit chosen in the sidebar's multiselect
    units = [e.multiselect for e in page.of_type("multiselect") if e.multiselect.label == TEXTS["unit"][0]]
    assert units and [v.split()[0] for v in units[0].raw_values] == ["05"]


def test_navigates_from_the_menu_in_the_same_session(server):
    """--navigate's path: signed in once on the link, then pages from the menu, each its own page
    (its heading), without a new sign-in, the session's filter kept."""
    async def room_member():
        async with ws_client.Session(server, "kpa_ppk", "unit=05") as viewer:
            await viewer.open()
            first = await viewer.sign_in(USER, PASSWORD)
            hashes = [viewer.page_script_hash]
            runs = []
            for path in ("ikpa", "", "rpd"):
                runs.append(await viewer.navigate(path))
                hashes.append(viewer.page_script_hash)
            with pytest.raises(ws_client.ProtocolError):
                await viewer.navigate("tidak_ada")
            return first, runs, hashes

    first, runs, hashes = asyncio.run(room_member())
    assert [e.heading.body for e in first.of_type("heading")][0] == TEXTS["kpa_ppk"][0]
    titles = [[e.heading.body for e in run.of_type("heading")][0] for run in runs]
    assert titles == [TEXTS["ikpa"][0], TEXTS["app_title"][0], TEXTS["rpd"][0]]
    assert len(set(hashes)) == 4  # four pages, each run by its own script
    for run in runs:
        assert run.problems == [] and run.status == "FINISHED_SUCCESSFULLY"
        labels = {e.text_input.label for e in run.of_type("text_input")}
        assert TEXTS["akses_nama"][0] not in labels  # no sign-in form: the same signed-in session
    # the unit the link chose stays chosen in the session: Ringkasan's realization per unit has it only
    bars = [json.loads(e.plotly_chart.spec)["data"][0].get("x") for e in runs[1].of_type("plotly_chart")]
    assert [[x.split()[0] for x in xs] for xs in bars if xs and str(xs[0])[:1] == "0"] == [["05"]]


def test_the_form_of_a_new_session_comes_first(server):
    async def first_run():
        async with ws_client.Session(server, "ikpa") as viewer:
            return await viewer.open()

    form = asyncio.run(first_run())
    labels = {e.text_input.label for e in form.of_type("text_input")}
    assert {TEXTS["akses_nama"][0], TEXTS["akses_sandi"][0]} <= labels
    assert not form.of_type("dataframe")  # nothing of the warehouse before signing in


def test_a_wrong_password_is_reported_as_the_error_a_user_sees(server):
    got = _visit(server, "", password="bukan-kata-sandinya")
    assert got["problems"] == [TEXTS["akses_salah"][0]]


def test_a_failing_page_is_reported(tmp_path, app_db):
    """A warehouse that is not a DuckDB file: the app's error box with its code, as a browser shows it."""
    broken = tmp_path / "rusak.duckdb"
    broken.write_bytes(b"bukan basis data" * 64)
    with app_server({"MONEV_DB": str(broken), "MONEV_APP_DB": str(app_db)}) as url:
        got = _visit(url, "ringkasan")
    assert got["problems"], "the error box was not reported"


def test_a_traceback_is_reported(tmp_path):
    """An exception that escapes a script reaches the client as an Exception element."""
    script = tmp_path / "gagal.py"
    script.write_text('import streamlit as st\nst.title("sebelum")\nraise ValueError("gagal di sini")\n')
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                                "--server.address", "127.0.0.1", "--server.headless", "true",
                                "--browser.gatherUsageStats", "false"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # Streamlit's
    # own config, which shows the error's details (the app's hides them: the element comes all the same)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", process)

        async def first_run():
            async with ws_client.Session(f"http://127.0.0.1:{port}") as viewer:
                return await viewer.open()

        run = asyncio.run(first_run())
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert [e.heading.body for e in run.of_type("heading")] == ["sebelum"]
    assert len(run.of_type("exception")) == 1
    assert any(p.startswith("ValueError") and "gagal di sini" in p for p in run.problems), run.problems


def test_a_room_through_bench_load(server):
    """bench.load --client ws: every session's page load counted, none an error."""
    results = load.room(server, 3, ["kpa_ppk", "ikpa"], 1, 300, "ws")
    assert sorted(r["halaman"] for r in results) == ["ikpa"] * 3 + ["kpa_ppk"] * 3
    assert [r["galat"] for r in results] == [None] * 6
    rows = load.summary(results, ["kpa_ppk", "ikpa"])
    assert [row["galat"] for row in rows] == [0, 0] and all(row["server_p95_s"] > 0 for row in rows)


def test_a_room_moving_through_the_menu(server):
    """bench.load --client ws --navigate: one sign-in per session, then the menu; every page counted."""
    results = load.room(server, 2, ["ringkasan", "kpa_ppk", "ikpa"], 1, 300, "ws", navigate=True)
    assert sorted(r["halaman"] for r in results) == ["ikpa"] * 2 + ["kpa_ppk"] * 2 + ["ringkasan"] * 2
    assert [r["galat"] for r in results] == [None] * 6
