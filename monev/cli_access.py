"""`python -m monev user ...` and `python -m monev audit`: accounts and the audit trail, for
admins on the server. Both read MONEV_APP_DB (monev.appdb.db)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from monev.warehouse.ingest import current_user


def actor() -> str:
    """Who the audit names for a command run on the server: the system account."""
    return f"cli:{current_user()}"


def _read_password() -> str:
    """The password from standard input: its first line, without the line break."""
    line = sys.stdin.readline()
    if not line:
        raise ValueError("Kata sandi tidak diterima dari standard input (--password-stdin).")
    return line.rstrip("\r\n")


def _cmd_user_add(args) -> int:
    from monev.access import passwords, roles
    from monev.appdb import audit, db, users

    name, email = args.name.strip().lower(), (args.email.strip().lower() if args.email else None)
    units, satkers = tuple(args.unit or ()), tuple(args.satker or ())
    ppks = tuple(roles.parse_ppk(p) for p in args.ppk or ())
    found = roles.problems(name, args.role, units, satkers, ppks, email)
    if not args.password_stdin and not email:
        found.append("Berikan --password-stdin (akun lokal) atau --email (masuk lewat SSO), atau keduanya.")
    if not found and (units or satkers or ppks):
        found += _unknown_codes(args.db, units, satkers, ppks)
    if found:
        raise ValueError("pengguna tidak dibuat:\n  " + "\n  ".join(found))
    password_hash = passwords.hash_password(_read_password()) if args.password_stdin else None
    engine = db.engine()
    user = users.add(engine, name, args.role, email=email, password_hash=password_hash,
                     units=units, satkers=satkers, ppks=ppks)
    audit.record(engine, "pengguna_tambah", actor(), detail={
        "nama": user.name, "peran": user.role, "email": user.email, "lokal": user.has_password,
        "units": list(units), "satkers": list(satkers), "ppks": [f"{s}.{p}" for s, p in ppks]})
    print(f"Pengguna {user.name} ({user.role}) dibuat"
          + (" dengan kata sandi lokal" if user.has_password else "")
          + (f"; masuk SSO dengan {user.email}" if user.email else "") + ".")
    return 0


def _unknown_codes(warehouse: str, units, satkers, ppks) -> list[str]:
    from monev.access import roles
    from monev.warehouse import db as warehouse_db

    if not Path(warehouse).is_file():
        return [f"Gudang data tidak ditemukan untuk memeriksa kode: {warehouse} (pakai --db)."]
    return roles.unknown_codes(warehouse_db.engine(warehouse), units, satkers, ppks)


def _user_record(user) -> dict:
    return {"nama": user.name, "peran": user.role, "email": user.email, "lokal": user.has_password,
            "nonaktif": user.disabled, "terkunci_sampai": str(user.locked_until) if user.locked_until else None,
            "dibuat": str(user.created), "units": list(user.units), "satkers": list(user.satkers),
            "ppks": [f"{s}.{p}" for s, p in user.ppks]}


def _cmd_user_list(args) -> int:
    from monev.appdb import db, users

    records = [_user_record(u) for u in users.all_users(db.engine())]
    if args.json:
        print(json.dumps(records, ensure_ascii=False))
        return 0
    if not records:
        print("Belum ada pengguna. Buat yang pertama: python -m monev user add NAMA --role admin --password-stdin")
        return 0
    for r in records:
        scope = ", ".join([*r["units"], *r["satkers"], *r["ppks"]]) or "semua"
        state = "NONAKTIF" if r["nonaktif"] else (f"terkunci s.d. {r['terkunci_sampai']}" if r["terkunci_sampai"] else "aktif")
        how = "+".join(([("lokal")] if r["lokal"] else []) + (["sso"] if r["email"] else []))
        print(f"{r['nama']:<20} {r['peran']:<9} {state:<12} {how:<10} {r['email'] or '-':<30} {scope}")
    return 0


def _cmd_user_disable(args) -> int:
    from monev.appdb import audit, db, users

    engine = db.engine()
    users.set_disabled(engine, args.name.strip().lower())
    audit.record(engine, "pengguna_nonaktif", actor(), detail={"nama": args.name.strip().lower()})
    print(f"Pengguna {args.name} dinonaktifkan.")
    return 0


def _cmd_user_set_password(args) -> int:
    from monev.access import passwords
    from monev.appdb import audit, db, users

    engine = db.engine()
    name = args.name.strip().lower()
    if users.get(engine, name) is None:
        raise ValueError(f"Pengguna tidak dikenal: {name}")
    users.set_password_hash(engine, name, passwords.hash_password(_read_password()))
    audit.record(engine, "pengguna_kata_sandi", actor(), detail={"nama": name})
    print(f"Kata sandi {name} diganti (penguncian, bila ada, dicabut).")
    return 0


def _cmd_audit(args) -> int:
    from monev.appdb import audit, db

    since = date.fromisoformat(args.since) if args.since else None
    frame = audit.entries(db.engine(), since=since, who=args.user, limit=args.limit)
    if args.json:
        def parsed(value):  # a missing value reads back from the frame as NaN, not None
            return json.loads(value) if isinstance(value, str) else None

        rows = [{"at": str(r.at), "who": r.who, "event": r.event, "page": r.page if isinstance(r.page, str) else None,
                 "scope": parsed(r.scope), "detail": parsed(r.detail)} for r in frame.itertuples(index=False)]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if frame.empty:
        print("Tidak ada catatan audit untuk pilihan ini.")
        return 0
    for r in frame.itertuples(index=False):
        page = r.page if isinstance(r.page, str) else "-"
        print(f"{str(r.at)[:19]}  {r.who:<20} {r.event:<18} {page:<10} {r.detail if isinstance(r.detail, str) else ''}")
    return 0


def _date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal ditulis TTTT-BB-HH: {value!r}") from None
    return value


def add_parsers(commands, default_db: str) -> None:
    user = commands.add_parser("user", help="pengguna aplikasi (basis data aplikasi: MONEV_APP_DB)")
    user_commands = user.add_subparsers(dest="user_command", required=True)

    add = user_commands.add_parser("add", help="buat pengguna")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="admin | pimpinan | eselon1 | kpa | ppk")
    add.add_argument("--unit", action="append", help="kode unit eselon I (boleh berulang; peran eselon1)")
    add.add_argument("--satker", action="append", help="kode satker (boleh berulang; peran kpa)")
    add.add_argument("--ppk", action="append", help="KDSATKER.KDPPK (boleh berulang; peran ppk)")
    add.add_argument("--email", help="e-mail identitas SSO")
    add.add_argument("--db", default=default_db, help="gudang data untuk memeriksa kode")
    add.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari standard input")
    add.set_defaults(run=_cmd_user_add)

    listing = user_commands.add_parser("list", help="daftar pengguna")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_cmd_user_list)

    disable = user_commands.add_parser("disable", help="nonaktifkan pengguna")
    disable.add_argument("name")
    disable.set_defaults(run=_cmd_user_disable)

    password = user_commands.add_parser("set-password", help="ganti kata sandi (dari standard input)")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", required=True)
    password.set_defaults(run=_cmd_user_set_password)

    trail = commands.add_parser("audit", help="catatan audit")
    trail.add_argument("--since", type=_date, help="sejak tanggal TTTT-BB-HH")
    trail.add_argument("--user", help="nama pengguna")
    trail.add_argument("--limit", type=int, help="paling banyak N baris terbaru")
    trail.add_argument("--json", action="store_true")
    trail.set_defaults(run=_cmd_audit)


def record_load(results, who: str | None) -> None:
    """Audit rows of a CLI load; a failing audit database is reported, the load stands."""
    _record_safely([("muat", {"berkas": r.file_name, "status": r.status, "batch": r.batch_id, "baris": r.rows})
                    for r in results], who)


def record_undo(batch_id: int, message: str) -> None:
    _record_safely([("batal_muat", {"batch": batch_id, "hasil": message})], None)


def _record_safely(rows, who: str | None) -> None:
    from monev.appdb import audit, db

    try:
        engine = db.engine()
        for event, detail in rows:
            audit.record(engine, event, f"cli:{who}" if who else actor(), detail=detail)
    except Exception as exc:  # noqa: BLE001 - the warehouse changed; say the audit did not follow
        print(f"Peringatan: catatan audit tidak tersimpan ({type(exc).__name__}: {exc}).", file=sys.stderr)
