"""app.py's run for one viewer's scope, for tests: the same sidebar filters and page context, with
the scope given by the test (MONEV_TEST_SCOPE, JSON of Scope's fields) instead of a sign-in, then
one page (MONEV_TEST_PAGE, e.g. "pages/rpd.py") run as app.py's navigation would run it.

Sign-in decides the scope in app.py; what these tests hold is what follows from a scope: the
filters offered, the links reduced, every figure, table, chart and download of every page."""
import json
import os
import runpy
from pathlib import Path

from monev.ui import data, filters
from monev.warehouse.query import Scope

ROOT = Path(__file__).resolve().parent.parent
fields = json.loads(os.environ["MONEV_TEST_SCOPE"])
scope = Scope(units=tuple(fields.get("units", ())), satkers=tuple(fields.get("satkers", ())),
              ppks=tuple(tuple(p) for p in fields.get("ppks", ())))
path = os.environ["MONEV_DB"]
engine = data.engine(path)
filters.language()
as_loaded = filters.as_loaded_at(engine, scope=scope)
if as_loaded is not None:
    engine = data.engine_as_loaded_at(path, as_loaded["batch_id"])
selection = filters.sidebar(engine, scope=scope)
data.set_context(path, engine, selection, as_loaded, scope=scope)
data.sidebar_status()
runpy.run_path(str(ROOT / os.environ["MONEV_TEST_PAGE"]), run_name="__main__")
