"""Follow-ups on an RO's output volume: judged at every data position against the test data set's
own output reports (builders.base_dataset()["capaian"]), recorded from the CLI only for an RO the
warehouse knows for the satker, kept by the application database's migration 4; and the quarter's
target a commitment from the needs-attention list is prefilled with."""
from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from monev import cli, pack
from monev.appdb import audit, migrations
from monev.appdb import db as appdb
from monev.appdb import tindak_lanjut as store
from monev.domain import tindak_lanjut as rules
from monev.domain.period import Period
from monev.views import tindak_lanjut as view
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Scope

import builders
from builders import S1, S2, S3, THANG

PKH = "6201.QDB.001"  # S2's RO with reports in March (250,5) and June (600), target 1.000 KPM


@pytest.fixture
def app_engine(tmp_path):
    engine = appdb.engine(tmp_path / "app.sqlite")
    yield engine
    appdb.dispose(tmp_path / "app.sqlite")


def _volume(app_engine, kdsatker, kode_ro, target, batas, who="uji-admin"):
    return store.add(app_engine, store.Commitment(
        rakor="Rakor TW I 2024", tahun=THANG, kdunit=builders.UNIT_OF[kdsatker], kdsatker=kdsatker, kdppk="",
        ukuran="volume", target=target, batas_bulan=batas, penanggung_jawab="Dedi", kode_ro=kode_ro), who)


def expected_volume(kdsatker, kode_ro, target: Decimal, batas: int, posisi: int):
    """(status, realized volume, report month) from the data set's capaian rows: the latest report
    up to min(posisi, batas), none -> 0."""
    giat, output, soutput = kode_ro.split(".")
    month = min(posisi, batas)
    reports = sorted((r["bulan"], Decimal(r["real_vol"])) for r in builders.base_dataset().rows["capaian"]
                     if (r["kdsatker"], r["kdgiat"], r["kdoutput"], r["kdsoutput"]) == (kdsatker, giat, output, soutput)
                     and r["bulan"] <= month)
    done, reported = (reports[-1][1], reports[-1][0]) if reports else (Decimal(0), None)
    state = rules.MET if done >= target else (rules.MISSED if posisi >= batas else rules.ON_ITS_WAY)
    return state, done, reported


def test_an_ro_volume_commitment_is_judged_at_every_data_position(app_engine, shared_warehouse):
    """500 KPM by September: on its way until the June report (600) meets it; 700 KPM by July:
    missed in July with June's 600 and judged with July's position ever after; 6 Layanan of S1 by
    June: met by June's report."""
    on_its_way_then_met = _volume(app_engine, S2, PKH, "500", 9)
    missed = _volume(app_engine, S2, PKH, "700", 7)
    exact = _volume(app_engine, S1, "0123.EBA.962", "6", 6)
    wanted = {on_its_way_then_met: (S2, PKH, Decimal(500), 9), missed: (S2, PKH, Decimal(700), 7),
              exact: (S1, "0123.EBA.962", Decimal(6), 6)}
    engine = db.engine(shared_warehouse)
    history = view.judged_by_month(engine, Period(THANG, 10), scope=EVERYTHING,
                                   commitments=store.listed(app_engine, THANG))
    assert len(history) == 3 * 10  # made in a later year: judged from January
    seen = {}
    for row in history.itertuples(index=False):
        kdsatker, kode_ro, target, batas = wanted[row.id]
        state, done, reported = expected_volume(kdsatker, kode_ro, target, batas, row.posisi_bulan)
        assert row.status == state, (row.id, row.posisi_bulan)
        assert Decimal(str(row.realisasi_volume)) == done and Decimal(str(row.target_volume)) == target
        assert Decimal(str(row.kekurangan_volume)) == max(Decimal(0), target - done)
        assert (None if pd.isna(row.bulan_laporan) else int(row.bulan_laporan)) == reported
        assert pd.isna(row.pagu) and pd.isna(row.realisasi)  # no rupiah figures for an output volume
        seen.setdefault(row.id, []).append(row.status)
    assert seen[on_its_way_then_met] == [rules.ON_ITS_WAY] * 5 + [rules.MET] * 5
    assert seen[missed] == [rules.ON_ITS_WAY] * 6 + [rules.MISSED] * 4
    assert seen[exact] == [rules.ON_ITS_WAY] * 5 + [rules.MET] * 5
    # at one position, in words, with the RO's name and unit
    shown = view.judged(engine, Period(THANG, 4), scope=EVERYTHING, commitments=store.listed(app_engine, THANG))
    first = shown[shown["id"] == on_its_way_then_met].iloc[0]
    assert first["komitmen"] == f"volume RO {PKH} Bantuan PKH ≥ 500 KPM s.d. September"
    assert (first["realisasi_volume"], first["kekurangan_volume"], first["status"]) == (250.5, 249.5, rules.ON_ITS_WAY)


