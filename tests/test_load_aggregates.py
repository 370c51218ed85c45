"""The aggregates a realization load brings up to date without rebuilding them (schema 9: the
realization aggregate takes the batch's lines as a delta, the summary aggregate keeps the pagu in
force it holds) equal what a rebuild from the facts gives, row for row and to the rupiah: after
loads that add lines, that supersede lines into another month or to nothing, after a wide file
that zeroes a line, and after each of those loads is undone."""
from __future__ import annotations

import duckdb
import pandas as pd

from monev.warehouse import batches, db
from monev.warehouse.ingest import REFRESHES, ingest_files

import builders as b
from builders import L1, L2, L5, L6

KEYS = ["thang", "bulan", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]
SUMMARY_KEYS = ["thang", "bulan", "kdsatker", "kdppk", "jenis_belanja"]
IKPA_KEYS = ["thang", "bulan_sd", "kdsatker"]

# Every line of the facts summed directly, not through any aggregate or macro.
REALISASI_FROM_FACTS = """
    select thang, month(tgl_sp2d)::smallint as bulan, kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun,
           kdppk, left(kdakun, 2) as jenis_belanja, sum(nilai)::bigint as realisasi
    from fact_realisasi group by all"""


def _stored(con, table: str, keys: list[str]) -> pd.DataFrame:
    return con.sql(f"select * from {table}").df().sort_values(keys).reset_index(drop=True)


