"""The IKPA month aggregate's refresh inside a load (queries/load/refresh_agg_ikpa_bulanan.sql):
what it leaves for the satker a load or an undo touched is, to the last bit of every float, what
rebuilding the aggregate for every satker gives; and in every path the aggregates it reads (the
summary aggregate, the RPD plan in force) are refreshed before it, so it never reads them stale."""
from __future__ import annotations

import shutil

import duckdb
import numpy as np
import pytest

from monev.warehouse import batches, db
from monev.warehouse.ingest import REFRESHES, ingest_files

import builders as b
import test_ikpa as hand
from builders import L1, L2, L5, L8, L9, S1, S3

Y = b.THANG
tiny = hand.tiny  # the hand-worked warehouse of test_ikpa, loaded once for this module too
JT = 1_000_000

IKPA = "load/refresh_agg_ikpa_bulanan"
# the scripts that write what ikpa_bulanan_baru() reads
INPUTS = {"load/refresh_agg_ringkasan", "load/refresh_agg_ringkasan_realisasi", "load/refresh_agg_rpd_berlaku"}


@pytest.mark.parametrize("kind", sorted(k for k, scripts in REFRESHES.items() if IKPA in scripts))
def test_a_load_refreshes_what_the_ikpa_aggregate_reads_before_it(kind):
    scripts = REFRESHES[kind]
    before = set(scripts[:scripts.index(IKPA)])
    assert not (INPUTS & set(scripts)) - before, f"{kind}: an input of the IKPA aggregate refreshed after it"
    wanted = {"rpd": {"load/refresh_agg_rpd_berlaku"}}.get(
        kind, {"load/refresh_agg_ringkasan", "load/refresh_agg_ringkasan_realisasi"})
    assert before & wanted, f"{kind}: the IKPA aggregate would read its input as it was before the load"


def test_undo_refreshes_what_the_ikpa_aggregate_reads_before_it():
    scripts = list(batches.REFRESH_SCRIPTS)
    assert {"load/refresh_agg_ringkasan", "load/refresh_agg_rpd_berlaku"} <= set(scripts[:scripts.index(IKPA)])


def _ordered(con, sql):
    return con.execute(f"select * from ({sql}) order by thang, bulan_sd, kdsatker").fetchnumpy()


def _assert_equals_a_full_rebuild(db_path):
    """The stored rows equal ikpa_bulanan_baru() over every satker: no row more or fewer
    (`except all` both ways), and every float column bit for bit (NULLs in the same places)."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute("create temp table staging_satker as "
                    "select thang, kdsatker from agg_ringkasan_bulanan union select thang, kdsatker from fact_rpd "
                    "union select thang, kdsatker from agg_ikpa_bulanan")
        con.execute("create temp table baru as select * from ikpa_bulanan_baru()")
        for a, c in (("agg_ikpa_bulanan", "baru"), ("baru", "agg_ikpa_bulanan")):
            extra = con.execute(f"select * from {a} except all select * from {c}").fetchall()
            assert extra == [], f"in {a}, not in {c}"
        stored, rebuilt = _ordered(con, "from agg_ikpa_bulanan"), _ordered(con, "from baru")
    finally:
        con.close()
    assert len(stored["kdsatker"]) > 0
    for column in ("deviasi_rata_pagu", "deviasi_rata_biasa"):
        x, y = stored[column], rebuilt[column]
        assert np.array_equal(np.ma.getmaskarray(x), np.ma.getmaskarray(y)), column
        assert np.array_equal(np.ma.getdata(x).view(np.int64), np.ma.getdata(y).view(np.int64)), column


def test_the_sample_warehouse_holds_a_full_rebuild(shared_warehouse, tmp_path):
    copy = shutil.copyfile(shared_warehouse.resolve(), tmp_path / "gudang.duckdb")
    _assert_equals_a_full_rebuild(copy)


def _load(db_path, directory, kind, rows):
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    db.dispose(db_path)
    return result.batch_id


def test_after_each_load_and_each_undo_the_aggregate_is_a_full_rebuild(tiny, tmp_path):
    """SP2D lines, then the same SP2D numbers again with other amounts (the first superseded) and a
    negative correction; a satker with pagu and no realization (S3); an RPD revision of a month
    already realized; a pagu revision; each load and each undo in turn leaves the rebuild."""
    db_path = shutil.copyfile(tiny.resolve(), tmp_path / "gudang.duckdb")
    loads = [
        ("pagu", [hand._pagu(L8, 200 * JT, 0, 0, "2024-01-02"), hand._pagu(L9, 80 * JT, 0, 0, "2024-03-05")]),
        ("realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 7 * JT), b._sp2d(L5, "2024-07-09", "SP2", 30 * JT)]),
        ("realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 9 * JT), b._sp2d(L2, "2024-08-01", "SP3", -4 * JT),
                       b._sp2d(L5, "2024-08-12", "SP4", -30 * JT)]),
        ("rpd", [dict(thang=Y, kdsatker=S1, jenis_belanja="52", bulan=2, rpd=25 * JT, tgl_update="2024-09-02"),
                 dict(thang=Y, kdsatker=S3, jenis_belanja="57", bulan=4, rpd=60 * JT, tgl_update="2024-02-01")]),
        ("pagu", [hand._pagu(L1, 150 * JT, 0, 1, "2024-07-20")]),
    ]
    _assert_equals_a_full_rebuild(db_path)
    loaded = []
    for n, (kind, rows) in enumerate(loads):
        loaded.append(_load(db_path, tmp_path / f"muat{n}", kind, rows))
        _assert_equals_a_full_rebuild(db_path)
    assert b.scalar(db_path, "select count(*) from agg_ikpa_bulanan where kdsatker = :s", s=S3) == 12
    for batch_id in reversed(loaded):
        batches.undo(db_path, batch_id)
        db.dispose(db_path)
        _assert_equals_a_full_rebuild(db_path)
