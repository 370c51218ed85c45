"""monev.ui.admission: script runs admitted a few at a time, first come first served, released on
every way out, never holding a run forever (the gate app.py's body runs through)."""
from __future__ import annotations

import threading
import time

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from monev.ui.admission import Gate

PATIENT = 60.0  # seconds: no ticket turns overdue during a test that does not test it


def _until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.005)


class Run(threading.Thread):
    """A script run on its own thread (as Streamlit's ScriptRunner threads): waits for its turn,
    notes when it got it, holds it until told to finish."""

    def __init__(self, gate: Gate, name: str, admitted: list, finish: threading.Event | None = None):
        super().__init__(name=name, daemon=True)
        self.gate, self.admitted = gate, admitted
        self.finish = finish or threading.Event()
        self.inside = threading.Event()

    def run(self) -> None:
        with self.gate.turn():
            self.admitted.append(self.name)
            self.inside.set()
            self.finish.wait(30)


def _queue(gate: Gate, names: str, admitted: list) -> list[Run]:
    """Runs started one after the other, each already waiting in the line before the next comes."""
    runs = []
    for name in names:
        run = Run(gate, name, admitted)
        waiting = gate.waiting()
        run.start()
        _until(lambda before=waiting: gate.waiting() == before + 1)
        runs.append(run)
    return runs


def test_waiting_runs_are_admitted_in_arrival_order():
    gate, admitted = Gate(capacity=1, patience=PATIENT), []
    first = Run(gate, "a", admitted)
    first.start()
    first.inside.wait(5)
    later = _queue(gate, "bcde", admitted)
    assert admitted == ["a"]  # one at a time: the others wait
    for run in [first, *later]:
        run.finish.set()
        run.join(5)
    assert admitted == list("abcde")


