"""The IKPA month aggregates (schema 5): what a load stores per satker and as-of month gives the
same scores as computing them from the facts, after every kind of load that feeds them, after an
undo, and after migrating a warehouse loaded before the aggregates existed."""
from __future__ import annotations

import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from monev.domain import ikpa
from monev.domain.ikpa_rules import Rules
from monev.views import ikpa as ikpa_view
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b
import test_ikpa as hand
from builders import S1

Y = b.THANG
tiny = hand.tiny  # the hand-worked warehouse of test_ikpa, loaded once for this module too


def _from_facts(monkeypatch, engine, bulan=12, **kw) -> pd.DataFrame:
    with monkeypatch.context() as patch:
        patch.setattr(ikpa_view, "_from_aggregates", ikpa_view._from_facts)
        return ikpa_view.monthly(engine, Y, bulan, scope=EVERYTHING, **kw)


def _assert_same_scores(monkeypatch, db_path, bulan=12, **kw) -> pd.DataFrame:
    """monthly() from the aggregates equals monthly() from the facts: names, counts and bands
    exactly, scores to 1e-9 (the two sum the same terms in different orders)."""
    engine = db.engine(db_path)
    stored = ikpa_view.monthly(engine, Y, bulan, scope=EVERYTHING, **kw)
    facts = _from_facts(monkeypatch, engine, bulan, **kw)
    assert not stored.empty
    pd.testing.assert_frame_equal(stored, facts, check_exact=False, rtol=1e-12, atol=1e-9)
    return stored


def _copy(source, target):
    shutil.copyfile(source.resolve(), target)
    return target


def _load(db_path, directory, kind, rows):
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


@pytest.mark.parametrize("filters", [query.NO_FILTER, query.Filters(units=("05",)), query.Filters(satkers=(S1,))],
                         ids=["semua", "unit_05", "satker_s1"])
def test_stored_inputs_give_the_scores_of_the_facts(monkeypatch, shared_warehouse, tiny, filters):
    for db_path in (shared_warehouse, tiny):
        _assert_same_scores(monkeypatch, db_path, filters=filters)


def test_every_load_feeding_the_aggregates_refreshes_them_and_undo_restores_them(monkeypatch, tiny, tmp_path):
    """A later RPD revision, a realization, a pagu raise and a capaian report each change S1's
    scores where the rules say; the stored inputs follow each load, and undoing the loads in turn
    brings back the scores before them to the last bit."""
    db_path = _copy(tiny, tmp_path / "gudang.duckdb")
    jt = 1_000_000
    before = _assert_same_scores(monkeypatch, db_path)
    loads = [
        ("rpd", [dict(thang=Y, kdsatker=S1, jenis_belanja="51", bulan=9, rpd=40 * jt, tgl_update="2024-09-02")],
         "deviasi_rata"),
        ("realisasi_bulanan", [hand._wide(b.L1, [0] * 9 + [20 * jt, 0, 0])], "deviasi_rata"),
        ("pagu", [hand._pagu(b.L2, 900 * jt, 0, 2, "2024-10-01")], "pagu"),
        ("capaian", [dict(thang=Y, bulan=11, kdsatker=S1, kdgiat="0123", kdoutput="EBA", kdsoutput="962",
                          target_vol="10", real_vol="5", progres_fisik="60")], "capaian_output"),
    ]
    states, loaded = [before], []
    for n, (kind, rows, changed) in enumerate(loads):
        loaded.append(_load(db_path, tmp_path / f"muat{n}", kind, rows))
        db.dispose(db_path)
        after = _assert_same_scores(monkeypatch, db_path)
        s1 = (after["kdsatker"] == S1) & (after["bulan"] == 12)
        assert after.loc[s1, changed].iloc[0] != states[-1].loc[s1, changed].iloc[0], kind
        states.append(after)
    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(db_path, batch_id)
        db.dispose(db_path)
        pd.testing.assert_frame_equal(ikpa_view.monthly(db.engine(db_path), Y, 12, scope=EVERYTHING), expected,
                                      check_exact=True)
    db.dispose(db_path)


