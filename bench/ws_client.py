"""A viewer without a browser: Streamlit's own websocket protocol, spoken with the protobufs
Streamlit ships, so a load test measures the server rather than twenty Chromiums sharing its two
cores.

What a browser tab does, and this client does the same way:
1. opens `/_stcore/stream` and asks for a script run (BackMsg.rerun_script) with the URL's path
   as `page_name` and its query string, as the frontend does for a link opened anew;
2. the sign-in form arrives: its two text inputs and its submit button are found in the deltas
   by label, and a second run is asked with their widget states (the values typed, the button's
   trigger), as the frontend sends a submitted form;
3. the form's callback signs in and that run draws the page (an app that signs in from the
   script and reruns itself ends the run "early for rerun" and the page's run follows); the
   client waits for the `script_finished` of the run that draws the page;
4. (navigate) a click in the menu (st.navigation): a run of the same session asked with the
   chosen page's script hash, as the server listed it in its `navigation` message, the query
   string cleared and the widget states of the last run's widgets sent, as the frontend does on a
   change of page (the server drops the state of every widget the request does not name: the
   sidebar's filters would be lost). No new session, no new sign-in: what a viewer who stays in
   the tab costs the server per page.

Every run is returned with its elements (by delta path, as the frontend keeps them) and the
problems a user would see: an Exception element (a traceback) or an error box (st.error, which is
how the app reports a failure with its code).

    async with Session(url, "kpa_ppk", "unit=05") as viewer:
        form = await viewer.open()
        page = await viewer.sign_in(USER, PASSWORD)
        page.problems  # [] when the page is whole
        next_page = await viewer.navigate("ikpa")  # through the menu, same session
"""
from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from monev.i18n.texts import TEXTS

SIGN_IN_LABELS = tuple(TEXTS[key][0] for key in ("akses_nama", "akses_sandi", "akses_tombol"))  # as Indonesian
FINISHED = ForwardMsg.ScriptFinishedStatus


class ProtocolError(Exception):
    """The server did not answer as a Streamlit server answers a browser."""


@dataclass
class Run:
    """One script run as the client saw it: from the request until its script_finished."""
    elements: dict = field(default_factory=dict)  # delta path (tuple) -> streamlit.proto Element
    problems: list[str] = field(default_factory=list)  # exceptions and error boxes, as text
    status: str = ""  # the ScriptFinishedStatus name
    seconds: float = 0.0  # request to script_finished
    page_script_hash: str = ""

    def of_type(self, kind: str) -> list:
        """The elements of one kind ('text_input', 'dataframe', 'heading', ...), in delta order."""
        return [e for _, e in sorted(self.elements.items()) if e.WhichOneof("type") == kind]

    def texts(self) -> list[str]:
        """Headings', markdown's and alerts' bodies: what a reader reads first."""
        out = []
        for element in (e for _, e in sorted(self.elements.items())):
            kind = element.WhichOneof("type")
            if kind in ("heading", "markdown", "alert", "text"):
                out.append(getattr(element, kind).body)
        return out


