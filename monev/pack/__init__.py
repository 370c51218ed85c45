"""The Rakor pack: for a period, a scope and a language, a PowerPoint deck, an Excel workbook and
a PDF of the same content (monev.pack.content), built from the views the pages use. No Streamlit:
the page "Bahan Rakor", the CLI (`python -m monev rakor`) and a scheduled job make the same files.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from monev.domain.period import Period
from monev.pack import content, deck, pdf, workbook
from monev.pack.model import Pack
from monev.warehouse.query import NO_FILTER, Filters, Scope

SUFFIXES = {"pptx": deck.write, "xlsx": workbook.write, "pdf": pdf.write}
MEDIA_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass
class Files:
    """The pack's three files, as bytes, and their common name (without suffix)."""

    name: str
    pptx: bytes
    xlsx: bytes
    pdf: bytes

    def save(self, directory: Path) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for suffix in SUFFIXES:
            path = directory / f"{self.name}.{suffix}"
            path.write_bytes(getattr(self, suffix))
            paths.append(path)
        return paths


def render(pack: Pack) -> Files:
    return Files(pack.stamp, **{suffix: write(pack) for suffix, write in SUFFIXES.items()})


def build(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
          lang: str = "id", note: str | None = None, commitments: pd.DataFrame | None = None) -> Files:
    """The three files of the pack for a period, scope (and filters) and language; `commitments`
    (the application database's follow-ups) make its opening slide."""
    return render(content.build(engine, period, scope=scope, filters=filters, lang=lang, note=note,
                                commitments=commitments))


def for_page(engine: sa.Engine, period: Period, *, scope: Scope, filters: Filters = NO_FILTER,
             units: tuple[str, ...] = (), lang: str = "id", note: str | None = None,
             commitments: pd.DataFrame | None = None) -> Files:
    """The pack as the page Bahan Rakor makes it, in the shape monev.ui.data.view caches: within
    the viewer's scope, narrowed to `units` when some are chosen. The sidebar's `filters` are not
    applied: a pack covers all the spending of its units (the page says so)."""
    return build(engine, period, scope=scope, filters=Filters(units=tuple(units)), lang=lang, note=note,
                 commitments=commitments)
