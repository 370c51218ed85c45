"""The IKPA scores a load keeps (schema 19: agg_ikpa_nilai, monev.views.ikpa.store_scores, passed
to every load, undo and sample build as `derived`): the IKPA page reads them instead of scoring
its satker, only while they are of the version it reads, and then they are, to the last bit, the
scores it would compute for any scope, filter and month; a load, undo, rewound copy or migration
without them leaves the page computing the scores, never reading those of another version."""
from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
import sqlalchemy as sa

from monev.domain.period import Period
from monev.views import ikpa as ikpa_view
from monev.views import ikpa_page, muat
from monev.warehouse import batches, db, derived
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

import builders as b
from builders import L1, L5, S1, S2, S3

Y = b.THANG
JT = 1_000_000

SELECTIONS = [
    (EVERYTHING, NO_FILTER),
    (Scope(units=("01",)), NO_FILTER),
    (Scope(satkers=(S2, S3)), NO_FILTER),
    (EVERYTHING, Filters(units=("05",))),
    (EVERYTHING, Filters(satkers=(S1, S3))),
    (Scope(units=("05",)), Filters(satkers=(S1,))),  # outside the scope: nothing
]


def _scored(engine, bulan, scope, filters, only_last=False) -> pd.DataFrame:
    """months() as scoring gives it, whatever is stored."""
    params = dict(scope=scope, filters=filters, tahun=Y, sampai=Period(Y, bulan).sampai)
    return ikpa_view._scored_months(engine, params, bulan, None, only_last).named()


def _read(engine, bulan, scope, filters, only_last=False) -> pd.DataFrame:
    return ikpa_view.months(engine, Y, bulan, scope=scope, filters=filters, only_last=only_last).named()


