"""The sidebar's own questions (years, last month, filter choices, load history) are asked once per
warehouse version, not on every rerun: a rerun (any widget touched) asks the warehouse nothing for
them; a load publishes a new version file and they are asked again."""
from __future__ import annotations

import inspect

from streamlit.testing.v1 import AppTest

from monev.warehouse import batches, query

import builders
from apptest import ADMIN, APP, signed_in

SIDEBAR_QUERIES = {"tahun_anggaran", "data_terakhir", "pilihan_filter", "history"}


def _from_the_sidebar() -> bool:
    # the version's facts (load history, sample marker) are asked by whoever needs them first in a
    # run, the sign-in gate in app.py: asked through monev.ui.data's per-version cache
    return any(frame.filename.endswith(("monev/ui/filters.py", "app.py")) and frame.function != "<module>"
               or frame.function in ("sidebar_status", "_version") for frame in inspect.stack())


def _counting(monkeypatch) -> list[str]:
    """The names of the queries (and "history") the sidebar's code asks the warehouse."""
    asked = []
    original_run, original_history = query.run, batches.history

    def run(engine, name, *args, **kwargs):
        if _from_the_sidebar():
            asked.append(name)
        return original_run(engine, name, *args, **kwargs)

    def history(engine):
        if _from_the_sidebar():
            asked.append("history")
        return original_history(engine)

    monkeypatch.setattr(query, "run", run)
    monkeypatch.setattr(batches, "history", history)
    return asked


def test_a_rerun_asks_the_sidebar_questions_from_the_cache(warehouse, monkeypatch, tmp_path):
    monkeypatch.setenv("MONEV_DB", str(warehouse))
    asked = _counting(monkeypatch)
    at = signed_in(AppTest.from_file(APP, default_timeout=60), ADMIN).run()
    assert not at.exception
    asked.clear()
    at.sidebar.selectbox(key="f_sampai").set_value(3).run()
    assert not at.exception
    assert not SIDEBAR_QUERIES & set(asked), asked

    # a load is a new version: the choices are asked again and show the new unit
    code = builders.load_unit_without_budget(warehouse, tmp_path)
    asked.clear()
    at.run()
    assert {"tahun_anggaran", "pilihan_filter", "history"} <= set(asked), asked
    assert any(option.startswith(code) for option in at.sidebar.multiselect(key="f_unit").options)
