"""Reloading is idempotent, overlapping keys supersede (history kept), and the pagu in force at a
date follows the revisions."""
from __future__ import annotations

import hashlib
import shutil
from datetime import date, timedelta

import pytest

from monev import reports
from monev.domain.period import Period
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b
from builders import L1, L2, L4, L5, L6, L7, REV0, REV1, REV2, S1, S2


def _load(db_path, path, **kw):
    [result] = ingest_files(db_path, [path], loaded_by=kw.pop("loaded_by", "penguji"), **kw)
    return result


def _total(db_path, bulan=12):
    return reports.budget_summary(db.engine(db_path), Period(b.THANG, bulan), scope=EVERYTHING)["total"].iloc[0]


# ------------------------------------------------------------------ idempotent reloading

@pytest.mark.parametrize("kind", ["pagu", "realisasi", "realisasi_bulanan", "satker", "capaian"])
def test_same_file_twice_changes_nothing(kind, warehouse, tmp_path, data):
    rows = data.rows[kind][:2]
    path = b.write_kind(tmp_path / "a", kind, [dict(r) for r in rows], "csv_semicolon")
    # The rows are the ones already loaded, but this file's bytes are new: it loads (and supersedes).
    first = _load(warehouse, path)
    assert first.status == "dimuat"
    before = b.snapshot(warehouse)
    totals = _total(warehouse)
    second = _load(warehouse, path)
    assert second.status == "sudah_dimuat"
    assert second.batch_id == first.batch_id
    assert "sudah dimuat" in second.message
    # the same bytes under another name are the same file
    renamed = tmp_path / f"salinan_{path.name}"
    shutil.copyfile(path, renamed)
    assert _load(warehouse, renamed).status == "sudah_dimuat"
    assert b.snapshot(warehouse) == before
    assert _total(warehouse).to_dict() == totals.to_dict()


def test_whole_data_set_loaded_twice_keeps_the_totals(warehouse, tmp_path, data):
    """The template was loaded from exactly these bytes: every file is 'sudah_dimuat'."""
    before = b.snapshot(warehouse)
    paths = b.write_dataset(tmp_path, data)
    results = ingest_files(warehouse, list(paths.values()))
    assert {r.status for r in results} == {"sudah_dimuat"}
    assert b.snapshot(warehouse) == before
    expected = b.expected_summary(data, b.THANG, 12)["total"]
    total = _total(warehouse)
    assert (int(total.pagu), int(total.blokir), int(total.realisasi)) == (
        expected["pagu"], expected["blokir"], expected["realisasi"])


# ------------------------------------------------------------------ superseding

def test_overlapping_pagu_supersedes_and_keeps_history(warehouse, tmp_path, data):
    changed = b._pagu(L2, 900_000_000, 75_000_000, 0, REV0)  # same key as the loaded L2 rev 0
    new_line = b._pagu(L7, 800_000_000, 0, 1, REV1)  # a new revision of L7
    result = _load(warehouse, b.write_kind(tmp_path, "pagu", [changed, new_line]))
    assert result.status == "dimuat"
    batch = result.batch_id

    current = b.rows(warehouse, "select pagu, blokir from fact_pagu where kdsatker = :s and kdakun = :a "
                     "and kdppk = :p and revisi_ke = 0", s=S1, a=L2["kdakun"], p=L2["kdppk"])
    assert current == [(900_000_000, 75_000_000)]
    history = b.rows(warehouse, "select pagu, blokir, superseded_by from fact_pagu_hist where kdsatker = :s "
                     "and kdakun = :a and kdppk = :p and revisi_ke = 0 order by batch_id",
                     s=S1, a=L2["kdakun"], p=L2["kdppk"])
    original = next(r for r in data.rows["pagu"] if r["kdakun"] == L2["kdakun"] and r["kdppk"] == L2["kdppk"])
    assert history == [(original["pagu"], original["blokir"], batch), (900_000_000, 75_000_000, None)]
    # nothing else was superseded
    assert b.scalar(warehouse, "select count(*) from fact_pagu_hist where superseded_by = :b", b=batch) == 1
    assert b.scalar(warehouse, "select count(*) from fact_pagu") == len(data.rows["pagu"]) + 1

    data.rows["pagu"] = [r for r in data.rows["pagu"] if r is not original] + [changed, new_line]
    expected = b.expected_summary(data, b.THANG, 6)["total"]
    total = _total(warehouse, 6)
    assert (int(total.pagu), int(total.blokir)) == (expected["pagu"], expected["blokir"])


def test_overlapping_sp2d_supersedes(warehouse, tmp_path, data):
    old = data.rows["realisasi"][7]  # L2, 2402014, Rp 60.000.000
    corrected = {**old, "nilai": 65_000_000}
    result = _load(warehouse, b.write_kind(tmp_path, "realisasi", [corrected]))
    assert result.status == "dimuat"
    assert b.rows(warehouse, "select nilai from fact_realisasi where no_sp2d = :n", n=old["no_sp2d"]) == [
        (65_000_000,)]
    assert b.rows(warehouse, "select nilai, superseded_by from fact_realisasi_hist where no_sp2d = :n "
                  "order by batch_id", n=old["no_sp2d"]) == [(60_000_000, result.batch_id), (65_000_000, None)]
    data.rows["realisasi"][7] = corrected
    for bulan in (1, 2, 12):
        expected = b.expected_summary(data, b.THANG, bulan)["total"]["realisasi"]
        assert int(_total(warehouse, bulan).realisasi) == expected


