"""The scope cannot be forgotten (issue 11): every query reading a satker's figures binds it and
applies it to every table it reads; no page, view, report or cache reaches the warehouse without
it; and every query returns only rows of the scope's satker and PPK."""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import monev.views
from monev import reports
from monev.domain.period import Period
from monev.warehouse import query
from monev.warehouse.query import EVERYTHING, Scope

import builders as b
import sql_macros

ROOT = Path(__file__).resolve().parent.parent
S1, S2, S3 = b.S1, b.S2, b.S3

# tables (and the macro over fact_pagu) whose rows carry a PPK: narrowed line by line
LINE_TABLES = ("fact_pagu", "fact_realisasi", "agg_realisasi_bulanan", "agg_ringkasan_bulanan", "pagu_berlaku",
               "agg_kpa_ppk")
# macros of the schema that read those lines for a query and narrow them to their scope_ppk argument
# (schema 8: steps shared by two queries); a query passes its :scope_ppk on to them
LINE_MACROS = {m.name: m for m in sql_macros.macros().values()
               if "scope_ppk" in m.params and re.search(rf"\b({'|'.join(LINE_TABLES)})\b", m.body)}
# satker-level measures that cannot be split per PPK: none for a scope of PPK only (agg_capaian_ro
# sums each RO over all its PPK)
SATKER_TABLES = ("fact_rpd", "agg_rpd_berlaku", "fact_capaian", "fact_revisi", "fact_ikpa_omspan",
                 "fact_dispensasi_spm", "agg_ikpa_bulanan", "agg_ikpa_capaian", "agg_capaian_ro")
# queries reading figure tables that are not a viewer's figures: the load history (admins' page)
NOT_VIEWER_FIGURES = {"riwayat_muat"}


def _without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def _reads(sql: str, tables) -> list[str]:
    return [t for t in tables if re.search(rf"\b{t}\b", sql)]


@pytest.mark.parametrize("name", sql_macros.query_names())
def test_every_query_reading_figures_binds_the_scope_and_applies_it_to_each_table(name):
    sql = _without_comments(query.sql_text(name))
    figures = _reads(sql, LINE_TABLES + SATKER_TABLES + ("dim_satker", "dim_pejabat", "satker_terpilih"))
    if not figures or name in NOT_VIEWER_FIGURES:
        assert not query.is_scoped(name) or figures, name
        return
    assert query.is_scoped(name), f"queries/{name}.sql reads {figures} without the scope"
    if _reads(sql, LINE_TABLES):
        assert "cakupan_ppk(:scope_ppk" in sql or "satker_utuh(:scope_ppk)" in sql, \
            f"queries/{name}.sql reads lines carrying a PPK without narrowing them to the scope's PPK"
    for macro in _reads(sql, LINE_MACROS):
        position = LINE_MACROS[macro].params.index("scope_ppk")
        for args in sql_macros.calls(sql, macro):
            assert args[position] == ":scope_ppk", f"queries/{name}.sql calls {macro} without the scope's PPK"
    if _reads(sql, SATKER_TABLES):
        assert "satker_utuh(:scope_ppk)" in sql, \
            f"queries/{name}.sql reads a satker-level measure without keeping it from a PPK-only scope"


def test_macros_reading_lines_for_a_query_narrow_them_to_the_scope():
    """A macro that takes scope_ppk applies it to the lines it reads; the other macros that read
    lines (the aggregates' rebuilds of a load) are called by no query, which would bypass the scope."""
    assert {"pagu_ro", "realisasi_ro"} <= set(LINE_MACROS)
    for macro in LINE_MACROS.values():
        assert "cakupan_ppk(scope_ppk," in macro.body, f"{macro.name} ({macro.migration}) ignores its scope_ppk"
    unscoped = [m.name for m in sql_macros.macros().values()
                if m.name not in LINE_MACROS and m.name not in LINE_TABLES and _reads(m.body, LINE_TABLES)]
    for name in sql_macros.query_names():
        sql = _without_comments(query.sql_text(name))
        assert not _reads(sql, unscoped), f"queries/{name}.sql reads lines through {_reads(sql, unscoped)}"


