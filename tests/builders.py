"""Tiny, valid import files for a temporary directory, and the figures they should produce.

The data set is written by hand (1 fiscal year, 2 units, 3 satker, a few PPK, RO and akun, pagu
with revisions, RPD, realization as SP2D lines and as wide real1..real12 exports, capaian, revisi
and targets). `expected_summary` computes the summary from these rows with plain Python integers
and fractions, independently of the program, so tests compare the program with it.
"""
from __future__ import annotations

import copy
import csv
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

import sqlalchemy as sa

THANG = 2024

# Columns of every kind, in file order. Written here (not read from monev) so that a change of
# the import contract shows up as a failing test.
COLUMNS: dict[str, list[str]] = {
    "lokasi": ["thang", "kdlokasi", "nmlokasi"],
    "unit": ["thang", "kdunit", "nmunit"],
    "satker": ["thang", "kdsatker", "nmsatker", "kdunit", "kewenangan", "kdlokasi"],
    "program": ["thang", "kdprogram", "nmprogram"],
    "kegiatan": ["thang", "kdgiat", "nmgiat", "kdprogram"],
    "ro": ["thang", "kdgiat", "kdoutput", "kdsoutput", "nmro", "satuan"],
    "akun": ["kdakun", "nmakun"],
    "pejabat": ["thang", "kdsatker", "peran", "kdppk", "nama", "nip"],
    "target": ["thang", "jenis_belanja", "triwulan", "target_persen"],
    "pagu": ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk",
             "pagu", "blokir", "revisi_ke", "tgl_revisi"],
    "rpd": ["thang", "kdsatker", "jenis_belanja", "bulan", "rpd", "tgl_update"],
    "realisasi": ["thang", "tgl_sp2d", "no_sp2d", "kdsatker", "kdprogram", "kdgiat", "kdoutput",
                  "kdsoutput", "kdakun", "kdppk", "nilai"],
    "realisasi_bulanan": ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput",
                          "kdakun", "kdppk"] + [f"real{m}" for m in range(1, 13)],
    "realisasi_kumulatif": ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun",
                            "kdppk", "tgl_posisi", "realisasi_sd"],
    "capaian": ["thang", "bulan", "kdsatker", "kdgiat", "kdoutput", "kdsoutput", "target_vol",
                "real_vol", "progres_fisik"],
    "revisi": ["thang", "kdsatker", "no_revisi", "tgl_revisi", "kode_jenis"],
}
REFERENCE_KINDS = ["lokasi", "unit", "program", "kegiatan", "ro", "akun", "satker", "pejabat", "target"]
FACT_KINDS = ["pagu", "rpd", "realisasi", "realisasi_bulanan", "realisasi_tanpa_ppk", "capaian", "revisi"]
MONEY = {"pagu", "blokir", "rpd", "nilai", "realisasi_sd", *(f"real{m}" for m in range(1, 13))}
DATES = {"tgl_revisi", "tgl_update", "tgl_sp2d", "tgl_posisi"}
INTEGERS = {"thang", "bulan", "revisi_ke", "triwulan"}
DECIMALS = {"target_persen", "target_vol", "real_vol", "progres_fisik"}
LINE = ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]

S1, S2, S3 = "001001", "050123", "050456"  # leading zeros on purpose
UNIT_OF = {S1: "01", S2: "05", S3: "05"}


def _line(satker, program, giat, output, soutput, akun, ppk):
    return dict(thang=THANG, kdsatker=satker, kdprogram=program, kdgiat=giat, kdoutput=output,
                kdsoutput=soutput, kdakun=akun, kdppk=ppk)


