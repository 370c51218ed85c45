"""Every file in queries/ runs against a small loaded warehouse: the top-level ones here, with
plausible parameters and the columns their header promises; ref/ and load/ through ingest."""
from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd
import pytest
import sqlalchemy as sa

from monev.paths import QUERIES
from monev.warehouse import db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING

import builders as b
import sql_macros
from builders import S1, S2, S3

SAMPAI = date(2024, 6, 30)
# Plausible values for the parameters a query may take (scope and filters are bound by query.run).
PLAUSIBLE = {
    "tahun": b.THANG, "sampai": SAMPAI, "bulan": 6, "triwulan": 2, "kdsatker": S1, "kdunit": "01",
    "kdppk": "01", "jenis_belanja": "57", "batch_id": 1, "dari": date(2024, 1, 1), "lang": "id",
    "tingkat": "satker", "daftar_tahun": [b.THANG], "per_ppk": True,
    "target_bulan": [3, 6], "target_jenis": ["52", "57"], "target_persen": [15.0, 50.0],
    "urut": True, "bulan_awal": 1,
}
BOUND_BY_RUN = {"scope_unit", "scope_satker", "scope_ppk", "f_unit", "f_satker", "f_kewenangan", "f_jenis_belanja",
                "f_lokasi"}
# Queries of kinds the base data set (tests/builders.py) does not hold: they run on
# the base data with the IKPA sources loaded on top (ikpa_sources below), and must return rows there.
NOT_IN_BASE_DATA = {"ikpa_aturan", "ikpa_omspan_bulanan", "ikpa_dispensasi", "ikpa_dispensasi_bulanan"}
# Load files run only by year-to-date snapshots and load warnings, which neither the base data nor
# the IKPA sources hold: the named test loads such files and checks what they write, by value.
LOADED_ELSEWHERE = {"load/realisasi_kumulatif": "tests/test_real_exports.py",
                    "load/peringatan_kumulatif": "tests/test_real_exports.py",
                    "load/catat_peringatan": "tests/test_real_exports.py",
                    "load/peringatan_batch": "tests/test_real_exports.py",
                    # the rebuild: snapshot loads, undo and "as loaded at" (other loads take a delta)
                    "load/refresh_agg_realisasi": "tests/test_load_aggregates.py, tests/test_real_exports.py"}


@pytest.fixture(scope="module")
def ikpa_sources(shared_warehouse, tmp_path_factory):
    """The shared warehouse's data with an IKPA rule file, an OM-SPAN IKPA report and a dispensasi
    SPM report loaded (the rows of tests/test_ikpa.py): (engine, names of the queries/ files read
    while loading them)."""
    import shutil

    from monev.domain import ikpa_rules

    from test_ikpa import DISPENSASI_COLUMNS, DISPENSASI_ROWS, OMSPAN_HEADER, OMSPAN_ROWS

    base = tmp_path_factory.mktemp("ikpa_sumber")
    db_path = base / "gudang.duckdb"
    shutil.copyfile(shared_warehouse, db_path)
    files = [b.write_csv(base / "ikpa_aturan.csv", ikpa_rules.default_rows(b.THANG).assign(peraturan="PER-UJI")
                         .to_dict("records"), ["thang", "peraturan", "parameter", "kunci", "nilai"]),
             b.write_csv(base / "ikpa_omspan.csv", OMSPAN_ROWS, list(OMSPAN_HEADER), header_case=OMSPAN_HEADER.get),
             b.write_csv(base / "dispensasi_spm.csv", DISPENSASI_ROWS, DISPENSASI_COLUMNS)]
    read = []
    original = query.sql_text
    query.sql_text = lambda name: read.append(name) or original(name)
    try:
        for path in files:
            [result] = ingest_files(db_path, [path])
            assert result.status == "dimuat", result.problems.to_dict("records")
    finally:
        query.sql_text = original
        db.dispose(db_path)
    yield db.engine(db_path), set(read)
    db.dispose(db_path)


QUERY_NAMES = sql_macros.query_names()  # the top-level queries, one per question


