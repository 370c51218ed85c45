"""The command line: `python -m monev sample | ingest | summary | ikpa | rakor | batches | undo | bench | user |
audit`."""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import pandas as pd

from monev import cli_access, cli_tindak_lanjut
from monev.config import warehouse_path
from monev.domain.period import Period
from monev.i18n import format as fmt
from monev.warehouse.store import WarehouseBusy

SAMPLE_NOTE = "DATA CONTOH (dibangkitkan, bukan data resmi)"


def _cmd_sample(args) -> int:
    from monev.sample.build import build_sample
    from monev.views import muat

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:5.0%}] {message}", file=sys.stderr)

    build_sample(Path(args.db), scale=args.scale, seed=args.seed, progress=progress, derived=muat.DERIVED)
    print(f"Gudang data contoh ({args.scale}, seed {args.seed}) siap: {args.db}")
    return 0


def _print_rows(frame: pd.DataFrame, total: int, title: str, word: str) -> None:
    shown = frame.head(50).astype(object).where(frame.head(50).notna(), "")  # an unknown row prints blank
    print(title)
    print(shown.to_string(index=False))
    if total > len(shown):
        print(f"... dan {total - len(shown)} {word} lain.")


def _print_report(result) -> None:
    from monev.warehouse.ingest import located_problems

    print(f"{result.file_name}: {result.status.upper()} - {result.message}")
    located = located_problems(result)  # a whole-file problem is the message itself
    if not result.ok and not located.empty:
        _print_rows(located, result.total_problems, "Kesalahan:", "kesalahan")
    if result.total_warnings:
        _print_rows(result.warnings, result.total_warnings, "Peringatan (tidak menghalangi pemuatan):",
                    "peringatan")


def _cmd_ingest(args) -> int:
    from monev.views import muat
    from monev.warehouse.ingest import ingest_files

    results = ingest_files(Path(args.db), [Path(p) for p in args.files], kind=args.kind,
                           loaded_by=args.user, wait=lambda message: print(f"{message}…", file=sys.stderr),
                           derived=muat.DERIVED)
    for result in results:
        _print_report(result)
    cli_access.record_load(results, args.user)
    return 0 if all(r.ok for r in results) else 1


def _records(frame: pd.DataFrame) -> list[dict]:
    records = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if hasattr(value, "item"):
                value = value.item()  # numpy scalar -> int/float
            if isinstance(value, float) and math.isnan(value):
                value = None
            clean[key] = value
        records.append(clean)
    return records


SUMMARY_KEYS = {
    "per_unit": ["kdunit"],
    "per_jenis_belanja": ["jenis_belanja"],
    "per_satker": ["kdsatker", "kdunit"],
    "per_ppk": ["kdsatker", "kdppk"],
}
MEASURES = ["pagu", "blokir", "realisasi", "persen", "target_persen"]


def summary_json(tables: dict[str, pd.DataFrame], tahun: int, sampai: str, sample: bool) -> dict:
    document = {"tahun": tahun, "sampai": sampai, "total": _records(tables["total"][MEASURES])[0]}
    for name, keys in SUMMARY_KEYS.items():
        document[name] = _records(tables[name][keys + MEASURES])
    if sample:
        document["keterangan"] = SAMPLE_NOTE
    return document


def _open(args):
    """The warehouse, the period and whether it holds sample data, for the reporting commands."""
    from monev import reports
    from monev.warehouse import db

    if not Path(args.db).is_file():
        raise ValueError(f"Gudang data tidak ditemukan: {args.db}")
    period = Period.parse(args.tahun, args.sampai)
    engine = db.engine(args.db)
    return engine, period, reports.is_sample(engine)


