"""Imports run one way (docs/architecture.md): every import statement of the package, pages and
app, read with ast (inside functions too), against what its layer may import."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_ONLY = ("streamlit",)
SQL = ("sqlalchemy", "duckdb")

# layer (a path prefix) -> modules it must not import (a module or any of its submodules)
FORBIDDEN = {
    "monev/warehouse/": ("monev.domain", "monev.i18n", "monev.views", "monev.reports", "monev.ui", "monev.cli",
                         "monev.sample", *UI_ONLY),
    "monev/i18n/": ("monev.domain", "monev.warehouse", "monev.views", "monev.reports", "monev.ui", "monev.cli",
                    *UI_ONLY, *SQL),
    "monev/domain/": ("monev.warehouse", "monev.views", "monev.reports", "monev.ui", "monev.cli", "monev.pack",
                      "monev.access", "monev.appdb", *UI_ONLY, *SQL),
    "monev/views/": ("monev.ui", "monev.cli", "monev.pack", *UI_ONLY),
    "monev/reports.py": ("monev.ui", "monev.views", "monev.cli", "monev.pack", *UI_ONLY),
    "monev/cli.py": ("monev.ui", *UI_ONLY),
    "monev/sample/": ("monev.ui", "monev.views", "monev.reports", *UI_ONLY),
    "monev/ui/": ("monev.cli",),
    # the Rakor pack is built from the views, as the pages are, and written without Streamlit
    "monev/pack/": ("monev.ui", "monev.cli", *UI_ONLY),
    # who may see what: roles and accounts over the application database, below the pages and views
    "monev/access/": ("monev.ui", "monev.views", "monev.reports", "monev.pack", "monev.cli", *UI_ONLY),
    # the application database keeps users and the audit; it knows nothing of the budget figures
    "monev/appdb/": ("monev.domain", "monev.i18n", "monev.views", "monev.reports", "monev.ui", "monev.cli",
                     "monev.warehouse", "monev.access", "monev.pack", *UI_ONLY),
    "monev/cli_access.py": ("monev.ui", *UI_ONLY),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file; `from a import b` gives a and a.b (b may be a
    module)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _within(module: str, banned: str) -> bool:
    return module == banned or module.startswith(banned + ".")


def _files() -> list[tuple[Path, str]]:
    paths = sorted([*ROOT.glob("monev/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])
    return [(path, path.relative_to(ROOT).as_posix()) for path in paths]


def violations(files: list[tuple[Path, str]] | None = None) -> list[str]:
    """What breaks the rule in `files` ((file, its place in the project) pairs; all by default)."""
    found = []
    for path, relative in files or _files():
        for prefix, banned in FORBIDDEN.items():
            if not relative.startswith(prefix):
                continue
            for line, module in imports(path):
                for name in banned:
                    if _within(module, name):
                        found.append(f"{relative}:{line} imports {module} ({prefix} may not import {name})")
    return found


def test_imports_run_one_way():
    assert violations() == []


def test_views_reach_the_warehouse_through_its_three_doors():
    """Views ask questions (warehouse.query), check, load and undo files (warehouse.loading) and
    keep the figures only they can compute (warehouse.derived); the reader, ingest, store and
    batches behind them are the warehouse's own business."""
    allowed = ("monev.warehouse.query", "monev.warehouse.loading", "monev.warehouse.derived")
    found = [f"{p.relative_to(ROOT)}:{line} imports {m}" for p in [*ROOT.glob("monev/views/*.py"),
                                                                    ROOT / "monev/reports.py"]
             for line, m in imports(p)
             if _within(m, "monev.warehouse") and m != "monev.warehouse" and not any(_within(m, a) for a in allowed)]
    assert found == []


def test_pages_use_views_not_sql():
    """Pages lay out what views return: no query text, no engine work of their own."""
    found = [f"{p.relative_to(ROOT)}:{line} imports {m}" for p in ROOT.glob("pages/*.py")
             for line, m in imports(p) if any(_within(m, s) for s in SQL) or _within(m, "monev.warehouse.query")]
    assert found == []


@pytest.mark.parametrize("layer, module", [("monev/domain/", "streamlit"), ("monev/views/", "monev.ui.data"),
                                           ("monev/warehouse/", "monev.domain.period"),
                                           ("monev/i18n/", "sqlalchemy")])
def test_the_rule_sees_a_wrong_import(tmp_path, layer, module):
    """The checker itself: a file of the layer importing what it may not is reported, also when the
    import sits inside a function."""
    fake = tmp_path / "probe.py"
    fake.write_text(f"def later():\n    import {module}\n", encoding="utf-8")
    banned = next(b for b in FORBIDDEN[layer] if _within(module, b))
    assert violations([(fake, f"{layer}probe.py")]) == [
        f"{layer}probe.py:2 imports {module} ({layer} may not import {banned})"]