# Budget lines (satker, program, kegiatan, KRO, RO, akun, PPK)
L1 = _line(S1, "WA", "0123", "EBA", "962", "511111", "01")
L2 = _line(S1, "WA", "0123", "EBA", "962", "521211", "01")
L3 = _line(S1, "WA", "0123", "EBA", "962", "521211", "02")  # same line as L2, another PPK
L4 = _line(S1, "WA", "0123", "EBA", "962", "532111", "02")  # first appears in revision 1
L5 = _line(S2, "027.05.DL", "6201", "QDB", "001", "573111", "01")
L6 = _line(S2, "027.05.DL", "6201", "QDB", "002", "573111", "02")
L7 = _line(S2, "027.05.DL", "6201", "QDB", "001", "521211", "01")
L8 = _line(S3, "027.05.DL", "6201", "QDB", "001", "573111", "01")
L9 = _line(S3, "027.05.DL", "6201", "QDB", "001", "521211", "01")

REV0, REV1, REV2 = "2024-01-02", "2024-04-15", "2024-08-20"


def _pagu(line, pagu, blokir, revisi_ke, tgl):
    return {**line, "pagu": pagu, "blokir": blokir, "revisi_ke": revisi_ke, "tgl_revisi": tgl}


def _sp2d(line, tgl, no, nilai):
    return {**line, "tgl_sp2d": tgl, "no_sp2d": no, "nilai": nilai}


def _wide(line, months, with_ppk=True):
    row = dict(line)
    if not with_ppk:
        row.pop("kdppk")
    row.update({f"real{m}": months[m - 1] for m in range(1, 13)})
    return row


@dataclass
class Dataset:
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def copy(self) -> Dataset:
        return Dataset(copy.deepcopy(self.rows))