def test_migration_fills_the_aggregates_of_a_warehouse_loaded_before_them(monkeypatch, tiny, tmp_path):
    db_path = _copy(tiny, tmp_path / "lama.duckdb")
    expected = ikpa_view.monthly(db.engine(tiny), Y, 12, scope=EVERYTHING)
    con = duckdb.connect(str(db_path))  # as schema 4 left it
    con.execute("drop table agg_ikpa_bulanan; drop table agg_ikpa_capaian; "
                "drop macro table ikpa_bulanan_baru; drop macro table ikpa_capaian_baru; "
                "update warehouse_info set value = '4' where key = 'schema_version'; "
                "delete from warehouse_info where key = 'migrasi'")  # schema 4 kept no list
    con.close()
    try:
        migrated = _assert_same_scores(monkeypatch, db_path)
        assert b.scalar(db_path,
                        "select value from warehouse_info where key = 'schema_version'") == str(db.SCHEMA_VERSION)
        pd.testing.assert_frame_equal(migrated, expected, check_exact=True)
    finally:
        db.dispose(db_path)


def test_a_jenis_belanja_filter_reads_the_facts(tiny):
    """The aggregates hold every jenis belanja: with a filter the months come from the facts, so
    S1's deviation in June is 51's alone (the hand-worked months of test_ikpa without 52)."""
    read = []
    original = query.sql_text
    query.sql_text = lambda name: read.append(name) or original(name)
    try:
        frame = ikpa_view.monthly(db.engine(tiny), Y, 6, filters=query.Filters(jenis_belanja=("51",)), scope=EVERYTHING)
    finally:
        query.sql_text = original
    assert "ikpa_deviasi_bulanan" in read and "ikpa_bulanan" not in read
    s1 = frame[(frame["kdsatker"] == S1) & (frame["bulan"] == 6)].iloc[0]
    assert s1["deviasi_rata"] == hand.approx((0 + 0 + 50 + 0 + 0 + 50) / 6)  # Feb and May: 51 as planned


# ---------------------------------------------------------------- the pure functions reading them

def test_stored_deviation_takes_the_mean_the_rules_ask_for():
    rows = pd.DataFrame({"kdsatker": ["A", "B"], "bulan_dinilai": [3, None],
                         "deviasi_rata_pagu": [41.0, None], "deviasi_rata_biasa": [3.0, None]})
    weighted = ikpa.deviation_stored(rows, Rules(Y))
    assert weighted.loc[0, "bulan_dinilai"] == 3 and weighted.loc[0, "nilai"] == pytest.approx(59.0)
    assert weighted.loc[1, ["deviasi_rata", "nilai"]].isna().all()  # nothing assessed: no value
    plain = ikpa.deviation_stored(rows, Rules(2023, deviation_pagu_weighted=False))
    assert plain.loc[0, "deviasi_rata"] == 3.0 and plain.loc[0, "nilai"] == 100.0  # within the 5% tolerance


def test_stored_achievement_is_the_geometric_mean_of_its_parts():
    rows = pd.DataFrame({"kdsatker": ["A", "B", "C"], "jumlah_ro": [2, 3, 0],  # as queries/ikpa_bulanan.sql
                         "log_rasio": [np.log(0.5) + np.log(0.8), np.log(0.9), None], "ada_nol": [False, True, False]})
    result = ikpa.output_achievement_stored(rows)
    assert result.loc[0, "nilai"] == pytest.approx(100 * np.sqrt(0.4))
    assert result.loc[1, "nilai"] == 0.0 and result.loc[1, "jumlah_ro"] == 3  # one RO delivered nothing
    assert np.isnan(result.loc[2, "nilai"]) and result.loc[2, "jumlah_ro"] == 0  # no RO reported


@pytest.mark.parametrize("nilai", [100.0, 95.0, 94.99, 89.0, 88.999, 70.0, 69.99, 0.0, float("nan")])
def test_bands_of_many_values_is_band_of_each(nilai):
    bands = Rules(Y).bands
    assert list(ikpa.bands_of(np.array([nilai, nilai]), bands)) == [ikpa.band(nilai, bands)] * 2


def test_absorption_targets_by_jenis_belanja_and_quarter():
    rows = pd.DataFrame({"kdsatker": ["A", "A", "A"], "triwulan": [1, 3, 2], "jenis_belanja": ["51", "52", "59"],
                         "pagu": [100, 100, 100], "blokir": [0, 0, 0], "realisasi": [10, 10, 10]})
    detail = ikpa.absorption_detail(rows, hand.TARGETS)
    assert dict(zip(detail["jenis_belanja"], detail["target_persen"])) == {
        "51": hand.TARGETS["51"][0], "52": hand.TARGETS["52"][2]}  # 59 has no targets: no weight