def declared_columns(name: str) -> list[str] | None:
    """The `returns:` list in a query's header comment, if it has one (notes in parentheses,
    after a ';' and prose continuation lines are left out)."""
    header = []
    for line in query.sql_text(name).splitlines():
        if not line.startswith("--"):
            break
        header.append(line[2:])
    for i, line in enumerate(header):
        if "returns:" in line:
            text = line.split("returns:", 1)[1]
            for more in header[i + 1:]:
                if not more.startswith("  "):
                    break
                text += " " + more
            while re.search(r"\([^()]*\)", text):
                text = re.sub(r"\([^()]*\)", "", text)
            text = text.split(";")[0]
            # 'rpd_1 .. rpd_12': one column per month
            text = re.sub(r"([a-z_]+)_(\d+) \.\. \1_(\d+)",
                          lambda m: ", ".join(f"{m[1]}_{k}" for k in range(int(m[2]), int(m[3]) + 1)), text)
            return [c.strip() for c in text.split(",") if re.fullmatch(r"[a-z_][a-z0-9_]*", c.strip())]
    return None


def parameters(name: str) -> set[str]:
    return set(sa.text(query.sql_text(name)).compile().params) - BOUND_BY_RUN


def plausible(name: str) -> dict:
    """Drill-path lists (p_*) are empty, meaning 'not chosen yet'."""
    wanted = parameters(name)
    values = {k: [] for k in wanted if k.startswith("p_")}
    values.update({k: PLAUSIBLE[k] for k in wanted if k in PLAUSIBLE})
    missing = wanted - set(values)
    assert not missing, f"queries/{name}.sql takes {missing}: add plausible values to PLAUSIBLE"
    return values


