"""Script runs admitted a few at a time per process, first come first served.

Why: Streamlit 1.65 runs every session's script in its own thread (`ScriptRunner.scriptThread`),
and all of them share the process's one GIL, which hands the interpreter round in ~5 ms slices. In
a Rakor room, twenty viewers sign in at the same instant; those who got their first page go on to
the next from the menu, and those runs share the GIL with the late sign-ins, so every first page
ends near the end of all the work in flight, not in order of arrival (docs/benchmarks.md, issue 13,
Session 7b). A gate of a few tickets served in arrival order lets the first come finish first:
a late sign-in waits behind runs that arrived before it, never behind runs that arrived after.

Where it hooks: around app.py's body (`with admission.turn():`), the script of every full run in
st.navigation mode, page included. Not covered, on purpose: Streamlit's own work before and after
the script (widget callbacks, such as the sign-in form's check, argon2id in C without the GIL; the
end-of-run cleanup), the event loop's sending of the messages, fragment reruns (the app has none)
and download callables run on click. Patching `ScriptRunner._run_script` would cover those too but
ties the app to a private method of Streamlit; the script body is where a page run's time goes.

Its rules, each held by tests/test_admission.py:
- at most `capacity` runs hold a ticket at once, and waiting runs are admitted in arrival order;
- a ticket is released on every way out of the block: the end of the run, st.stop
  (StopException), st.rerun or a rerun asked by the browser (RerunException), any error;
- a run stopped for a rerun keeps its place: its next run, on the same thread right after, is
  served with its first number (ahead of those who came later), so a session that reruns itself
  is never sent to the back of the room's line, and never waits on itself (a nested `turn()` of a
  thread holding a ticket passes straight through);
- a session's first page comes first: until a run of the session has gone through whole (the
  sign-in form's run stops, the sign-in's page run goes through), its runs count as having arrived
  `MONEV_NEWCOMER_HEAD_START` seconds earlier (2). In the room, the sessions arrive over a second
  or so (each first fetches the link, then opens its websocket), and the first ones in can go on to
  their next page before the last ones have asked for their form: by arrival alone, those next
  pages are served before the late first pages. A head start, not a class of its own: a run of a
  session already in waits at most that long behind newcomers, never starved by a stream of them;
- a long step steps out of the line (`aside()`: Muat's load, the Rakor pack's build) and gets back
  in ahead of the later arrivals when it is done;
- a ticket counts against `capacity` for at most `patience` seconds: whatever keeps a run long (a
  first visit filling the cache at national scale, a slow disk, a step not marked aside, a bug that
  never releases), the others are admitted once it is overdue, so the gate can delay a run, never
  hold it forever.

Settings (environment, read when the process starts): MONEV_RUNS_AT_ONCE (2; 0 turns the gate
off, every run admitted at once, as Streamlit does), MONEV_RUN_PATIENCE (seconds, 2) and
MONEV_NEWCOMER_HEAD_START (seconds, 2). Measured in docs/benchmarks.md (Session 8, room3).
"""
from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

DEFAULT_CAPACITY = 2
DEFAULT_PATIENCE_S = 2.0
DEFAULT_HEAD_START_S = 2.0
RERUN_WINDOW_S = 1.0  # Streamlit starts the rerun on the same thread within milliseconds