def test_run_requires_a_scope_and_reference_refuses_figure_queries(engine):
    with pytest.raises(TypeError):
        query.run(engine, "ringkasan_ppk", tahun=b.THANG, sampai="2024-06-30")  # no scope
    with pytest.raises(TypeError, match="Scope"):
        query.run(engine, "ringkasan_ppk", scope=None, tahun=b.THANG, sampai="2024-06-30")
    with pytest.raises(TypeError, match="query.run"):
        query.reference(engine, "ringkasan_ppk", tahun=b.THANG, sampai="2024-06-30")
    with pytest.raises(TypeError, match="query.reference"):
        query.run(engine, "target_triwulan", scope=EVERYTHING, tahun=b.THANG)


def test_scope_values_are_checked_and_normalised():
    assert Scope(units=["05", "01", "05"]) == Scope(units=("01", "05"))
    assert hash(Scope(ppks=[[S2, "02"], (S1, "01")])) == hash(Scope(ppks=((S1, "01"), (S2, "02"))))
    for bad in (dict(units="05"), dict(satkers=(5,)), dict(satkers=("",)), dict(ppks=((S1,),)),
                dict(ppks=((S1, 2),)), dict(ppks="001001.01")):
        with pytest.raises(TypeError):
            Scope(**bad)


def test_parts_of_a_scope_that_exclude_each_other_see_nothing(engine):
    """Satker S1 and a PPK of S2: nothing, never everything (an empty list means no restriction)."""
    scope = Scope(satkers=(S1,), ppks=((S2, "01"),))
    assert query.run(engine, "ringkasan_ppk", scope=scope, tahun=b.THANG, sampai="2024-06-30").empty
    assert query.run(engine, "pilihan_filter", scope=scope, tahun=b.THANG).empty


# ---------------------------------------------------------------- every query, run within scopes

SCOPES = {
    "unit_05": (Scope(units=("05",)), {S2, S3}, None),
    "satker_s1": (Scope(satkers=(S1,)), {S1}, None),
    "ppk_s1_02": (Scope(ppks=((S1, "02"),)), {S1}, {(S1, "02")}),
    "ppk_s2_01_s3_01": (Scope(ppks=((S2, "01"), (S3, "01"))), {S2, S3}, {(S2, "01"), (S3, "01")}),
}
PLAUSIBLE = {"tahun": b.THANG, "sampai": "2024-09-30", "daftar_tahun": [b.THANG], "tingkat": "akun",
             "p_unit": [], "p_satker": [], "p_program": [], "p_giat": [], "p_ro": [],
             "per_ppk": True, "target_bulan": [3, 6], "target_jenis": ["52", "57"], "target_persen": [15.0, 50.0],
             "urut": True, "bulan_awal": 1}


def _params(name: str) -> dict:
    wanted = set(sa.text(query.sql_text(name)).compile().params)
    return {k: v for k, v in PLAUSIBLE.items() if k in wanted}


def _satker_level(name: str) -> bool:
    """A query of satker-level measures only (no PPK lines of its own to narrow)."""
    sql = _without_comments(query.sql_text(name))
    return "satker_utuh(:scope_ppk)" in sql and "cakupan_ppk" not in sql and not _reads(sql, LINE_MACROS)


@pytest.mark.parametrize("scope_name", list(SCOPES))
@pytest.mark.parametrize("name", [n for n in sql_macros.query_names() if query.is_scoped(n)])
def test_every_query_returns_only_the_scopes_rows(name, scope_name, engine):
    scope, satkers, ppks = SCOPES[scope_name]
    frame = query.run(engine, name, scope=scope, **_params(name))
    everything = query.run(engine, name, scope=EVERYTHING, **_params(name))
    if "kdsatker" in frame:
        assert set(frame["kdsatker"]) <= satkers
    if "kdunit" in frame:
        assert set(frame["kdunit"].dropna()) - {""} <= {b.UNIT_OF[s] for s in satkers}
    if ppks is not None and "kdppk" in frame and "peran" not in frame:
        assert set(zip(frame["kdsatker"], frame["kdppk"])) <= ppks
    if ppks is not None and name == "kpa_ppk_pejabat":
        people = frame[frame["peran"] == "PPK"]
        assert set(zip(people["kdsatker"], people["kdppk"])) <= ppks
    if ppks is not None and _satker_level(name):
        assert frame.empty, f"queries/{name}.sql gave a satker-level measure to a PPK-only scope"
    money = [c for c in ("pagu", "blokir", "realisasi", "rpd", "realisasi_kumulatif") if c in frame]
    for column in money:  # a part never exceeds the whole (all amounts here are positive sums)
        assert frame[column].fillna(0).astype("int64").sum() <= everything[column].fillna(0).astype("int64").sum()


