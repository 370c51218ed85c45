"""The macros the schema's migrations define, read from queries/schema/*.sql, and the calls a query
makes to them: for the tests that hold shared steps in one place (test_query_copies.py) and the
scope applied through them (test_scope_sql.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from monev.paths import QUERIES

_DEFINITION = re.compile(r"\bcreate\s+(?:or\s+replace\s+)?macro\s+(\w+)\s*\(([^)]*)\)\s+as\s+(.*?);", re.S | re.I)


def query_names() -> list[str]:
    """The top-level queries (queries/*.sql), one per question; load/, ref/, schema/ and the rest are
    read by their own modules."""
    return sorted(p.stem for p in QUERIES.glob("*.sql"))


def without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


@dataclass(frozen=True)
class Macro:
    name: str
    params: tuple[str, ...]
    body: str
    migration: str  # the file that defines it


def definitions() -> list[Macro]:
    """Every `create [or replace] macro` of every migration, in file order (a name may repeat
    when a later migration replaces a macro)."""
    found = []
    for path in sorted((QUERIES / "schema").glob("*.sql")):
        for m in _DEFINITION.finditer(without_comments(path.read_text(encoding="utf-8"))):
            params = tuple(p.strip() for p in m.group(2).split(",") if p.strip())
            found.append(Macro(m.group(1), params, " ".join(m.group(3).split()), path.name))
    return found


def macros() -> dict[str, Macro]:
    """name -> the macro in force (the last migration's definition)."""
    return {macro.name: macro for macro in definitions()}


def calls(sql: str, name: str) -> list[list[str]]:
    """The argument lists of every call `name(...)` in a query, each argument's text stripped."""
    sql = without_comments(sql)
    found = []
    for m in re.finditer(rf"\b{name}\s*\(", sql):
        depth, i, args, start = 1, m.end(), [], m.end()
        while depth:
            ch = sql[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "," and depth == 1:
                args.append(sql[start:i].strip())
                start = i + 1
            i += 1
        args.append(sql[start:i - 1].strip())
        found.append([a for a in args if a])
    return found