class Session:
    """One viewer: a websocket to a Streamlit server at `url` (http://host:port), opened on the
    page at `path` ('' for the default page) with `query` (the link's query string)."""

    def __init__(self, url: str, path: str = "", query: str = "", timeout: float = 300.0,
                 on_finished: Callable[[str], None] | None = None):
        """on_finished(status name) is called as each script_finished arrives (a bench reads the
        server's CPU there, to tell the sign-in run from the page's)."""
        parts = urllib.parse.urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.base = parts.path.rstrip("/")
        self.stream = f"{scheme}://{parts.netloc}{self.base}/_stcore/stream"
        self.path, self.query, self.timeout, self.on_finished = path, query, timeout, on_finished
        self.page_script_hash = ""
        self.menu: dict[str, str] = {}  # url path ('' for the default page) -> page script hash
        self.widgets: dict[str, WidgetState] = {}  # widget id -> its value as the frontend holds it
        self.last: Run | None = None
        self._socket = None

    async def __aenter__(self) -> Session:
        # as a browser: the page's HTML and the frontend's two first requests, keeping the cookies
        # they set (a proxy's sticky-session cookie sends the websocket to the same process)
        cookies = await asyncio.to_thread(self._http_requests)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else None
        # the frontend's subprotocols: "streamlit", then an XSRF token and a session to resume
        # (neither: a new session; the token only guards the SSO cookie, not used here)
        self._socket = await connect(self.stream, subprotocols=["streamlit"], origin=self.origin,
                                     additional_headers=headers, max_size=None, open_timeout=self.timeout,
                                     ping_interval=None)
        return self

    def _http_requests(self) -> dict[str, str]:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        link = f"{self.origin}{self.base}/{self.path}" + (f"?{self.query}" if self.query else "")
        stcore = f"{self.origin}{self.base}/_stcore"
        # the frontend first guesses the link's path is the app's base (answered 404), then asks
        # the base; the page icon too. Static files are immutable: a browser keeps them.
        guesses = [f"{self.origin}{self.base}/{self.path}/_stcore/{end}" for end in ("health", "host-config")]
        for address in (link, f"{self.origin}{self.base}/favicon.png", *(guesses if self.path else []),
                        f"{stcore}/health", f"{stcore}/host-config"):
            try:
                with opener.open(address, timeout=self.timeout) as answer:
                    answer.read()
            except urllib.error.HTTPError as exc:
                if address not in guesses or exc.code != 404:
                    raise
        return {c.name: c.value for c in jar}

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    async def open(self) -> Run:
        """The first run of a link opened anew."""
        return await self.rerun()

    async def rerun(self, widget_states: list[WidgetState] = ()) -> Run:
        """Ask for a run with `widget_states`, as the frontend does after a widget changes, and
        return the last run once the server says it finished (runs that end early because the
        script asked for a rerun are followed to the run that ends)."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        # as the frontend: the link's path names the page until the server has said which page
        # runs; from then on its hash does
        state.page_name = "" if self.page_script_hash else self.path
        state.page_script_hash = self.page_script_hash
        state.widget_states.widgets.extend(widget_states)
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        run = await asyncio.wait_for(self._until_finished(), self.timeout)
        run.seconds = time.perf_counter() - start
        self.last = run
        self._hold_widget_values(run)
        return run

    def _hold_widget_values(self, run: Run) -> None:
        """The frontend's widget values after `run`: a value the server set (set_value) replaces the
        held one, a widget seen for the first time starts at its default, others keep theirs."""
        for element in run.elements.values():
            state = _widget_state(element)
            if state is not None and (state.id not in self.widgets or _server_set(element)):
                self.widgets[state.id] = state

    def widget_states(self) -> list[WidgetState]:
        """The states the frontend sends with a rerun: those of the widgets the last run drew."""
        drawn = {_widget_id(e) for e in self.last.elements.values()} if self.last else set()
        return [state for wid, state in self.widgets.items() if wid in drawn]

    async def _until_finished(self) -> Run:
        run = Run()
        while True:
            raw = await self._socket.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a script run starts: the elements of this run follow
                run = Run(page_script_hash=msg.new_session.page_script_hash)
                self.page_script_hash = msg.new_session.page_script_hash or self.page_script_hash
            elif kind == "navigation":
                self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
                self.menu = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "page_info_changed":  # the app wrote st.query_params: the frontend's URL follows
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                run.elements[tuple(msg.metadata.delta_path)] = element
                problem = _problem(element)
                if problem:
                    run.problems.append(problem)
            elif kind == "script_finished":
                run.status = FINISHED.Name(msg.script_finished)
                if self.on_finished is not None:
                    self.on_finished(run.status)
                if msg.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN:
                    return run
            elif kind == "ref_hash":  # a message the client said it had cached: never asked for
                raise ProtocolError("pesan rujukan cache tanpa permintaan")

    async def navigate(self, path: str) -> Run:
        """Open the page at url path `path` ('' for the default page) from the menu of the last run,
        as a click on its link: the frontend asks for a run with that page's script hash and
        clears the query string (the app keeps its filters in the session and writes them back)."""
        if path not in self.menu:
            raise ProtocolError(f"halaman {path!r} tidak ada di menu: {sorted(self.menu)}")
        self.path, self.query = path, ""
        self.page_script_hash = self.menu[path]
        return await self.rerun(self.widget_states())

    async def sign_in(self, user: str, password: str, labels=SIGN_IN_LABELS) -> Run:
        """Fill the sign-in form of the last run and submit it; the page's run is returned."""
        if self.last is None:
            raise ProtocolError("sign_in sebelum open")
        name_label, password_label, button_label = labels
        inputs = {e.text_input.label: e.text_input.id for e in self.last.of_type("text_input")}
        buttons = {e.button.label: e.button.id for e in self.last.of_type("button") if e.button.is_form_submitter}
        missing = [label for label in (name_label, password_label) if label not in inputs]
        missing += [button_label] if button_label not in buttons else []
        if missing:
            raise ProtocolError(f"formulir masuk tanpa {', '.join(missing)}; teks: {self.last.texts()[:3]}")
        states = [WidgetState(id=inputs[name_label], string_value=user),
                  WidgetState(id=inputs[password_label], string_value=password),
                  WidgetState(id=buttons[button_label], trigger_value=True)]
        return await self.rerun(states)


