"""Opening the app on a page in streamlit.testing, the way every page test needs it."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(monkeypatch, db_path, page: str, sidebar=(), **url) -> AppTest:
    """The app on warehouse `db_path` from a URL, sidebar widgets set on the first page, then
    `page` (e.g. "pages/rpd.py").

    In AppTest (streamlit 1.65) a run after switch_page executes the page script alone, without
    app.py's sidebar, so filters are set before switching and the page reads them from the
    context app.py left in session state."""
    monkeypatch.setenv("MONEV_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(url)
    at.run()
    for kind, key, value in sidebar or ():
        getattr(at.sidebar, kind)(key=key).set_value(value).run()
    return at.switch_page(page).run()


def app_pages() -> list[str]:
    """The url paths of the pages app.py registers (its PAGES list), in menu order."""
    import ast

    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    listing = next(node.value for node in ast.walk(tree)
                   if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES")
    return [ast.literal_eval(item)[1] for item in listing.elts]
