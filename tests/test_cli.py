"""`python -m monev ingest | summary`: exit codes, reports and the JSON document."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from monev import cli
from monev.i18n import format as fmt
from monev.warehouse import db

import builders as b
from builders import L8, REV1, S1, S2, S3

TOP_KEYS = {"tahun", "sampai", "total", "per_unit", "per_jenis_belanja", "per_satker", "per_ppk"}
MEASURES = {"pagu", "blokir", "realisasi", "persen", "target_persen"}
ENTRY_KEYS = {
    "per_unit": {"kdunit"},
    "per_jenis_belanja": {"jenis_belanja"},
    "per_satker": {"kdsatker", "kdunit"},
    "per_ppk": {"kdsatker", "kdppk"},
}
BIG = 9_007_199_254_740_993


def _summary(capsys, db_path, *extra):
    code = cli.main(["summary", "--db", str(db_path), "--tahun", str(b.THANG), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def _entry_key(level, entry):
    if level == "per_ppk":
        return (entry["kdsatker"], entry["kdppk"])
    return tuple(entry[k] for k in b.LEVEL_KEYS[level])


def _expected_key(level, key):
    return (key[1], key[2]) if level == "per_ppk" else key


def assert_document(document, expected, sampai):
    assert set(document) == TOP_KEYS
    assert document["tahun"] == b.THANG
    assert document["sampai"] == sampai
    assert set(document["total"]) == MEASURES
    _assert_measures(document["total"], expected["total"])
    for level, keys in ENTRY_KEYS.items():
        entries = document[level]
        assert isinstance(entries, list)
        for entry in entries:
            assert set(entry) == keys | MEASURES, (level, set(entry))
        got = {_entry_key(level, e): e for e in entries}
        want = {_expected_key(level, k): v for k, v in expected[level].items()}
        assert set(got) == set(want), level
        for key, values in want.items():
            _assert_measures(got[key], values)


def _assert_measures(entry, want):
    for amount in ("pagu", "blokir", "realisasi"):
        assert type(entry[amount]) is int, (amount, entry[amount])  # never a float in the JSON
        assert entry[amount] == want[amount]
    for ratio in ("persen", "target_persen"):
        if want[ratio] is None:
            assert entry[ratio] is None
        else:
            assert entry[ratio] == pytest.approx(float(want[ratio]), rel=1e-12)


@pytest.mark.parametrize("bulan", [2, 6, 12])
def test_summary_json(bulan, capsys, shared_warehouse, data):
    sampai = f"{b.THANG}-{bulan:02d}"
    code, out, err = _summary(capsys, shared_warehouse, "--sampai", sampai, "--json")
    assert code == 0, err
    assert_document(json.loads(out), b.expected_summary(data, b.THANG, bulan), sampai)


@pytest.mark.parametrize("args, selection", [
    (["--unit", "01"], dict(units=("01",))),
    (["--unit", "05", "--unit", "01"], dict(units=("01", "05"))),
    (["--satker", S2], dict(satkers=(S2,))),
    (["--satker", S1, "--satker", S3], dict(satkers=(S1, S3))),
    (["--unit", "05", "--satker", S3], dict(units=("05",), satkers=(S3,))),
])
def test_summary_json_filters(args, selection, capsys, shared_warehouse, data):
    code, out, err = _summary(capsys, shared_warehouse, "--sampai", "2024-06", "--json", *args)
    assert code == 0, err
    assert_document(json.loads(out), b.expected_summary(data, b.THANG, 6, **selection), "2024-06")


def test_summary_text(capsys, shared_warehouse, data):
    code, out, err = _summary(capsys, shared_warehouse, "--sampai", "2024-06")
    assert code == 0, err
    expected = b.expected_summary(data, b.THANG, 6)
    assert "Tahun anggaran 2024, s.d. 2024-06" in out
    assert fmt.rupiah(expected["total"]["pagu"]) in out
    assert fmt.rupiah(expected["total"]["realisasi"]) in out
    assert fmt.percent(float(expected["total"]["persen"])) in out
    for (unit,), values in expected["per_unit"].items():
        assert f"Unit {unit}: {fmt.rupiah_short(values['realisasi'])} dari {fmt.rupiah_short(values['pagu'])}" in out


@pytest.mark.parametrize("sampai, fragment", [
    ("2024/06", "TTTT-BB"),
    ("Juni", "TTTT-BB"),
    ("2024-06-30", "TTTT-BB"),
    ("2024-13", "Bulan harus 1 sampai 12"),
    ("2024-00", "Bulan harus 1 sampai 12"),
    ("2025-01", "tidak berada di tahun anggaran 2024"),
])
def test_summary_bad_sampai_exits_2(sampai, fragment, capsys, shared_warehouse):
    code, out, err = _summary(capsys, shared_warehouse, "--sampai", sampai, "--json")
    assert code == 2
    assert out == ""
    assert err.startswith("Kesalahan: ")
    assert fragment in err


def test_summary_missing_warehouse_exits_2(capsys, tmp_path):
    code, out, err = _summary(capsys, tmp_path / "tidak_ada.duckdb", "--sampai", "2024-06")
    assert code == 2
    assert "Gudang data tidak ditemukan" in err
    assert not (tmp_path / "tidak_ada.duckdb").exists()


def test_ingest_cli_reports_each_file(capsys, warehouse, tmp_path, data):
    good = b.write_kind(tmp_path / "baik", "revisi", [dict(thang=2024, kdsatker=S1, no_revisi="7",
                                                            tgl_revisi="2024-10-01", kode_jenis="201")])
    code = cli.main(["ingest", "--db", str(warehouse), "--user", "penguji_cli", str(good)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "revisi.csv: DIMUAT" in out
    assert b.scalar(warehouse, "select loaded_by from load_batch order by batch_id desc limit 1") == "penguji_cli"

    code = cli.main(["ingest", "--db", str(warehouse), str(good)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "SUDAH_DIMUAT" in out


def test_ingest_cli_rejected_file_exits_non_zero_and_prints_the_report(capsys, warehouse, tmp_path, data):
    rows = data.rows["pagu"][:3]
    rows[2] = {**rows[2], "blokir": rows[2]["pagu"] + 1}
    bad = b.write_kind(tmp_path, "pagu", rows)
    before = b.snapshot(warehouse)
    code = cli.main(["ingest", "--db", str(warehouse), str(bad)])
    out, _ = capsys.readouterr()
    assert code != 0
    assert "pagu.csv: DITOLAK" in out
    assert "berkas ditolak seluruhnya" in out
    report_line = next(line for line in out.splitlines() if "blokir melebihi pagu" in line)
    assert report_line.split()[:3] == ["4", "blokir", str(rows[2]["blokir"])]
    assert b.snapshot(warehouse) == before


def test_ingest_cli_unknown_kind(capsys, warehouse, tmp_path, data):
    path = b.write_kind(tmp_path, "revisi", data.rows["revisi"][:1])
    code = cli.main(["ingest", "--db", str(warehouse), "--kind", "belanja", str(path)])
    out, _ = capsys.readouterr()
    assert code != 0
    assert "Jenis data 'belanja' tidak dikenal" in out


def test_cli_subprocess_json_exact_beyond_2_pow_53(warehouse, tmp_path):
    """End to end through `python -m monev summary --json`: exact to the rupiah beyond 2**53."""
    from monev.warehouse.ingest import ingest_files

    data = b.base_dataset()
    extra_pagu = [b._pagu(L8, BIG, 0, 1, REV1)]
    extra_real = [b._sp2d(L8, "2024-05-02", "BESAR-1", BIG - 2)]
    results = ingest_files(warehouse, [b.write_kind(tmp_path / "a", "pagu", extra_pagu),
                                       b.write_kind(tmp_path / "b", "realisasi", extra_real, "csv_dots")])
    assert {r.status for r in results} == {"dimuat"}
    data.rows["pagu"] += extra_pagu
    data.rows["realisasi"] += extra_real
    db.dispose(warehouse)  # another process opens the file next
    env = {**os.environ, "PYTHONPATH": str(b.Path(__file__).resolve().parent.parent)}
    run = subprocess.run([sys.executable, "-m", "monev", "summary", "--db", str(warehouse), "--tahun", "2024",
                          "--sampai", "2024-06", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    expected = b.expected_summary(data, b.THANG, 6)
    assert expected["total"]["pagu"] > BIG
    assert_document(document, expected, "2024-06")