def test_reference_row_supersedes(warehouse, tmp_path, data):
    renamed = {**data.rows["satker"][1], "nmsatker": "Direktorat Jaminan Sosial Keluarga"}
    result = _load(warehouse, b.write_kind(tmp_path, "satker", [renamed]))
    assert result.status == "dimuat"
    assert b.rows(warehouse, "select nmsatker from dim_satker where kdsatker = :s", s=S2) == [
        ("Direktorat Jaminan Sosial Keluarga",)]
    assert b.rows(warehouse, "select nmsatker, superseded_by from dim_satker_hist where kdsatker = :s "
                  "order by batch_id", s=S2) == [("Direktorat Jaminan Sosial", result.batch_id),
                                                 ("Direktorat Jaminan Sosial Keluarga", None)]
    assert b.scalar(warehouse, "select count(*) from dim_satker") == 3


def _line_months(db_path, line):
    return b.rows(db_path, "select month(tgl_sp2d), nilai from fact_realisasi where kdsatker = :s and "
                  "kdsoutput = :o and kdakun = :a and kdppk = :p order by 1",
                  s=line["kdsatker"], o=line["kdsoutput"], a=line["kdakun"], p=line["kdppk"])


def test_wide_reload_with_a_month_set_to_zero_removes_that_month(warehouse, tmp_path, data):
    l5 = next(r for r in data.rows["realisasi_bulanan"] if r["kdakun"] == L5["kdakun"] and r["kdsoutput"] == "001")
    assert l5["real6"] > 0
    zeroed = {**l5, "real6": 0, "real3": l5["real3"] + 1}
    others_before = {id(line): _line_months(warehouse, line) for line in (L6, L7)}
    june_before = _total(warehouse, 6)

    result = _load(warehouse, b.write_kind(tmp_path, "realisasi_bulanan", [zeroed]))
    assert result.status == "dimuat"
    months = _line_months(warehouse, L5)
    assert months == [(m, zeroed[f"real{m}"]) for m in range(1, 13) if zeroed[f"real{m}"]]
    assert 6 not in [m for m, _ in months]
    # the earlier months stay in the history, superseded by this batch
    assert b.scalar(warehouse, "select count(*) from fact_realisasi_hist where kdsatker = :s and kdakun = :a "
                    "and kdsoutput = '001' and kdppk = '01' and superseded_by = :b",
                    s=S2, a=L5["kdakun"], b=result.batch_id) == sum(1 for m in range(1, 13) if l5[f"real{m}"])
    # other lines of the same satker are untouched
    assert {id(line): _line_months(warehouse, line) for line in (L6, L7)} == others_before
    # the monthly aggregate and the summary follow
    assert b.scalar(warehouse, "select count(*) from agg_realisasi_bulanan where kdsatker = :s and "
                    "jenis_belanja = '57' and kdppk = '01' and bulan = 6", s=S2) == 0
    june = _total(warehouse, 6)
    assert int(june_before.realisasi) - int(june.realisasi) == l5["real6"] - 1
    data.rows["realisasi_bulanan"] = [zeroed if r is l5 else r for r in data.rows["realisasi_bulanan"]]
    assert int(june.realisasi) == b.expected_summary(data, b.THANG, 6)["total"]["realisasi"]


def test_wide_reload_does_not_touch_sp2d_lines(warehouse, tmp_path, data):
    """A wide file supersedes earlier wide months of its lines, never SP2D lines of the same line."""
    wide = b._wide(L1, [0] * 11 + [7_000])
    result = _load(warehouse, b.write_kind(tmp_path, "realisasi_bulanan", [wide]))
    assert result.status == "dimuat"
    sp2d = [r for r in data.rows["realisasi"] if r["kdakun"] == L1["kdakun"]]
    assert b.scalar(warehouse, "select count(*) from fact_realisasi where kdakun = :a and no_sp2d <> ''",
                    a=L1["kdakun"]) == len(sp2d)
    data.rows["realisasi_bulanan"].append(wide)
    assert int(_total(warehouse, 12).realisasi) == b.expected_summary(data, b.THANG, 12)["total"]["realisasi"]


# ------------------------------------------------------------------ load_batch