def test_there_are_queries():
    assert {"ringkasan_ppk", "target_triwulan", "tahun_anggaran", "info_gudang", "data_terakhir"} <= set(
        QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_runs_and_returns_its_declared_columns(name, engine, request):
    if name in NOT_IN_BASE_DATA:
        engine = request.getfixturevalue("ikpa_sources")[0]
    if query.is_scoped(name):
        frame = query.run(engine, name, scope=EVERYTHING, **plausible(name))
    else:
        frame = query.reference(engine, name, **plausible(name))
    assert isinstance(frame, pd.DataFrame)
    declared = declared_columns(name)
    if declared is not None:
        assert list(frame.columns) == declared
    assert len(frame) > 0, f"queries/{name}.sql returned nothing on a loaded warehouse"
    if name in CHECKS:
        CHECKS[name](frame, b.base_dataset())


def test_unknown_query_name_is_refused(engine):
    with pytest.raises(KeyError, match="Kueri tidak dikenal"):
        query.run(engine, "tidak_ada", scope=EVERYTHING)


# ------------------------------------------------------------------ expected values per query

def check_ringkasan_ppk(frame, data):
    expected = b.expected_summary(data, b.THANG, SAMPAI.month)["grain"]
    got = {(r.kdunit, r.kdsatker, r.kdppk, r.jenis_belanja): {"pagu": r.pagu, "blokir": r.blokir,
                                                              "realisasi": r.realisasi}
           for r in frame.itertuples()}
    assert got == expected
    satker = {s["kdsatker"]: s for s in data.rows["satker"]}
    units = {u["kdunit"]: u["nmunit"] for u in data.rows["unit"]}
    for r in frame.itertuples():
        assert (r.nmsatker, r.kewenangan, r.kdlokasi) == (
            satker[r.kdsatker]["nmsatker"], satker[r.kdsatker]["kewenangan"], satker[r.kdsatker]["kdlokasi"])
        assert r.nmunit == units[r.kdunit]
    for amount in ("pagu", "blokir", "realisasi"):
        assert pd.api.types.is_integer_dtype(frame[amount])


def check_target_triwulan(frame, data):
    got = sorted((r.jenis_belanja, int(r.triwulan), float(r.target_persen)) for r in frame.itertuples())
    assert got == sorted((t["jenis_belanja"], t["triwulan"], float(t["target_persen"])) for t in data.rows["target"])


def check_tahun_anggaran(frame, data):
    assert [int(t) for t in frame["thang"]] == sorted({r["thang"] for r in data.rows["pagu"]}, reverse=True)


def check_info_gudang(frame, data):
    info = dict(zip(frame["key"], frame["value"]))
    assert info["schema_version"] == str(db.SCHEMA_VERSION)
    assert "sample_scale" not in info


def check_data_terakhir(frame, data):
    [row] = frame.to_dict("records")
    entries = b.realization_entries(data)
    assert int(row["bulan_terakhir"]) == max(month for _, month, _ in entries)
    last_dates = [date.fromisoformat(r["tgl_sp2d"]) for r in data.rows["realisasi"]] + [
        b.month_end(line["thang"], month) for line, month, _ in entries if "no_sp2d" not in line]
    assert pd.Timestamp(row["tgl_realisasi_terakhir"]).date() == max(last_dates)
    assert int(row["batch_terakhir"]) == len([k for k, v in data.rows.items() if v])
    assert isinstance(pd.Timestamp(row["dimuat_terakhir"]).to_pydatetime(), datetime)


CHECKS = {
    "ringkasan_ppk": check_ringkasan_ppk,
    "target_triwulan": check_target_triwulan,
    "tahun_anggaran": check_tahun_anggaran,
    "info_gudang": check_info_gudang,
    "data_terakhir": check_data_terakhir,
}


def test_queries_on_an_empty_warehouse(empty_warehouse):
    engine = db.engine(empty_warehouse)
    assert query.run(engine, "ringkasan_ppk", tahun=b.THANG, sampai=SAMPAI, scope=EVERYTHING).empty
    assert query.run(engine, "tahun_anggaran", scope=EVERYTHING).empty
    [row] = query.run(engine, "data_terakhir", tahun=b.THANG, scope=EVERYTHING).to_dict("records")
    assert all(pd.isna(v) for v in row.values())


def test_ringkasan_ppk_other_year_is_empty(engine):
    assert query.run(engine, "ringkasan_ppk", tahun=b.THANG + 1, sampai=date(b.THANG + 1, 6, 30),
                     scope=EVERYTHING).empty


# ------------------------------------------------------------------ ref/ and load/ files

def _sub_queries(folder: str) -> set[str]:
    return {f"{folder}/{p.stem}" for p in (QUERIES / folder).glob("*.sql")}


def test_ref_and_load_queries_all_run_during_a_full_load(template_queries, ikpa_sources):
    """conftest records every queries/ file read while the template warehouse is loaded; the IKPA
    source files are loaded by ikpa_sources."""
    expected = _sub_queries("ref") | _sub_queries("load")
    assert expected, "queries/ref and queries/load hold files"
    missing = expected - template_queries - ikpa_sources[1] - set(LOADED_ELSEWHERE)
    assert missing == set(), f"never run by a load: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(_sub_queries("ref")))
def test_ref_queries_return_the_loaded_codes(name, engine):
    data = b.base_dataset()
    frame = query.reference(engine, name)
    expected = {
        "ref/satker": {(r["thang"], r["kdsatker"]) for r in data.rows["satker"]},
        "ref/unit": {(r["thang"], r["kdunit"]) for r in data.rows["unit"]},
        "ref/lokasi": {(r["thang"], r["kdlokasi"]) for r in data.rows["lokasi"]},
        "ref/program": {(r["thang"], r["kdprogram"]) for r in data.rows["program"]},
        "ref/kegiatan": {(r["thang"], r["kdgiat"]) for r in data.rows["kegiatan"]},
        "ref/ro": {(r["thang"], r["kdgiat"], r["kdoutput"], r["kdsoutput"]) for r in data.rows["ro"]},
        "ref/akun": {(r["kdakun"],) for r in data.rows["akun"]},
        "ref/pejabat": {(r["thang"], r["kdsatker"], r["kdppk"]) for r in data.rows["pejabat"] if r["peran"] == "PPK"},
        "ref/pagu_ppk": {tuple(r[c] for c in b.LINE) for r in data.rows["pagu"]},
    }
    if name not in expected:
        assert len(frame) > 0, name  # a reference query added later: it must at least see the data
        return
    got = {tuple(int(v) if c == "thang" else v for c, v in zip(frame.columns, row))
           for row in frame.itertuples(index=False)}
    if name == "ref/lokasi":  # the loaded year; every other year has the built-in list (schema 6)
        other_years = {row for row in got if row[0] != b.THANG}
        assert {(2021, "94"), (2022, "96")} <= other_years and (2021, "96") not in other_years
        got -= other_years
    assert got == expected[name]


def test_load_queries_fill_their_tables(engine):
    data = b.base_dataset()
    counts = {
        "dim_lokasi": "lokasi", "dim_unit": "unit", "dim_satker": "satker", "dim_program": "program",
        "dim_kegiatan": "kegiatan", "dim_ro": "ro", "dim_akun": "akun", "dim_pejabat": "pejabat",
        "ref_target": "target", "fact_pagu": "pagu", "fact_rpd": "rpd", "fact_capaian": "capaian",
        "fact_revisi": "revisi",
    }
    with engine.connect() as conn:
        for view, kind in counts.items():
            where = f" where thang = {b.THANG}" if view == "dim_lokasi" else ""  # other years: built in
            assert conn.exec_driver_sql(f"select count(*) from {view}{where}").scalar() == len(data.rows[kind]), view
        realized = len(b.realization_entries(data))
        assert conn.exec_driver_sql("select count(*) from fact_realisasi").scalar() == realized
        agg = conn.exec_driver_sql("select sum(realisasi)::varchar from agg_realisasi_bulanan").scalar()
        assert int(agg) == sum(amount for _, _, amount in b.realization_entries(data))


def test_allowed_macro_and_satker_terpilih(engine):
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "select kdsatker from satker_terpilih(:t, :su, :ss, :fu, :fs, :fk, :fl) order by 1"),
            {"t": b.THANG, "su": ["05"], "ss": [], "fu": [], "fs": [], "fk": [], "fl": ["32"]}).fetchall()
    assert [r[0] for r in rows] == [S3]
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "select kdsatker from satker_terpilih(:t, :su, :ss, :fu, :fs, :fk, :fl) order by 1"),
            {"t": b.THANG, "su": [], "ss": [S1, S2], "fu": [], "fs": [], "fk": ["KP"], "fl": []}).fetchall()
    assert [r[0] for r in rows] == [S1, S2]