def base_dataset() -> Dataset:
    y = THANG
    rows = {
        "lokasi": [dict(thang=y, kdlokasi="31", nmlokasi="DKI Jakarta"),
                   dict(thang=y, kdlokasi="32", nmlokasi="Jawa Barat")],
        "unit": [dict(thang=y, kdunit="01", nmunit="Sekretariat Jenderal"),
                 dict(thang=y, kdunit="05", nmunit="Ditjen Perlindungan dan Jaminan Sosial")],
        "satker": [
            dict(thang=y, kdsatker=S1, nmsatker="Biro Keuangan", kdunit="01", kewenangan="KP", kdlokasi="31"),
            dict(thang=y, kdsatker=S2, nmsatker="Direktorat Jaminan Sosial", kdunit="05", kewenangan="KP",
                 kdlokasi="31"),
            dict(thang=y, kdsatker=S3, nmsatker="Dinas Sosial Provinsi Jawa Barat", kdunit="05",
                 kewenangan="DK", kdlokasi="32"),
        ],
        "program": [dict(thang=y, kdprogram="WA", nmprogram="Program Dukungan Manajemen"),
                    dict(thang=y, kdprogram="027.05.DL", nmprogram="Program Perlindungan Sosial")],
        "kegiatan": [dict(thang=y, kdgiat="0123", nmgiat="Pengelolaan keuangan", kdprogram="WA"),
                     dict(thang=y, kdgiat="6201", nmgiat="Jaminan sosial keluarga", kdprogram="027.05.DL")],
        "ro": [dict(thang=y, kdgiat="0123", kdoutput="EBA", kdsoutput="962", nmro="Layanan umum",
                    satuan="Layanan"),
               dict(thang=y, kdgiat="6201", kdoutput="QDB", kdsoutput="001", nmro="Bantuan PKH", satuan="KPM"),
               dict(thang=y, kdgiat="6201", kdoutput="QDB", kdsoutput="002", nmro="Bantuan sembako",
                    satuan="KPM")],
        "akun": [dict(kdakun="511111", nmakun="Belanja gaji pokok PNS"),
                 dict(kdakun="521211", nmakun="Belanja bahan"),
                 dict(kdakun="532111", nmakun="Belanja modal peralatan dan mesin"),
                 dict(kdakun="573111", nmakun="Belanja bantuan sosial untuk jaminan sosial")],
        "pejabat": [
            dict(thang=y, kdsatker=S1, peran="KPA", kdppk="", nama="Ani", nip="197001012000032001"),
            dict(thang=y, kdsatker=S1, peran="PPK", kdppk="01", nama="Budi", nip="098001012005011002"),
            dict(thang=y, kdsatker=S1, peran="PPK", kdppk="02", nama="Citra", nip=""),
            dict(thang=y, kdsatker=S2, peran="KPA", kdppk="", nama="Dedi", nip=""),
            dict(thang=y, kdsatker=S2, peran="PPK", kdppk="01", nama="Eka", nip=""),
            dict(thang=y, kdsatker=S2, peran="PPK", kdppk="02", nama="Fajar", nip=""),
            dict(thang=y, kdsatker=S3, peran="KPA", kdppk="", nama="Gita", nip=""),
            dict(thang=y, kdsatker=S3, peran="PPK", kdppk="01", nama="Hadi", nip=""),
        ],
        # Targets differ from the PER-5/PB/2024 defaults for 52 and 57, to show the data is used.
        "target": [dict(thang=y, jenis_belanja=jb, triwulan=q + 1, target_persen=t)
                   for jb, ts in {"51": (20, 50, 75, 95), "52": (12, 45, 70, 90),
                                  "53": (10, 40, 70, 90), "57": (30, 55, 80, 100)}.items()
                   for q, t in enumerate(ts)],
        "pagu": [
            _pagu(L1, 1_200_000_000, 0, 0, REV0),
            _pagu(L1, 1_500_000_000, 100_000_000, 1, REV1),
            _pagu(L2, 800_000_000, 50_000_000, 0, REV0),
            _pagu(L3, 400_000_000, 0, 0, REV0),
            _pagu(L4, 300_000_000, 0, 1, REV1),
            _pagu(L5, 50_000_000_000, 5_000_000_000, 0, REV0),
            _pagu(L5, 60_000_000_000, 0, 1, REV1),
            _pagu(L5, 55_000_000_000, 0, 2, REV2),
            _pagu(L6, 20_000_000_000, 0, 0, REV0),
            _pagu(L7, 700_000_000, 0, 0, REV0),
            _pagu(L8, 3_000_000_000, 0, 0, REV0),
            _pagu(L9, 250_000_000, 10_000_000, 0, REV0),
        ],
        "rpd": [dict(thang=y, kdsatker=s, jenis_belanja=jb, bulan=m, rpd=amount, tgl_update="2024-01-10")
                for s, jb, amount in ((S1, "51", 100_000_000), (S2, "57", 5_000_000_000))
                for m in range(1, 13)],
        "realisasi": [
            *(_sp2d(L1, f"2024-{m:02d}-25", f"24{m:02d}001/2024", 100_000_000) for m in range(1, 8)),
            _sp2d(L2, "2024-02-14", "2402014", 60_000_000),
            _sp2d(L2, "2024-04-03", "2404003", 120_000_000),
            _sp2d(L2, "2024-06-28", "2406028", -5_000_000),  # a correction
            _sp2d(L3, "2024-03-31", "2403031", 40_000_000),
            _sp2d(L4, "2024-07-10", "2407010", 50_000_000),
        ],
        "realisasi_bulanan": [
            _wide(L5, [0, 0, 12_000_000_000, 0, 0, 15_000_000_000, 0, 0, 14_000_000_000, 0, 0, 0]),
            _wide(L6, [0, 5_000_000_000, 0, 5_000_000_000, 0, 5_000_000_000, 0, 0, 0, 0, 0, 0]),
            _wide(L7, [50_000_000] * 7 + [0] * 5),
        ],
        # A wide export without kdppk: each line has one PPK in the pagu.
        "realisasi_tanpa_ppk": [
            _wide(L8, [0, 0, 900_000_000, 0, 0, 800_000_000, 0, 0, 0, 0, 0, 0], with_ppk=False),
            _wide(L9, [20_000_000, 20_000_000, 20_000_000, 20_000_000, 20_000_000, 20_000_000,
                       0, 0, 0, 0, 0, 0], with_ppk=False),
        ],
        "capaian": [
            dict(thang=y, bulan=3, kdsatker=S2, kdgiat="6201", kdoutput="QDB", kdsoutput="001",
                 target_vol="1000", real_vol="250.5", progres_fisik="25.5"),
            dict(thang=y, bulan=6, kdsatker=S2, kdgiat="6201", kdoutput="QDB", kdsoutput="001",
                 target_vol="1000", real_vol="600", progres_fisik="60"),
            dict(thang=y, bulan=6, kdsatker=S1, kdgiat="0123", kdoutput="EBA", kdsoutput="962",
                 target_vol="12", real_vol="6", progres_fisik="50"),
        ],
        "revisi": [
            dict(thang=y, kdsatker=S1, no_revisi="1", tgl_revisi=REV1, kode_jenis="201"),
            dict(thang=y, kdsatker=S2, no_revisi="1", tgl_revisi=REV1, kode_jenis="211"),
            dict(thang=y, kdsatker=S2, no_revisi="2", tgl_revisi=REV2, kode_jenis="201"),
        ],
    }
    return Dataset(rows)


