"""Where the warehouse is: MONEV_DB, else Streamlit secrets `warehouse_path`, else data/warehouse.duckdb."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from monev.paths import DEFAULT_WAREHOUSE, ROOT

SECRETS = ROOT / ".streamlit" / "secrets.toml"


def warehouse_path() -> Path:
    if os.environ.get("MONEV_DB"):
        return Path(os.environ["MONEV_DB"])
    if SECRETS.is_file():
        configured = tomllib.loads(SECRETS.read_text(encoding="utf-8")).get("warehouse_path")
        if configured:
            return Path(configured)
    return DEFAULT_WAREHOUSE


def is_default(path: Path) -> bool:
    """The embedded default is built from sample data on first start; a configured path is not."""
    return Path(path).resolve() == DEFAULT_WAREHOUSE.resolve()