def ppk_pair(text: str) -> tuple[str, str]:
    """'KDSATKER.KDPPK' (e.g. 123456.01) as a (kdsatker, kdppk) pair of a scope."""
    kdsatker, dot, kdppk = text.partition(".")
    if not (dot and len(kdsatker) == 6 and kdsatker.isdigit() and len(kdppk) == 2 and kdppk.isdigit()):
        raise ValueError(f"--ppk {text!r}: tulis KDSATKER.KDPPK, misalnya 123456.01 (satker 6 angka, PPK 2 angka)")
    return kdsatker, kdppk


def _cmd_summary(args) -> int:
    from monev import reports
    from monev.warehouse.query import Filters, Scope

    engine, period, sample = _open(args)
    filters = Filters(units=tuple(args.unit or ()), satkers=tuple(args.satker or ()))
    # the admin's command line sees everything; --ppk narrows it to PPK lines as a PPK's scope does
    scope = Scope(ppks=tuple(ppk_pair(p) for p in args.ppk or ()))
    tables = reports.budget_summary(engine, period, scope=scope, filters=filters)
    if args.json:
        print(json.dumps(summary_json(tables, args.tahun, args.sampai, sample), ensure_ascii=False))
        return 0
    total = next(tables["total"].itertuples(index=False))  # iloc would upcast rupiah to float
    if sample:
        print(SAMPLE_NOTE)
    print(f"Tahun anggaran {args.tahun}, s.d. {args.sampai}")
    print(f"  Pagu       {fmt.rupiah(total.pagu)}")
    print(f"  Blokir     {fmt.rupiah(total.blokir)}")
    print(f"  Realisasi  {fmt.rupiah(total.realisasi)} ({fmt.percent(total.persen)}; "
          f"target {fmt.percent(total.target_persen)})")
    for row in tables["per_unit"].itertuples():
        print(f"  Unit {row.kdunit}: {fmt.rupiah_short(row.realisasi)} dari {fmt.rupiah_short(row.pagu)}"
              f" = {fmt.percent(row.persen)} (target {fmt.percent(row.target_persen)})")
    return 0


IKPA_KEYS = ["kdsatker", "penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output",
             "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup", "dispensasi_spm",
             "nilai", "kategori"]
IKPA_AGGREGATE_KEYS = ["penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output",
                       "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup", "nilai",
                       "kategori", "pagu", "jumlah_satker"]


def ikpa_json(result, aggregates: dict, tahun: int, sampai: str, sample: bool) -> dict:
    """Per satker the indicators, nilai and kategori (null where there is no data), and the
    official OM-SPAN values (resmi_*) where that export was imported; per unit and ministry."""
    from monev.views import ikpa as ikpa_view

    satker = []
    for record in _records(result.satker):
        row = {k: record[k] for k in IKPA_KEYS}
        if record["bulan_resmi"] is not None:
            row["bulan_resmi"] = record["bulan_resmi"]
            row.update({k: record[k] for k in ikpa_view.OFFICIAL_COLUMNS})
        satker.append(row)
    document = {"tahun": tahun, "sampai": sampai, "peraturan": result.rules.peraturan, "per_satker": satker,
                "per_unit": _records(aggregates["per_unit"][["kdunit", *IKPA_AGGREGATE_KEYS]]),
                "kementerian": _records(aggregates["kementerian"][IKPA_AGGREGATE_KEYS])[0]}
    if sample:
        document["keterangan"] = SAMPLE_NOTE
    return document


def _cmd_ikpa(args) -> int:
    from monev.views import ikpa as ikpa_view
    from monev.warehouse.query import EVERYTHING, Filters

    engine, period, sample = _open(args)
    result = ikpa_view.scores(engine, period, scope=EVERYTHING, filters=Filters(satkers=tuple(args.satker or ())))
    aggregates = ikpa_view.aggregates(result)
    if args.json:
        print(json.dumps(ikpa_json(result, aggregates, args.tahun, args.sampai, sample), ensure_ascii=False))
        return 0
    if sample:
        print(SAMPLE_NOTE)
    print(f"IKPA tahun anggaran {args.tahun}, s.d. {args.sampai} ({result.rules.peraturan})")
    for row in result.satker.itertuples():
        print(f"  {row.kdsatker} {row.nmsatker}: {fmt.percent(row.nilai).rstrip('%')} ({row.kategori or '–'})")
    return 0


