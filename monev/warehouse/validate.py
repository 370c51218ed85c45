"""Row-by-row validation of an import file, vectorised so a million rows take seconds.

`check` turns the text cells of a file into typed columns and collects every problem with the
file row, column, value and reason (in Indonesian). A file with any problem is rejected whole by
the caller; the typed frame is only used when there is none.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from monev.warehouse import formats as f
from monev.warehouse.errors import PROBLEM_COLUMNS, FileProblem

MAX_ROWS_PER_RULE = 1000  # a report lists this many rows of one rule; the total is still counted
MAX_TEXT = 255
COLUMN_THREADS = 2  # columns checked at once (the machine this runs on has two cores)
# Whole rupiah in every notation the exports use, a zero fraction allowed: 1234567, 1234567.0 and
# 1234567,00 (what pandas and spreadsheets write for a whole number), 1.234.567 and 1.234.567,00.
# Dots between groups of three digits are thousands (1.000 is a thousand), any other dot is a
# decimal point.
MONEY_GROUPED = r"-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,0+)?"
MONEY_PLAIN = r"-?[0-9]+(?:[.,]0+)?"
WHOLE_DIGITS = r"-?[0-9]{1,18}"  # a whole column in this shape takes the fast path (_all_digits)
MONEY_FRACTION = r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+(?P<comma>,[0-9]+)|[0-9]+(?P<point>[.,][0-9]+))"
SCIENTIFIC = r"-?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+"
NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
ENGLISH_NUMBER = r"-?[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?|-?[0-9]{1,3},[0-9]{3}\.[0-9]+"
EXCEL_SERIAL = r"[1-9][0-9]{4}(?:\.[0-9]+)?"  # 36526 (2000-01-01) .. 73415 (2100-12-31)
NON_NEGATIVE = {"pagu", "blokir", "rpd"}
DATE_IN_YEAR = {"tgl_sp2d", "tgl_revisi", "tgl_update", "tgl_posisi"}

# Reference lookups: (kind, columns) -> the distinct known rows for those columns.
RefLookup = Callable[[f.RefCheck], pd.DataFrame]


@dataclass
class Checked:
    frame: pd.DataFrame
    problems: pd.DataFrame
    total_problems: int
    ignored_columns: list[str]
    row_numbers: object = None

    @property
    def ok(self) -> bool:
        return self.total_problems == 0


class Problems:
    def __init__(self, index: pd.Index, row_numbers=None) -> None:
        self.row_numbers = row_numbers  # file rows, when not simply index + 2
        self.parts: list[pd.DataFrame] = []
        self.total = 0
        self.bad = pd.Series(False, index=index)  # rows with any problem so far
        self.cells: dict[str, pd.Series] = {}  # per column, the cells already reported

    def add(self, mask: pd.Series, column: str, values: pd.Series, reason) -> None:
        """Report the rows in `mask`; a cell already reported keeps its first reason only."""
        mask = mask.fillna(False).astype(bool)
        if column in self.cells:
            mask = mask & ~self.cells[column]
            self.cells[column] = self.cells[column] | mask
        else:
            self.cells[column] = mask
        count = int(mask.sum())
        if not count:
            return
        self.total += count
        self.bad |= mask
        rows = mask[mask].index[:MAX_ROWS_PER_RULE]
        reasons = reason.loc[rows].to_numpy() if isinstance(reason, pd.Series) else reason
        self.parts.append(
            pd.DataFrame(
                {
                    "baris": (self.row_numbers[rows.to_numpy()] if self.row_numbers is not None
                              else rows.to_numpy() + 2),
                    "kolom": column,
                    "nilai": values.loc[rows].astype(str).str.slice(0, 100).to_numpy(),
                    "alasan": reasons,
                }
            )
        )

    def absorb(self, other: Problems) -> None:
        """Take over what another collector found about columns this one has not reported on yet
        (a column checked apart, e.g. in a thread), as if its adds had been made here."""
        assert not set(other.cells) & set(self.cells), "a column is checked once"
        self.cells.update(other.cells)
        self.parts += other.parts
        self.total += other.total
        self.bad |= other.bad

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS)
        return pd.concat(self.parts, ignore_index=True).sort_values(["baris", "kolom"], kind="stable")


def check_header(kind: f.Kind, header: list[str]) -> list[str]:
    missing = [name for name in kind.required_names if name not in header]
    if missing:
        raise FileProblem(
            f"Kolom wajib untuk jenis '{kind.name}' tidak ada: {', '.join(missing)}. "
            f"Kolom yang ada: {', '.join(h for h in header if h) or '(tidak ada)'}."
        )
    return [h for h in header if h not in kind.column_names]


def _money(text: pd.Series, column: str, problems: Problems) -> pd.Series:
    # what exports write for whole rupiah takes the fast path: no shape _money_shapes reads applies
    values = _int64(text) if _all_digits(text) else _money_shapes(text, column, problems)
    if column in NON_NEGATIVE:
        problems.add(values < 0, column, text, "nilai tidak boleh negatif")
    return values


def _money_shapes(text: pd.Series, column: str, problems: Problems) -> pd.Series:
    """Rupiah written in any accepted shape (1234567, 1234567.0, 1.234.567, 1.234.567,00), each
    other shape a problem with its own reason; such cells read as 0."""
    grouped = text.str.fullmatch(MONEY_GROUPED)
    plain = text.str.fullmatch(MONEY_PLAIN) & ~grouped
    whole = grouped | plain
    # the shapes below are looked for only in the cells that are not whole rupiah (in a good file,
    # none): the case-insensitive 'Rp' test runs row by row in Python (0,35 s of CPU for a million)
    fraction = _only(~whole, text, lambda t: t.str.fullmatch(MONEY_FRACTION))
    if fraction.any():  # the reason names the fraction; built only when there is one
        found = text.where(fraction, "").str.extract("^" + MONEY_FRACTION + "$")
        part = found["comma"].fillna(found["point"]).fillna("")
        problems.add(fraction, column, text, "nilai rupiah harus bulat (tanpa sen): pecahan " + part
                     + " bukan nol; bulatkan ke rupiah")
    invalid = ~whole & ~fraction
    # the commonest wrong shapes get their own reason; the rest the general one
    problems.add(_only(invalid, text, lambda t: t.str.fullmatch(SCIENTIFIC)), column, text,
                 "angka ditulis dalam notasi ilmiah (mis. 8,7E+08): digitnya bisa sudah terpotong; "
                 "simpan kolom sebagai angka tanpa desimal atau teks")
    problems.add(_only(invalid, text, lambda t: t.str.contains(r"^-?\s*rp", case=False, regex=True)), column, text,
                 "bukan angka rupiah: tulis angkanya saja, tanpa 'Rp' (contoh: 1.234.567)")
    problems.add(_only(invalid, text, lambda t: t.str.fullmatch(ENGLISH_NUMBER)), column, text,
                 "bukan angka rupiah: koma sebagai pemisah ribuan (format Inggris) tidak diterima; "
                 "tulis 1.234.567 atau 1234567")
    problems.add(invalid, column, text,
                 "bukan angka rupiah (contoh yang benar: 1234567, 1234567.0, 1.234.567 atau 1.234.567,00)")
    digits = (text.where(grouped, "0").str.replace(r",0+$", "", regex=True).str.replace(".", "", regex=False)
              .where(grouped, text.where(plain, "0").str.replace(r"[.,]0+$", "", regex=True)))
    too_long = digits.str.lstrip("-").str.len() > 18
    problems.add(too_long & whole, column, text, "nilai terlalu besar")
    return _int64(digits.where(~too_long, "0"))


def _all_digits(text: pd.Series) -> bool:
    """Whether every cell is a plain whole number the general path would read unchanged: digits
    only, a minus in front allowed, at most 18 of them (19 may not fit an int64: "nilai terlalu
    besar"). One Arrow regex over the column instead of the general path's dozen string passes."""
    fits = pc.match_substring_regex(pa.array(text, type=pa.string(), from_pandas=True), f"^{WHOLE_DIGITS}$")
    return fits.null_count == 0 and bool(pc.all(fits).as_py())


def _only(rows: pd.Series, text: pd.Series, test: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """test(text) on the cells in rows, False elsewhere: a check worth making on a few cells only."""
    result = pd.Series(False, index=text.index)
    if rows.any():
        result.loc[rows] = test(text[rows]).fillna(False).astype(bool)
    return result


def _int64(digits: pd.Series) -> pd.Series:
    """Whole numbers from text already checked to be digits: an Arrow cast, several times faster
    than pandas.to_numeric on a million Arrow-backed strings."""
    values = pc.cast(pa.array(digits, type=pa.string()), pa.int64())
    return pd.Series(values.to_numpy(), index=digits.index)


def _number(text: pd.Series, column: str, problems: Problems, upper: float | None) -> pd.Series:
    valid = text.str.fullmatch(NUMBER)
    problems.add(~valid, column, text, "bukan angka (contoh: 12 atau 12,5)")
    normalised = text.where(valid, "0").str.replace(",", ".", regex=False)
    if upper is not None:
        problems.add(pd.to_numeric(normalised) > upper, column, text, f"harus antara 0 dan {upper:g}")
    return normalised  # kept as text so DuckDB stores the exact decimal


def _typed_column(col: f.Column, text: pd.Series, problems: Problems) -> pd.Series:
    """Typed values of one column; empty cells of optional columns pass as empty text."""
    if col.type == f.MONEY:
        return _money(text, col.name, problems)
    if col.type in (f.YEAR, f.INTEGER, f.MONTH):
        valid = text.str.fullmatch(r"[0-9]{1,4}(?:\.0+)?")  # 2024.0: a whole number as pandas writes it
        numbers = _int64(text.where(valid, "0").str.replace(r"\.0+$", "", regex=True))
        if col.type == f.YEAR:
            bad = ~valid | (numbers < 2000) | (numbers > 2100)
            problems.add(bad, col.name, text, "tahun anggaran harus 4 angka (2000-2100)")
        elif col.type == f.MONTH:
            problems.add(~valid | (numbers < 1) | (numbers > 12), col.name, text, "bulan harus 1 sampai 12")
        elif col.required:
            problems.add(~valid, col.name, text, "harus bilangan bulat 0 atau lebih")
        else:  # an optional whole number left empty is stored as NULL
            empty = text == ""
            problems.add(~valid & ~empty, col.name, text, "harus bilangan bulat 0 atau lebih")
            return numbers.astype("Int64").mask(empty)
        return numbers
    if col.type == f.DATE:
        shaped = text.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
        dates = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
        serial = dates.isna() & text.str.fullmatch(EXCEL_SERIAL)
        if serial.any():  # the reason is costly to build for a million rows; most files have none
            problems.add(serial, col.name, text, _serial_reason(text.where(serial, "0")))
        problems.add(dates.isna(), col.name, text, "tanggal harus berformat TTTT-BB-HH dan benar")
        return dates
    if col.type in (f.DECIMAL, f.PERCENT):
        upper = 100 if col.type == f.PERCENT else None
        if col.required:
            return _number(text, col.name, problems, upper)
        empty = text == ""  # an optional number left empty is stored as NULL
        return _number(text.where(~empty, "0"), col.name, problems, upper).astype(object).where(~empty, None)
    if col.type == f.CHOICE:
        upper = text.str.upper()
        if col.choice_codes:
            upper = upper.replace(dict(col.choice_codes))
        problems.add(~upper.isin(col.choices), col.name, text, "harus salah satu dari: " + ", ".join(col.choices))
        return upper
    if col.type == f.CODE:
        malformed = ~text.str.fullmatch(col.pattern)
        if not col.required:
            malformed &= text != ""
        problems.add(malformed, col.name, text, _code_reason(col))
        return text
    problems.add(text.str.len() > MAX_TEXT, col.name, text, f"teks lebih dari {MAX_TEXT} karakter")
    return text


def _checked_column(col: f.Column, cells: pd.Series, row_numbers) -> tuple[pd.Series, pd.Series, Problems]:
    """One column's text as checked (stripped), its typed values and its problems."""
    problems = Problems(cells.index, row_numbers)
    text = cells.fillna("").str.strip()
    if col.empty_is_zero:  # a month without realization is left empty by real exports
        text = text.where(text != "", "0")
    if col.required:
        problems.add(text == "", col.name, text, "wajib diisi")
    return text, _typed_column(col, text, problems), problems


def _serial_reason(text: pd.Series) -> pd.Series:
    """A date written as Excel's day number (45291 is 2023-12-31), e.g. a date cell saved as a
    number or exported to CSV without its format."""
    days = pd.to_numeric(text, errors="coerce").fillna(0).clip(0, 80000).astype("int64")
    shown = (pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")).dt.strftime("%Y-%m-%d")
    return ("tanggal berupa nomor seri Excel (" + text + " = " + shown + "); tanggal harus "
            "berformat TTTT-BB-HH: format sel sebagai tanggal atau teks TTTT-BB-HH")


def _code_reason(col: f.Column) -> str:
    if col.pattern == f.PROGRAM_PATTERN:
        return "kode program harus 2 karakter atau berbentuk 027.01.WA"
    digits = re.fullmatch(r"\[0-9\]\{(\d+)\}", col.pattern)
    if digits:
        return f"kode harus {digits.group(1)} angka (dengan nol di depan)"
    chars = re.fullmatch(r"\[0-9A-Z\]\{(\d+)\}", col.pattern)
    if chars:
        return f"kode harus {chars.group(1)} karakter (angka atau huruf besar)"
    return "kode hanya boleh berisi angka, huruf, '/', '.' atau '-' (paling panjang 30)"


def _row_rules(kind: f.Kind, typed: pd.DataFrame, cells: pd.DataFrame, problems: Problems) -> None:
    """Rules across columns, on the rows whose cells each passed their own check."""
    if "thang" in typed:
        for name in sorted(DATE_IN_YEAR & set(typed.columns)):
            outside = ~problems.bad & (typed[name].dt.year != typed["thang"])
            problems.add(outside, name, cells[name], "tanggal di luar tahun anggaran (thang)")
    if kind.name == "pagu":
        problems.add(~problems.bad & (typed["blokir"] > typed["pagu"]), "blokir", cells["blokir"],
                     "blokir melebihi pagu")
    if kind.name == "pejabat":
        kpa_with_ppk = (typed["peran"] == "KPA") & (typed["kdppk"] != "")
        problems.add(kpa_with_ppk, "kdppk", cells["kdppk"], "kdppk harus kosong untuk KPA")
        problems.add((typed["peran"] == "PPK") & (typed["kdppk"] == ""), "kdppk", cells["kdppk"],
                     "kdppk wajib diisi untuk PPK")


def _unique_column(typed: pd.DataFrame, key: list[str]) -> bool:
    """Whether the key's most varied column (judged on the first rows) holds no value twice: then
    no two rows share the whole key, found by hashing one column (an SP2D number is unique in a
    realization file: 0,2 s for a million rows) instead of pandas hashing every key column (0,8 s)."""
    head = typed[key].head(1000)
    column = max(key, key=lambda name: head[name].nunique())
    values = pa.array(typed[column], from_pandas=True)
    return values.null_count == 0 and len(pc.unique(values)) == len(values)


def _duplicates(kind: f.Kind, typed: pd.DataFrame, problems: Problems) -> None:
    key = [k for k in kind.key if k in typed.columns]
    if not key or _unique_column(typed, key):
        return
    clash = typed.duplicated(subset=key, keep=False)
    if not clash.any():
        return
    clashing = typed.loc[clash, key].copy()
    clashing["_first"] = clashing.index
    first = clashing.groupby(key, sort=False)["_first"].transform("min")
    later = first != clashing.index
    first_row = (pd.Series(problems.row_numbers[first.to_numpy()], index=first.index)
                 if problems.row_numbers is not None else first + 2)
    reason = "kunci ganda (" + ", ".join(key) + "): sama dengan baris " + first_row.astype(str)
    problems.add(later.reindex(typed.index, fill_value=False), key[-1],
                 typed[key[-1]], reason.reindex(typed.index))


def _references(kind: f.Kind, typed: pd.DataFrame, cells: pd.DataFrame,
                lookup: RefLookup, problems: Problems) -> None:
    """Codes must exist in the reference data; checked on distinct combinations, so it is cheap."""
    for ref in kind.refs:
        cols = list(ref.columns)
        if any(c not in typed.columns for c in cols):
            continue
        checkable = ~problems.bad
        combos = typed.loc[checkable, cols].drop_duplicates()
        known = lookup(ref).rename(columns=dict(zip(ref.target_columns, cols)))
        known = known.astype({c: combos[c].dtype for c in cols})
        unknown = combos.merge(known, on=cols, how="left", indicator=True)
        unknown = unknown.loc[unknown["_merge"] == "left_only", cols]
        if unknown.empty:
            continue
        marked = typed[cols].merge(unknown.assign(_unknown=True), on=cols, how="left")["_unknown"]
        mask = pd.Series(marked.fillna(False).to_numpy(dtype=bool), index=typed.index) & checkable
        reason = f"kode tidak dikenal di referensi {ref.kind}"
        if "thang" in cols:
            reason = reason + " tahun " + typed["thang"].astype(str)
        shown_cols = [c for c in cols if c != "thang"]
        shown = cells[shown_cols].agg(".".join, axis=1) if len(shown_cols) > 1 else cells[shown_cols[0]]
        problems.add(mask, "+".join(shown_cols), shown, reason)


def check(kind: f.Kind, header: list[str], cells: pd.DataFrame, lookup: RefLookup,
          row_numbers=None) -> Checked:
    ignored = check_header(kind, header)
    if cells.empty:
        raise FileProblem("Berkas hanya berisi baris judul: tidak ada baris data.")
    cells = cells.reset_index(drop=True)
    problems = Problems(cells.index, row_numbers)
    typed = pd.DataFrame(index=cells.index)
    text_cells = pd.DataFrame(index=cells.index)
    columns = [(col, cells[col.name]) for col in kind.columns if col.name in cells.columns]
    # each column on its own, two at a time: Arrow's string kernels release the GIL, so the
    # second core works too (a million rows: most of validation's time is these columns);
    # collected in the columns' order, so the problems come out as from one loop
    with ThreadPoolExecutor(max_workers=COLUMN_THREADS) as pool:
        checked = list(pool.map(lambda pair: _checked_column(pair[0], pair[1], row_numbers), columns))
    for (col, _), (text, values, found) in zip(columns, checked):
        text_cells[col.name] = text
        typed[col.name] = values
        problems.absorb(found)
    _row_rules(kind, typed, text_cells, problems)
    _duplicates(kind, typed, problems)
    _references(kind, typed, text_cells, lookup, problems)
    return Checked(typed, problems.frame(), problems.total, ignored, row_numbers)
