"""Synthetic import files for the benchmarks, generated with DuckDB (fast, deterministic per seed).

Two uses:
- `realisasi_for_warehouse`: a CSV of realization long lines (kind `realisasi`) whose codes are
  budget lines already in a warehouse's pagu, for timing ingest on top of existing data;
- `build_synthetic`: a whole warehouse (reference files, pagu, realisasi) loaded through
  `ingest_files`, used only where `monev.sample` is not available (or with `--synthetic`).
  It is not the project's sample data and says nothing about it.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

LINE = ("thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk")
PROVINCES = ("11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
             "81", "82", "91", "94")
AKUN = ("511111", "511119", "511121", "511122", "511151", "521111", "521115", "521211", "521213",
        "521219", "522111", "522151", "523111", "524111", "524113", "525112", "532111", "533111",
        "536111", "571111", "572111", "573111", "574111")
OUTPUTS = ("EBA", "EBB", "EBD", "QAA", "QIB", "RBS", "BDB")
TARGETS = {"51": (20, 50, 75, 95), "52": (15, 50, 70, 90), "53": (10, 40, 70, 90), "57": (25, 50, 75, 95)}


@dataclass(frozen=True)
class Preset:
    units: int
    satker: int
    lines_per_satker: int
    ppk_per_satker: int
    programs: int
    kegiatan_per_program: int
    realisasi_lines: int


PRESETS = {
    # roughly a ministry the size of Kemensos; a guess, not the project's sample
    "kemensos": Preset(units=5, satker=600, lines_per_satker=60, ppk_per_satker=2, programs=6,
                       kegiatan_per_program=8, realisasi_lines=1_500_000),
    # the national target: ~24.000 satker and >= 40 million realization lines in one year
    # just past Streamlit's 262.144-cell limit for a styled table (19.000 satker x 14 columns of the
    # KPA table) and quick to build (~20 s): the end-to-end test of every page at that size
    "cell_limit": Preset(units=4, satker=19_000, lines_per_satker=2, ppk_per_satker=1, programs=2,
                         kegiatan_per_program=2, realisasi_lines=40_000),
    "national": Preset(units=90, satker=24_000, lines_per_satker=80, ppk_per_satker=3, programs=60,
                       kegiatan_per_program=10, realisasi_lines=40_000_000),
}


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> Path:
    con.execute(f"copy ({select}) to '{path}' (header, delimiter ',')")
    return path


def _values(rows) -> str:
    return ", ".join("(" + ", ".join(f"'{v}'" for v in row) + ")" for row in rows)


def _realisasi_select(thang: int, n_lines: int, start: int, stop: int, seed: int, prefix: str,
                      through_month: int) -> str:
    """Lines start..stop-1 drawn from table `lines` (line_id 0..n_lines-1), dated in the year."""
    return f"""
        select l.thang,
               make_date({thang}, 1, 1) + cast(hash(i, {seed}, 2) % d.days as integer) as tgl_sp2d,
               '{prefix}' || lpad(cast(i as varchar), 9, '0') as no_sp2d,
               l.kdsatker, l.kdprogram, l.kdgiat, l.kdoutput, l.kdsoutput, l.kdakun, l.kdppk,
               case when hash(i, {seed}, 3) % 50 = 0
                    then -cast(1000 + hash(i, {seed}, 4) % 5000000 as bigint)
                    else cast(100000 + hash(i, {seed}, 4) % 250000000 as bigint) end as nilai
        from range({start}, {stop}) t(i)
        cross join (select date_diff('day', make_date({thang}, 1, 1),
                                     last_day(make_date({thang}, {through_month}, 1))) + 1 as days) d
        join lines l on l.line_id = hash(i, {seed}, 1) % {n_lines}
        order by i
    """


def realisasi_for_warehouse(db_path: Path, out_csv: Path, n_lines: int, seed: int = 7,
                            prefix: str = "BENCH-") -> dict:
    """A realisasi CSV of n_lines SP2D lines on budget lines of the warehouse's latest year.

    Dated up to the last month that already has realization (all year if none), numbered with a
    prefix no other file uses, so loading it adds lines and supersedes nothing.
    """
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        thang = con.execute("select max(thang) from fact_pagu").fetchone()[0]
        if thang is None:
            raise RuntimeError(f"{db_path} has no pagu to draw budget lines from")
        last = con.execute("select max(month(tgl_sp2d)) from fact_realisasi where thang = ?",
                           [thang]).fetchone()[0] or 12
        cols = ", ".join(LINE)
        con.execute(f"""create temp table lines as
                        select row_number() over (order by {cols}) - 1 as line_id, *
                        from (select distinct {cols} from fact_pagu where thang = {thang})""")
        count = con.execute("select count(*) from lines").fetchone()[0]
        _copy(con, _realisasi_select(thang, count, 0, n_lines, seed, prefix, last), out_csv)
    finally:
        con.close()
    return {"thang": int(thang), "through_month": int(last), "budget_lines": int(count)}


def write_files(out_dir: Path, preset: Preset, thang: int = 2024, seed: int = 2024,
                chunk_rows: int = 2_000_000, through_month: int = 12) -> list[Path]:
    """Reference files, pagu and realisasi (in chunks of chunk_rows) for one fiscal year."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    files: list[Path] = []
    p = preset

    def out(name: str, select: str) -> None:
        files.append(_copy(con, select, out_dir / f"{name}.csv"))

    out("lokasi", f"select {thang} as thang, kd as kdlokasi, 'Provinsi ' || kd as nmlokasi "
                  f"from (values {_values((k,) for k in PROVINCES)}) v(kd)")
    out("unit", f"select {thang} as thang, lpad(cast(u + 1 as varchar), 2, '0') as kdunit, "
                f"'Unit eselon I ' || (u + 1) as nmunit from range({p.units}) t(u)")
    out("program", f"select {thang} as thang, case when g = 0 then 'WA' else lpad(cast(g as varchar), 2, '0') end "
                   f"as kdprogram, 'Program ' || g as nmprogram from range({p.programs}) t(g)")
    con.execute(f"""create table kegiatan as
        select k, lpad(cast(1000 + k as varchar), 4, '0') as kdgiat, k // {p.kegiatan_per_program} as g,
               case when k // {p.kegiatan_per_program} = 0 then 'WA'
                    else lpad(cast(k // {p.kegiatan_per_program} as varchar), 2, '0') end as kdprogram
        from range({p.programs * p.kegiatan_per_program}) t(k)""")
    out("kegiatan", f"select {thang} as thang, kdgiat, 'Kegiatan ' || kdgiat as nmgiat, kdprogram from kegiatan")
    con.execute(f"""create table ro as
        select kdgiat, k, r, (['{"', '".join(OUTPUTS)}'])[1 + r % {len(OUTPUTS)}] as kdoutput,
               lpad(cast(r + 1 as varchar), 3, '0') as kdsoutput
        from kegiatan cross join range(5) t(r)""")
    out("ro", f"select {thang} as thang, kdgiat, kdoutput, kdsoutput, 'RO ' || kdgiat || '.' || kdoutput || "
              f"'.' || kdsoutput as nmro, 'Layanan' as satuan from ro")
    out("akun", f"select kd as kdakun, 'Akun ' || kd as nmakun from (values {_values((a,) for a in AKUN)}) v(kd)")
    con.execute(f"""create table satker as
        select s, lpad(cast(100001 + s as varchar), 6, '0') as kdsatker,
               lpad(cast(1 + s % {p.units} as varchar), 2, '0') as kdunit,
               (['KP', 'KD', 'DK', 'TP'])[1 + (s // 7) % 4] as kewenangan,
               (['{"', '".join(PROVINCES)}'])[1 + s % {len(PROVINCES)}] as kdlokasi
        from range({p.satker}) t(s)""")
    out("satker", f"select {thang} as thang, kdsatker, 'Satker ' || kdsatker as nmsatker, kdunit, kewenangan, "
                  f"kdlokasi from satker")
    out("pejabat", f"""
        select {thang} as thang, kdsatker, 'KPA' as peran, '' as kdppk, 'KPA ' || kdsatker as nama,
               '19' || lpad(cast(s as varchar), 16, '0') as nip from satker
        union all
        select {thang}, kdsatker, 'PPK', lpad(cast(n + 1 as varchar), 2, '0'), 'PPK ' || kdsatker || '-' || (n + 1),
               '' from satker cross join range({p.ppk_per_satker}) t(n)""")
    out("target", "select * from (values " + ", ".join(
        f"({thang}, '{jb}', '{q + 1}', {pct[q]})" for jb, pct in TARGETS.items() for q in range(4)
    ) + ") v(thang, jenis_belanja, triwulan, target_persen)")

    n_keg = p.programs * p.kegiatan_per_program
    # in steps, through small tables: one big join with list lookups hit a DuckDB 2.0.0 internal
    # error ("dict-surviving cache ... changed identity") at 2.400 satker
    con.execute(f"create table akun as select row_number() over () - 1 as a, kd as kdakun "
                f"from (values {_values((a,) for a in AKUN)}) v(kd)")
    con.execute(f"""create table picks as
        select sk.kdsatker, cast((sk.s * 3 + j // 10) % {n_keg} as integer) as k, cast(j % 5 as integer) as r,
               cast(hash(sk.s, j, {seed}, 5) % {len(AKUN)} as integer) as a,
               lpad(cast(1 + j % {p.ppk_per_satker} as varchar), 2, '0') as kdppk
        from satker sk cross join range({p.lines_per_satker}) t(j)""")
    con.execute(f"""create table lines as
        select row_number() over (order by kdsatker, kdgiat, kdoutput, kdsoutput, kdakun, kdppk) - 1 as line_id,
               {thang}::smallint as thang, *
        from (select distinct pk.kdsatker, kg.kdprogram, ro.kdgiat, ro.kdoutput, ro.kdsoutput, ak.kdakun, pk.kdppk
              from picks pk join kegiatan kg on kg.k = pk.k join ro on ro.k = pk.k and ro.r = pk.r
              join akun ak on ak.a = pk.a)""")
    con.execute(f"""create table pagu as
        select l.*, rv.revisi_ke,
               cast(10000000 + hash(l.line_id, rv.revisi_ke, {seed}, 6) % 5000000000 as bigint) as pagu,
               rv.tgl_revisi, hash(l.line_id, {seed}, 7) % 20 = 0 as blocked
        from lines l
        join (values (0, date '{thang}-01-02'), (1, date '{thang}-04-15'), (2, date '{thang}-08-20'))
             rv(revisi_ke, tgl_revisi)
          on rv.revisi_ke = 0 or hash(l.line_id, {seed}, 8) % 10 < (case rv.revisi_ke when 1 then 3 else 1 end)""")
    satker_per_chunk = max(1, p.satker * chunk_rows // max(1, con.execute("select count(*) from pagu").fetchone()[0]))
    for part, first in enumerate(range(0, p.satker, satker_per_chunk)):
        out(f"pagu_{part + 1:03d}", f"""
            select thang, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, pagu,
                   case when blocked then pagu // 10 else 0 end as blokir, revisi_ke, tgl_revisi
            from pagu where kdsatker between '{100001 + first:06d}' and '{100000 + first + satker_per_chunk:06d}'
            order by line_id, revisi_ke""")
    n_lines = con.execute("select count(*) from lines").fetchone()[0]
    for part, start in enumerate(range(0, p.realisasi_lines, chunk_rows)):
        stop = min(start + chunk_rows, p.realisasi_lines)
        out(f"realisasi_{part + 1:03d}",
            _realisasi_select(thang, n_lines, start, stop, seed, "SP", through_month))
    con.close()
    return files


def scaled(preset: Preset, fraction: float) -> Preset:
    """The same shape with fewer satker and realization lines, for a quicker trial."""
    if fraction >= 1:
        return preset
    return Preset(preset.units, max(10, int(preset.satker * fraction)), preset.lines_per_satker,
                  preset.ppk_per_satker, preset.programs, preset.kegiatan_per_program,
                  max(10_000, int(preset.realisasi_lines * fraction)))


def build_synthetic(db_path: Path, scale: str, seed: int = 2024, fraction: float = 1.0,
                    progress: Callable[[float, str], None] | None = None) -> dict:
    """Generate files in a temp dir and load them with ingest_files; raises if any is rejected."""
    from monev.views import muat
    from monev.warehouse.ingest import ingest_files

    preset = scaled(PRESETS[scale], fraction)
    with tempfile.TemporaryDirectory(prefix="monev-synth-") as tmp:
        files = write_files(Path(tmp), preset, seed=seed)
        results = ingest_files(db_path, files, loaded_by="bench", progress=progress, derived=muat.DERIVED)
    bad = [r for r in results if not r.ok]
    if bad:
        raise RuntimeError("synthetic file rejected: " + "; ".join(
            f"{r.file_name}: {r.message}\n{r.problems.head(5).to_string()}" for r in bad))
    return {"files": len(results), "preset": preset.__dict__}
