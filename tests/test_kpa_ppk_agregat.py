"""The KPA/PPK page's wide year kept at load time (schema 12, agg_kpa_ppk) is the summary aggregate
pivoted: equal to agg_ringkasan_bulanan pivoted here in pandas and to a rebuild by its macro, after
loads of every kind (pagu, realisasi, realisasi_bulanan, snapshot, RPD, capaian), after each undo
and in an "as loaded at" copy. And the page's frames read from it equal those of the path it
replaced (tests/kpa_ppk_lama.py: the trend and earlier quarters summed from the summary
aggregate) to the bit, at several months, both grains, under scopes and filters, after loads, and
with quarter targets that are not whole numbers (pagu x target then summed in a fixed order)."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from monev.domain.period import Period
from monev.views import kpa_ppk
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import REFRESHES, ingest_files
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b
import kpa_ppk_lama
from builders import L1, L2, L4, L6, L8, S1, S2, S3

KEYS = ["thang", "kdsatker", "kdppk", "jenis_belanja"]
QUARTER_ENDS = (3, 6, 9)


def _pivoted(con) -> pd.DataFrame:
    """agg_ringkasan_bulanan's rows made wide in pandas, with no macro in between."""
    rows = con.sql("select * from agg_ringkasan_bulanan").df()
    rows["ada"] = rows["ada_pagu"] | rows["ada_realisasi"]
    wide = rows.pivot(index=KEYS, columns="bulan", values=["realisasi_kumulatif", "pagu", "ada"])
    frame = pd.DataFrame(index=wide.index)
    for m in range(1, 13):
        frame[f"realisasi_{m}"] = wide[("realisasi_kumulatif", m)].astype("int64")
    for m in QUARTER_ENDS:
        frame[f"pagu_{m}"] = wide[("pagu", m)].astype("int64")
    for m in QUARTER_ENDS:
        frame[f"ada_{m}"] = wide[("ada", m)].astype(bool)
    return frame.reset_index().sort_values(KEYS).reset_index(drop=True)


def _stored(con) -> pd.DataFrame:
    frame = con.sql("select * from agg_kpa_ppk").df().sort_values(KEYS).reset_index(drop=True)
    assert not frame.duplicated(KEYS).any()
    return frame