def test_ingest_uses_the_ref_queries_for_the_right_year(warehouse, tmp_path):
    """A code known in 2024 is unknown for 2025 until 2025 reference data is loaded."""
    unit_2025 = b.write_kind(tmp_path, "unit", [dict(thang=2025, kdunit="01", nmunit="Sekretariat Jenderal")])
    satker_2025 = [dict(thang=2025, kdsatker=S1, nmsatker="Biro Keuangan", kdunit="01", kewenangan="KP",
                        kdlokasi="31")]
    path = b.write_kind(tmp_path / "s", "satker", satker_2025)
    [rejected] = ingest_files(warehouse, [path])
    assert rejected.status == "ditolak"
    assert "kdunit" in {p["kolom"] for p in rejected.problems.to_dict("records")}
    lokasi_2025 = b.write_kind(tmp_path, "lokasi", [dict(thang=2025, kdlokasi="31", nmlokasi="DKI Jakarta")])
    results = ingest_files(warehouse, [unit_2025, lokasi_2025])
    assert {r.status for r in results} == {"dimuat"}
    [accepted] = ingest_files(warehouse, [path])
    assert accepted.status == "dimuat", accepted.problems.to_dict("records")


# ------------------------------------------------------------------ the other top-level queries, by value
# Each expectation is computed from the test's own rows. Only the names QUERY_NAMES lists
# are parametrised, so a query renamed or removed by another change drops out here.

LINE6 = b.LINE[1:7]  # kdsatker .. kdakun


def line_amounts(data, bulan: int) -> dict[tuple, dict]:
    """Per budget line and PPK: pagu/blokir in force at the month end, realization up to it."""
    out: dict[tuple, dict] = {}

    def cell(line):
        return out.setdefault(tuple(line[c] for c in b.LINE[1:]), {"pagu": 0, "blokir": 0, "realisasi": 0})

    for row in b.pagu_in_force(data, b.month_end(b.THANG, bulan)).values():
        cell(row)["pagu"] += row["pagu"]
        cell(row)["blokir"] += row["blokir"]
    for line, month, amount in b.realization_entries(data):
        if month <= bulan:
            cell(line)["realisasi"] += amount
    return out


