"""Opening the app on a page in streamlit.testing, the way every page test needs it."""
from __future__ import annotations

import hashlib
import io
import time
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from monev.access.roles import Viewer

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ADMIN = Viewer(name="uji-admin", role="admin")


def signed_in(at: AppTest, viewer: Viewer) -> AppTest:
    """`at` with `viewer` signed in, as the sign-in form leaves it: the account exists in the test
    run's application database (MONEV_APP_DB, set in conftest) and the session names it. Accounts
    are named by role and scope, so two tests asking for the same viewer share one account."""
    from monev.appdb import db as appdb
    from monev.appdb import users

    engine = appdb.engine()
    scope = repr((viewer.role, viewer.units, viewer.satkers, viewer.ppks))
    whole = viewer.role == "admin" and not (viewer.units or viewer.satkers or viewer.ppks)
    name = viewer.name if whole else f"uji-{viewer.role}-{hashlib.sha1(scope.encode()).hexdigest()[:8]}"
    if users.get(engine, name) is None:
        users.add(engine, name, viewer.role, units=viewer.units, satkers=viewer.satkers, ppks=viewer.ppks)
    at.session_state["monev_masuk"] = {"method": "lokal", "name": name, "last_seen": time.time()}
    return at


def open_page(monkeypatch, db_path, page: str, sidebar=(), viewer: Viewer = ADMIN, **url) -> AppTest:
    """The app on warehouse `db_path` from a URL, signed in as `viewer` (an admin unless told),
    sidebar widgets set on the first page, then `page` (e.g. "pages/rpd.py").

    In AppTest (streamlit 1.65) a run after switch_page executes the page script alone, without
    app.py's sidebar, so filters are set before switching and the page reads them from the
    context app.py left in session state."""
    monkeypatch.setenv("MONEV_DB", str(db_path))
    at = signed_in(AppTest.from_file(APP, default_timeout=60), viewer)
    at.query_params.update(url)
    at.run()
    for kind, key, value in sidebar or ():
        getattr(at.sidebar, kind)(key=key).set_value(value).run()
    return at.switch_page(page).run()


def app_pages() -> list[str]:
    """The url paths of the pages app.py registers (its PAGES, then ADMIN_PAGES), in menu order."""
    import ast

    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    listings = {node.targets[0].id: node.value for node in ast.walk(tree)
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in ("PAGES", "ADMIN_PAGES")}
    return [ast.literal_eval(item)[1] for name in ("PAGES", "ADMIN_PAGES") for item in listings[name].elts]


def record_downloads(monkeypatch) -> dict[str, bytes]:
    """The workbook of every download button a run draws, by sheet name, built as a click would
    build it (the button holds a callable that writes the workbook only when clicked)."""
    from monev.ui import download

    written: dict[str, bytes] = {}
    original = download.st.download_button

    def recording(label, data, file_name=None, **kw):
        written[file_name.removesuffix(".xlsx")] = data() if callable(data) else data
        return original(label, data, file_name=file_name, **kw)

    monkeypatch.setattr(download.st, "download_button", recording)
    return written


def workbook_rows(workbook: bytes, first_column: str, **read) -> pd.DataFrame:
    """The rows of a downloaded workbook, read from its header row (the one holding `first_column`),
    under the sheet's notes (sample marker, as-loaded note), whose number varies."""
    rows = pd.read_excel(io.BytesIO(workbook), header=None).itertuples(index=False)
    header = next(i for i, row in enumerate(rows) if first_column in list(row))
    return pd.read_excel(io.BytesIO(workbook), skiprows=header, **read)


def read_back(frame, money=(), percent=(), scores=(), lang: str = "id"):
    """A table as drawn, its numbers read back from the text monev.ui.tables.formatted wrote
    ('1.234.567' -> 1234567, '97,11%' -> 97.11, '68,50' -> 68.5, '–' -> missing) or, where the
    table holds number columns (their display text set apart: tests/test_tables_format.py), the
    numbers themselves, so page tests
    compare the figures with their own computations: rupiah exactly, percentages and scores to
    the 0,005 the screen shows (tests/test_format.py holds the writing itself to Babel)."""
    import pandas as pd

    group, decimal = (".", ",") if lang == "id" else (",", ".")

    def number(text, kind):
        if text == "–":
            return None
        plain = text.removesuffix("%").replace(group, "").replace(decimal, ".")
        return int(plain) if kind is int else float(plain)

    columns = {}
    for names, kind in ((money, int), (percent, float), (scores, float)):
        for c in names:
            if c in frame:
                if frame[c].dtype.kind in "iuf":  # a number column (its text is drawn by the browser)
                    columns[c] = frame[c].astype("Int64" if kind is int else "float64")
                    continue
                values = [number(v, kind) for v in frame[c]]
                columns[c] = pd.Series(values, index=frame.index, dtype="Int64" if kind is int else "float64")
    return frame.assign(**columns)


def drawn(table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the numbers, the display texts) Streamlit sends to the browser for a table of
    monev.ui.tables.formatted: `table` is its Styler (or frame) or an AppTest dataframe element.
    Columns without display texts (rupiah, written by the browser) are empty in the texts."""
    from streamlit import dataframe_util
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    if hasattr(table, "proto"):  # an AppTest element
        proto = table.proto.arrow_data
        return table.value, dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)
    if isinstance(table, pd.DataFrame):
        return table, table
    proto = ArrowData()
    marshall_styler(proto, table, "uuid")
    return table.data, dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)


def column_config(element) -> dict:
    """The column config of an AppTest dataframe element, by column label."""
    import json

    return json.loads(element.proto.columns or "{}")
