"""Queries that share a step say it once. The step is a table macro of the warehouse's schema
(queries/schema/008_langkah_bersama.sql), and each query of the pair calls it with its own bound
parameters, so a fix to the step reaches both. What the queries return is checked elsewhere against
figures computed independently of the SQL: tests/test_queries.py (capaian_ro per RO against the
loaded lines), tests/test_page_capaian.py (every level of capaian_tingkat against capaian_ro's RO),
tests/test_projection.py (proyeksi_bulanan against hand-written months, proyeksi_riwayat against
proyeksi_bulanan); tests/test_scope_sql.py holds the scope through the macros.

One pair still repeats its common table expressions (the IKPA inputs per month under a jenis
belanja filter, reworked for speed in parallel); its copies are held equal here until then."""
from __future__ import annotations

import re

import pytest

from monev.paths import QUERIES

import sql_macros

# macro -> the queries that share it, and the step each would otherwise write out itself (a copy of
# the step would read this again): those queries must call the macro and not read it
SHARED = {
    "pagu_ro": (("capaian_ro", "capaian_tingkat"), "pagu_berlaku"),
    "realisasi_ro": (("capaian_ro", "capaian_tingkat"), "agg_realisasi_bulanan"),
    "satker_terpilih_per_tahun": (("proyeksi_bulanan", "proyeksi_riwayat"), "satker_terpilih"),
}

# (query, query): the CTE names both define and must define identically
TWINS = {
    ("ikpa_capaian_bulanan", "ikpa_deviasi_bulanan"): ("s", "m"),
}


def _sql(name: str) -> str:
    return sql_macros.without_comments((QUERIES / f"{name}.sql").read_text(encoding="utf-8"))


@pytest.mark.parametrize("macro", list(SHARED))
def test_the_shared_step_is_one_macro_defined_once(macro):
    defined = [m for m in sql_macros.definitions() if m.name == macro]
    assert len(defined) == 1, f"macro {macro} defined {len(defined)} times"
    step = SHARED[macro][1]
    assert re.search(rf"\b{step}\s*\(|\bfrom\s+{step}\b", defined[0].body), f"{macro} does not read {step}"


@pytest.mark.parametrize("macro", list(SHARED))
def test_each_query_of_the_pair_calls_the_macro_with_its_bound_parameters(macro):
    queries, step = SHARED[macro]
    params = sql_macros.macros()[macro].params
    for name in queries:
        sql = _sql(name)
        found = sql_macros.calls(sql, macro)
        assert found, f"queries/{name}.sql does not call {macro}: the shared step was copied back?"
        for args in found:
            # the query's parameter of the same name, bound: never a value written into the SQL
            assert args == [f":{p}" for p in params], f"queries/{name}.sql calls {macro}({', '.join(args)})"
        assert not re.search(rf"\b{step}\b(?!_)", sql), f"queries/{name}.sql reads {step} itself besides {macro}"


def test_the_call_check_sees_a_copied_step_and_a_formatted_value():
    assert sql_macros.calls("select * from pagu_ro(:tahun, '2024-06-30', :f_jenis_belanja, :scope_ppk)",
                            "pagu_ro") == [[":tahun", "'2024-06-30'", ":f_jenis_belanja", ":scope_ppk"]]
    assert sql_macros.calls("select * from pagu_berlaku(:tahun, :sampai)", "pagu_ro") == []
    nested = sql_macros.calls("from satker_terpilih(y.tahun, f(a, b), :c) t", "satker_terpilih")
    assert nested == [["y.tahun", "f(a, b)", ":c"]]
    assert not re.search(r"\bsatker_terpilih\b(?!_)", "from satker_terpilih_per_tahun(:a)")


def ctes(sql: str) -> dict[str, str]:
    """name -> body of each `name as (...)` in a query, comments dropped and spaces normalised."""
    body = "\n".join(line.split("--")[0] for line in sql.splitlines())
    found = {}
    for match in re.finditer(r"(?:\bwith\s+|,\s*|\n)([a-z_]+) as (?:materialized )?\(", body):
        depth, i = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(body[i], 0)
            i += 1
        found[match.group(1)] = " ".join(body[match.end():i - 1].split())
    return found


@pytest.mark.parametrize("pair", list(TWINS))
def test_shared_steps_are_written_the_same(pair):
    first, second = (ctes((QUERIES / f"{name}.sql").read_text(encoding="utf-8")) for name in pair)
    for name in TWINS[pair]:
        assert name in first and name in second, f"{pair}: CTE {name} missing"
        assert first[name] == second[name], f"{pair[0]}.sql and {pair[1]}.sql write CTE {name} differently"


def test_the_comparison_sees_a_difference():
    one = "with s as (select a from t where x = 1), p as (select 1)\nselect * from s"
    other = "with s as (select a from t where x = 2) -- changed\nselect * from s"
    assert ctes(one)["s"] != ctes(other)["s"]
    assert ctes(one)["p"] == "select 1"
    assert ctes("with s as (\n  select a   -- note\n  from t where x = 1\n)\nselect 1")["s"] == ctes(one)["s"]
