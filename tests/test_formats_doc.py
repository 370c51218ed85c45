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