class Gate:
    """Tickets served in arrival order (less any head start), `capacity` at a time; see the module's
    docstring."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY, patience: float = DEFAULT_PATIENCE_S,
                 keeps_place: tuple[type[BaseException], ...] = (RerunException,),
                 rerun_window: float = RERUN_WINDOW_S):
        self.capacity, self.patience, self.keeps_place = capacity, patience, keeps_place
        self.rerun_window = rerun_window  # how soon after the run it replaces a rerun keeps its place
        self._lock = threading.Lock()
        self._wakers: dict[tuple[float, int], threading.Condition] = {}  # waiting place -> its bell
        self._numbers = itertools.count()
        # a run's place in the line: (when it arrived, less any head start; a tie-breaking number)
        self._waiting: list[tuple[float, int]] = []  # a heap: the smallest place is served first
        self._held: dict[tuple[float, int], float] = {}  # place -> when it was admitted (time.monotonic)
        self._thread = threading.local()  # per script thread: the ticket held, the place kept for a rerun

    # -- what the app uses

    @contextmanager
    def turn(self, head_start: float = 0.0) -> Iterator[None]:
        """Wait for this run's turn, hold a ticket for the block, release it however the block ends.
        head_start: seconds the run counts as having arrived earlier (a newcomer's: the module's turn())."""
        mine = self._thread
        if self.capacity <= 0 or getattr(mine, "held", None) is not None:  # off, or already inside
            yield
            return
        kept, mine.kept = getattr(mine, "kept", None), None
        now = time.monotonic()
        # a rerun comes right after the run it replaces; a place kept longer ago is not honoured
        place = kept[0] if kept and now - kept[1] < self.rerun_window else (now - head_start, next(self._numbers))
        self._admit(place)
        mine.held = place
        try:
            yield
        except self.keeps_place:
            mine.kept = (place, time.monotonic())  # the same session's next run is served in this place
            raise
        finally:
            mine.held = None
            self._release(place)

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Step out of the line for a long step, then back in ahead of later arrivals. Outside a
        turn (or with the gate off) it changes nothing."""
        place = getattr(self._thread, "held", None)
        if place is None:
            yield
            return
        self._release(place)
        yield  # an error or st.stop/st.rerun here leaves the turn at once: nothing to get back in for
        self._admit(place)  # its first place: served before every run that came later

    # -- what tests and the benches read

    def counted(self) -> int:
        """Tickets held that still count against the capacity (not yet overdue)."""
        with self._lock:
            return self._counted(time.monotonic())

    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)

    # -- the line

    def _counted(self, now: float) -> int:
        return sum(1 for since in self._held.values() if now - since < self.patience)

    def _admit(self, place: tuple[float, int]) -> None:
        with self._lock:
            wake = self._wakers[place] = threading.Condition(self._lock)  # this run's own bell
            heapq.heappush(self._waiting, place)
            try:
                while True:
                    now = time.monotonic()
                    if self._waiting[0] == place and self._counted(now) < self.capacity:
                        heapq.heappop(self._waiting)
                        self._held[place] = now
                        self._wake_first()  # the next in line may fit too
                        return
                    # only the first in line can be admitted: the others sleep until they are first
                    # (a bell for each, not notify_all: fifty waiters woken at every release cost
                    # the GIL fifty times over). The first wakes at a release, or when the oldest
                    # counted ticket turns overdue.
                    due = [since + self.patience - now for since in self._held.values()
                           if now - since < self.patience] if self._waiting[0] == place else []
                    wake.wait(timeout=max(min(due), 0.001) if due else None)
            except BaseException:  # interrupted while waiting: leave the line, let the next one check
                if place in self._waiting:
                    self._waiting.remove(place)
                    heapq.heapify(self._waiting)
                self._wake_first()
                raise
            finally:
                del self._wakers[place]

    def _wake_first(self) -> None:
        """Ring the first in line's bell (the lock is held)."""
        if self._waiting:
            self._wakers[self._waiting[0]].notify()

    def _release(self, place: tuple[float, int]) -> None:
        with self._lock:
            self._held.pop(place, None)
            self._wake_first()


def _setting(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# one line per server process: every session's script thread passes through it
GATE = Gate(capacity=int(_setting("MONEV_RUNS_AT_ONCE", DEFAULT_CAPACITY)),
            patience=max(_setting("MONEV_RUN_PATIENCE", DEFAULT_PATIENCE_S), 0.0))
HEAD_START_S = max(_setting("MONEV_NEWCOMER_HEAD_START", DEFAULT_HEAD_START_S), 0.0)
SEEN = "admission_first_page_drawn"  # in a session's state once a run of it has gone through whole
aside = GATE.aside


@contextmanager
def turn() -> Iterator[None]:
    """app.py's turn: a session whose first page has not yet been drawn (the sign-in form, the
    sign-in's page) counts as having arrived HEAD_START_S earlier, so a room opening a link gets
    its first pages before those already in get their next ones."""
    newcomer = not st.session_state.get(SEEN)
    with GATE.turn(head_start=HEAD_START_S if newcomer else 0.0):
        yield
    if newcomer:
        st.session_state[SEEN] = True


@contextmanager
def long_step(text: str) -> Iterator[None]:
    """A step that may take long (a load, a pack, a warehouse copy): the viewer's spinner with
    `text`, and the run out of the line meanwhile, so it holds no ticket the room is waiting for."""
    with st.spinner(text), aside():
        yield
