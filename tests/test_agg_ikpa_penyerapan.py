"""The IKPA Penyerapan inputs kept at load time (schema 13, agg_ikpa_penyerapan) equal what the
summary aggregate gives, summed here in pandas, and a full rebuild by the migration's macro: after
each kind of load that changes pagu or realization (pagu, realisasi, realisasi_bulanan,
realisasi_kumulatif), after each is undone, in an "as loaded at" copy, and when the migration
fills it for a warehouse loaded before it."""
from __future__ import annotations

import duckdb
import pandas as pd

from monev.warehouse import batches, db
from monev.warehouse.ingest import REFRESHES, ingest_files

import builders as b
from builders import L1, L5, L6, L8

KEYS = ["thang", "kdsatker", "triwulan", "jenis_belanja"]
TABLE = "agg_ikpa_penyerapan"
REFRESH = "load/refresh_agg_ikpa_penyerapan"


def _stored(con) -> pd.DataFrame:
    return con.sql(f"select * from {TABLE}").df().sort_values(KEYS).reset_index(drop=True)


def _from_summary(con) -> pd.DataFrame:
    """Per satker, quarter end and jenis belanja, the summary aggregate's rows with a budget line in
    force or a realization, summed over PPK in pandas (no SQL aggregate, no macro)."""
    rows = con.sql("select * from agg_ringkasan_bulanan").df()
    rows = rows[rows["bulan"].isin([3, 6, 9, 12]) & (rows["ada_pagu"] | rows["ada_realisasi"])]
    rows = rows.assign(triwulan=rows["bulan"] // 3)
    summed = (rows.groupby(KEYS, as_index=False)[["pagu", "blokir", "realisasi_kumulatif"]].sum()
              .rename(columns={"realisasi_kumulatif": "realisasi"}))
    return summed.sort_values(KEYS).reset_index(drop=True)


def _rebuilt(db_path) -> pd.DataFrame:
    """The table rebuilt for every satker by the migration's macro, in a scratch copy."""
    copy = db_path.with_name("rebuilt.duckdb")
    copy.write_bytes(db_path.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    try:
        con.execute("create temp table staging_satker as select distinct thang, kdsatker from dim_satker")
        con.execute(f"delete from {TABLE}")
        con.execute(f"insert into {TABLE} select * from ikpa_penyerapan_baru()")
        return _stored(con)
    finally:
        con.close()
        copy.unlink()


def _assert_kept(db_path) -> pd.DataFrame:
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        stored, summed = _stored(con), _from_summary(con)
    finally:
        con.close()
    pd.testing.assert_frame_equal(stored, summed, check_dtype=False, check_exact=True)
    pd.testing.assert_frame_equal(stored, _rebuilt(db_path), check_exact=True)
    return stored


def _load(db_path, directory, kind, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


def test_every_load_that_changes_the_summary_refreshes_it_after_the_summary():
    for kind, scripts in REFRESHES.items():
        summary = [s for s in scripts if s.startswith("load/refresh_agg_ringkasan")]
        assert (REFRESH in scripts) == bool(summary), kind
        if summary:
            assert scripts.index(REFRESH) > scripts.index(summary[0]), kind
    assert batches.REFRESH_SCRIPTS.index(REFRESH) > batches.REFRESH_SCRIPTS.index("load/refresh_agg_ringkasan")


LOADS = [
    # a pagu revision in August: the third and fourth quarters' pagu of L1's satker change
    ("pagu", [b._pagu(L1, 1_700_000_000, 25_000_000, 2, "2024-08-15")]),
    # new realization in March and November, one on a satker of its own
    ("realisasi", [b._sp2d(L1, "2024-03-10", "SERAP-1", 7_000_000),
                   b._sp2d(L8, "2024-11-05", "SERAP-2", 9_000_000)]),
    # a wide file restating two lines' year: one zeroed, one realized in one month only
    ("realisasi_bulanan", [b._wide(L5, [0] * 12), b._wide(L6, [0] * 5 + [3_000_000_000] + [0] * 6)]),
    # a snapshot of a line's realization to date
    ("realisasi_kumulatif", [{**L1, "tgl_posisi": "2024-09-30", "realisasi_sd": 900_000_000}]),
]


def test_kept_inputs_equal_the_summary_after_loads_undos_and_in_copies(warehouse, tmp_path):
    states = [_assert_kept(warehouse)]
    assert len(states[0]) and set(states[0]["triwulan"]) == {1, 2, 3, 4}  # the base data set has them
    loaded = []
    for n, (kind, rows) in enumerate(LOADS):
        loaded.append(_load(warehouse, tmp_path / f"serap{n}", kind, rows))
        states.append(_assert_kept(warehouse))
        assert not states[-1].equals(states[-2]), kind  # each load changed what is kept

    for batch_id, expected in zip(loaded, states[1:]):
        copy = batches.as_loaded_at(warehouse, batch_id)
        con = duckdb.connect(str(copy), read_only=True)
        try:
            pd.testing.assert_frame_equal(_stored(con), expected, check_exact=True)
        finally:
            con.close()

    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        pd.testing.assert_frame_equal(_assert_kept(warehouse), expected, check_exact=True)


def test_the_migration_fills_it_for_a_warehouse_loaded_before_it(warehouse, tmp_path):
    _load(warehouse, tmp_path / "serap", *LOADS[1])
    expected = _assert_kept(warehouse)
    db.dispose(warehouse)
    con = duckdb.connect(str(warehouse.resolve()))
    try:  # as before schema 13: no table, the migration not listed as applied
        con.execute(f"drop table {TABLE}")
        listed = con.execute("select value from warehouse_info where key = 'migrasi'").fetchall()[0][0]
        con.execute("update warehouse_info set value = ? where key = 'migrasi'",
                    [",".join(n for n in listed.split(",") if n != "13")])
    finally:
        con.close()
    db.engine(warehouse)  # opening it migrates it into a new version
    pd.testing.assert_frame_equal(_assert_kept(warehouse), expected, check_exact=True)
