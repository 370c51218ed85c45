"""`python -m monev user ...` and `python -m monev audit`: accounts made, refused with the reason,
listed, disabled and reset, the audit printed; no password or hash in any output or audit row."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import builders as b
from monev.access import accounts
from monev.appdb import audit, db as appdb, users
from monev.cli import main

SECRET = "sandi-cli-rahasia-42"


@pytest.fixture
def app(tmp_path, monkeypatch):
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("MONEV_APP_DB", str(path))
    yield path
    appdb.dispose(path)


def run(monkeypatch, capsys, *argv, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_add_with_a_password_from_stdin_signs_in(app, shared_warehouse, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "user", "add", "Siti", "--role", "kpa", "--satker", b.S2,
                         "--db", str(shared_warehouse), "--password-stdin", stdin=SECRET + "\n")
    assert code == 0, err
    assert "siti (kpa) dibuat dengan kata sandi lokal" in out.lower()
    engine = appdb.engine(app)
    assert accounts.sign_in(engine, "siti", SECRET).viewer.satkers == (b.S2,)
    code, out, _ = run(monkeypatch, capsys, "user", "list", "--json")
    [listed] = json.loads(out)
    assert listed | {"dibuat": None} == {"nama": "siti", "peran": "kpa", "email": None, "lokal": True,
                                          "nonaktif": False, "terkunci_sampai": None, "dibuat": None,
                                          "units": [], "satkers": [b.S2], "ppks": []}


def test_an_sso_only_account_needs_no_password(app, shared_warehouse, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "user", "add", "andi", "--role", "ppk", "--ppk", f"{b.S1}.02",
                       "--email", "Andi@Kemensos.go.id", "--db", str(shared_warehouse))
    assert code == 0 and "masuk SSO dengan andi@kemensos.go.id" in out
    user = users.get(appdb.engine(app), "andi")
    assert not user.has_password and user.ppks == ((b.S1, "02"),)


@pytest.mark.parametrize("args, reason", [
    (["--role", "kpa", "--satker", "999999"], "Satker 999999 tidak ada di referensi satker gudang data."),
    (["--role", "eselon1", "--unit", "77"], "Unit 77 tidak ada di referensi unit gudang data."),
    (["--role", "ppk", "--ppk", f"{b.S3}.09"], f"satker {b.S3} tidak memiliki PPK 09 di referensi pejabat."),
    (["--role", "kpa"], "Peran kpa memerlukan sedikitnya satu --satker."),
    (["--role", "direktur"], "Peran tidak dikenal"),
])
def test_unknown_codes_and_wrong_roles_are_refused_with_the_reason(app, shared_warehouse, monkeypatch, capsys,
                                                                  args, reason):
    code, out, err = run(monkeypatch, capsys, "user", "add", "budi", *args, "--db", str(shared_warehouse),
                         "--password-stdin", stdin=SECRET + "\n")
    assert code == 2 and reason in err and "pengguna tidak dibuat" in err
    assert users.count(appdb.engine(app)) == 0


def test_a_short_password_and_no_way_to_sign_in_are_refused(app, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "user", "add", "budi", "--role", "admin", "--password-stdin",
                       stdin="pendek\n")
    assert code == 2 and "minimal 10" in err
    code, _, err = run(monkeypatch, capsys, "user", "add", "budi", "--role", "admin")
    assert code == 2 and "--password-stdin" in err
    assert users.count(appdb.engine(app)) == 0


def test_a_name_taken_twice_is_refused(app, monkeypatch, capsys):
    assert run(monkeypatch, capsys, "user", "add", "budi", "--role", "admin", "--password-stdin",
               stdin=SECRET + "\n")[0] == 0
    code, _, err = run(monkeypatch, capsys, "user", "add", "Budi", "--role", "pimpinan", "--password-stdin",
                       stdin=SECRET + "\n")
    assert code == 2 and "sudah ada" in err


def test_disable_and_set_password(app, monkeypatch, capsys):
    run(monkeypatch, capsys, "user", "add", "budi", "--role", "pimpinan", "--password-stdin", stdin=SECRET + "\n")
    engine = appdb.engine(app)
    new = "sandi-baru-yang-panjang"
    assert run(monkeypatch, capsys, "user", "set-password", "budi", "--password-stdin", stdin=new + "\n")[0] == 0
    assert not accounts.sign_in(engine, "budi", SECRET).ok and accounts.sign_in(engine, "budi", new).ok
    assert run(monkeypatch, capsys, "user", "disable", "budi")[0] == 0
    assert not accounts.sign_in(engine, "budi", new).ok
    code, _, err = run(monkeypatch, capsys, "user", "disable", "tidak-ada")
    assert code == 2 and "Pengguna tidak dikenal: tidak-ada" in err


def test_audit_prints_user_changes_filtered_and_never_a_secret(app, monkeypatch, capsys):
    run(monkeypatch, capsys, "user", "add", "budi", "--role", "pimpinan", "--password-stdin", stdin=SECRET + "\n")
    engine = appdb.engine(app)
    accounts.sign_in(engine, "budi", "sandi-salah-sekali")
    accounts.sign_in(engine, "budi", SECRET)
    code, out, err = run(monkeypatch, capsys, "audit", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["event"] for r in rows] == ["masuk", "gagal_masuk", "pengguna_tambah"]
    assert rows[2]["who"].startswith("cli:") and rows[2]["detail"]["nama"] == "budi"
    code, out, _ = run(monkeypatch, capsys, "audit", "--user", "budi", "--json")
    assert [r["event"] for r in json.loads(out)] == ["masuk", "gagal_masuk"]
    code, out, _ = run(monkeypatch, capsys, "audit", "--since", "2999-01-01")
    assert code == 0 and "Tidak ada catatan" in out
    with pytest.raises(SystemExit) as refused:  # argparse's refusal, with the expected form
        run(monkeypatch, capsys, "audit", "--since", "kemarin")
    assert refused.value.code == 2 and "TTTT-BB-HH" in capsys.readouterr().err

    digest = users.get(engine, "budi").password_hash
    code, listed, _ = run(monkeypatch, capsys, "user", "list")
    everything = listed + out + audit.entries(engine).to_csv()
    for secret in (SECRET, "sandi-salah-sekali", digest, "$argon2"):
        assert secret not in everything


def test_ingest_and_undo_from_the_cli_are_audited(app, warehouse, tmp_path, monkeypatch, capsys, data):
    rows = [b._pagu(b.L1, 1_700_000_000, 0, 3, "2024-09-01")]
    path = b.write_kind(tmp_path, "pagu", rows)
    assert run(monkeypatch, capsys, "ingest", str(path), "--db", str(warehouse), "--user", "siti")[0] == 0
    trail = audit.entries(appdb.engine(app))
    [loaded] = trail.to_dict("records")
    assert (loaded["who"], loaded["event"]) == ("cli:siti", "muat")
    batch = json.loads(loaded["detail"])["batch"]
    assert run(monkeypatch, capsys, "undo", str(batch), "--db", str(warehouse))[0] == 0
    latest = audit.entries(appdb.engine(app)).iloc[0]
    assert latest["event"] == "batal_muat" and json.loads(latest["detail"])["batch"] == batch


def test_the_password_is_read_from_standard_input_of_a_real_process(app):
    """As an admin types it: `echo ... | python -m monev user add ... --password-stdin`."""
    result = subprocess.run([sys.executable, "-m", "monev", "user", "add", "admin", "--role", "admin",
                             "--password-stdin"], input=SECRET + "\n", capture_output=True, text=True,
                            env={**__import__("os").environ, "MONEV_APP_DB": str(app)}, cwd=b.Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert accounts.sign_in(appdb.engine(app), "admin", SECRET).ok