def _rebuilt(db_path) -> dict[str, pd.DataFrame]:
    """Every aggregate rebuilt for every satker from the facts, in a scratch copy: the realization
    aggregate by summing the lines, the others by the rebuild macros (which read it)."""
    copy = db_path.with_name("rebuilt.duckdb")  # the macros read the warehouse's own tables
    copy.write_bytes(db_path.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    try:
        con.execute("delete from agg_realisasi_bulanan")
        con.execute(f"insert into agg_realisasi_bulanan {REALISASI_FROM_FACTS}")
        con.execute("create temp table staging_satker as select distinct thang, kdsatker from dim_satker")
        con.execute("delete from agg_ringkasan_bulanan")
        con.execute("insert into agg_ringkasan_bulanan select * from ringkasan_bulanan_baru()")
        con.execute("delete from agg_ikpa_bulanan")
        con.execute("insert into agg_ikpa_bulanan select * from ikpa_bulanan_baru()")
        return {"agg_realisasi_bulanan": _stored(con, "agg_realisasi_bulanan", KEYS),
                "agg_ringkasan_bulanan": _stored(con, "agg_ringkasan_bulanan", SUMMARY_KEYS),
                "agg_ikpa_bulanan": _stored(con, "agg_ikpa_bulanan", IKPA_KEYS)}
    finally:
        con.close()
        copy.unlink()


def _assert_maintained_equals_rebuilt(db_path) -> dict[str, pd.DataFrame]:
    db.dispose(db_path)
    con = duckdb.connect(str(db_path.resolve()), read_only=True)
    try:
        stored = {"agg_realisasi_bulanan": _stored(con, "agg_realisasi_bulanan", KEYS),
                  "agg_ringkasan_bulanan": _stored(con, "agg_ringkasan_bulanan", SUMMARY_KEYS),
                  "agg_ikpa_bulanan": _stored(con, "agg_ikpa_bulanan", IKPA_KEYS)}
        direct = con.sql(REALISASI_FROM_FACTS).df().sort_values(KEYS).reset_index(drop=True)
    finally:
        con.close()
    # the realization aggregate against the lines summed here, with no macro in between
    pd.testing.assert_frame_equal(stored["agg_realisasi_bulanan"], direct, check_dtype=False, check_exact=True)
    for table, expected in _rebuilt(db_path).items():
        pd.testing.assert_frame_equal(stored[table], expected, check_exact=True, obj=table)
    return stored


def _load(db_path, directory, kind, rows) -> int:
    [result] = ingest_files(db_path, [b.write_kind(directory, kind, rows)])
    assert result.status == "dimuat", result.problems.to_dict("records")
    return result.batch_id


def test_realization_loads_refresh_by_delta_not_rebuild():
    assert "load/refresh_agg_realisasi" not in REFRESHES["realisasi"]
    assert "load/refresh_agg_realisasi" not in REFRESHES["realisasi_bulanan"]
    assert "load/refresh_agg_ringkasan" not in REFRESHES["realisasi"]


def test_maintained_aggregates_equal_a_rebuild_after_loads_and_undos(warehouse, tmp_path):
    states = [_assert_maintained_equals_rebuilt(warehouse)]
    loads = [
        # new lines: one on a month and line that already has realization, one on a new month
        ("realisasi", [b._sp2d(L1, "2024-03-10", "TAMBAH-1", 7_000_000),
                       b._sp2d(L2, "2024-11-05", "TAMBAH-2", 9_000_000)]),
        # SP2D loaded before, restated: L2's June correction now dated August with another amount
        # (June held only it: that key must disappear), L1's January with another amount
        ("realisasi", [b._sp2d(L2, "2024-08-01", "2406028", -3_000_000),
                       b._sp2d(L1, "2024-01-25", "2401001/2024", 90_000_000)]),
        # a wide file restating a line's year: L6 now realized in one month only, L5 zeroed
        ("realisasi_bulanan", [b._wide(L6, [0] * 10 + [4_000_000_000, 0]),
                               b._wide(L5, [0] * 12)]),
    ]
    loaded = []
    for n, (kind, rows) in enumerate(loads):
        loaded.append(_load(warehouse, tmp_path / f"muat{n}", kind, rows))
        after = _assert_maintained_equals_rebuilt(warehouse)
        assert not after["agg_realisasi_bulanan"].equals(states[-1]["agg_realisasi_bulanan"]), kind
        states.append(after)
    moved = states[2]["agg_realisasi_bulanan"]
    of_l2 = (moved[list(L2)] == pd.Series(L2)).all(axis=1)
    assert moved[of_l2 & (moved["bulan"] == 6)].empty  # the key the moved SP2D left has no row
    assert moved.loc[of_l2 & (moved["bulan"] == 8), "realisasi"].tolist() == [-3_000_000]
    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        after = _assert_maintained_equals_rebuilt(warehouse)
        for table, frame in expected.items():
            pd.testing.assert_frame_equal(after[table], frame, check_exact=True, obj=table)


# The pagu in force per line and month end as pagu_berlaku defines it (every revision dated on or
# before the month's end, the highest one): what the load's warnings of realization above the
# pagu (queries/load/peringatan_pagu.sql) must agree with. (A step function per line joined by
# ASOF to the months was tried for those warnings: 18,3 against 19,8 s of CPU nationally, not kept.)
PAGU_PER_MONTH = """
    select f.thang, m.bulan, f.kdsatker, f.kdprogram, f.kdgiat, f.kdoutput, f.kdsoutput, f.kdakun, f.kdppk,
           arg_max(f.pagu, f.revisi_ke) as pagu
    from fact_pagu f
    join range(1, 13) m(bulan) on f.tgl_revisi <= last_day(make_date(f.thang, m.bulan::integer, 1))
    group by all"""
LINE = ["thang", "kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]


def test_warnings_above_pagu_follow_the_pagu_in_force_each_month(warehouse, tmp_path):
    from monev.warehouse import query

    # L1: 1,2 M from January, 1,5 M from April (revision 1); L4 has pagu only from April
    L4 = b.L4
    _load(warehouse, tmp_path / "lebih", "realisasi", [
        b._sp2d(L1, "2024-02-10", "LEBIH-1", 900_000_000),   # L1 to February: 1,0 bn of 1,2: fine
        b._sp2d(L1, "2024-03-10", "LEBIH-2", 300_000_000),   # to March 1,5 bn > 1,2 bn: above
        b._sp2d(L4, "2024-03-01", "LEBIH-3", 10_000_000),    # March: no pagu in force yet
        b._sp2d(L2, "2024-12-01", "LEBIH-4", 1_000_000_000),  # December: above 800 M
    ])
    db.dispose(warehouse)
    con = duckdb.connect(str(warehouse.resolve()), read_only=True)
    try:
        lines = con.sql(f"select distinct {', '.join(LINE)} from fact_realisasi").df()
        lines["baris"] = range(2, len(lines) + 2)
        con.register("staging_lines", lines)
        warned = con.sql(query.sql_text("load/peringatan_pagu")).df()
        cumulative = con.sql(f"""
            select {', '.join(LINE)}, bulan, sum(sum(realisasi)) over (partition by {', '.join(LINE)}
                   order by bulan)::bigint as realisasi
            from agg_realisasi_bulanan group by {', '.join(LINE)}, bulan""").df()
        pagu = con.sql(PAGU_PER_MONTH).df()
    finally:
        con.close()
    both = cumulative.merge(pagu, on=LINE + ["bulan"], how="left")
    flagged = both[(both["pagu"].isna() & (both["realisasi"] != 0)) | (both["realisasi"] > both["pagu"])]
    first = (flagged.sort_values("bulan").groupby(LINE + [flagged["pagu"].isna().rename("tanpa")], sort=False)
             .head(1).merge(lines, on=LINE))
    key = LINE + ["bulan"]
    expected = first[key + ["realisasi", "pagu"]].sort_values(key).reset_index(drop=True)
    got = warned[key + ["realisasi", "pagu"]].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    of = {(row.kdakun, row.kdppk, row.bulan, None if pd.isna(row.pagu) else int(row.pagu)) for row in got.itertuples()}
    assert {(L1["kdakun"], "01", 3, 1_200_000_000), (L4["kdakun"], "02", 3, None),
            (L2["kdakun"], "01", 12, 800_000_000)} <= of


def test_top_levels_of_the_drill_down_from_the_summary_aggregate_equal_the_lines(warehouse, tmp_path):
    """queries/rincian_atas.sql (unit and satker levels, from agg_ringkasan_bulanan) lists the same
    children with the same amounts as rincian_anggaran.sql (budget lines and line x month rows),
    every month, with and without filters and PPK scope, also after a realization load."""
    from monev.warehouse import query
    from monev.warehouse.query import EVERYTHING, Filters, Scope

    def compare():
        engine = db.engine(warehouse)
        for bulan in range(1, 13):
            sampai = f"2024-{bulan:02d}-{pd.Period(f'2024-{bulan:02d}').days_in_month}"
            for scope, filters, path in [(EVERYTHING, query.NO_FILTER, {}),
                                         (EVERYTHING, Filters(jenis_belanja=("52",)), {}),
                                         (Scope(ppks=((b.S1, "02"),)), query.NO_FILTER, {}),
                                         (EVERYTHING, query.NO_FILTER, {"p_unit": ["05"]})]:
                for tingkat in ("unit", "satker"):
                    params = {**dict(tahun=2024, sampai=sampai, tingkat=tingkat, p_unit=[], p_satker=[]), **path}
                    top = query.run(engine, "rincian_atas", scope=scope, filters=filters, **params)
                    lines = query.run(engine, "rincian_anggaran", scope=scope, filters=filters, p_program=[],
                                      p_giat=[], p_ro=[], **params)
                    pd.testing.assert_frame_equal(top, lines, check_dtype=False, obj=f"{tingkat} {bulan} {filters}")

    compare()
    _load(warehouse, tmp_path / "muat", "realisasi", [b._sp2d(b.L4, "2024-02-01", "AWAL-L4", 5_000_000)])
    db.dispose(warehouse)
    compare()
    db.dispose(warehouse)


# --- schema 11 (muat): the RPD plan in force per as-of month kept as a table, and the IKPA month
# aggregate folded once per stretch of as-of months without plan or pagu changes ---------------

# The plan in force at each month's end from the facts, as rpd_bulanan.sql and schema 5 defined it.
PLAN_FROM_FACTS = """
    select f.thang, t.bulan_sd::smallint as bulan_sd, f.kdsatker, f.jenis_belanja, f.bulan,
           arg_max(f.rpd, f.tgl_update) as rpd
    from fact_rpd f
    join range(1, 13) t(bulan_sd) on f.tgl_update <= last_day(make_date(f.thang, t.bulan_sd::integer, 1))
    group by all"""
PLAN_STORED = """
    select p.thang, t.bulan_sd::smallint as bulan_sd, p.kdsatker, p.jenis_belanja, p.bulan, p.rpd
    from agg_rpd_berlaku p
    join range(1, 13) t(bulan_sd) on t.bulan_sd between p.bulan_sd_awal and p.bulan_sd_akhir"""
PLAN_KEYS = ["thang", "bulan_sd", "kdsatker", "jenis_belanja", "bulan"]


def _schema_9_ikpa_macro() -> str:
    """Schema 9's ikpa_bulanan_baru(), as its migration wrote it, renamed: the formula the
    aggregate must still give bit for bit."""
    text = (db.SCHEMA_DIR / "009_muat_cepat.sql").read_text(encoding="utf-8")
    start = text.index("create or replace macro ikpa_bulanan_baru()")
    body = text[start:text.index(";", text.index("left join deviasi d on", start))]
    return body.replace("ikpa_bulanan_baru()", "ikpa_bulanan_skema9()")


def _assert_plan_and_ikpa_follow_the_facts(db_path) -> None:
    db.dispose(db_path)
    copy = db_path.with_name("skema9.duckdb")
    copy.write_bytes(db_path.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    try:
        stored = con.sql(PLAN_STORED).df().sort_values(PLAN_KEYS).reset_index(drop=True)
        facts = con.sql(PLAN_FROM_FACTS).df().sort_values(PLAN_KEYS).reset_index(drop=True)
        pd.testing.assert_frame_equal(stored, facts, check_dtype=False, check_exact=True, obj="agg_rpd_berlaku")
        con.execute("create temp table staging_satker as select distinct thang, kdsatker from dim_satker")
        con.execute(_schema_9_ikpa_macro())
        old = con.sql("select * from ikpa_bulanan_skema9()").df().sort_values(IKPA_KEYS).reset_index(drop=True)
        now = _stored(con, "agg_ikpa_bulanan", IKPA_KEYS)
        assert now["deviasi_rata_pagu"].notna().any()
        pd.testing.assert_frame_equal(now, old, check_exact=True, obj="agg_ikpa_bulanan against schema 9")
    finally:
        con.close()
        copy.unlink()


def test_plan_in_force_and_ikpa_follow_the_facts_and_schema_9_after_loads_and_undos(warehouse, tmp_path):
    """RPD revisions (two in one month: the later one counts; a plan for a new jenis belanja; one
    dated on the year's last day, in force for December only), a pagu revision mid-year (new weights
    from August), a realization on a jenis belanja without a plan: after each load and each undo, the stored plan in
    force per as-of month is the facts' and the IKPA aggregate is schema 9's formula to the last bit."""
    S1, S2 = b.S1, b.S2

    def plan(satker, jenis, bulan, rpd, tgl):
        return dict(thang=b.THANG, kdsatker=satker, jenis_belanja=jenis, bulan=bulan, rpd=rpd, tgl_update=tgl)

    loads = [
        ("rpd", [plan(S1, "51", 3, 150_000_000, "2024-04-02"), plan(S1, "51", 3, 90_000_000, "2024-04-20"),
                 plan(S1, "51", 9, 40_000_000, "2024-07-08"), plan(S1, "52", 5, 30_000_000, "2024-01-20"),
                 plan(S2, "57", 6, 1_000_000_000, "2024-12-31")]),
        ("pagu", [b._pagu(L2, 950_000_000, 0, 3, "2024-08-01")]),
        ("realisasi", [b._sp2d(b.L4, "2024-05-10", "RENCANA-1", 25_000_000),
                       b._sp2d(L1, "2024-03-15", "RENCANA-2", 60_000_000)]),
    ]
    _assert_plan_and_ikpa_follow_the_facts(warehouse)
    loaded = []
    for n, (kind, rows) in enumerate(loads):
        loaded.append(_load(warehouse, tmp_path / f"rencana{n}", kind, rows))
        _assert_plan_and_ikpa_follow_the_facts(warehouse)
    assert b.rows(warehouse, "select bulan_sd_awal, bulan_sd_akhir, rpd from agg_rpd_berlaku where kdsatker = :s "
                             "and jenis_belanja = '51' and bulan = 3 order by 1", s=S1) == [
        (1, 3, 100_000_000), (4, 12, 90_000_000)]
    assert b.rows(warehouse, "select bulan_sd_awal, bulan_sd_akhir, rpd from agg_rpd_berlaku where kdsatker = :s "
                             "and jenis_belanja = '57' and bulan = 6 order by 1", s=S2) == [
        (1, 11, 5_000_000_000), (12, 12, 1_000_000_000)]
    for batch_id in reversed(loaded):
        batches.undo(warehouse, batch_id)
        _assert_plan_and_ikpa_follow_the_facts(warehouse)


# The capaian RO aggregate (schema 10): a realization load adds its change to the RO it touched,
# keeping their pagu and reports (queries/load/refresh_agg_capaian_ro_realisasi.sql); a capaian
# load remakes the reports of the satker touched (refresh_agg_capaian_ro_laporan.sql); the other
# loads and undo rebuild the satker touched. Either way, row for row what a rebuild of every
# satker gives.
def _capaian_ro(con) -> pd.DataFrame:
    """One row per RO; its lists of 12 month-end figures as tuples of Python values (None where
    there is none), so frames compare them exactly."""
    relation = con.sql("select * from agg_capaian_ro order by thang, kdsatker, kdgiat, kdoutput, kdsoutput")
    rows = [tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in relation.fetchall()]
    return pd.DataFrame(rows, columns=relation.columns)


def _assert_capaian_ro_equals_rebuilt(db_path) -> pd.DataFrame:
    db.dispose(db_path)
    copy = db_path.with_name("rebuilt.duckdb")
    copy.write_bytes(db_path.resolve().read_bytes())
    con = duckdb.connect(str(copy))
    try:
        stored = _capaian_ro(con)
        con.execute("create temp table staging_satker as select distinct thang, kdsatker from dim_satker")
        con.execute("delete from agg_capaian_ro")
        con.execute("insert into agg_capaian_ro select * from capaian_ro_baru()")
        pd.testing.assert_frame_equal(stored, _capaian_ro(con), check_exact=True, obj="agg_capaian_ro")
    finally:
        con.close()
        copy.unlink()
    return stored


def test_capaian_ro_aggregate_equals_a_rebuild_after_loads_and_undos(warehouse, tmp_path):
    assert "load/refresh_agg_capaian_ro_realisasi" in REFRESHES["realisasi"]
    assert REFRESHES["capaian"][-1] == "load/refresh_agg_capaian_ro_laporan"
    states = [_assert_capaian_ro_equals_rebuilt(warehouse)]
    other_ro = b._line(b.S3, "027.05.DL", "6201", "QDB", "002", "573111", "01")  # no pagu: a new RO
    only_realized = b._line(b.S1, "027.05.DL", "6201", "QDB", "001", "573111", "01")
    loads = [("realisasi", [b._sp2d(L1, "2024-03-10", "CRO-1", 7_000_000),
                            b._sp2d(other_ro, "2024-05-20", "CRO-2", 11_000_000)]),
             ("realisasi", [b._sp2d(L2, "2024-08-01", "2406028", -3_000_000),   # moved to August
                            b._sp2d(other_ro, "2024-07-01", "CRO-2", 2_000_000)]),  # and the new RO's
             ("realisasi_bulanan", [b._wide(L5, [0] * 12)]),
             # an RO with realization only, from a wide file; then zeroed: no RO of the year any more
             ("realisasi_bulanan", [b._wide(only_realized, [0, 0, 5_000_000] + [0] * 9)]),
             ("realisasi_bulanan", [b._wide(only_realized, [0] * 12)]),
             # a later report of a reported RO, and one on an RO with nothing else: a new RO
             ("capaian", [dict(thang=2024, bulan=9, kdsatker=b.S1, kdgiat="0123", kdoutput="EBA",
                               kdsoutput="962", target_vol="12", real_vol="11", progres_fisik="91.5"),
                          dict(thang=2024, bulan=4, kdsatker=b.S1, kdgiat="6201", kdoutput="QDB",
                               kdsoutput="002", target_vol="3", real_vol="1", progres_fisik="20")]),
             ("pagu", [b._pagu(L1, 1_700_000_000, 0, 2, "2024-08-15")])]
    loaded = []
    for n, (kind, rows) in enumerate(loads):
        loaded.append(_load(warehouse, tmp_path / f"capaian{n}", kind, rows))
        states.append(_assert_capaian_ro_equals_rebuilt(warehouse))
        assert not states[-1].equals(states[-2]), kind
    assert len(states[4]) == len(states[3]) + 1 and states[5].equals(states[3])  # the RO came and went
    assert len(states[6]) == len(states[5]) + 1  # the RO with a report only
    for batch_id, expected in zip(reversed(loaded), reversed(states[:-1])):
        batches.undo(warehouse, batch_id)
        pd.testing.assert_frame_equal(_assert_capaian_ro_equals_rebuilt(warehouse), expected, check_exact=True)
