"""`python -m monev tindak-lanjut catat | daftar | batal`: the Rakor's follow-ups from the server's
command line (the application database: MONEV_APP_DB; the figures: the warehouse --db). Every
change is audited under the system account (cli:<user>), as the user commands are."""
from __future__ import annotations

import json
from pathlib import Path

from monev.cli_access import actor


def _warehouse(path: str):
    from monev.warehouse import db

    if not Path(path).is_file():
        raise ValueError(f"Gudang data tidak ditemukan: {path}")
    return db.engine(path)


def _month(value: str, tahun: int) -> int:
    """--batas as a month (9) or a month of the fiscal year (2024-09)."""
    text = value.strip()
    if "-" in text:
        year, _, month = text.partition("-")
        if not (year.isdigit() and month.isdigit()) or int(year) != tahun:
            raise ValueError(f"--batas {value} harus bulan di tahun anggaran {tahun} (TTTT-BB atau 1-12).")
        text = month
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise ValueError(f"--batas harus bulan 1 sampai 12 atau TTTT-BB: {value!r}.")
    return int(text)


def _cmd_catat(args) -> int:
    from monev.appdb import db as appdb
    from monev.appdb import tindak_lanjut as store
    from monev.domain.period import Period
    from monev.pack.content import unit_choices
    from monev.warehouse.query import Scope

    engine = _warehouse(args.db)
    units = unit_choices(engine, Period(args.tahun, 12), scope=Scope(satkers=(args.satker,)))
    if units.empty:
        raise ValueError(f"Satker {args.satker} tidak ada di gudang data untuk TA {args.tahun}.")
    if args.ppk:
        from monev.access.roles import unknown_codes

        wrong = unknown_codes(engine, ppks=((args.satker, args.ppk),))
        if wrong:
            raise ValueError(" ".join(wrong))
    ukuran, target = next((k, v) for k, v in (("persen", args.persen), ("rupiah", args.rupiah),
                                              ("volume", args.volume)) if v is not None)
    if (ukuran == "volume") != bool(args.ro):
        raise ValueError("--volume memerlukan --ro (kode RO satker, misalnya 6201.QDB.001), dan --ro hanya untuk "
                         "--volume.")
    commitment = store.Commitment(rakor=args.rakor, tahun=args.tahun, kdunit=str(units["kode"].iloc[0]),
                                  kdsatker=args.satker, kdppk=args.ppk or "", ukuran=ukuran, target=target,
                                  batas_bulan=_month(args.batas, args.tahun),
                                  penanggung_jawab=args.penanggung_jawab, jenis_belanja=args.jenis_belanja or "",
                                  kode_ro=args.ro or "")
    wrong = store.problems(commitment)
    if not wrong and ukuran == "volume":
        from monev.domain import tindak_lanjut as rules
        from monev.views import tindak_lanjut as view

        ros = view.ros(engine, Period(args.tahun, 12), scope=Scope(satkers=(args.satker,)))
        wrong = [p for p in (rules.ro_problem(ros, args.satker, args.ro),) if p]
    if wrong:
        raise ValueError(" ".join(wrong))
    new_id = store.add(appdb.engine(), commitment, actor())
    print(f"Tindak lanjut dicatat: {new_id}")
    return 0


def _cmd_daftar(args) -> int:
    from monev.appdb import db as appdb
    from monev.appdb import tindak_lanjut as store
    from monev.domain.period import Period
    from monev.i18n import format as fmt
    from monev.views import tindak_lanjut as view
    from monev.warehouse.query import EVERYTHING

    period = Period.parse(args.tahun, args.sampai)
    commitments = store.listed(appdb.engine(), args.tahun)
    frame = view.judged(_warehouse(args.db), period, scope=EVERYTHING, commitments=commitments)
    if args.json:
        print(json.dumps(json.loads(frame.to_json(orient="records", force_ascii=False)), ensure_ascii=False))
        return 0
    if frame.empty:
        print(f"Belum ada tindak lanjut untuk TA {args.tahun}.")
        return 0
    for row in frame.itertuples(index=False):
        who = f"{row.kdsatker}" + (f" PPK {row.kdppk}" if row.kdppk else "")
        if fmt.is_missing(row.target_volume):
            figures = f"realisasi {fmt.rupiah(row.realisasi)}, kekurangan {fmt.rupiah(row.kekurangan)}"
        else:
            unit = f" {row.satuan}" if isinstance(row.satuan, str) else ""
            figures = (f"volume {view.volume_text(row.realisasi_volume)}{unit}, kekurangan "
                       f"{view.volume_text(row.kekurangan_volume)}{unit}")
        print(f"[{row.id}] {who}: {row.komitmen} ({row.rakor}) -> {row.status}; {figures} "
              f"(data s.d. {fmt.month_name(int(row.dinilai_bulan))})")
    return 0


def _cmd_batal(args) -> int:
    from monev.appdb import db as appdb
    from monev.appdb import tindak_lanjut as store

    store.cancel(appdb.engine(), args.id, actor(), args.alasan)
    print(f"Tindak lanjut {args.id} dibatalkan.")
    return 0


def add_parsers(commands, default_db: str) -> None:
    group = commands.add_parser("tindak-lanjut", help="tindak lanjut Rakor (basis data aplikasi: MONEV_APP_DB)")
    group.add_argument("--db", default=default_db, help="gudang data (angka untuk menilai)")
    actions = group.add_subparsers(dest="tl_command", required=True)

    catat = actions.add_parser("catat", help="catat komitmen satker atau PPK")
    catat.add_argument("--tahun", type=int, required=True)
    catat.add_argument("--satker", required=True)
    catat.add_argument("--ppk", help="kode PPK (default: seluruh satker, KPA)")
    target = catat.add_mutually_exclusive_group(required=True)
    target.add_argument("--persen", help="realisasi sedikitnya ... %% dari pagu (misalnya 80 atau 80,5)")
    target.add_argument("--rupiah", help="realisasi sedikitnya ... rupiah")
    target.add_argument("--volume", help="volume output RO (--ro) sedikitnya ... dalam satuannya (misalnya 1.500)")
    catat.add_argument("--ro", help="kode RO satker untuk --volume: KEGIATAN.KRO.RO, misalnya 6201.QDB.001")
    catat.add_argument("--jenis-belanja", choices=["51", "52", "53", "57"], help="hanya jenis belanja ini")
    catat.add_argument("--batas", required=True, help="posisi data batas waktu: bulan (9) atau TTTT-BB")
    catat.add_argument("--penanggung-jawab", required=True, help="nama KPA atau PPK")
    catat.add_argument("--rakor", required=True, help="Rakor asal, misalnya 'Rakor TW II 2024'")
    catat.set_defaults(run=_cmd_catat)

    daftar = actions.add_parser("daftar", help="daftar tindak lanjut dan penilaiannya")
    daftar.add_argument("--tahun", type=int, required=True)
    daftar.add_argument("--sampai", required=True, help="posisi data TTTT-BB")
    daftar.add_argument("--json", action="store_true")
    daftar.set_defaults(run=_cmd_daftar)

    batal = actions.add_parser("batal", help="batalkan satu tindak lanjut (tetap tercatat)")
    batal.add_argument("id", type=int)
    batal.add_argument("--alasan", required=True)
    batal.set_defaults(run=_cmd_batal)