def kind_of(name: str) -> str:
    return "realisasi_bulanan" if name == "realisasi_tanpa_ppk" else name


def columns_of(name: str, rows: list[dict]) -> list[str]:
    columns = COLUMNS[kind_of(name)]
    return [c for c in columns if any(c in r for r in rows)] if rows else columns


# ---------------------------------------------------------------- writing files

def money_text(value: int, style: str) -> str:
    """1234567 as `plain` 1234567, `dots` 1.234.567 or `cents` 1.234.567,00."""
    if style == "plain":
        return str(value)
    sign = "-" if value < 0 else ""
    grouped = f"{abs(value):,}".replace(",", ".")
    return sign + grouped + (",00" if style == "cents" else "")


def decimal_text(value, sep: str) -> str:
    return str(value).replace(".", sep)


def cell_text(column: str, value, money: str = "plain", decimal_sep: str = ".") -> str:
    if value is None:
        return ""
    if column in MONEY and isinstance(value, int):
        return money_text(value, money)
    if column in DECIMALS:
        return decimal_text(value, decimal_sep)
    return str(value)


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None, *, sep: str = ",",
              bom: bool = False, money: str = "plain", decimal_sep: str = ".",
              header_case=lambda name: name) -> Path:
    columns = columns or list(rows[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, lineterminator="\n")
        writer.writerow([header_case(c) for c in columns])
        for row in rows:
            writer.writerow([cell_text(c, row.get(c), money, decimal_sep) for c in columns])
    return path


def write_xlsx(path: Path, rows: list[dict], columns: list[str] | None = None, *,
               header_case=lambda name: name, extra_sheet: bool = True) -> Path:
    """First sheet holds the data with real date cells and numeric cells; codes stay text."""
    import openpyxl

    columns = columns or list(rows[0])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append([header_case(c) for c in columns])
    for row in rows:
        values = []
        for c in columns:
            value = row.get(c)
            if c in DATES and isinstance(value, str) and value:
                value = date.fromisoformat(value)
            elif c in DECIMALS and value is not None:
                value = float(value)
            elif c in INTEGERS and value is not None:
                value = int(value)
            values.append(value)
        sheet.append(values)
    if extra_sheet:
        other = book.create_sheet("catatan")
        other.append(["ini bukan data", "abaikan"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_kind(directory: Path, name: str, rows: list[dict], style: str = "csv", **kw) -> Path:
    """One file for `name` in one of the styles used across the tests."""
    columns = kw.pop("columns", None) or columns_of(name, rows)
    if style == "xlsx":
        return write_xlsx(directory / f"{name}.xlsx", rows, columns, **kw)
    options = dict(STYLES[style])
    options.update(kw)
    return write_csv(directory / f"{name}.csv", rows, columns, **options)


STYLES = {
    "csv": dict(sep=",", money="plain"),
    "csv_dots": dict(sep=",", money="dots"),  # 1.234.567 (quoted where needed)
    "csv_semicolon_bom": dict(sep=";", bom=True, money="cents", decimal_sep=",",
                              header_case=str.upper),  # 1.234.567,00 and KDSATKER
    "csv_semicolon": dict(sep=";", money="dots", decimal_sep=",", header_case=str.title),
}


def write_dataset(directory: Path, data: Dataset, style: str = "csv") -> dict[str, Path]:
    return {name: write_kind(directory, name, rows, style) for name, rows in data.rows.items() if rows}


def load_dataset(db_path: Path, directory: Path, data: Dataset, style: str = "csv",
                 loaded_by: str = "penguji") -> dict[str, object]:
    """Write and load every file, keeping the IKPA scores as every load in the app and CLI does;
    fails loudly if any is not loaded."""
    from monev.views import muat
    from monev.warehouse.ingest import ingest_files

    paths = write_dataset(directory, data, style)
    results = ingest_files(db_path, list(paths.values()), loaded_by=loaded_by, derived=muat.DERIVED)
    bad = [(r.file_name, r.status, r.message, r.problems.to_dict("records")) for r in results
           if r.status != "dimuat"]
    assert not bad, bad
    return {r.file_name: r for r in results}


# ---------------------------------------------------------------- reading the warehouse back

def rows(db_path: Path, sql: str, **params) -> list[tuple]:
    from monev.warehouse import db

    with db.engine(db_path).connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params).fetchall()]


def scalar(db_path: Path, sql: str, **params):
    result = rows(db_path, sql, **params)
    return result[0][0] if result else None


def snapshot(db_path: Path) -> dict[str, int]:
    """Row counts of every table (and the last batch id): proof that nothing was loaded."""
    from monev.warehouse import db

    with db.engine(db_path).connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE' "
            "order by table_name").fetchall()]
        counts = {t: conn.exec_driver_sql(f'select count(*) from "{t}"').scalar() for t in tables}
        counts["max_batch"] = conn.exec_driver_sql("select coalesce(max(batch_id), 0) from load_batch").scalar()
        counts["sum_pagu"] = conn.exec_driver_sql("select coalesce(sum(pagu), 0)::varchar from fact_pagu_hist").scalar()
        counts["sum_nilai"] = conn.exec_driver_sql(
            "select coalesce(sum(nilai), 0)::varchar from fact_realisasi_hist").scalar()
    return counts