@pytest.fixture
def no_scoring(monkeypatch):
    """months() may not score: what it returns comes from the stored rows."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("scored although the stored scores are this version's")

    monkeypatch.setattr(ikpa_view, "_scored_months", refuse)


def test_a_loaded_warehouse_keeps_the_scores_of_its_version(engine):
    assert derived.ikpa_scores_current(engine)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("select count(*) from agg_ikpa_nilai where thang = :y"), {"y": Y}).scalar()
    assert stored == len(_scored(engine, 12, EVERYTHING, NO_FILTER)) > 0


@pytest.mark.parametrize("bulan", [1, 3, 6, 7, 12])
@pytest.mark.parametrize("scope, filters", SELECTIONS)
def test_the_stored_scores_are_the_computed_ones_bit_for_bit(engine, bulan, scope, filters, monkeypatch):
    expected = {last: _scored(engine, bulan, scope, filters, last) for last in (False, True)}
    refuse = lambda *_a, **_k: pytest.fail("scored although the stored scores are this version's")  # noqa: E731
    monkeypatch.setattr(ikpa_view, "_scored_months", refuse)
    for last in (False, True):
        pd.testing.assert_frame_equal(_read(engine, bulan, scope, filters, last), expected[last], check_exact=True)
    if scope is EVERYTHING and filters is NO_FILTER:
        assert len(expected[False]) > 0 and expected[False]["nilai"].notna().any()


def test_a_scope_of_ppk_only_reads_no_satker_score(engine, no_scoring):
    scope = Scope(ppks=((S1, "01"),))
    assert _read(engine, 12, scope, NO_FILTER).empty


def test_a_jenis_belanja_filter_scores_the_facts_rather_than_reading(engine, monkeypatch):
    filters = Filters(jenis_belanja=("52",))
    expected = _scored(engine, 12, EVERYTHING, filters)
    monkeypatch.setattr(ikpa_view, "_stored", lambda *_a, **_k: pytest.fail("read the scores of every jenis belanja"))
    pd.testing.assert_frame_equal(_read(engine, 12, EVERYTHING, filters), expected, check_exact=True)


def test_the_page_parts_read_them(engine, no_scoring):
    period = Period(Y, 9)
    part = ikpa_page.scores_shown(engine, period, scope=EVERYTHING, filters=NO_FILTER)
    assert len(part["sekarang"]["satker"]) > 0 and len(part["bulanan"]) > 0


def _load(db_path, directory, kind, rows, with_scores=True):
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)],
                            derived=muat.DERIVED if with_scores else None)
    assert result.status == "dimuat", result.problems.to_dict("records")
    db.dispose(db_path)
    return result.batch_id


def _assert_read_as_scored(db_path, current: bool):
    engine = db.engine(db_path)
    assert derived.ikpa_scores_current(engine) is current
    for bulan in (7, 12):
        pd.testing.assert_frame_equal(_read(engine, bulan, EVERYTHING, NO_FILTER),
                                      _scored(engine, bulan, EVERYTHING, NO_FILTER), check_exact=True)


def _stored_nilai(db_path) -> pd.Series:
    frame = pd.DataFrame(b.rows(db_path, "select bulan_sd, kdsatker, nilai from agg_ikpa_nilai where thang = :y",
                                y=Y), columns=["bulan_sd", "kdsatker", "nilai"])
    return frame.set_index(["bulan_sd", "kdsatker"])["nilai"].sort_index()


def test_each_load_and_undo_keeps_its_own_scores(warehouse, tmp_path):
    loads = [("realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 70 * JT), b._sp2d(L5, "2024-07-09", "SP2", 300 * JT)]),
             ("rpd", [dict(thang=Y, kdsatker=S1, jenis_belanja="52", bulan=8, rpd=25 * JT, tgl_update="2024-07-02")])]
    before = _stored_nilai(warehouse)
    loaded = [_load(warehouse, tmp_path / f"muat{n}", kind, rows) for n, (kind, rows) in enumerate(loads)]
    _assert_read_as_scored(warehouse, current=True)
    assert not _stored_nilai(warehouse).equals(before)  # the loads changed some satker's scores
    for batch_id in reversed(loaded):
        batches.undo(warehouse, batch_id, derived=muat.DERIVED)
        db.dispose(warehouse)
        _assert_read_as_scored(warehouse, current=True)
    pd.testing.assert_series_equal(_stored_nilai(warehouse), before, check_exact=True)


def test_a_load_without_them_leaves_the_page_scoring_the_new_data(warehouse, tmp_path):
    old = _stored_nilai(warehouse)
    _load(warehouse, tmp_path / "muat", "realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 70 * JT)], with_scores=False)
    _assert_read_as_scored(warehouse, current=False)
    assert _stored_nilai(warehouse).equals(old)  # the rows kept are the old version's, and not read
    scored = _scored(db.engine(warehouse), 12, EVERYTHING, NO_FILTER).set_index(["bulan", "kdsatker"])["nilai"]
    assert not scored.sort_index().equals(old.rename_axis(["bulan", "kdsatker"]))


def test_an_undo_without_them_leaves_the_page_scoring(warehouse, tmp_path):
    batch_id = _load(warehouse, tmp_path / "muat", "realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 70 * JT)])
    batches.undo(warehouse, batch_id)
    db.dispose(warehouse)
    _assert_read_as_scored(warehouse, current=False)


def test_a_copy_as_loaded_at_an_earlier_batch_never_reads_the_scores_of_now(warehouse, tmp_path):
    first = int(b.scalar(warehouse, "select max(batch_id) from load_batch"))
    _load(warehouse, tmp_path / "muat", "realisasi", [b._sp2d(L1, "2024-07-03", "SP1", 70 * JT)])
    bare = batches.as_loaded_at(warehouse, first)
    assert not derived.ikpa_scores_current(db.engine(bare, create=False))
    _assert_read_as_scored(bare, current=False)
    db.dispose(bare)
    shutil.rmtree(bare.parent)
    scored = batches.as_loaded_at(warehouse, first, derived=muat.DERIVED)
    _assert_read_as_scored(scored, current=True)


def test_after_a_migration_they_are_not_read_until_scored_again(warehouse):
    db.dispose(warehouse)
    con = duckdb.connect(str(warehouse))  # as schema 18 left it, with this version's scores kept
    applied = [n for n in con.execute("select value from warehouse_info where key = 'migrasi'").fetchone()[0].split(",")
               if int(n) < 19]
    con.execute("update warehouse_info set value = '18' where key = 'schema_version'")
    con.execute("update warehouse_info set value = ? where key = 'migrasi'", [",".join(applied)])
    con.close()
    assert db.engine(warehouse)  # opening it migrates it to schema 19 again, as a new version
    _assert_read_as_scored(warehouse, current=False)
    db.dispose(warehouse)
    assert derived.refresh(warehouse, muat.DERIVED)
    db.dispose(warehouse)
    _assert_read_as_scored(warehouse, current=True)
    assert not derived.refresh(warehouse, muat.DERIVED)  # this version's already: nothing published


def test_an_empty_warehouse_keeps_no_scores_and_reads_none(empty_warehouse):
    assert derived.refresh(empty_warehouse, muat.DERIVED)
    db.dispose(empty_warehouse)
    engine = db.engine(empty_warehouse)
    assert derived.ikpa_scores_current(engine)
    assert _read(engine, 12, EVERYTHING, NO_FILTER).empty


def test_the_cli_scores_a_warehouse_once(warehouse):
    con = sa.create_engine(f"duckdb:///{warehouse}")
    with con.begin() as conn:
        conn.execute(sa.text("delete from warehouse_info where key = 'ikpa_nilai_keadaan'"))
    con.dispose()
    run = [sys.executable, "-m", "monev", "nilai-ikpa", "--db", str(warehouse)]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "dihitung dan disimpan" in first.stdout
    second = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "sudah sesuai" in second.stdout
    _assert_read_as_scored(warehouse, current=True)
