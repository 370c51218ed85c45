"""The query layer: every question the app asks is a file in queries/, run with bound parameters.

Two kinds of query, kept apart so that nothing reads a satker's figures without the viewer's scope:

- `run(engine, name, scope=..., ...)`: the queries that read budget, plan, realization or any other
  per-satker figure. The scope is a required keyword (there is no default: a page, view or report
  that forgets it fails at once) and every such query binds it: `satker_terpilih(...)` narrows the
  satker to the scope's units and satker, `cakupan_ppk(:scope_ppk, kdsatker, kdppk)` narrows the
  lines of tables that carry a PPK to the scope's PPK, and `satker_utuh(:scope_ppk)` keeps
  satker-level measures (RPD plan, IKPA, output achievement, revisions) out of a PPK-only scope
  (schema 7). `run` refuses a query that does not bind the scope.
- `reference(engine, name, ...)`: reference data that belongs to no satker (targets, IKPA rules,
  the warehouse's own facts, the load history, import look-ups). It refuses a query that binds a
  scope, so a figure query cannot be run around the scope either.

The common filters are bound as list parameters too; an empty list means "no restriction".
Callers never build SQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
import sqlalchemy as sa

from monev.paths import QUERIES

SCOPE_PARAMS = ("scope_unit", "scope_satker", "scope_ppk")
# bound for a scope whose parts exclude each other (e.g. satker A and a PPK of satker B): a list
# that no satker code equals, since an empty list would mean "everything"
_NO_SATKER = "∅"


def _codes(value, what: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list, frozenset, set)):
        raise TypeError(f"Cakupan {what}: harus berupa daftar kode, bukan {type(value).__name__}")
    if not all(isinstance(v, str) and v for v in value):
        raise TypeError(f"Cakupan {what}: setiap kode harus teks yang tidak kosong")
    return tuple(sorted(set(value)))


@dataclass(frozen=True)
class Scope:
    """What a viewer may see. Each non-empty part narrows it (units AND satker AND PPK); all empty
    means everything. `ppks` are (kdsatker, kdppk) pairs: only those PPK's budget and realization
    lines, and no satker-level measure. Values are normalised (sorted, without repeats), so two
    equal scopes are the same cache key whatever order they were given in."""

    units: tuple[str, ...] = ()
    satkers: tuple[str, ...] = ()
    ppks: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "units", _codes(self.units, "unit"))
        object.__setattr__(self, "satkers", _codes(self.satkers, "satker"))
        if isinstance(self.ppks, str) or not isinstance(self.ppks, (tuple, list, frozenset, set)):
            raise TypeError("Cakupan PPK: harus berupa daftar pasangan (kdsatker, kdppk)")
        pairs = []
        for pair in self.ppks:
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError("Cakupan PPK: setiap unsur harus pasangan (kdsatker, kdppk)")
            pairs.append(_codes(pair[:1], "PPK") + _codes(pair[1:], "PPK"))
        object.__setattr__(self, "ppks", tuple(sorted(set(pairs))))

    @property
    def everything(self) -> bool:
        return not (self.units or self.satkers or self.ppks)

    @property
    def whole_satker(self) -> bool:
        """Whether the scope covers whole satker (satker-level measures can be shown)."""
        return not self.ppks

    def params(self) -> dict[str, list[str]]:
        """The bound parameters: the satker of the PPK pairs narrow scope_satker (so every query's
        satker list, satker_terpilih, already holds only those satker), and scope_ppk lists the
        pairs as 'KDSATKER.KDPPK' for the line filter (a satker code has no dot)."""
        satkers = list(self.satkers)
        if self.ppks:
            of_ppks = sorted({s for s, _ in self.ppks})
            satkers = [s for s in of_ppks if not self.satkers or s in self.satkers] or [_NO_SATKER]
        return {"scope_unit": list(self.units), "scope_satker": satkers,
                "scope_ppk": [f"{s}.{p}" for s, p in self.ppks]}


EVERYTHING = Scope()


@dataclass(frozen=True)
class Filters:
    """The selection common to every page and the CLI; empty tuples mean all."""

    units: tuple[str, ...] = ()
    satkers: tuple[str, ...] = ()
    kewenangan: tuple[str, ...] = ()
    jenis_belanja: tuple[str, ...] = ()
    lokasi: tuple[str, ...] = ()

    def params(self) -> dict:
        return {
            "f_unit": list(self.units),
            "f_satker": list(self.satkers),
            "f_kewenangan": list(self.kewenangan),
            "f_jenis_belanja": list(self.jenis_belanja),
            "f_lokasi": list(self.lokasi),
        }


NO_FILTER = Filters()


@cache
def sql_text(name: str) -> str:
    path = QUERIES / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"Kueri tidak dikenal: {name}")
    return path.read_text(encoding="utf-8")


def is_scoped(name: str) -> bool:
    """Whether the query binds the scope's satker (through satker_terpilih): those read per-satker
    figures. Queries reading tables with a PPK bind scope_ppk too (tests/test_scope_sql.py)."""
    text = sql_text(name)
    return ":scope_unit" in text and ":scope_satker" in text


def run(engine: sa.Engine, name: str, *, scope: Scope, filters: Filters = NO_FILTER, **params) -> pd.DataFrame:
    """Run queries/<name>.sql within `scope` and return its rows as a DataFrame.

    SQLAlchemy compiles the statement and binds the parameters; the rows come back column-wise
    through DuckDB's Arrow result, several times faster than row-by-row for the large grains
    of a national warehouse. Types are as with pandas.read_sql: BIGINT int64, DECIMAL Decimal,
    DATE datetime.date.
    """
    if not isinstance(scope, Scope):
        raise TypeError(f"Kueri {name}: cakupan (scope) harus monev.warehouse.query.Scope")
    if not is_scoped(name):
        raise TypeError(f"Kueri {name} tidak membaca angka per satker: jalankan dengan query.reference")
    return _execute(engine, name, {**scope.params(), **filters.params(), **params})


def reference(engine: sa.Engine, name: str, **params) -> pd.DataFrame:
    """Run a query that reads no satker's figures (reference data, the warehouse's bookkeeping)."""
    if any(f":{p}" in sql_text(name) for p in SCOPE_PARAMS):
        raise TypeError(f"Kueri {name} membaca angka per satker: jalankan dengan query.run(scope=...)")
    return _execute(engine, name, params)


def _execute(engine: sa.Engine, name: str, bound: dict) -> pd.DataFrame:
    compiled = sa.text(sql_text(name)).compile(dialect=engine.dialect)
    missing = [key for key in compiled.positiontup if key not in bound]
    if missing:
        raise TypeError(f"Kueri {name} memerlukan parameter: {', '.join(missing)}")
    values = [bound[key] for key in compiled.positiontup]
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        return driver.sql(compiled.string, params=values).to_arrow_table().to_pandas()
