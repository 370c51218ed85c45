"""Errors of the import path, worded for the people who load files."""
from __future__ import annotations

import pandas as pd

PROBLEM_COLUMNS = ["baris", "kolom", "nilai", "alasan"]


class FileProblem(Exception):
    """The file as a whole cannot be read (format, encoding, empty, unknown kind)."""


class FileRejected(Exception):
    """The file was read but some rows break the rules; nothing of it was loaded."""

    def __init__(self, file_name: str, problems: pd.DataFrame, total: int):
        self.file_name = file_name
        self.problems = problems
        self.total = total
        super().__init__(f"{file_name}: {total} kesalahan, berkas ditolak seluruhnya")
