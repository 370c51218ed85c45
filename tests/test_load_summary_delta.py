"""The summary aggregate after a realization load (queries/load/refresh_agg_ringkasan_realisasi.sql:
a satker x PPK x jenis belanja key the batch only added to gets its old sums plus the batch's; a key
where it superseded a line is summed again) equals a rebuild from the facts, including a key that
the load creates (realization where no pagu is in force) and one it leaves empty, which must
disappear as it does in a rebuild; and after undoing those loads."""
from __future__ import annotations

import duckdb
from test_load_aggregates import _assert_maintained_equals_rebuilt, _load

from monev.warehouse import batches, db

import builders as b
from builders import L1, L5, S2

# a line of S2, PPK 01 with an akun of jenis belanja 53: no pagu of that key anywhere
WITHOUT_PAGU = b._line(S2, "027.05.DL", "6201", "QDB", "001", "532111", "01")


def _summary_key(db_path, kdsatker: str, kdppk: str, jenis: str) -> list[tuple]:
    db.dispose(db_path)
    with duckdb.connect(str(db_path.resolve()), read_only=True) as con:
        return con.sql("select bulan, pagu, realisasi_kumulatif, ada_pagu, ada_realisasi from agg_ringkasan_bulanan "
                       "where kdsatker = ? and kdppk = ? and jenis_belanja = ? order by bulan",
                       params=[kdsatker, kdppk, jenis]).fetchall()


def test_summary_keys_created_added_to_and_emptied_by_loads_equal_a_rebuild(warehouse, tmp_path):
    assert _summary_key(warehouse, S2, "01", "53") == []
    states = [_assert_maintained_equals_rebuilt(warehouse)]
    loads = [
        ("realisasi_bulanan", [b._wide(WITHOUT_PAGU, [0, 0, 5_000_000] + [0] * 8 + [-1_000_000])]),
        ("realisasi", [b._sp2d(L1, "2024-02-10", "DELTA-1", 3_000_000),
                       b._sp2d(L5, "2024-12-20", "DELTA-2", 4_000_000),
                       b._sp2d(WITHOUT_PAGU, "2024-06-01", "DELTA-3", 2_000_000)]),
        ("realisasi_bulanan", [b._wide(WITHOUT_PAGU, [0] * 12)]),
    ]
    loaded = []
    for n, (kind, rows) in enumerate(loads):
        loaded.append(_load(warehouse, tmp_path / f"muat{n}", kind, rows))
        states.append(_assert_maintained_equals_rebuilt(warehouse))
        created = _summary_key(warehouse, S2, "01", "53")
        if n == 0:  # a new key: twelve months, no pagu, realization from March
            assert [(m, p, r, ap, ar) for m, p, r, ap, ar in created][2:4] == [
                (3, 0, 5_000_000, False, True), (4, 0, 5_000_000, False, True)]
            assert created[0] == (1, 0, 0, False, False) and created[11][2] == 4_000_000
        if n == 1:  # the wide file's months and the SP2D's June
            assert [r for _, _, r, _, _ in created][5] == 7_000_000
    # the wide file zeroed the line's months; the SP2D's June remains
    assert [r for _, _, r, _, _ in _summary_key(warehouse, S2, "01", "53")][11] == 2_000_000
    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        after = _assert_maintained_equals_rebuilt(warehouse)
        assert after["agg_ringkasan_bulanan"].equals(expected["agg_ringkasan_bulanan"])
    assert _summary_key(warehouse, S2, "01", "53") == []


def test_a_key_left_without_realization_and_pagu_disappears(warehouse, tmp_path):
    _load(warehouse, tmp_path / "a", "realisasi_bulanan", [b._wide(WITHOUT_PAGU, [0, 7_000_000] + [0] * 10)])
    assert len(_summary_key(warehouse, S2, "01", "53")) == 12
    _load(warehouse, tmp_path / "b", "realisasi_bulanan", [b._wide(WITHOUT_PAGU, [0] * 12)])
    assert _summary_key(warehouse, S2, "01", "53") == []
    _assert_maintained_equals_rebuilt(warehouse)
