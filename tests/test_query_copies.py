"""Queries that share a step say it the same way. Three pairs of queries/*.sql repeat common table
expressions (the selected satker, the pagu and realization per RO, the months, the earlier years):
each copy is held equal to its twin here, so a fix to one cannot miss the other. (DuckDB table
macros could hold them once; the queries are being reworked for scope in parallel, so the copies are
tied by this test for now.)"""
from __future__ import annotations

import re

import pytest

from monev.paths import QUERIES

# (query, query): the CTE names both define and must define identically
TWINS = {
    ("capaian_ro", "capaian_tingkat"): ("s", "p", "r"),
    ("proyeksi_bulanan", "proyeksi_riwayat"): ("y", "s"),
}


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