def test_every_accepted_file_is_recorded_in_load_batch(warehouse, tmp_path, data):
    before = b.scalar(warehouse, "select max(batch_id) from load_batch")
    pagu = b.write_kind(tmp_path, "pagu", [b._pagu(L2, 1, 0, 9, "2024-11-01")], "csv_semicolon_bom")
    wide = b.write_kind(tmp_path, "realisasi_bulanan", [b._wide(L6, [1] * 12), b._wide(L7, [2] * 12)], "xlsx")
    bad = b.write_kind(tmp_path, "revisi", [dict(thang=2024, kdsatker="1", no_revisi="1",
                                                  tgl_revisi=REV1, kode_jenis="201")])
    results = ingest_files(warehouse, [pagu, wide, bad], loaded_by="Budi Santoso")
    assert [r.status for r in results] == ["dimuat", "dimuat", "ditolak"]
    recorded = b.rows(warehouse, "select batch_id, file_name, sha256, kind, row_count, loaded_by from load_batch "
                      "where batch_id > :b order by batch_id", b=before)
    assert recorded == [
        (before + 1, "pagu.csv", hashlib.sha256(pagu.read_bytes()).hexdigest(), "pagu", 1, "Budi Santoso"),
        (before + 2, "realisasi_bulanan.xlsx", hashlib.sha256(wide.read_bytes()).hexdigest(),
         "realisasi_bulanan", 2, "Budi Santoso"),
    ]
    assert [r.batch_id for r in results[:2]] == [before + 1, before + 2]
    # every current fact row points at a recorded batch
    assert b.scalar(warehouse, "select count(*) from fact_pagu_hist f anti join load_batch l "
                    "on l.batch_id = f.batch_id") == 0


def test_loaded_by_defaults_to_monev_user(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEV_USER", "operator_biro")
    path = b.write_kind(tmp_path, "revisi", [dict(thang=2024, kdsatker=S1, no_revisi="5", tgl_revisi="2024-10-01",
                                                  kode_jenis="220")])
    [result] = ingest_files(warehouse, [path])
    assert b.scalar(warehouse, "select loaded_by from load_batch where batch_id = :b", b=result.batch_id) == \
        "operator_biro"


# ------------------------------------------------------------------ revisions in force at a date

def _pagu_berlaku(db_path, at):
    found = b.rows(db_path, "select " + ", ".join(b.LINE) + ", pagu, blokir from pagu_berlaku(:t, :d)",
                   t=b.THANG, d=at)
    return sorted(found)


def _expected_berlaku(data, at):
    return sorted(tuple(r[c] for c in b.LINE) + (r["pagu"], r["blokir"])
                  for r in b.pagu_in_force(data, at).values())


DAY = timedelta(days=1)
AT = [date(2024, 1, 1), date.fromisoformat(REV0), date.fromisoformat(REV1) - DAY, date.fromisoformat(REV1),
      date.fromisoformat(REV1) + DAY, date.fromisoformat(REV2) - DAY, date.fromisoformat(REV2), date(2024, 12, 31)]


@pytest.mark.parametrize("at", AT, ids=[d.isoformat() for d in AT])
def test_pagu_in_force_at_a_date(at, shared_warehouse, data):
    assert _pagu_berlaku(shared_warehouse, at) == _expected_berlaku(data, at)


def test_revision_dates_before_on_after(shared_warehouse, data):
    def l1(at):
        return [r for r in _pagu_berlaku(shared_warehouse, at) if r[6] == L1["kdakun"]]

    rev0, rev1 = [r for r in data.rows["pagu"] if r["kdakun"] == L1["kdakun"]]
    before, on, after = (date.fromisoformat(REV1) + k * DAY for k in (-1, 0, 1))
    assert [r[-2:] for r in l1(before)] == [(rev0["pagu"], rev0["blokir"])]
    assert [r[-2:] for r in l1(on)] == [(rev1["pagu"], rev1["blokir"])]
    assert [r[-2:] for r in l1(after)] == [(rev1["pagu"], rev1["blokir"])]
    assert l1(date(2024, 1, 1)) == []  # nothing before the first DIPA


def test_line_first_in_a_later_revision_does_not_exist_before(shared_warehouse, data):
    """L4 (belanja modal, jenis 53) first appears in revision 1 of 15 April."""
    def has_l4(at):
        return any(r[6] == L4["kdakun"] for r in _pagu_berlaku(shared_warehouse, at))

    assert not has_l4(date.fromisoformat(REV1) - DAY)
    assert has_l4(date.fromisoformat(REV1))
    engine = db.engine(shared_warehouse)
    march = reports.budget_summary(engine, Period(2024, 3), scope=EVERYTHING)["per_jenis_belanja"]
    april = reports.budget_summary(engine, Period(2024, 4), scope=EVERYTHING)["per_jenis_belanja"]
    assert "53" not in set(march["jenis_belanja"])
    l4 = next(r for r in data.rows["pagu"] if r["kdakun"] == L4["kdakun"])
    assert int(april.set_index("jenis_belanja").loc["53", "pagu"]) == l4["pagu"]


@pytest.mark.parametrize("bulan", [1, 3, 4, 7, 8, 9, 12])
def test_summary_follows_revisions(bulan, shared_warehouse, data):
    expected = b.expected_summary(data, b.THANG, bulan)
    tables = reports.budget_summary(db.engine(shared_warehouse), Period(b.THANG, bulan), scope=EVERYTHING)
    got = {r.kdsatker: (int(r.pagu), int(r.blokir)) for r in tables["per_satker"].itertuples()}
    assert got == {k[1]: (v["pagu"], v["blokir"]) for k, v in expected["per_satker"].items()}