def test_volume_commitments_are_the_satkers_and_within_the_scope(app_engine, shared_warehouse):
    engine = db.engine(shared_warehouse)
    mine = _volume(app_engine, S2, PKH, "500", 9)
    _volume(app_engine, S1, "0123.EBA.962", "6", 6)
    commitments = store.listed(app_engine, THANG)
    assert list(view.judged(engine, Period(THANG, 9), scope=Scope(units=("05",)), commitments=commitments)["id"]) \
        == [mine]
    # a PPK sees no satker's RO: output is reported per satker
    assert view.judged(engine, Period(THANG, 9), scope=Scope(ppks=((S2, "01"),)), commitments=commitments).empty
    with pytest.raises(ValueError, match="bukan PPK"):
        store.add(app_engine, store.Commitment("R", THANG, "05", S2, "01", "volume", "5", 9, "Eka", kode_ro=PKH), "x")


@pytest.mark.parametrize("value, message", [("0", "angka positif"), ("1,23456", "4 desimal"), ("lima", "angka")])
def test_bad_volume_targets_are_refused(app_engine, value, message):
    with pytest.raises(ValueError, match=message):
        _volume(app_engine, S2, PKH, value, 9)
    assert store.listed(app_engine).empty


def test_volume_targets_read_indonesian_numbers():
    assert store.parse_target("volume", "1.500")["target_volume_x10000"] == 15_000_000
    assert store.parse_target("volume", "250,5")["target_volume_x10000"] == 2_505_000
    assert store.parse_target("volume", "1.500,25")["target_volume_x10000"] == 15_002_500
    assert store.parse_target("volume", "12.5")["target_volume_x10000"] == 125_000  # a dot before one digit


def test_the_pack_shows_an_ro_commitment_with_its_volumes(app_engine, shared_warehouse):
    _volume(app_engine, S2, PKH, "1.000", 12)
    files = pack.build(db.engine(shared_warehouse), Period(THANG, 9), scope=EVERYTHING,
                       commitments=store.listed(app_engine, THANG))
    sheet = openpyxl.load_workbook(io.BytesIO(files.xlsx))["tindak_lanjut"]
    rows = [list(r) for r in sheet.values]
    header = next(r for r in rows if "Realisasi volume" in r)
    line = next(r for r in rows if PKH in str(r))
    assert line[header.index("Realisasi volume")] == 600 and line[header.index("Kekurangan volume")] == 400
    assert line[header.index("Satuan")] == "KPM" and line[header.index("Status")] == "Berjalan"


# ---------------------------------------------------------------- the CLI

