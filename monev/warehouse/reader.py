"""Reading an import file into a table of text cells, whatever its format.

Every cell comes out as a string so that validation sees exactly what the file holds: codes keep
their leading zeros and amounts their separators. Nothing in a file is executed or followed:
XLSX formulas are read as their cached values.
"""
from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from monev.warehouse.errors import FileProblem

DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
TITLE_SEARCH_ROWS = 10  # rows looked at for a header row below a report title
DEFAULT_MAX_FILE_MB = 500  # MONEV_MAX_FILE_MB: the largest file read at all
DEFAULT_MAX_XLSX_MB = 300  # MONEV_MAX_XLSX_MB: the most an XLSX may unpack to (zip bombs)


@dataclass
class RawTable:
    header: list[str]  # lower-case, stripped
    cells: pd.DataFrame  # one str column per header name
    # the file row (header = 1) of each data row, where it is not simply i + 2 (blank lines)
    row_numbers: np.ndarray | None = None
    # XLSX only: per column, which cells were numbers (a code written as 27001 lost its zero)
    numeric: dict[str, np.ndarray] | None = None


def _limit_mb(variable: str, default: float) -> float:
    try:
        return float(os.environ.get(variable) or default)
    except ValueError:
        return default


def check_limits(path: Path) -> None:
    """Refuse, before reading any of it, a file larger than MONEV_MAX_FILE_MB, and an XLSX whose
    parts unpack to more than MONEV_MAX_XLSX_MB (a small archive can hold gigabytes of XML)."""
    size_mb = path.stat().st_size / 2**20
    limit = _limit_mb("MONEV_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)
    if size_mb > limit:
        raise FileProblem(f"Berkas terlalu besar: {size_mb:,.1f} MB, batasnya {limit:g} MB "
                          "(MONEV_MAX_FILE_MB). Pecah berkas per satker atau per bulan.")
    if path.suffix.lower() in (".xlsx", ".xlsm") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            unpacked_mb = sum(info.file_size for info in archive.infolist()) / 2**20
        xlsx_limit = _limit_mb("MONEV_MAX_XLSX_MB", DEFAULT_MAX_XLSX_MB)
        if unpacked_mb > xlsx_limit:
            raise FileProblem(f"Isi XLSX terlalu besar setelah dibuka: {unpacked_mb:,.1f} MB, batasnya "
                              f"{xlsx_limit:g} MB (MONEV_MAX_XLSX_MB). Simpan sebagai CSV UTF-8.")


def _title_rows_problem(rows: list[list[str]]) -> None:
    """A report title or merged header rows above the real header row: say where the header is.

    rows[0] is the file's first row; when it names no kind of data but a row below it does, the
    file is refused with both named (rows are not skipped silently: row numbers must stay the
    file's)."""
    from monev.warehouse import formats  # no cycle: formats imports nothing of the warehouse

    first = _normalise_header(rows[0], strict=False)
    if formats.detect_kind(first) is not None:
        return
    for number, row in enumerate(rows[1:TITLE_SEARCH_ROWS], start=2):
        if formats.detect_kind(_normalise_header(row, strict=False)) is not None:
            shown = " ".join(str(c).strip() for c in rows[0] if c is not None and str(c).strip())[:80] or "(kosong)"
            raise FileProblem(
                f"Baris judul tidak ditemukan di baris 1: baris 1 berisi '{shown}'. Baris judul kolom "
                f"ada di baris {number}; hapus {number - 1} baris di atasnya (judul laporan atau "
                "baris judul gabungan) lalu muat ulang."
            )


def read_table(path: Path) -> RawTable:
    check_limits(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise FileProblem(f"Jenis berkas '{suffix or path.name}' tidak didukung: gunakan .csv atau .xlsx.")


def _normalise_header(names: list[str], strict: bool = True) -> list[str]:
    from monev.warehouse.formats import header_name

    # "KODE SATKER", "Kode Satker" and "kode_satker" are the same column (exports differ)
    header = [header_name(n) for n in names]
    if not strict:
        return header
    seen = set()
    for name in header:
        if name and name in seen:
            raise FileProblem(f"Kolom '{name}' muncul lebih dari sekali di baris judul.")
        seen.add(name)
    return header


def _first_line(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("Berkas berenkode UTF-16; simpan ulang sebagai CSV UTF-8.")
    first = head.split(b"\n", 1)[0]  # only the header line: later rows may be cut mid-character
    text = first.decode("utf-8-sig", errors="strict")
    return text.rstrip("\r")


def _csv_header(path: Path) -> tuple[list[str], str]:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    try:
        line = _first_line(head)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"Baris judul bukan teks UTF-8 (bita ke-{exc.start + 1}); simpan ulang sebagai CSV UTF-8."
        ) from None
    if not line.strip():
        raise FileProblem("Berkas kosong: tidak ada baris judul.")
    delimiter = max(DELIMITERS, key=line.count)
    _csv_title_rows(head, delimiter)
    return _normalise_header(next(csv.reader([line], delimiter=delimiter))), delimiter


def _csv_title_rows(head: bytes, delimiter: str) -> None:
    lines = head.decode("utf-8-sig", errors="replace").splitlines()[:TITLE_SEARCH_ROWS]
    rows = [next(csv.reader([line], delimiter=max(DELIMITERS, key=line.count)), []) for line in lines]
    if len(rows) > 1:
        _title_rows_problem(rows)


def _first_non_utf8_line(path: Path) -> str:
    """Where a non-UTF-8 byte is: 'baris N, bita ke-M', counting the header as row 1."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return f"baris {number}, bita ke-{exc.start + 1} (0x{line[exc.start]:02X})"
    return "baris tidak diketahui"


def read_header(path: Path) -> list[str]:
    """Only the header, cheaply, e.g. to order files by kind before loading them."""
    if path.suffix.lower() == ".csv":
        return _csv_header(path)[0]
    return read_table(path).header


def read_csv(path: Path) -> RawTable:
    header, delimiter = _csv_header(path)
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        reason = _arrow_reason(str(exc))
        if "bukan UTF-8" in reason:  # e.g. Windows-1252 rows in a UTF-8 file: say which row
            reason = reason.replace("bukan UTF-8;", f"bukan UTF-8 ({_first_non_utf8_line(path)});")
        raise FileProblem(f"Isi CSV tidak dapat dibaca: {reason}") from None
    cells = table.to_pandas(types_mapper=lambda _: pd.StringDtype())
    return RawTable(header, cells, _row_numbers_around_blank_lines(path, delimiter, len(cells)))


def _row_numbers_around_blank_lines(path: Path, delimiter: str, rows: int) -> np.ndarray | None:
    """The parser skips blank lines; when a file has some, count file rows the slow way so that
    reports point at the row a person sees in an editor."""
    with path.open("rb") as handle:
        data = handle.read()
    body = data.rstrip(b"\r\n")
    if b"\n\n" not in body and b"\n\r\n" not in body:
        return None
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter)
    numbers = [reader.line_num for record in reader if record]
    numbers = numbers[1:]  # the header
    return np.asarray(numbers[:rows], dtype="int64") if len(numbers) >= rows else None


def _arrow_reason(message: str) -> str:
    if "invalid UTF8" in message:
        return "ada teks yang bukan UTF-8; simpan ulang sebagai CSV UTF-8."
    if "Expected" in message and "columns" in message:
        return "jumlah kolom suatu baris tidak sama dengan baris judul (" + message.split(":")[-1].strip()[:200] + ")."
    return message[:300]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: Path) -> RawTable:
    import openpyxl  # imported here: only XLSX imports need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken archive
        raise FileProblem(f"Berkas XLSX tidak dapat dibuka ({type(exc).__name__}).") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise FileProblem("Lembar pertama kosong: tidak ada baris judul.")
        _title_rows_problem([list(first)] + [list(r) for r in sheet.iter_rows(
            min_row=2, max_row=TITLE_SEARCH_ROWS, values_only=True)])
        header = _normalise_header(list(first))
        width = len(header)
        body, numbers, numeric = [], [], []
        for number, row in enumerate(rows, start=2):
            row = (row + (None,) * width)[:width]
            values = [_cell_text(v) for v in row]
            if any(values):  # blank rows are skipped, as in a CSV; row numbers stay the sheet's
                body.append(values)
                numbers.append(number)
                numeric.append([type(v) in (int, float) for v in row])
    finally:
        book.close()
    cells = pd.DataFrame(body, columns=header, dtype=pd.StringDtype()) if body else pd.DataFrame(
        {name: pd.Series([], dtype=pd.StringDtype()) for name in header}
    )
    contiguous = numbers == list(range(2, len(numbers) + 2))
    flags = np.asarray(numeric, dtype=bool).reshape(len(body), width)
    return RawTable(header, cells, None if contiguous else np.asarray(numbers, dtype="int64"),
                    {name: flags[:, i] for i, name in enumerate(header) if name})