def realized_by(data, key, upto=12) -> dict:
    found: dict = {}
    for line, month, amount in b.realization_entries(data):
        if month <= upto:
            k = key(line, month)
            found[k] = found.get(k, 0) + amount
    return found


def value_kurva_bulanan(engine, data):
    frame = query.run(engine, "kurva_bulanan", tahun=b.THANG, sampai=SAMPAI, scope=EVERYTHING)
    realized = realized_by(data, lambda line, m: m, SAMPAI.month)
    rpd: dict = {}
    for r in data.rows["rpd"]:
        rpd[r["bulan"]] = rpd.get(r["bulan"], 0) + r["rpd"]
    assert [(int(r.bulan), int(r.realisasi), int(r.rpd)) for r in frame.itertuples()] == [
        (m, realized.get(m, 0), rpd.get(m, 0)) for m in range(1, 13)]


def value_rpd_bulanan(engine, data):
    frame = query.run(engine, "rpd_bulanan", tahun=b.THANG, sampai=SAMPAI, scope=EVERYTHING)
    want: dict = {}
    for r in data.rows["rpd"]:
        want.setdefault((r["jenis_belanja"], r["bulan"]), [0, 0])[0] += r["rpd"]
    for (jb, m), amount in realized_by(data, lambda line, m: (line["kdakun"][:2], m), SAMPAI.month).items():
        want.setdefault((jb, m), [0, 0])[1] += amount
    got = {(r.jenis_belanja, int(r.bulan)): [int(r.rpd), int(r.realisasi)] for r in frame.itertuples()}
    assert got == want


def value_kpa_ppk_pejabat(engine, data):
    frame = query.run(engine, "kpa_ppk_pejabat", tahun=b.THANG, scope=EVERYTHING)
    assert sorted(map(tuple, frame[["kdsatker", "peran", "kdppk", "nama", "nip"]].to_numpy().tolist())) == sorted(
        (r["kdsatker"], r["peran"], r["kdppk"], r["nama"], r["nip"]) for r in data.rows["pejabat"])


def value_pilihan_filter(engine, data):
    frame = query.run(engine, "pilihan_filter", tahun=b.THANG, scope=EVERYTHING)
    lokasi = {r["kdlokasi"]: r["nmlokasi"] for r in data.rows["lokasi"]}
    want = {("unit", r["kdunit"], r["nmunit"]) for r in data.rows["unit"]}
    want |= {("kewenangan", s["kewenangan"], s["kewenangan"]) for s in data.rows["satker"]}
    want |= {("lokasi", s["kdlokasi"], lokasi[s["kdlokasi"]]) for s in data.rows["satker"]}
    got = [tuple(r) for r in frame[["jenis", "kode", "nama"]].to_numpy().tolist()]
    assert sorted(got) == sorted(want) and len(got) == len(want)
    scoped = query.run(engine, "pilihan_filter", scope=query.Scope(satkers=(S3,)), tahun=b.THANG)
    assert set(scoped["kode"]) == {"05", "DK", "32"}


def value_tren_kurva(engine, data):
    frame = query.run(engine, "tren_kurva", tahun=b.THANG, scope=EVERYTHING)
    realized = realized_by(data, lambda line, m: m)
    want = [(m, realized.get(m, 0), sum(r["pagu"] for r in b.pagu_in_force(data, b.month_end(b.THANG, m)).values()))
            for m in range(1, 13)]
    assert [(int(r.bulan), int(r.realisasi), int(r.pagu)) for r in frame.itertuples()] == want


def value_wilayah_lokasi(engine, data):
    frame = query.run(engine, "wilayah_lokasi", tahun=b.THANG, scope=EVERYTHING)
    lokasi = {r["kdlokasi"]: r["nmlokasi"] for r in data.rows["lokasi"]}
    assert [tuple(r) for r in frame[["kdlokasi", "nmlokasi"]].to_numpy().tolist()] == sorted(
        {(s["kdlokasi"], lokasi[s["kdlokasi"]]) for s in data.rows["satker"]})