def test_no_more_than_capacity_runs_hold_a_ticket_at_once():
    gate, lock = Gate(capacity=2, patience=PATIENT), threading.Lock()
    inside, most, done = [0], [0], []

    def work(i: int) -> None:
        with gate.turn():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.02)
            with lock:
                inside[0] -= 1
        done.append(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(done) == list(range(12))
    assert most[0] == 2  # both tickets used, never a third
    assert gate.counted() == 0 and gate.waiting() == 0


@pytest.mark.parametrize("failure", [ValueError("galat halaman"), StopException(), RerunException(None),
                                     KeyboardInterrupt()], ids=["error", "st.stop", "st.rerun", "interrupt"])
def test_the_ticket_is_released_however_the_run_ends(failure):
    gate = Gate(capacity=1, patience=PATIENT)

    def run() -> None:
        with gate.turn():
            raise failure

    with pytest.raises(type(failure)):
        run()
    assert gate.counted() == 0
    other = Run(gate, "another session", [])
    other.start()
    assert other.inside.wait(2)  # admitted at once: nothing left holding the only ticket
    assert gate.counted() == 1
    other.finish.set()
    other.join(5)


def test_a_rerun_keeps_its_place_ahead_of_later_arrivals():
    """A run stopped for a rerun (st.rerun, or the browser asking again) comes back with its first
    number: served before those who arrived after it, as Streamlit reruns on the same thread."""
    gate, admitted = Gate(capacity=1, patience=PATIENT), []
    go_on, rerun_admitted = threading.Event(), threading.Event()

    def session() -> None:
        try:
            with gate.turn():
                admitted.append("a")
                go_on.wait(10)
                raise RerunException(None)
        except RerunException:
            pass
        with gate.turn():  # the rerun, on the same thread right after
            admitted.append("a again")
            rerun_admitted.set()

    thread = threading.Thread(target=session)
    thread.start()
    _until(lambda: admitted == ["a"])
    later = _queue(gate, "bc", admitted)  # b and c arrive while a's first run holds the ticket
    go_on.set()
    _until(lambda: "a again" in admitted or "b" in admitted)
    later[0].finish.set()  # b may have slipped in while a was between its runs; it finishes
    rerun_admitted.wait(5)
    later[1].finish.set()
    thread.join(5)
    for run in later:
        run.join(5)
    assert admitted.index("a again") < admitted.index("c")  # c came later: served after the rerun


def test_a_place_is_kept_only_for_the_rerun_right_after():
    gate, admitted = Gate(capacity=1, patience=PATIENT, rerun_window=0.2), []
    stopped, come_back = threading.Event(), threading.Event()

    def session() -> None:
        try:
            with gate.turn():
                raise RerunException(None)
        except RerunException:
            stopped.set()
        come_back.wait(10)  # not the rerun right after: a new arrival, behind those already waiting
        with gate.turn():
            admitted.append("a")

    thread = threading.Thread(target=session)
    thread.start()
    stopped.wait(5)
    time.sleep(0.3)
    holder = Run(gate, "b", admitted)
    holder.start()
    holder.inside.wait(5)
    waiting = _queue(gate, "c", admitted)
    come_back.set()
    _until(lambda: gate.waiting() == 2)
    holder.finish.set()
    waiting[0].finish.set()
    for run in (thread, holder, *waiting):
        run.join(5)
    assert admitted == ["b", "c", "a"]


def test_a_nested_turn_passes_through_instead_of_waiting_on_itself():
    gate = Gate(capacity=1, patience=PATIENT)
    done = []

    def run() -> None:
        with gate.turn():
            with gate.turn():  # e.g. a page that itself asks for a turn
                done.append("nested")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(2)
    assert done == ["nested"] and gate.counted() == 0


def test_a_long_step_aside_lets_the_room_in_and_comes_back_before_later_arrivals():
    gate, admitted = Gate(capacity=1, patience=PATIENT), []
    in_step, end_step, back = threading.Event(), threading.Event(), threading.Event()

    def loading_session() -> None:
        with gate.turn():
            admitted.append("muat")
            with gate.aside():  # Muat's load: seconds, no ticket held
                in_step.set()
                end_step.wait(10)
            admitted.append("muat back")
            back.set()

    loader = threading.Thread(target=loading_session)
    loader.start()
    in_step.wait(5)
    viewer = Run(gate, "b", admitted)
    viewer.start()
    viewer.inside.wait(5)  # admitted while the load runs
    end_step.set()
    _until(lambda: gate.waiting() == 1)  # the loader waits for its place back
    later = _queue(gate, "c", admitted)
    viewer.finish.set()
    back.wait(5)
    later[0].finish.set()
    for thread in (loader, viewer, *later):
        thread.join(5)
    assert admitted == ["muat", "b", "muat back", "c"]


def test_an_error_in_the_step_aside_leaves_the_turn_without_waiting_to_get_back_in():
    gate, admitted = Gate(capacity=1, patience=PATIENT), []
    holder = []

    def failing_step() -> None:
        with gate.turn():
            with gate.aside():
                holder.append(Run(gate, "b", admitted))
                holder[0].start()
                holder[0].inside.wait(5)  # b holds the only ticket now
                raise ValueError("muat gagal")

    thread_error = []
    thread = threading.Thread(target=lambda: thread_error.append(pytest.raises(ValueError, failing_step)))
    thread.start()
    thread.join(2)
    assert not thread.is_alive() and thread_error  # did not wait for b's ticket to re-raise
    holder[0].finish.set()
    holder[0].join(5)
    assert gate.counted() == 0 and gate.waiting() == 0


def test_an_overdue_ticket_stops_holding_the_line():
    """A run that keeps its ticket past `patience` (a cache filled at national scale, a step not
    marked aside, a bug that never releases) no longer counts: the next run gets in."""
    gate, admitted = Gate(capacity=1, patience=0.3), []
    stuck = Run(gate, "stuck", admitted)
    stuck.start()
    stuck.inside.wait(5)
    began = time.monotonic()
    nxt = Run(gate, "next", admitted)
    nxt.start()
    nxt.inside.wait(5)
    waited = time.monotonic() - began
    assert admitted == ["stuck", "next"]
    assert 0.25 <= waited < 3.0  # after the patience, not before, and not forever
    for run in (stuck, nxt):
        run.finish.set()
        run.join(5)


def test_capacity_zero_is_no_gate():
    gate = Gate(capacity=0, patience=PATIENT)
    admitted: list = []
    runs = [Run(gate, str(i), admitted) for i in range(5)]
    for run in runs:
        run.start()
    for run in runs:
        assert run.inside.wait(5)  # all inside at once
    for run in runs:
        run.finish.set()
        run.join(5)
    assert gate.waiting() == 0


def test_a_newcomers_head_start_puts_it_ahead_of_runs_that_came_shortly_before_only():
    """A run with a head start (a session's first page) counts as having arrived that much earlier:
    before runs that came less than the head start before it, after those that came longer ago."""
    gate, admitted = Gate(capacity=1, patience=PATIENT), []
    holder = Run(gate, "holder", admitted)
    holder.start()
    holder.inside.wait(5)
    early = _queue(gate, ["long before"], admitted)
    time.sleep(0.6)
    shortly = _queue(gate, ["shortly before"], admitted)

    class Newcomer(Run):
        def run(self) -> None:
            with self.gate.turn(head_start=0.4):
                self.admitted.append(self.name)

    newcomer = Newcomer(gate, "newcomer", admitted)
    newcomer.start()
    _until(lambda: gate.waiting() == 3)
    for run in (holder, *early, *shortly):
        run.finish.set()
    for run in (holder, *early, *shortly, newcomer):
        run.join(5)
    assert admitted == ["holder", "long before", "newcomer", "shortly before"]


APP = """
import streamlit as st
from monev.ui import admission

try:
    with admission.turn():
        if st.session_state.get("gagal"):  # the run ends before its page is drawn
            raise ValueError("gagal")
        st.write("halaman")
except ValueError:
    st.write("pesan")
"""


def test_a_session_is_a_newcomer_until_a_run_of_it_has_gone_through_whole():
    from streamlit.testing.v1 import AppTest

    from monev.ui import admission

    at = AppTest.from_string(APP)
    at.session_state["gagal"] = True
    at.run()
    assert admission.SEEN not in at.session_state  # still waiting for its first page
    at.session_state["gagal"] = False
    at.run()
    assert not at.exception and at.session_state[admission.SEEN]
