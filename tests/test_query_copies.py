"""Queries that share a step say it once. The step is a table macro of the warehouse's schema
(queries/schema/008_langkah_bersama.sql, 009_muat_cepat.sql, 015_capaian_ro_bulan.sql,
020_target_kuartal.sql), and each query of the pair calls it with its own bound parameters, so a
fix to the step reaches both.
What the queries return is checked elsewhere against figures computed independently of the SQL:
tests/test_queries.py (capaian_ro per RO against the loaded lines), tests/test_page_capaian.py
(every level of capaian_tingkat against capaian_ro's RO), tests/test_projection.py
(proyeksi_bulanan against hand-written months, proyeksi_riwayat against proyeksi_bulanan),
tests/test_ikpa*.py (the IKPA inputs per month); tests/test_scope_sql.py holds the scope through
the macros."""
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
    "ikpa_satker_dinilai": (("ikpa_capaian_bulanan", "ikpa_deviasi_bulanan"), "satker_terpilih"),
    "ikpa_bulan_sd": (("ikpa_capaian_bulanan", "ikpa_deviasi_bulanan"), "range"),
    "capaian_ro_di_bulan": (("capaian_ro", "capaian_tingkat"), "agg_capaian_ro"),
    "target_kuartal": (("kpa_ppk_baris", "kpa_ppk_urut"), "unnest"),
}

# a macro argument that is not the query's parameter of the same name: the satkers a PPK-only
# scope leaves whole, written in the query so that tests/test_scope_sql.py sees it
ARGUMENTS = {("ikpa_satker_dinilai", "utuh"): "satker_utuh(:scope_ppk)"}


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
        expected = [ARGUMENTS.get((macro, p), f":{p}") for p in params]
        for args in found:
            # the query's parameter of the same name, bound: never a value written into the SQL
            assert args == expected, f"queries/{name}.sql calls {macro}({', '.join(args)})"
        assert not re.search(rf"\b{step}\b(?!_)", sql), f"queries/{name}.sql reads {step} itself besides {macro}"


def test_the_call_check_sees_a_copied_step_and_a_formatted_value():
    assert sql_macros.calls("select * from pagu_ro(:tahun, '2024-06-30', :f_jenis_belanja, :scope_ppk)",
                            "pagu_ro") == [[":tahun", "'2024-06-30'", ":f_jenis_belanja", ":scope_ppk"]]
    assert sql_macros.calls("select * from pagu_berlaku(:tahun, :sampai)", "pagu_ro") == []
    nested = sql_macros.calls("from satker_terpilih(y.tahun, f(a, b), :c) t", "satker_terpilih")
    assert nested == [["y.tahun", "f(a, b)", ":c"]]
    assert not re.search(r"\bsatker_terpilih\b(?!_)", "from satker_terpilih_per_tahun(:a)")