LEVEL_CODE = {
    "unit": lambda k: b.UNIT_OF[k[0]],
    "satker": lambda k: k[0],
    "program": lambda k: k[1],
    "kegiatan": lambda k: k[2],
    "ro": lambda k: f"{k[3]}.{k[4]}",
    "akun": lambda k: k[5],
}


def value_rincian_anggaran(engine, data):
    amounts = line_amounts(data, SAMPAI.month)
    for tingkat, code in LEVEL_CODE.items():
        frame = query.run(engine, "rincian_anggaran", tahun=b.THANG, sampai=SAMPAI, tingkat=tingkat,
                          p_unit=[], p_satker=[], p_program=[], p_giat=[], p_ro=[], scope=EVERYTHING)
        want: dict = {}
        for key, values in amounts.items():
            total = want.setdefault(code(key), [0, 0, 0])
            for i, amount in enumerate(("pagu", "blokir", "realisasi")):
                total[i] += values[amount]
        got = {r.kode: [int(r.pagu), int(r.blokir), int(r.realisasi)] for r in frame.itertuples()}
        assert got == want, tingkat
        assert list(frame["kode"]) == sorted(frame["kode"])
    drilled = query.run(engine, "rincian_anggaran", tahun=b.THANG, sampai=SAMPAI, tingkat="akun",
                        p_unit=["05"], p_satker=[S2], p_program=[], p_giat=["6201"], p_ro=["QDB.001"], scope=EVERYTHING)
    want = {}
    for key, values in amounts.items():
        if key[0] == S2 and key[2] == "6201" and (key[3], key[4]) == ("QDB", "001"):
            want[key[5]] = want.get(key[5], 0) + values["pagu"]
    assert {r.kode: int(r.pagu) for r in drilled.itertuples()} == want
    names = {a["kdakun"]: a["nmakun"] for a in data.rows["akun"]}
    assert {r.kode: r.nama for r in drilled.itertuples()} == {k: names[k] for k in want}


def value_capaian_ro(engine, data):
    frame = query.run(engine, "capaian_ro", tahun=b.THANG, sampai=SAMPAI, scope=EVERYTHING)
    amounts = line_amounts(data, SAMPAI.month)
    want: dict = {}
    for key, values in amounts.items():
        ro = (key[0], key[2], key[3], key[4])
        total = want.setdefault(ro, [0, 0])
        total[0] += values["pagu"]
        total[1] += values["realisasi"]
    got = {(r.kdsatker, r.kdgiat, r.kdoutput, r.kdsoutput): [int(r.pagu), int(r.realisasi)]
           for r in frame.itertuples()}
    assert got == want
    latest: dict = {}
    for c in data.rows["capaian"]:
        ro = (c["kdsatker"], c["kdgiat"], c["kdoutput"], c["kdsoutput"])
        if c["bulan"] <= SAMPAI.month and c["bulan"] >= latest.get(ro, {"bulan": 0})["bulan"]:
            latest[ro] = c
    for r in frame.itertuples():
        ro = (r.kdsatker, r.kdgiat, r.kdoutput, r.kdsoutput)
        if ro in latest:
            assert int(r.bulan_capaian) == latest[ro]["bulan"]
            assert r.progres_fisik == pytest.approx(float(latest[ro]["progres_fisik"]))
            assert r.real_vol == pytest.approx(float(latest[ro]["real_vol"]))
        else:
            assert pd.isna(r.bulan_capaian) and pd.isna(r.progres_fisik)


VALUE_CHECKS = {
    "kurva_bulanan": value_kurva_bulanan, "rpd_bulanan": value_rpd_bulanan,
    "kpa_ppk_pejabat": value_kpa_ppk_pejabat,
    "pilihan_filter": value_pilihan_filter, "tren_kurva": value_tren_kurva,
    "wilayah_lokasi": value_wilayah_lokasi, "rincian_anggaran": value_rincian_anggaran,
    "capaian_ro": value_capaian_ro,
}


def test_every_value_check_names_a_query():
    assert set(VALUE_CHECKS) <= set(QUERY_NAMES)


@pytest.mark.parametrize("name", sorted(VALUE_CHECKS))
def test_query_values(name, engine):
    VALUE_CHECKS[name](engine, b.base_dataset())
