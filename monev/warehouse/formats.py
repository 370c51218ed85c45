"""The import formats: the public contract for every file that enters the warehouse.

Each kind names its columns, how each is checked, the key that makes a row unique, and the
reference data its codes must exist in. docs/import-formats.md describes the same contract for
people; tests/test_formats_doc.py keeps the two in step.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Column types. Codes are text and keep their leading zeros.
CODE = "code"
TEXT = "text"
YEAR = "year"
INTEGER = "integer"
MONTH = "month"
MONEY = "money"
DATE = "date"
DECIMAL = "decimal"
PERCENT = "percent"
CHOICE = "choice"

PROGRAM_PATTERN = r"[0-9A-Z]{2}|[0-9]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    pattern: str | None = None  # full-match regex for codes
    required: bool = True  # the value may not be empty
    optional_column: bool = False  # the column may be missing from the header
    choices: tuple[str, ...] = ()
    choice_codes: tuple[tuple[str, str], ...] = ()  # other spellings of a choice: (written, meant)
    empty_is_zero: bool = False  # money: an empty cell reads as 0 (a month without realization)


@dataclass(frozen=True)
class RefCheck:
    """Codes in `columns` must exist in reference table `kind` (same fiscal year if it has one)."""

    kind: str
    columns: tuple[str, ...]
    ref_columns: tuple[str, ...] | None = None
    when_not_empty: str | None = None  # skip rows where this column is empty

    @property
    def target_columns(self) -> tuple[str, ...]:
        return self.ref_columns or self.columns


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    refs: tuple[RefCheck, ...] = ()
    month_columns: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.optional_column)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _code(name: str, digits: int | None = None, *, pattern: str | None = None, **kw) -> Column:
    return Column(name, CODE, pattern or rf"[0-9]{{{digits}}}", **kw)


THANG = Column("thang", YEAR)
KDSATKER = _code("kdsatker", 6)
KDPROGRAM = _code("kdprogram", pattern=PROGRAM_PATTERN)
KDGIAT = _code("kdgiat", 4)
KDOUTPUT = _code("kdoutput", pattern=r"[0-9A-Z]{3}")
KDSOUTPUT = _code("kdsoutput", pattern=r"[0-9A-Z]{3}")
KDAKUN = _code("kdakun", 6)
KDPPK = _code("kdppk", 2)
BULAN = Column("bulan", MONTH)

SATKER_REF = RefCheck("satker", ("thang", "kdsatker"))
PROGRAM_REF = RefCheck("program", ("thang", "kdprogram"))
KEGIATAN_REF = RefCheck("kegiatan", ("thang", "kdgiat"))
RO_REF = RefCheck("ro", ("thang", "kdgiat", "kdoutput", "kdsoutput"))
AKUN_REF = RefCheck("akun", ("kdakun",))
PPK_REF = RefCheck("pejabat", ("thang", "kdsatker", "kdppk"))
LINE = ("thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk")
LINE_REFS = (SATKER_REF, PROGRAM_REF, KEGIATAN_REF, RO_REF, AKUN_REF, PPK_REF)
# a budget line's key as the data-warehouse and OM-SPAN exports write it: the PPK column may be
# missing (the PPK check is then skipped)
EXPORT_LINE = (THANG, KDSATKER, KDPROGRAM, KDGIAT, KDOUTPUT, KDSOUTPUT, KDAKUN,
               Column("kdppk", CODE, r"[0-9]{2}", optional_column=True))

# IKPA rule parameters (monev/domain/ikpa_rules.py) and the OM-SPAN IKPA export's value columns
# (its headers, e.g. "Deviasi Halaman III DIPA", read as snake_case).
IKPA_PARAMETERS = ("BOBOT", "BATAS", "KODE_REVISI", "TOLERANSI_DEVIASI", "DEVIASI_BOBOT_PAGU",
                   "BULAN_PERIODE_REVISI", "REVISI_MAKS", "NILAI_REVISI_LEBIH")
IKPA_OMSPAN_VALUES = ("revisi_dipa", "deviasi_halaman_iii_dipa", "nilai_perencanaan", "penyerapan_anggaran",
                      "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup",
                      "nilai_pelaksanaan", "capaian_output", "nilai_akhir")

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "lokasi",
            "Referensi provinsi",
            (THANG, _code("kdlokasi", 2), Column("nmlokasi", TEXT)),
            ("thang", "kdlokasi"),
        ),
        Kind(
            "unit",
            "Referensi unit eselon I",
            (THANG, _code("kdunit", 2), Column("nmunit", TEXT)),
            ("thang", "kdunit"),
        ),
        Kind(
            "satker",
            "Referensi satuan kerja",
            (
                THANG,
                KDSATKER,
                Column("nmsatker", TEXT),
                _code("kdunit", 2),
                # kddekon of the DJPb data warehouse writes the same as 1 .. 4
                Column("kewenangan", CHOICE, choices=("KP", "KD", "DK", "TP"),
                       choice_codes=(("1", "KP"), ("2", "KD"), ("3", "DK"), ("4", "TP"))),
                _code("kdlokasi", 2),
            ),
            ("thang", "kdsatker"),
            (RefCheck("unit", ("thang", "kdunit")), RefCheck("lokasi", ("thang", "kdlokasi"))),
        ),
        Kind(
            "program",
            "Referensi program",
            (THANG, KDPROGRAM, Column("nmprogram", TEXT)),
            ("thang", "kdprogram"),
        ),
        Kind(
            "kegiatan",
            "Referensi kegiatan",
            (THANG, KDGIAT, Column("nmgiat", TEXT), KDPROGRAM),
            ("thang", "kdgiat"),
            (PROGRAM_REF,),
        ),
        Kind(
            "ro",
            "Referensi rincian output (KRO/RO)",
            (THANG, KDGIAT, KDOUTPUT, KDSOUTPUT, Column("nmro", TEXT), Column("satuan", TEXT)),
            ("thang", "kdgiat", "kdoutput", "kdsoutput"),
            (KEGIATAN_REF,),
        ),
        Kind(
            "akun",
            "Referensi akun",
            (KDAKUN, Column("nmakun", TEXT)),
            ("kdakun",),
        ),
        Kind(
            "pejabat",
            "Referensi pejabat KPA dan PPK",
            (
                THANG,
                KDSATKER,
                Column("peran", CHOICE, choices=("KPA", "PPK")),
                _code("kdppk", 2, required=False),
                Column("nama", TEXT),
                _code("nip", 18, required=False),
            ),
            ("thang", "kdsatker", "peran", "kdppk"),
            (SATKER_REF,),
        ),
        Kind(
            "target",
            "Target penyerapan triwulanan",
            (
                THANG,
                _code("jenis_belanja", 2),
                Column("triwulan", CHOICE, choices=("1", "2", "3", "4")),
                Column("target_persen", PERCENT),
            ),
            ("thang", "jenis_belanja", "triwulan"),
        ),
        Kind(
            "pagu",
            "Pagu DIPA per baris anggaran dan revisi",
            (
                THANG,
                KDSATKER,
                KDPROGRAM,
                KDGIAT,
                KDOUTPUT,
                KDSOUTPUT,
                KDAKUN,
                KDPPK,
                Column("pagu", MONEY),
                Column("blokir", MONEY),
                Column("revisi_ke", INTEGER),
                Column("tgl_revisi", DATE),
            ),
            LINE + ("revisi_ke",),
            LINE_REFS,
        ),
        Kind(
            "rpd",
            "Rencana penarikan dana (Halaman III DIPA)",
            (
                THANG,
                KDSATKER,
                _code("jenis_belanja", 2),
                BULAN,
                Column("rpd", MONEY),
                Column("tgl_update", DATE),
            ),
            ("thang", "kdsatker", "jenis_belanja", "bulan", "tgl_update"),
            (SATKER_REF,),
        ),
        Kind(
            "realisasi",
            "Realisasi per baris SP2D",
            (
                THANG,
                Column("tgl_sp2d", DATE),
                _code("no_sp2d", pattern=r"[0-9A-Za-z/.\-]{1,30}"),
                KDSATKER,
                KDPROGRAM,
                KDGIAT,
                KDOUTPUT,
                KDSOUTPUT,
                KDAKUN,
                KDPPK,
                Column("nilai", MONEY),
            ),
            ("thang", "no_sp2d", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput",
             "kdakun", "kdppk"),
            LINE_REFS,
        ),
        Kind(
            "realisasi_bulanan",
            "Realisasi bulanan real1..real12 (ekspor data warehouse DJPb)",
            (
                *EXPORT_LINE,
                *(Column(f"real{m}", MONEY, empty_is_zero=True) for m in range(1, 13)),
            ),
            LINE,
            LINE_REFS,  # the PPK check is skipped when the file has no kdppk column
            month_columns=tuple(f"real{m}" for m in range(1, 13)),
        ),
        Kind(
            "realisasi_kumulatif",
            "Realisasi kumulatif s.d. tanggal posisi per baris anggaran (OM-SPAN/SAKTI)",
            (
                *EXPORT_LINE,
                Column("tgl_posisi", DATE),
                Column("realisasi_sd", MONEY),
            ),
            LINE + ("tgl_posisi",),
            LINE_REFS,  # the PPK check is skipped when the file has no kdppk column
        ),
        Kind(
            "capaian",
            "Capaian output (kumulatif s.d. bulan)",
            (
                THANG,
                BULAN,
                KDSATKER,
                KDGIAT,
                KDOUTPUT,
                KDSOUTPUT,
                Column("target_vol", DECIMAL),
                Column("real_vol", DECIMAL),
                Column("progres_fisik", PERCENT),
            ),
            ("thang", "bulan", "kdsatker", "kdgiat", "kdoutput", "kdsoutput"),
            (SATKER_REF, RO_REF),
        ),
        Kind(
            "revisi",
            "Log revisi DIPA",
            (
                THANG,
                KDSATKER,
                _code("no_revisi", pattern=r"[0-9]{1,3}"),
                Column("tgl_revisi", DATE),
                _code("kode_jenis", 3),
            ),
            ("thang", "kdsatker", "no_revisi", "kode_jenis"),
            (SATKER_REF,),
        ),
        Kind(
            "ikpa_aturan",
            "Aturan IKPA per tahun anggaran (bobot, batas kategori, kode revisi, parameter)",
            (
                THANG,
                Column("peraturan", TEXT),
                Column("parameter", CHOICE, choices=IKPA_PARAMETERS),
                _code("kunci", pattern=r"[0-9a-z_]{1,40}", required=False),
                Column("nilai", DECIMAL),
            ),
            ("thang", "parameter", "kunci"),
        ),
        Kind(
            "ikpa_omspan",
            "Nilai IKPA resmi (ekspor OM-SPAN) per satker dan bulan",
            (
                BULAN,
                Column("tahun", YEAR),
                _code("kode_kppn", 3),
                _code("kode_ba", 3),
                _code("kode_satker", 6),
                Column("nama_satker", TEXT),
                *(Column(name, PERCENT, required=False) for name in IKPA_OMSPAN_VALUES),
            ),
            ("tahun", "bulan", "kode_satker"),
            (RefCheck("satker", ("tahun", "kode_satker"), ("thang", "kdsatker")),),
        ),
        Kind(
            "dispensasi_spm",
            "Dispensasi SPM (pengurang nilai IKPA) per satker dan bulan",
            (
                THANG,
                BULAN,
                KDSATKER,
                # the count is shown in the trace only; the deduction is taken as OM-SPAN reports
                # it, since how counts become points is not known (docs/ikpa.md)
                Column("jumlah_spm", INTEGER, required=False),
                Column("pengurang", PERCENT),  # IKPA points: 0 to 100 like the scores it reduces
            ),
            ("thang", "bulan", "kdsatker"),
            (SATKER_REF,),
        ),
    )
}

# Reference data first, so that facts in the same call can be checked against it.
LOAD_ORDER = (
    "lokasi", "unit", "program", "kegiatan", "ro", "akun", "satker", "pejabat", "target",
    "ikpa_aturan", "pagu", "rpd", "realisasi", "realisasi_bulanan", "realisasi_kumulatif", "capaian", "revisi",
    "ikpa_omspan", "dispensasi_spm",
)
# `--kind realisasi` covers both shapes; the header decides which.
KIND_ALIASES = {"realisasi": ("realisasi", "realisasi_bulanan", "realisasi_kumulatif")}
# Kinds without kdppk column whose lines get their PPK from the pagu (ingest._attach_ppk).
PPK_FROM_PAGU = ("realisasi_bulanan", "realisasi_kumulatif")
# A code column and the name column that a cell like "027.01.DQ Program ..." also fills.
NAME_OF = {"kdsatker": "nmsatker", "kdunit": "nmunit", "kdlokasi": "nmlokasi", "kdprogram": "nmprogram",
           "kdgiat": "nmgiat", "kdakun": "nmakun", "kdsoutput": "nmro", "kode_satker": "nama_satker"}

ALIAS_FILE = Path(__file__).with_name("alias_kolom.csv")


def header_name(name) -> str:
    """A header cell as a column name: lower case, every run of other characters than letters and
    digits read as '_' ("KODE SATKER", "Kode Satker" and "kode_satker" are one name; "REALISASI
    S.D." is realisasi_s_d)."""
    text = "" if name is None else str(name)
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


@lru_cache(maxsize=1)
def header_aliases() -> dict[str, tuple[str, ...]]:
    """Per column, the other headers the source systems write for it (alias_kolom.csv: kolom,
    judul, sumber), as header names, in the file's order: the earlier wins when a file has two."""
    found: dict[str, list[str]] = {}
    with ALIAS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["kolom"], []).append(header_name(row["judul"]))
    return {column: tuple(dict.fromkeys(names)) for column, names in found.items()}  # S.D. and S/D: one name


