"""docs/import-formats.md must describe every kind and column that the code accepts."""
import re

from monev.paths import ROOT
from monev.warehouse import formats

DOC = (ROOT / "docs" / "import-formats.md").read_text(encoding="utf-8")


def _section(kind: str) -> str:
    match = re.search(rf"### `{kind}` .*?(?=\n### |\n## |\Z)", DOC, re.S)
    assert match, f"docs/import-formats.md has no section for kind {kind}"
    return match.group(0)


def test_every_kind_and_column_is_documented():
    for name, kind in formats.KINDS.items():
        section = _section(name)
        documented = re.findall(r"^\| `([a-z0-9_]+)` \|", section, re.M)
        assert documented == list(kind.column_names), name
        assert ", ".join(kind.key) in section, f"key of {name} not documented"


def test_load_order_covers_every_kind_once():
    assert sorted(formats.LOAD_ORDER) == sorted(formats.KINDS)


def test_every_header_alias_is_documented():
    """The alias table of the page lists every row of monev/warehouse/alias_kolom.csv, in order."""
    import csv

    with formats.ALIAS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    documented = {}
    for column, cells in re.findall(r"^\| `([a-z0-9_]+)` \| (`.*) \|$", DOC, re.M):
        documented[column] = re.findall(r"`([^`]+)` \(([^()]*(?:\([^()]*\))?[^()]*)\)", cells)
    expected = {}
    for row in rows:
        expected.setdefault(row["kolom"], []).append((row["judul"], row["sumber"]))
    assert documented == expected