def _commitments(tahun: int):
    """The follow-ups of the application database for the pack's opening slide; None (no such
    slide) where there is no application database yet: the command does not create one."""
    from monev.appdb import db as appdb
    from monev.appdb import tindak_lanjut

    address = appdb.url()
    if address.startswith("sqlite:///") and not Path(address.removeprefix("sqlite:///")).is_file():
        return None
    return tindak_lanjut.listed(appdb.engine(), tahun)


def _cmd_rakor(args) -> int:
    """The Rakor pack (deck, workbook, PDF) of a period, for every unit or the --unit ones."""
    from monev import pack
    from monev.warehouse.query import EVERYTHING, Scope

    engine, period, _sample = _open(args)
    units = tuple(dict.fromkeys(args.unit or ()))
    known = set(pack.content.unit_choices(engine, period, scope=EVERYTHING)["kode"])
    if not known:
        raise ValueError(f"Gudang data tidak berisi anggaran untuk TA {period.tahun}.")
    unknown = [u for u in units if u not in known]
    if unknown:
        raise ValueError(f"Unit eselon I tidak dikenal di TA {period.tahun}: {', '.join(unknown)} "
                         f"(yang ada: {', '.join(sorted(known)) or '-'}).")
    # --unit is what the pack may hold (its scope), not a filter over a larger one
    files = pack.build(engine, period, scope=Scope(units=units), lang=args.lang, commitments=_commitments(period.tahun))
    try:
        paths = files.save(Path(args.out))
    except OSError as exc:
        raise ValueError(f"Bahan Rakor tidak dapat ditulis ke {args.out}: {exc.strerror or exc}.") from None
    for path in paths:
        print(path)
    return 0


def _cmd_batches(args) -> int:
    from monev.warehouse import batches, db

    if not Path(args.db).is_file():
        raise ValueError(f"Gudang data tidak ditemukan: {args.db}")
    frame = batches.history(db.engine(args.db))
    if frame.empty:
        print("Belum ada berkas yang dimuat.")
        return 0
    shown = frame[["batch_id", "file_name", "kind", "row_count", "loaded_at", "loaded_by", "dilampaui_oleh"]]
    print(shown.rename(columns={"dilampaui_oleh": "digantikan_oleh"}).to_string(index=False))
    return 0


def _cmd_undo(args) -> int:
    from monev.views import muat
    from monev.warehouse import batches

    if not Path(args.db).is_file():
        raise ValueError(f"Gudang data tidak ditemukan: {args.db}")
    try:
        result = batches.undo(args.db, args.batch_id, derived=muat.DERIVED)
    except batches.UndoRefused as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return 1
    cli_access.record_undo(args.batch_id, result.message)
    print(result.message)
    return 0