def header_map(kind: Kind, header: list[str]) -> list[tuple[str, str]]:
    """(file header, column of the kind) pairs: each column from its own name, else from the
    first alias the file has. One header may feed a code and its name column when it is an alias
    of both (OM-SPAN's "Program" holds "027.01.DQ Program ..."); otherwise a header feeds one."""
    present = [h for h in header if h]
    candidates = []
    for index, col in enumerate(kind.columns):
        for rank, name in enumerate((col.name, *header_aliases().get(col.name, ()))):
            if name in present:
                candidates.append((rank, index, name, col.name))
    pairs, columns, used = [], set(), {}
    for _rank, _index, name, column in sorted(candidates):
        if column in columns:
            continue
        if name in used and NAME_OF.get(used[name]) != column:
            continue
        pairs.append((name, column))
        columns.add(column)
        used.setdefault(name, column)
    return pairs


def mapped_columns(kind: Kind, header: list[str]) -> set[str]:
    return {column for _, column in header_map(kind, header)}


# Columns nearly every kind has: matching them says nothing about which kind a file is.
COMMON_COLUMNS = {"thang", "tahun", "bulan"}


def closest_kinds(header: list[str], most: int = 3) -> list[tuple[Kind, list[str], list[str]]]:
    """The kinds whose required columns the header matches most of (by the columns that match,
    not those that miss; columns every kind has do not count), best first, with the required
    columns matched and missing; empty when no kind matches any telling column."""
    scored = []
    for kind in KINDS.values():
        present = mapped_columns(kind, header)
        matched = [c for c in kind.required_names if c in present]
        telling = len([c for c in matched if c not in COMMON_COLUMNS])
        if telling:
            missing = [c for c in kind.required_names if c not in present]
            scored.append((-telling, len(missing), kind.name, kind, matched, missing))
    scored.sort(key=lambda s: s[:3])
    if not scored:
        return []
    best = scored[0][0]
    # the best and those one telling column behind it
    return [(kind, matched, missing) for score, _, _, kind, matched, missing in scored[:most] if score <= best + 1]


def detect_kind(header: list[str]) -> str | None:
    """The kind whose required columns are all in the header (by name or alias), preferring the
    most specific."""
    matches = [k for k in KINDS.values() if set(k.required_names) <= mapped_columns(k, header)]
    if not matches:
        return None
    return max(matches, key=lambda k: len(k.required_names)).name