# the widget kinds the app draws that keep a value, and the WidgetState field each sends it in
VALUE_FIELDS = {"selectbox": "string_value", "radio": "string_value", "multiselect": "string_array_value",
                "checkbox": "bool_value", "text_input": "string_value", "number_input": "double_value"}


def _widget_id(element) -> str | None:
    kind = element.WhichOneof("type")
    return getattr(element, kind).id if kind in VALUE_FIELDS else None


def _server_set(element) -> bool:
    return getattr(element, element.WhichOneof("type")).set_value


def _widget_state(element) -> WidgetState | None:
    """The value a frontend holds for a widget element: the server's when it set one, else the
    default (an option's label for choices, as the frontend sends them); None for elements that
    are not such widgets, or a choice with nothing chosen."""
    kind = element.WhichOneof("type")
    if kind not in VALUE_FIELDS:
        return None
    widget = getattr(element, kind)
    state = WidgetState(id=widget.id)
    if kind in ("selectbox", "radio"):
        if widget.set_value and widget.HasField("raw_value"):
            state.string_value = widget.raw_value
        elif widget.HasField("default") and widget.default < len(widget.options):
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif kind == "multiselect":
        chosen = list(widget.raw_values) if widget.set_value else [widget.options[i] for i in widget.default]
        state.string_array_value.data.extend(chosen)
    elif kind == "text_input":
        state.string_value = widget.value if widget.set_value and widget.HasField("value") else widget.default
    else:  # checkbox (and toggle), number_input
        value = widget.value if widget.set_value and widget.HasField("value") else widget.default
        setattr(state, VALUE_FIELDS[kind], value)
    return state


def _problem(element) -> str | None:
    """What a user must never see: a traceback (Exception element) or an error box."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"{element.exception.type}: {element.exception.message}"[:300]
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return element.alert.body[:300]
    return None


async def visit(url: str, path: str, query: str, user: str, password: str, timeout: float = 300.0,
                on_finished: Callable[[str], None] | None = None) -> dict:
    """A viewer opening a link and signing in: the form's run, then the page's (sign-in included),
    timed apart; problems of either."""
    async with Session(url, path, query, timeout, on_finished) as viewer:
        form = await viewer.open()
        if form.problems and not form.of_type("text_input"):  # the app failed before its form
            return {"form_s": form.seconds, "page_s": 0.0, "problems": form.problems, "status": form.status,
                    "elements": len(form.elements), "run": form}
        page = await viewer.sign_in(user, password)
    return {"form_s": form.seconds, "page_s": page.seconds, "problems": form.problems + page.problems,
            "status": page.status, "elements": len(page.elements), "run": page}