def _cmd_derive(args) -> int:
    from monev.views import muat
    from monev.warehouse import derived

    if not Path(args.db).is_file():
        raise ValueError(f"Gudang data tidak ditemukan: {args.db}")
    if derived.refresh(args.db, muat.DERIVED):
        print(f"Nilai IKPA dihitung dan disimpan sebagai versi baru gudang data: {args.db}")
    else:
        print("Nilai IKPA yang tersimpan sudah sesuai dengan versi gudang data ini; tidak ada yang berubah.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m monev", description="Monev Anggaran: gudang data dan ringkasan.")
    commands = parser.add_subparsers(dest="command", required=True)
    default_db = str(warehouse_path())

    sample = commands.add_parser("sample", help="bangun gudang data contoh")
    sample.add_argument("--db", default=default_db)
    sample.add_argument("--scale", choices=["kemensos", "national"], default="kemensos")
    sample.add_argument("--seed", type=int, default=2024)
    sample.set_defaults(run=_cmd_sample)

    ingest = commands.add_parser("ingest", help="muat berkas CSV/XLSX ke gudang data")
    ingest.add_argument("files", nargs="+")
    ingest.add_argument("--db", default=default_db)
    ingest.add_argument("--kind", help="jenis data (default: dikenali dari baris judul)")
    ingest.add_argument("--user", help="nama yang memuat (default: pengguna sistem)")
    ingest.set_defaults(run=_cmd_ingest)

    summary = commands.add_parser("summary", help="ringkasan pagu dan realisasi")
    summary.add_argument("--db", default=default_db)
    summary.add_argument("--tahun", type=int, required=True)
    summary.add_argument("--sampai", required=True, help="TTTT-BB")
    summary.add_argument("--unit", action="append", help="kode unit eselon I (boleh berulang)")
    summary.add_argument("--satker", action="append", help="kode satker (boleh berulang)")
    summary.add_argument("--ppk", action="append", metavar="KDSATKER.KDPPK",
                         help="hanya baris anggaran PPK ini, mis. 123456.01 (boleh berulang)")
    summary.add_argument("--json", action="store_true")
    summary.set_defaults(run=_cmd_summary)

    ikpa = commands.add_parser("ikpa", help="nilai IKPA per satker, unit dan kementerian")
    ikpa.add_argument("--db", default=default_db)
    ikpa.add_argument("--tahun", type=int, required=True)
    ikpa.add_argument("--sampai", required=True, help="TTTT-BB")
    ikpa.add_argument("--satker", action="append", help="kode satker (boleh berulang)")
    ikpa.add_argument("--json", action="store_true")
    ikpa.set_defaults(run=_cmd_ikpa)

    rakor = commands.add_parser("rakor", help="bahan Rakor: deck PowerPoint, buku kerja Excel dan PDF")
    rakor.add_argument("--db", default=default_db)
    rakor.add_argument("--tahun", type=int, required=True)
    rakor.add_argument("--sampai", required=True, help="TTTT-BB")
    rakor.add_argument("--unit", action="append", help="kode unit eselon I (boleh berulang; default semua)")
    rakor.add_argument("--lang", choices=["id", "en"], default="id", help="bahasa bahan (default id)")
    rakor.add_argument("--out", required=True, help="folder tujuan")
    rakor.set_defaults(run=_cmd_rakor)

    history = commands.add_parser("batches", help="riwayat muat (batch berkas yang dimuat)")
    history.add_argument("--db", default=default_db)
    history.set_defaults(run=_cmd_batches)

    undo = commands.add_parser("undo", help="batalkan satu batch muat")
    undo.add_argument("batch_id", type=int)
    undo.add_argument("--db", default=default_db)
    undo.set_defaults(run=_cmd_undo)

    derive = commands.add_parser("nilai-ikpa", help="hitung dan simpan nilai IKPA untuk versi gudang saat ini "
                                                    "(pemuatan dan pembatalan melakukannya sendiri; "
                                                    "perlu setelah pembaruan skema)")
    derive.add_argument("--db", default=default_db)
    derive.set_defaults(run=_cmd_derive)

    cli_access.add_parsers(commands, default_db)
    cli_tindak_lanjut.add_parsers(commands, default_db)

    bench = commands.add_parser("bench", help="jalankan benchmark (lihat bench/run.py)")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:  # its options belong to bench.run, which parses them itself
        from bench.run import main as bench_main

        return bench_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, WarehouseBusy) as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if os.environ.get("MONEV_DEBUG"):
            raise
        print(f"Kesalahan tak terduga ({type(exc).__name__}): {exc}. "
              "Jalankan ulang dengan MONEV_DEBUG=1 untuk rinciannya.", file=sys.stderr)
        return 3