def _rebuilt(db_path, tmp_path) -> pd.DataFrame:
    """The macro of the migration over every satker, in a scratch copy."""
    copy = tmp_path / "dibangun.duckdb"
    copy.write_bytes(db_path.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    try:
        con.execute("create temp table staging_satker as select distinct thang, kdsatker from dim_satker")
        con.execute("delete from agg_kpa_ppk")
        con.execute("insert into agg_kpa_ppk select * from kpa_ppk_baru()")
        return _stored(con)
    finally:
        con.close()
        copy.unlink()


def _assert_kept(db_path, tmp_path) -> pd.DataFrame:
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        stored, pivoted = _stored(con), _pivoted(con)
    finally:
        con.close()
    assert len(stored)
    pd.testing.assert_frame_equal(stored, pivoted, check_dtype=False, check_exact=True)
    pd.testing.assert_frame_equal(stored, _rebuilt(db_path, tmp_path), check_exact=True)
    return stored


def _load(db_path, directory, kind, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


def _rpd(kdsatker, jenis_belanja, bulan, rpd, tgl_update):
    return dict(thang=b.THANG, kdsatker=kdsatker, jenis_belanja=jenis_belanja, bulan=bulan, rpd=rpd,
                tgl_update=tgl_update)


def _report(satker, giat, output, soutput, bulan, target, real, fisik):
    return dict(thang=b.THANG, bulan=bulan, kdsatker=satker, kdgiat=giat, kdoutput=output, kdsoutput=soutput,
                target_vol=target, real_vol=real, progres_fisik=fisik)


# (kind, rows, whether the load changes the summary aggregate, hence the wide year)
LOADS = [
    # a revision of a line's pagu in August, and from May a line of a jenis belanja new to its PPK
    ("pagu", [b._pagu(L1, 1_700_000_000, 0, 2, "2024-08-15"),
              b._pagu(b._line(S3, "027.05.DL", "6201", "QDB", "002", "532111", "01"), 900_000_000, 0, 0,
                      "2024-05-02")], True),
    # new realization on a line with some and on a month not realized before
    ("realisasi", [b._sp2d(L1, "2024-03-10", "KPA-1", 7_000_000), b._sp2d(L4, "2024-02-01", "KPA-2", 5_000_000)],
     True),
    # an SP2D loaded before, restated into another month and amount (its June empties)
    ("realisasi", [b._sp2d(L2, "2024-08-01", "2406028", -3_000_000)], True),
    # a wide file restating a line's year
    ("realisasi_bulanan", [b._wide(L6, [0] * 10 + [4_000_000_000, 0])], True),
    # a year-to-date snapshot of a line
    ("realisasi_kumulatif", [{**L8, "tgl_posisi": "2024-09-30", "realisasi_sd": 2_500_000_000}], True),
    # an RPD and a capaian load change neither aggregate
    ("rpd", [_rpd(S1, "51", 3, 250_000_000, "2024-05-02")], False),
    ("capaian", [_report(S1, "0123", "EBA", "962", 9, "12", "11", "91.5")], False),
]


def test_every_load_kind_that_changes_the_summary_aggregate_refreshes_the_wide_year():
    for kind, scripts in REFRESHES.items():
        summary = {"load/refresh_agg_ringkasan", "load/refresh_agg_ringkasan_realisasi"} & set(scripts)
        assert bool(summary) == ("load/refresh_agg_kpa_ppk" in scripts), kind
        if summary:  # after the aggregate it pivots
            assert scripts.index("load/refresh_agg_kpa_ppk") > scripts.index(summary.pop()), kind
    order = list(batches.REFRESH_SCRIPTS)
    assert order.index("load/refresh_agg_kpa_ppk") > order.index("load/refresh_agg_ringkasan")


def test_the_wide_year_equals_the_summary_aggregate_pivoted_after_loads_undos_and_copies(warehouse, tmp_path):
    states = [_assert_kept(warehouse, tmp_path)]
    loaded = []
    for n, (kind, rows, changes) in enumerate(LOADS):
        loaded.append(_load(warehouse, tmp_path / f"muat{n}", kind, rows))
        states.append(_assert_kept(warehouse, tmp_path))
        assert states[-1].equals(states[-2]) != changes, f"load {n} ({kind})"

    copy = batches.as_loaded_at(warehouse, loaded[1])  # after the first realization load
    con = duckdb.connect(str(copy), read_only=True)
    try:
        pd.testing.assert_frame_equal(_stored(con), states[2], check_exact=True)
        pd.testing.assert_frame_equal(_stored(con), _pivoted(con), check_dtype=False, check_exact=True)
    finally:
        con.close()

    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        pd.testing.assert_frame_equal(_assert_kept(warehouse, tmp_path), expected, check_exact=True)


# ---------------------------------------------------------------- the page against the old path

def _assert_same_frames(got: dict, want: dict, where) -> None:
    """Every frame equal to the bit: values, dtypes, column order, and None and NaN in the same
    places of object columns (assert_frame_equal takes them as equal); the trend, an Arrow list
    column now, as the page draws it (kpa_ppk.trend_lists) equal to the old lists."""
    assert got.keys() == want.keys(), where
    tren = got["tabel"]["tren"]
    assert isinstance(tren.dtype, pd.ArrowDtype) or got["tabel"].empty, where
    got = {**got, "tabel": got["tabel"].assign(tren=pd.Series(kpa_ppk.trend_lists(tren), index=tren.index,
                                                               dtype=object))}
    for name in want:
        x, y = got[name], want[name]
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=f"{where} {name}")
        for column in y.columns:
            if y[column].dtype == object:
                assert [type(v) for v in x[column]] == [type(v) for v in y[column]], (where, name, column)
            elif y[column].dtype.kind == "f":
                assert np.array_equal(x[column].to_numpy().view("int64"), y[column].to_numpy().view("int64")), \
                    (where, name, column)


SELECTIONS = {
    "semua": (EVERYTHING, Filters()),
    "jenis belanja 57": (EVERYTHING, Filters(jenis_belanja=("57",))),
    "unit 05": (Scope(units=("05",)), Filters()),
    "satker S1, jenis belanja 51 dan 52": (Scope(satkers=(S1,)), Filters(jenis_belanja=("51", "52"))),
    "dua PPK": (Scope(ppks=((S1, "02"), (S2, "01"))), Filters()),
    "filter unit 01": (EVERYTHING, Filters(units=("01",))),
}


def _compare(engine, months, selections=SELECTIONS) -> int:
    compared = 0
    for bulan in months:
        for grain in kpa_ppk.KEYS:
            for name, (scope, filters) in selections.items():
                where = (bulan, grain, name)
                new = kpa_ppk.table(engine, Period(b.THANG, bulan), grain, scope=scope, filters=filters)
                old = kpa_ppk_lama.table(engine, Period(b.THANG, bulan), grain, scope=scope, filters=filters)
                _assert_same_frames(new, old, where)
                compared += not old["tabel"].empty
    return compared


@pytest.mark.parametrize("bulan", [2, 3, 5, 7, 12])
def test_the_page_equals_the_old_path(engine, bulan):
    assert _compare(engine, [bulan]) >= 10  # most selections have rows


def test_the_page_equals_the_old_path_after_loads(warehouse, tmp_path):
    for n, (kind, rows, _) in enumerate(LOADS[:5]):
        _load(warehouse, tmp_path / f"muat{n}", kind, rows)
    engine = db.engine(warehouse)
    assert _compare(engine, [4, 10], {k: SELECTIONS[k] for k in ("semua", "jenis belanja 57", "dua PPK")})


def test_targets_not_whole_numbers_sum_in_order_as_the_old_path(warehouse, tmp_path):
    """Quarter targets with decimals make pagu x target inexact: the query adds it in PPK and
    jenis belanja order (as the summary aggregate's rows come), and the page still equals the old
    path; with whole-number targets either order gives the same bits."""
    engine = db.engine(warehouse)
    whole = kpa_ppk._quarter_targets(Period(b.THANG, 12), query.reference(engine, "target_triwulan", tahun=b.THANG))
    assert not whole["urut"]
    rows = [dict(thang=b.THANG, jenis_belanja=jb, triwulan=q, target_persen=value)
            for jb, values in {"51": ("17.33", "41.67", "66.66", "95.5"), "52": ("13.3", "47.77", "71.11", "90"),
                               "57": ("22.22", "55.55", "77.77", "99.99")}.items()
            for q, value in enumerate(values, start=1)]
    _load(warehouse, tmp_path / "target", "target", rows)
    engine = db.engine(warehouse)
    inexact = kpa_ppk._quarter_targets(Period(b.THANG, 12), query.reference(engine, "target_triwulan", tahun=b.THANG))
    assert inexact["urut"] and 17.33 in inexact["target_persen"]
    assert _compare(engine, [4, 7, 12]) >= 10


def test_sums_too_large_to_be_exact_are_taken_again_in_order(engine, monkeypatch):
    rows = pd.DataFrame({f"pagu_{m}": [10 ** 12, 2 ** 47] for m in QUARTER_ENDS})
    assert kpa_ppk._exact_sums(rows, {"target_persen": [20.0, 50.0]})
    assert not kpa_ppk._exact_sums(rows, {"target_persen": [20.0, 95.0]})  # 2^47 x 95 > 2^53
    asked = []
    run = query.run
    monkeypatch.setattr(query, "run", lambda engine, name, **kw: asked.append((name, kw.get("urut"))) or
                        run(engine, name, **kw))
    monkeypatch.setattr(kpa_ppk, "_exact_sums", lambda rows, bound: False)
    figures = kpa_ppk.table(engine, Period(b.THANG, 12), "ppk", scope=EVERYTHING)
    assert [name for name, _ in asked if name.startswith("kpa_ppk")] == ["kpa_ppk_baris", "kpa_ppk_urut"]
    _assert_same_frames(figures, kpa_ppk_lama.table(engine, Period(b.THANG, 12), "ppk", scope=EVERYTHING), "urut")