# ---------------------------------------------------------------- the expected figures

def month_end(tahun: int, bulan: int) -> date:
    nxt = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def pagu_in_force(data: Dataset, at: date) -> dict[tuple, dict]:
    """Per budget line (LINE key), the row of the highest revision dated on or before `at`."""
    chosen: dict[tuple, dict] = {}
    for row in data.rows["pagu"]:
        if date.fromisoformat(row["tgl_revisi"]) > at:
            continue
        key = tuple(row[c] for c in LINE)
        if key not in chosen or row["revisi_ke"] > chosen[key]["revisi_ke"]:
            chosen[key] = row
    return chosen


def ppk_from_pagu(data: Dataset, row: dict) -> str:
    holders = {p["kdppk"] for p in data.rows["pagu"]
               if all(p[c] == row[c] for c in LINE if c != "kdppk")}
    assert len(holders) == 1, holders
    return holders.pop()


def realization_entries(data: Dataset) -> list[tuple[dict, int, int]]:
    """(line, month, amount) of every realization row, both shapes."""
    found = []
    for row in data.rows.get("realisasi", []):
        found.append((row, date.fromisoformat(row["tgl_sp2d"]).month, row["nilai"]))
    for name in ("realisasi_bulanan", "realisasi_tanpa_ppk"):
        for row in data.rows.get(name, []):
            line = dict(row)
            if "kdppk" not in line:
                line["kdppk"] = ppk_from_pagu(data, row)
            for m in range(1, 13):
                if row[f"real{m}"]:
                    found.append((line, m, row[f"real{m}"]))
    return found


def quarter_table(data: Dataset) -> dict[str, list[Fraction]]:
    table: dict[str, list] = {}
    for row in data.rows.get("target", []):
        table.setdefault(row["jenis_belanja"], [None] * 4)[int(row["triwulan"]) - 1] = Fraction(
            str(row["target_persen"]))
    return table


def interpolated_target(quarters: list[Fraction], bulan: int) -> Fraction:
    """Cumulative target at a month end, straight line inside each quarter from 0 in January."""
    points = [Fraction(0)] + list(quarters)  # value at the end of quarter 0..4
    q, into = divmod(bulan, 3)  # month 3 -> end of quarter 1, month 5 -> 2/3 into quarter 2
    if into == 0:
        return points[q]
    return points[q] + (points[q + 1] - points[q]) * Fraction(into, 3)


