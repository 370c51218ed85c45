"""The projection's RPD fallback read from the plan kept at load time (schema 18, agg_proyeksi_rpd)
equals what queries/proyeksi_rpd.sql computed from the facts before it (REFERENCE below: each
month's plan at its latest tgl_update on or before the as-of month's end, pivoted at read time),
at every as-of month, with a scope, a PPK-only scope and a jenis belanja filter: on the sample
warehouse, after RPD loads revising a plan mid-year and giving a satker without one its first,
after each is undone, in an "as loaded at" copy, and when the migration fills it for a warehouse
loaded before it. A load rebuilds the rows of the satker it loaded only."""
from __future__ import annotations

import duckdb
import pandas as pd
import sqlalchemy as sa

from monev.domain.period import Period
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import REFRESHES, ingest_files
from monev.warehouse.query import EVERYTHING, Filters, Scope

import builders as b

TABLE = "agg_proyeksi_rpd"
REFRESH = "load/refresh_agg_proyeksi_rpd"

# queries/proyeksi_rpd.sql before schema 18: the reference the kept rows must reproduce
REFERENCE = """
with s as (
    select kdsatker from satker_terpilih(:tahun, :scope_unit, :scope_satker, :f_unit, :f_satker,
                                         :f_kewenangan, :f_lokasi)
    where satker_utuh(:scope_ppk)
)
select x.kdsatker, x.jenis_belanja,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 1)::bigint as rpd_1,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 2)::bigint as rpd_2,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 3)::bigint as rpd_3,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 4)::bigint as rpd_4,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 5)::bigint as rpd_5,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 6)::bigint as rpd_6,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 7)::bigint as rpd_7,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 8)::bigint as rpd_8,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 9)::bigint as rpd_9,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 10)::bigint as rpd_10,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 11)::bigint as rpd_11,
       arg_max(x.rpd, x.tgl_update) filter (where x.bulan = 12)::bigint as rpd_12
from fact_rpd x
semi join s on s.kdsatker = x.kdsatker
where x.thang = :tahun and x.tgl_update <= CAST(:sampai AS DATE)
  and allowed(:f_jenis_belanja, x.jenis_belanja)
group by x.kdsatker, x.jenis_belanja
order by x.kdsatker, x.jenis_belanja
"""

SELECTIONS = [
    (EVERYTHING, query.NO_FILTER),
    (Scope(units=("05",)), query.NO_FILTER),
    (Scope(ppks=((b.S1, "01"),)), query.NO_FILTER),  # a satker-level measure: none for PPK only
    (EVERYTHING, Filters(jenis_belanja=("51", "52"))),
]


def _reference(engine, params: dict) -> pd.DataFrame:
    compiled = sa.text(REFERENCE).compile(dialect=engine.dialect)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        return driver.sql(compiled.string, params=[params[k] for k in compiled.positiontup]).df()


def _assert_same_as_reference(db_path) -> dict:
    """Both reads at every as-of month and selection; returns the unscoped reads per month."""
    db.dispose(db_path)
    engine = db.engine(db_path)
    shown = {}
    for bulan in range(1, 13):
        period = Period(b.THANG, bulan)
        for scope, filters in SELECTIONS:
            got = query.run(engine, "proyeksi_rpd", scope=scope, filters=filters, tahun=period.tahun,
                            sampai=period.sampai)
            expected = _reference(engine, {**scope.params(), **filters.params(), "tahun": period.tahun,
                                           "sampai": period.sampai})
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)
            if scope == EVERYTHING and filters == query.NO_FILTER:
                shown[bulan] = got
    db.dispose(db_path)
    return shown


def _stored(db_path) -> pd.DataFrame:
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        return con.sql(f"select * from {TABLE} order by all").df()
    finally:
        con.close()


