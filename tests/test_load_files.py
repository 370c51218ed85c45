"""queries/load/<kind>.sql against formats.Kind: the 18 load files differ only in their table and
the key a staged row supersedes by, which the kind already holds. Each file is held equal to the
one statement pair the key makes (realisasi_bulanan: its documented whole-year variant), so a key
changed in formats.py without its load file, or the reverse, fails here."""
from __future__ import annotations

import re

import pytest

from monev.paths import QUERIES, ROOT
from monev.warehouse import formats

TEMPLATE = """update {table} set superseded_by = :batch_id from staging s
where {table}.superseded_by is null and {keys};
insert into {table} by name select *, :batch_id as batch_id from staging;"""


def _normalised(sql: str) -> str:
    return " ".join(" ".join(line for line in sql.splitlines() if not line.startswith("--")).split())


def _expected(kind: formats.Kind, table: str) -> str:
    keys = " and ".join(f"s.{k} = {table}.{k}" for k in kind.key)
    text = TEMPLATE.format(table=table, keys=keys)
    if kind.name == "realisasi_bulanan":
        # a wide file states a budget line's whole year: it supersedes by line over every month
        # (staging_lines), and only rows loaded from wide files (no_sp2d = '')
        text = text.replace("from staging s", "from staging_lines s", 1).replace(
            f"{table}.superseded_by is null and", f"{table}.superseded_by is null and {table}.no_sp2d = '' and")
    return _normalised(text)


@pytest.mark.parametrize("name", sorted(formats.KINDS))
def test_load_file_supersedes_by_the_kinds_key(name):
    sql = (QUERIES / "load" / f"{name}.sql").read_text(encoding="utf-8")
    table = re.search(r"update (\w+) set", sql).group(1)
    assert _normalised(sql) == _expected(formats.KINDS[name], table)


def _warning_files() -> set[str]:
    """The load/ files the load warnings are written and read with (monev/warehouse/load_warnings.py
    and the batch's note of them in ingest.py): they check a load, they load no kind."""
    code = "".join((ROOT / "monev" / "warehouse" / f).read_text(encoding="utf-8")
                   for f in ("load_warnings.py", "ingest.py"))
    return {n for n in re.findall(r'"load/(\w+)"', code) if not n.startswith("refresh_agg_")}


def test_every_load_file_belongs_to_a_kind_or_refreshes_an_aggregate_or_warns():
    names = {p.stem for p in (QUERIES / "load").glob("*.sql")}
    warnings = _warning_files()
    assert warnings <= names and not warnings & set(formats.KINDS)
    assert names - set(formats.KINDS) - warnings == {n for n in names if n.startswith("refresh_agg_")}