LEVEL_KEYS = {
    "per_unit": ("kdunit",),
    "per_jenis_belanja": ("jenis_belanja",),
    "per_satker": ("kdunit", "kdsatker"),
    "per_ppk": ("kdunit", "kdsatker", "kdppk"),
}


def expected_summary(data: Dataset, tahun: int, bulan: int, *, units=(), satkers=(),
                     jenis=None, targets: dict[str, list] | None = None) -> dict[str, dict]:
    """{'total': {...}, 'per_unit': {(kdunit,): {...}}, ...} with pagu/blokir/realisasi as int,
    persen and target_persen as Fraction (or None)."""
    at = month_end(tahun, bulan)
    satker_unit = {s["kdsatker"]: s["kdunit"] for s in data.rows["satker"] if s["thang"] == tahun}
    quarters = quarter_table(data) if targets is None else targets
    month_target = {jb: interpolated_target(q, bulan) for jb, q in quarters.items() if None not in q}

    def selected(kdsatker):
        unit = satker_unit.get(kdsatker)
        return (unit is not None and (not units or unit in units)
                and (not satkers or kdsatker in satkers))

    cells: dict[tuple, dict] = {}  # (kdunit, kdsatker, kdppk, jenis) -> amounts

    def cell(line):
        key = (satker_unit[line["kdsatker"]], line["kdsatker"], line["kdppk"], line["kdakun"][:2])
        return cells.setdefault(key, {"pagu": 0, "blokir": 0, "realisasi": 0})

    for row in pagu_in_force(data, at).values():
        if row["thang"] == tahun and selected(row["kdsatker"]) and (jenis is None or row["kdakun"][:2] in jenis):
            cell(row)["pagu"] += row["pagu"]
            cell(row)["blokir"] += row["blokir"]
    for line, month, amount in realization_entries(data):
        if line["thang"] == tahun and month <= bulan and selected(line["kdsatker"]) and (
                jenis is None or line["kdakun"][:2] in jenis):
            cell(line)["realisasi"] += amount

    def finish(group: list[tuple]) -> dict:
        total = {k: sum(cells[c][k] for c in group) for k in ("pagu", "blokir", "realisasi")}
        total["persen"] = Fraction(100 * total["realisasi"], total["pagu"]) if total["pagu"] else None
        weight = sum(cells[c]["pagu"] for c in group if c[3] in month_target)
        total["target_persen"] = (sum(cells[c]["pagu"] * month_target[c[3]] for c in group
                                      if c[3] in month_target) / weight) if weight else None
        return total

    result = {"total": finish(list(cells)),
              "grain": {c: dict(v) for c, v in cells.items()}}  # (kdunit, kdsatker, kdppk, jenis)
    positions = {"kdunit": 0, "kdsatker": 1, "kdppk": 2, "jenis_belanja": 3}
    for level, keys in LEVEL_KEYS.items():
        groups: dict[tuple, list] = {}
        for c in cells:
            groups.setdefault(tuple(c[positions[k]] for k in keys), []).append(c)
        result[level] = {k: finish(v) for k, v in groups.items()}
    return result


def load_unit_without_budget(db_path: Path, directory: Path) -> str:
    """A unit with one satker and no budget at all (for empty-selection tests); its code."""
    from monev.warehouse.db import dispose
    from monev.warehouse.ingest import ingest_files

    files = [write_kind(directory, "unit", [dict(thang=THANG, kdunit="09", nmunit="Unit tanpa anggaran")]),
             write_kind(directory, "satker", [dict(thang=THANG, kdsatker="090001", nmsatker="Satker baru",
                                                   kdunit="09", kewenangan="KP", kdlokasi="31")])]
    assert [r.status for r in ingest_files(db_path, files, loaded_by="penguji")] == ["dimuat", "dimuat"]
    dispose(db_path)
    return "09"