def _load(db_path, directory, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, "rpd", rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


def _rpd(kdsatker, jenis_belanja, bulan, rpd, tgl_update):
    return dict(thang=b.THANG, kdsatker=kdsatker, jenis_belanja=jenis_belanja, bulan=bulan, rpd=rpd,
                tgl_update=tgl_update)


LOADS = [
    # S1's pegawai revised in May for March to December, March again in August (to 0), and a
    # plan for December alone dated in October: stretches from 1, 5, 8 and 10
    [*(_rpd(b.S1, "51", m, 250_000_000, "2024-05-02") for m in range(3, 13)),
     _rpd(b.S1, "51", 3, 0, "2024-08-20"), _rpd(b.S1, "52", 12, 40_000_000, "2024-10-01")],
    # S3 had no plan: its first, from April on, for some months only
    [_rpd(b.S3, "52", m, 30_000_000 * m, "2024-04-15") for m in (4, 5, 9)],
]


def test_every_rpd_load_and_undo_rebuilds_it_after_the_plan_in_force():
    scripts = REFRESHES["rpd"]
    assert scripts.index(REFRESH) == scripts.index("load/refresh_agg_rpd_berlaku") + 1
    order = batches.REFRESH_SCRIPTS
    assert order.index(REFRESH) > order.index("load/refresh_agg_rpd_berlaku")
    assert all(REFRESH not in s for kind, s in REFRESHES.items() if kind != "rpd")  # nothing else changes it


def test_kept_plan_equals_the_facts_after_mid_year_revisions_loads_and_undos(warehouse, tmp_path):
    states = [_stored(warehouse)]
    shown = _assert_same_as_reference(warehouse)
    assert set(shown[12]["kdsatker"]) == {b.S1, b.S2}  # S3 has no plan in the sample: no row
    loaded = []
    for n, rows in enumerate(LOADS):
        loaded.append(_load(warehouse, tmp_path / f"rpd{n}", rows))
        states.append(_stored(warehouse))
        assert not states[-1].equals(states[-2]), n
        shown = _assert_same_as_reference(warehouse)
        if n == 0:  # the revision shows from the month it was made, and not before
            pegawai = {m: s.set_index(["kdsatker", "jenis_belanja"]).loc[(b.S1, "51")] for m, s in shown.items()}
            assert pegawai[4]["rpd_3"] == 100_000_000 and pegawai[5]["rpd_3"] == 250_000_000
            assert pegawai[8]["rpd_3"] == 0 and pegawai[12]["rpd_12"] == 250_000_000
            assert (b.S1, "52") not in shown[9].set_index(["kdsatker", "jenis_belanja"]).index
    stretches = states[1][(states[1]["kdsatker"] == b.S1) & (states[1]["jenis_belanja"] == "51")]
    assert stretches[["bulan_sd_awal", "bulan_sd_akhir"]].values.tolist() == [[1, 4], [5, 7], [8, 12]]
    new = shown[4].set_index("kdsatker").loc[b.S3]
    assert new["rpd_4"] == 120_000_000 and pd.isna(new["rpd_6"]) and b.S3 not in set(shown[3]["kdsatker"])

    copy = batches.as_loaded_at(warehouse, loaded[0])
    con = duckdb.connect(str(copy), read_only=True)
    try:
        pd.testing.assert_frame_equal(con.sql(f"select * from {TABLE} order by all").df(), states[1], check_exact=True)
    finally:
        con.close()

    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        pd.testing.assert_frame_equal(_stored(warehouse), expected, check_exact=True)
        _assert_same_as_reference(warehouse)


def test_a_load_rebuilds_the_rows_of_its_satker_only(warehouse, tmp_path):
    db.dispose(warehouse)
    con = duckdb.connect(str(warehouse.resolve()))
    try:  # a mark on S2's rows, which an RPD load of S1 must leave as they are
        con.execute(f"update {TABLE} set rpd_1 = -1 where kdsatker = ?", [b.S2])
    finally:
        con.close()
    _load(warehouse, tmp_path / "rpd", LOADS[0])
    stored = _stored(warehouse)
    assert (stored.loc[stored["kdsatker"] == b.S2, "rpd_1"] == -1).all()
    assert (stored.loc[stored["kdsatker"] == b.S1, "rpd_1"] != -1).all()


def test_the_migration_fills_it_for_a_warehouse_loaded_before_it(warehouse, tmp_path):
    _load(warehouse, tmp_path / "rpd", LOADS[0])
    expected = _stored(warehouse)
    con = duckdb.connect(str(warehouse.resolve()))
    try:  # as before schema 18: no table, the migration not listed as applied
        con.execute(f"drop table {TABLE}")
        listed = con.execute("select value from warehouse_info where key = 'migrasi'").fetchall()[0][0]
        con.execute("update warehouse_info set value = ? where key = 'migrasi'",
                    [",".join(n for n in listed.split(",") if n != "18")])
    finally:
        con.close()
    db.engine(warehouse)  # opening it migrates it into a new version
    pd.testing.assert_frame_equal(_stored(warehouse), expected, check_exact=True)
    _assert_same_as_reference(warehouse)