def test_cli_records_an_ro_volume_commitment_and_refuses_an_unknown_ro(app_engine, shared_warehouse, tmp_path,
                                                                       capsys, monkeypatch):
    monkeypatch.setenv("MONEV_APP_DB", str(tmp_path / "app.sqlite"))
    base = ["tindak-lanjut", "--db", str(shared_warehouse), "catat", "--tahun", str(THANG), "--satker", S2,
            "--batas", "9", "--penanggung-jawab", "Dedi", "--rakor", "Rakor TW II 2024"]
    assert cli.main([*base, "--volume", "1.500", "--ro", PKH.lower()]) == 0
    cid = int(capsys.readouterr().out.split()[-1])
    row = store.listed(app_engine, THANG).iloc[0]
    assert (row["id"], row["ukuran"], row["kode_ro"], row["target_volume_x10000"]) == (cid, "volume", PKH, 15_000_000)
    audited = audit.entries(app_engine, events=["tindak_lanjut_catat"])
    assert len(audited) == 1 and PKH in audited["detail"].iloc[0]

    # an RO of another satker, an RO nobody has, a badly written one, a volume without an RO: nothing written
    for ro, message in (("0123.EBA.962", f"RO 0123.EBA.962 tidak ada pada satker {S2}"),
                        ("6201.QDB.999", "RO 6201.QDB.999 tidak ada pada satker"), ("QDB-001", "KEGIATAN.KRO.RO")):
        assert cli.main([*base, "--volume", "10", "--ro", ro]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err
    assert cli.main([*base, "--volume", "10"]) == 2
    assert "--ro" in capsys.readouterr().err
    assert cli.main([*base, "--persen", "10", "--ro", PKH]) == 2
    assert list(store.listed(app_engine, THANG)["id"]) == [cid]
    assert len(audit.entries(app_engine, events=["tindak_lanjut_catat"])) == 1

    assert cli.main(["tindak-lanjut", "--db", str(shared_warehouse), "daftar", "--tahun", str(THANG),
                     "--sampai", f"{THANG}-07"]) == 0
    out = capsys.readouterr().out
    assert "volume 600 KPM, kekurangan 900 KPM" in out and "berjalan" in out


# ---------------------------------------------------------------- migration 4

def test_migration_4_keeps_the_commitments_of_a_version_3_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'lama.sqlite'}"
    old = sa.create_engine(url)
    assert migrations.migrate(old, target=3) == 3
    with old.begin() as conn:
        conn.execute(sa.text(
            "insert into tindak_lanjut (rakor, tahun, kdunit, kdsatker, kdppk, ukuran, jenis_belanja, "
            "target_persen_x100, target_rupiah, batas_bulan, penanggung_jawab, dibuat_oleh, dibuat_pada) values "
            "('Rakor TW I 2024', 2024, '05', :s, '', 'persen', '', 8050, null, 9, 'Dedi', 'uji', '2024-03-28 10:00:00')"
        ), {"s": S2})
    old.dispose()
    engine = appdb.engine(url)  # opening migrates
    try:
        with engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION >= 4
        kept = store.listed(engine, 2024)
        assert len(kept) == 1
        row = kept.iloc[0]
        assert (row["kdsatker"], row["target_persen_x100"], row["penanggung_jawab"], row["kode_ro"]) == (
            S2, 8050, "Dedi", "")
        assert pd.isna(row["target_volume_x10000"])
        new = _volume(engine, S2, PKH, "500", 9)
        assert list(store.listed(engine, 2024)["id"]) == [int(row["id"]), new]
    finally:
        appdb.dispose(url)


# ---------------------------------------------------------------- one click from the needs-attention list

def test_the_prefill_is_the_quarters_target_of_the_pagu_in_force_and_the_official(shared_warehouse):
    """At September the IKPA page's catch-up works towards TW IV: its targets per jenis belanja
    weighted by S3's pagu in force, rounded up to two decimals; the KPA's name; the Rakor of TW III."""
    data = builders.base_dataset()
    quarters = builders.quarter_table(data)
    lines = [r for r in builders.pagu_in_force(data, builders.month_end(THANG, 9)).values() if r["kdsatker"] == S3]
    weighted = sum(Fraction(r["pagu"]) * quarters[r["kdakun"][:2]][3] for r in lines) / sum(r["pagu"] for r in lines)
    expected = -(-weighted * 100 // 1)
    fill = view.prefill(db.engine(shared_warehouse), Period(THANG, 9), scope=EVERYTHING, kdsatker=S3)
    assert fill == {"target_persen_x100": expected, "batas_bulan": 12, "penanggung_jawab": "Gita",
                    "rakor": "Rakor TW III 2024"}
    ppk = view.prefill(db.engine(shared_warehouse), Period(THANG, 8), scope=EVERYTHING, kdsatker=S1, kdppk="02")
    assert (ppk["batas_bulan"], ppk["penanggung_jawab"]) == (9, "Citra")