# ---------------------------------------------------------------- no path around the scope

def _modules(package) -> list:
    return [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)]


VIEW_MODULES = [reports, *_modules(monev.views)]


def _engine_functions():
    for module in VIEW_MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):  # private: called by the public ones
                continue
            params = inspect.signature(fn).parameters
            if next(iter(params), None) == "engine":
                yield f"{module.__name__.split('.')[-1]}.{name}", fn, params


def test_every_view_and_report_takes_the_scope_as_a_required_keyword():
    """Those that read a satker's figures take it; the others (reference data, the warehouse's
    bookkeeping, the application database of the admin pages) neither run a figure query nor call
    a function that does."""
    functions = list(_engine_functions())
    scoped = {qualified.split(".")[1] for qualified, _, params in functions if "scope" in params}
    checked = 0
    for qualified, fn, params in functions:
        if "scope" not in params:
            calls = {c.func.attr for c in ast.walk(ast.parse(inspect.getsource(fn).strip()))
                     if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)}
            assert "run" not in calls and not calls & scoped, f"{qualified} reads figures without a scope"
            continue
        scope = params["scope"]
        assert scope.kind is inspect.Parameter.KEYWORD_ONLY and scope.default is inspect.Parameter.empty, \
            f"{qualified}: scope must be a required keyword"
        checked += 1
    assert checked >= 20


def _calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name):
            yield node


def test_every_query_run_in_the_app_passes_a_scope():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "monev").rglob("*.py"))]
    runs = 0
    for path in files:
        for call in _calls(path):
            if call.func.value.id == "query" and call.func.attr == "run":
                runs += 1
                assert any(k.arg == "scope" for k in call.keywords) or any(k.arg is None for k in call.keywords), \
                    f"{path.relative_to(ROOT)}:{call.lineno} runs a query without a scope"
    assert runs >= 30


def test_pages_reach_figures_only_through_the_cached_view_with_the_contexts_scope():
    """A page never calls a function that takes a scope itself (it would have to build one): it
    passes it to monev.ui.data.view, which adds the run's ctx.scope."""
    for path in sorted((ROOT / "pages").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "Scope(" not in source and "EVERYTHING" not in source and "query." not in source, path.name
        tree = ast.parse(source)
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("monev.views", "monev"):
                for alias in node.names:
                    aliases[alias.asname or alias.name] = importlib.import_module(f"{node.module}.{alias.name}")
        for call in _calls(path):
            module = aliases.get(call.func.value.id)
            if module is None:
                continue
            fn = getattr(module, call.func.attr)
            assert "scope" not in inspect.signature(fn).parameters, \
                f"pages/{path.name}:{call.lineno} calls {call.func.value.id}.{call.func.attr} outside data.view"


# ---------------------------------------------------------------- the cache keeps scopes apart

def test_a_frame_cached_for_one_scope_is_never_served_to_another(shared_warehouse, engine):
    """Two viewers in one process (Streamlit serves every session from it) on the same warehouse
    version, period and filters: each gets his own scope's figures, from the cache too."""
    from monev.ui import data
    from monev.ui.filters import Selection
    from monev.warehouse.query import NO_FILTER

    calls = []

    def probe(engine, period, *, scope, filters):  # counts the cache misses
        calls.append(scope)
        return reports.budget_summary(engine, period, scope=scope, filters=filters)["total"]

    def context(scope):
        return data.PageContext(str(shared_warehouse), engine, Selection(Period(b.THANG, 9), NO_FILTER), False,
                                data.data_version(engine), scope)

    unit, satker = Scope(units=("05",)), Scope(satkers=(S1,))
    first = data.view(probe, context(unit))
    second = data.view(probe, context(satker))
    again = data.view(probe, context(Scope(units=["05"])))  # an equal scope: served from the cache
    assert calls == [unit, satker]
    for shown, scope in ((first, unit), (second, satker), (again, unit)):
        want = reports.budget_summary(engine, Period(b.THANG, 9), scope=scope)["total"]
        pd.testing.assert_frame_equal(shown, want)
    assert int(first["pagu"].iloc[0]) != int(second["pagu"].iloc[0])


def test_the_page_context_cannot_be_set_without_a_scope(engine):
    from monev.ui import data

    with pytest.raises(TypeError):
        data.set_context("x", engine, None, None)
    with pytest.raises(TypeError):
        data.set_context("x", engine, None, None, scope={"units": ()})
