"""Accounts, roles and the application database without a browser: password hashing, lock-out,
the viewer's scope, migrations, the append-only audit, and escaping names for markdown."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from monev.access import accounts, passwords, roles
from monev.access.roles import Viewer
from monev.appdb import audit, migrations, users
from monev.appdb import db as appdb
from monev.i18n.markdown import escape
from monev.warehouse import query

SECRET = "sandi-yang-benar-123"
POLICY = accounts.Policy(max_failures=3, lock_minutes=15)
T0 = datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture
def app(tmp_path):
    path = tmp_path / "app.sqlite"
    yield appdb.engine(path)
    appdb.dispose(path)


@pytest.fixture
def siti(app):
    return users.add(app, "siti", "kpa", satkers=("050123",), password_hash=passwords.hash_password(SECRET))


# ---------------------------------------------------------------- passwords

def test_a_password_is_stored_only_as_an_argon2id_hash():
    digest = passwords.hash_password(SECRET)
    assert digest.startswith("$argon2id$") and SECRET not in digest
    assert passwords.hash_password(SECRET) != digest  # salted
    assert passwords.verify(digest, SECRET)
    assert not passwords.verify(digest, SECRET + "x")
    assert not passwords.verify(None, SECRET) and not passwords.verify("bukan-hash", SECRET)


def test_hash_parameters_are_at_least_owasps():
    """OWASP Password Storage Cheat Sheet: argon2id, m >= 19 MiB, t >= 2, p = 1 (or stronger)."""
    from argon2 import extract_parameters

    params = extract_parameters(passwords.hash_password(SECRET))
    assert params.type.name == "ID"
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1


def test_a_hash_of_other_parameters_still_verifies_and_is_renewed():
    from argon2 import PasswordHasher

    old = PasswordHasher().hash(SECRET)  # argon2-cffi's defaults, as hashes were made before
    assert passwords.verify(old, SECRET) and passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password(SECRET))


def test_a_short_password_is_refused():
    with pytest.raises(passwords.WeakPassword, match="minimal 10"):
        passwords.hash_password("pendek")


def test_the_hash_is_kept_out_of_a_users_repr(siti):
    assert siti.password_hash.startswith("$argon2id$")
    assert "argon2" not in repr(siti) and "argon2" not in str(siti)


# ---------------------------------------------------------------- signing in, lock-out

def test_the_right_password_signs_in_with_the_accounts_role_and_scope(app, siti):
    outcome = accounts.sign_in(app, " Siti ", SECRET, at=T0, policy=POLICY)
    assert outcome.ok and outcome.viewer == Viewer(name="siti", role="kpa", satkers=("050123",), display="siti")
    assert audit.entries(app).iloc[0][["who", "event"]].tolist() == ["siti", "masuk"]


def test_wrong_password_unknown_name_disabled_and_locked_all_fail_alike(app, siti):
    """The UI shows one message for every failure; the reason goes only to the audit."""
    users.add(app, "budi", "pimpinan", password_hash=passwords.hash_password(SECRET))
    users.set_disabled(app, "budi")
    assert accounts.sign_in(app, "siti", "salah-salah-salah", at=T0, policy=POLICY).reason == "kata_sandi_salah"
    assert accounts.sign_in(app, "tidak-ada", SECRET, at=T0, policy=POLICY).reason == "tidak_dikenal"
    assert accounts.sign_in(app, "budi", SECRET, at=T0, policy=POLICY).reason == "nonaktif"
    assert not any(accounts.sign_in(app, n, p, at=T0, policy=POLICY).ok
                   for n, p in [("siti", "salah"), ("tidak-ada", SECRET), ("budi", SECRET)])
    trail = audit.entries(app)
    assert "tidak-ada" not in set(trail["who"])  # a typed name may be a mistyped password: not recorded
    assert accounts.UNKNOWN_NAME in set(trail["who"])


def test_repeated_failures_lock_the_account_for_the_configured_time(app, siti):
    for n in range(POLICY.max_failures):
        assert not accounts.sign_in(app, "siti", f"salah-{n}-xxxxxx", at=T0, policy=POLICY).ok
    locked = users.get(app, "siti")
    assert locked.locked_until == T0 + timedelta(minutes=15) and locked.failed_attempts == 0
    # while locked even the right password fails, and does not reset anything
    during = accounts.sign_in(app, "siti", SECRET, at=T0 + timedelta(minutes=14), policy=POLICY)
    assert not during.ok and during.reason == "terkunci"
    after = accounts.sign_in(app, "siti", SECRET, at=T0 + timedelta(minutes=15, seconds=1), policy=POLICY)
    assert after.ok and users.get(app, "siti").locked_until is None
    assert "akun_dikunci" in set(audit.entries(app, who="siti")["event"])


def test_a_success_resets_the_count_of_failures(app, siti):
    for _ in range(POLICY.max_failures - 1):
        accounts.sign_in(app, "siti", "salah-salah-salah", at=T0, policy=POLICY)
    assert users.get(app, "siti").failed_attempts == POLICY.max_failures - 1
    assert accounts.sign_in(app, "siti", SECRET, at=T0, policy=POLICY).ok
    assert users.get(app, "siti").failed_attempts == 0
    accounts.sign_in(app, "siti", "salah-salah-salah", at=T0, policy=POLICY)
    assert users.get(app, "siti").locked_until is None


def test_the_lock_out_policy_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("MONEV_LOCK_FAILURES", "7")
    monkeypatch.setenv("MONEV_LOCK_MINUTES", "2.5")
    assert accounts.Policy.from_env() == accounts.Policy(7, 2.5)
    monkeypatch.delenv("MONEV_LOCK_FAILURES")
    monkeypatch.delenv("MONEV_LOCK_MINUTES")
    assert accounts.Policy.from_env() == accounts.Policy(5, 15.0)


def test_a_disabled_account_stops_at_the_next_run(app, siti):
    assert accounts.current_viewer(app, "siti") is not None
    users.set_disabled(app, "siti")
    assert accounts.current_viewer(app, "siti") is None


def test_sso_matches_the_email_whatever_its_case(app):
    users.add(app, "andi", "eselon1", email="andi@kemensos.go.id", units=("05",))
    assert accounts.sso_viewer(app, "Andi@Kemensos.go.id").name == "andi"
    assert accounts.sso_viewer(app, "lain@kemensos.go.id") is None


# ---------------------------------------------------------------- roles and scope

def test_each_role_sees_its_own_scope():
    assert Viewer("a", "admin").scope() == query.EVERYTHING
    assert Viewer("p", "pimpinan", units=("01",)).scope() == query.EVERYTHING
    assert Viewer("e", "eselon1", units=("01", "05")).scope() == query.Scope(units=("01", "05"))
    assert Viewer("k", "kpa", satkers=("050123",)).scope() == query.Scope(satkers=("050123",))
    assert [v.can_load() for v in (Viewer("a", "admin"), Viewer("p", "pimpinan"), Viewer("k", "kpa"))] == [
        True, False, False]


def test_a_ppk_sees_only_its_ppk_and_other_kinds_of_rows_never_count():
    viewer = Viewer("p", "ppk", ppks=(("050123", "01"),))
    assert viewer.scope() == query.Scope(ppks=(("050123", "01"),))
    # a scope row of another kind (refused by `user add`, but say one got into the database)
    assert Viewer("k", "kpa", satkers=("050123",), units=("05",)).scope() == query.Scope(satkers=("050123",))
    assert Viewer("p", "pimpinan", satkers=("050123",)).scope() == query.EVERYTHING


def test_role_and_scope_problems_are_named():
    assert roles.problems("siti", "kpa", satkers=("1",)) == []
    assert roles.problems("siti", "kpa") == ["Peran kpa memerlukan sedikitnya satu --satker."]
    assert roles.problems("siti", "admin", units=("01",)) == ["Peran admin tidak memakai --unit."]
    assert "Peran tidak dikenal" in roles.problems("siti", "raja")[0]
    assert "Nama pengguna" in roles.problems("Siti Rahma", "admin")[0]
    assert "e-mail tidak sah" in roles.problems("siti", "admin", email="bukan-email")[0]
    assert roles.parse_ppk("050123.01") == ("050123", "01")
    with pytest.raises(ValueError, match="KDSATKER.KDPPK"):
        roles.parse_ppk("05012301")


def test_unknown_codes_are_checked_against_the_warehouse(engine):
    import builders as b

    assert roles.unknown_codes(engine, units=("01",), satkers=(b.S2,), ppks=((b.S1, "02"),)) == []
    assert roles.unknown_codes(engine, units=("99",), satkers=("999999",), ppks=((b.S3, "02"), ("777777", "01"))) == [
        "Unit 99 tidak ada di referensi unit gudang data.",
        "Satker 999999 tidak ada di referensi satker gudang data.",
        f"PPK {b.S3}.02: satker {b.S3} tidak memiliki PPK 02 di referensi pejabat.",
        "PPK 777777.01: satker 777777 tidak ada di referensi satker gudang data.",
    ]


# ---------------------------------------------------------------- migrations

def test_migrations_are_numbered_without_gaps():
    numbers = [n for n, _ in migrations.MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1)) and migrations.SCHEMA_VERSION == numbers[-1]


def test_a_fresh_database_is_at_the_current_version(app):
    with app.connect() as conn:
        assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION
        assert {"users", "user_scope", "audit", "app_info"} <= set(sa.inspect(conn).get_table_names())


def test_a_database_at_version_1_migrates_and_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'lama.sqlite'}"
    old = sa.create_engine(url)
    assert migrations.migrate(old, target=1) == 1
    with old.begin() as conn:
        conn.execute(sa.text("insert into users (name, role, email, password_hash, disabled, created) "
                             "values ('lama', 'pimpinan', null, null, 0, '2025-01-02 03:04:05')"))
        conn.execute(sa.text("insert into audit (at, who, event) values ('2025-01-02 03:04:05', 'lama', 'masuk')"))
        assert "failed_attempts" not in {c["name"] for c in sa.inspect(conn).get_columns("users")}
    old.dispose()

    engine = appdb.engine(url)  # opening migrates
    try:
        with engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION
        user = users.get(engine, "lama")
        assert (user.role, user.failed_attempts, user.locked_until) == ("pimpinan", 0, None)
        assert audit.entries(engine)[["who", "event"]].values.tolist() == [["lama", "masuk"]]
        assert migrations.migrate(engine) == migrations.SCHEMA_VERSION  # a no-op now
    finally:
        appdb.dispose(url)


def test_a_database_from_a_newer_application_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'baru.sqlite'}"
    engine = sa.create_engine(url)
    migrations.migrate(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("update app_info set value = '99' where key = 'schema_version'"))
    with pytest.raises(migrations.AppDbTooNew, match="lebih baru"):
        migrations.migrate(engine)


def test_monev_app_db_names_a_path_or_a_url(monkeypatch, tmp_path):
    monkeypatch.setenv("MONEV_APP_DB", str(tmp_path / "x.sqlite"))
    assert appdb.url() == f"sqlite:///{tmp_path / 'x.sqlite'}"
    monkeypatch.setenv("MONEV_APP_DB", "postgresql+psycopg://monev@db/monev")
    assert appdb.url() == "postgresql+psycopg://monev@db/monev"
    monkeypatch.delenv("MONEV_APP_DB")
    assert appdb.url() == f"sqlite:///{appdb.DEFAULT_PATH}"


# ---------------------------------------------------------------- the audit is append-only

def test_the_audit_module_offers_no_way_to_change_or_remove_a_row():
    public = {n for n in vars(audit) if not n.startswith("_") and callable(getattr(audit, n))
              and getattr(getattr(audit, n), "__module__", "") == audit.__name__}
    assert public == {"record", "entries"}


def test_the_database_refuses_to_update_or_delete_audit_rows(app):
    audit.record(app, "masuk", "siti", detail={"cara": "lokal"})
    for statement in ("update audit set who = 'orang lain'", "delete from audit"):
        with pytest.raises(sa.exc.DatabaseError, match="hanya boleh ditambah"), app.begin() as conn:
            conn.execute(sa.text(statement))
    assert audit.entries(app)[["who", "event"]].values.tolist() == [["siti", "masuk"]]


def test_audit_rows_filter_by_day_user_and_event(app):
    audit.record(app, "masuk", "siti", at=datetime(2026, 3, 1, 23, 59))
    audit.record(app, "unduh", "siti", at=datetime(2026, 3, 2, 0, 0), detail={"tabel": "ringkasan"})
    audit.record(app, "masuk", "budi", at=datetime(2026, 3, 3, 8, 0))
    day = datetime(2026, 3, 2).date()
    assert audit.entries(app, since=day)["who"].tolist() == ["budi", "siti"]
    assert audit.entries(app, since=day, until=day)["event"].tolist() == ["unduh"]
    assert audit.entries(app, who="siti", events=["masuk"])["at"].tolist() == [datetime(2026, 3, 1, 23, 59)]
    assert audit.entries(app, events=["unduh"])["detail"].tolist() == ['{"tabel": "ringkasan"}']


# ---------------------------------------------------------------- names as text

HOSTILE = ["![x](http://host/beacon)", "[Masuk ulang](http://host)", ":red[Dinsos]", ":material/home:",
           "$x^2$", "<img src=x onerror=alert(1)>", "# Judul", "1. daftar", "- butir", "**tebal** _miring_",
           "www.contoh.com", "http://contoh.com", "Dinas\nSosial", "a\\b", "`kode`", "~~coret~~", "| a | b |"]


@pytest.mark.parametrize("name", HOSTILE)
def test_escaped_names_hold_no_markdown_and_read_back_as_the_name(name):
    shown = escape(name)
    # every punctuation character is escaped, so no construct can open
    assert not re.search(r"(?<!\\)[\[\]()!:<>$`*_~|#]", shown.replace("\\\\", ""))
    assert re.sub(r"\\(.)", r"\1", shown) == " ".join(name.splitlines())
