"""Where the project's files live, independent of the working directory."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
