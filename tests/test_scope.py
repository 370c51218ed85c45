"""Who sees what (issue 11, "Roles and scope"): for every role-like scope (everything, one echelon I
unit, two satker of two units, one PPK of a satker), every page and every Excel download on it,
opened from a link that asks for other units and provinces: no code, name or official of a satker
(or PPK) outside the scope appears in any table cell, chart, text, choice or download, and the
figures equal those computed here from the fact tables with plain pandas (not the app's code)."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev.i18n import format as fmt
from monev.i18n.texts import TEXTS
from monev.warehouse.query import EVERYTHING, Scope

import builders as b
from apptest import record_downloads

S1, S2, S3 = b.S1, b.S2, b.S3
THANG, BULAN = b.THANG, 9
HARNESS = str(Path(__file__).resolve().parent / "scoped_app.py")

SCOPES = {
    "semua": EVERYTHING,                          # pimpinan, admin
    "unit_05": Scope(units=("05",)),              # an echelon I official: satker S2 and S3
    "dua_satker": Scope(satkers=(S1, S3)),        # a KPA of two satker in two units
    "ppk_s1_02": Scope(ppks=((S1, "02"),)),       # a PPK: lines L3 and L4 of satker S1 only
}
PAGES = ["ringkasan", "rincian", "kpa_ppk", "ikpa", "capaian", "rpd", "wilayah", "tren"]
SATKER_LEVEL = {"ikpa", "capaian", "rpd"}  # measures kept per satker: not for a PPK-only scope
PROVINCE_OF = {S1: "31", S2: "31", S3: "32"}


def link(scope: Scope) -> dict:
    """A link asking for the units and provinces the scope does not see, and an unknown code: all
    are dropped, so the figures shown are narrowed by the scope alone (a kept filter would narrow
    them to the scope's anyway and hide a scope that was not applied)."""
    inside = visible_satkers(scope)
    units = sorted({"01", "05"} - {UNIT_OF[s] for s in inside}) + ["99"]
    provinces = sorted({"31", "32"} - {PROVINCE_OF[s] for s in inside}) + ["99"]
    return dict(tahun=str(THANG), sampai=str(BULAN), unit=units, prov=provinces)

NAMES = {S1: "Biro Keuangan", S2: "Direktorat Jaminan Sosial", S3: "Dinas Sosial Provinsi Jawa Barat"}
OFFICIALS = {(S1, ""): "Ani", (S1, "01"): "Budi", (S1, "02"): "Citra", (S2, ""): "Dedi", (S2, "01"): "Eka",
             (S2, "02"): "Fajar", (S3, ""): "Gita", (S3, "01"): "Hadi"}
UNIT_OF = b.UNIT_OF


# ---------------------------------------------------------------- what a scope may see, computed here

def visible_satkers(scope: Scope) -> set[str]:
    satkers = set(UNIT_OF)
    if scope.units:
        satkers = {s for s in satkers if UNIT_OF[s] in scope.units}
    if scope.satkers:
        satkers &= set(scope.satkers)
    if scope.ppks:
        satkers &= {s for s, _ in scope.ppks}
    return satkers


def forbidden(scope: Scope) -> list[str]:
    """Texts that must not appear anywhere for this scope: the codes and names of the satker
    outside it, the officials of the satker and PPK outside it, and the names of other units."""
    inside = visible_satkers(scope)
    words = []
    for satker in set(UNIT_OF) - inside:
        words += [satker, NAMES[satker]]
    for (satker, ppk), name in OFFICIALS.items():
        if satker not in inside or (scope.ppks and ppk and (satker, ppk) not in scope.ppks):
            words.append(name)
    units = {UNIT_OF[s] for s in inside}
    for unit, name in (("01", "Sekretariat Jenderal"), ("05", "Ditjen Perlindungan dan Jaminan Sosial")):
        if unit not in units:
            words.append(name)
    return words


@pytest.fixture(scope="module")
def facts(shared_warehouse) -> dict[str, pd.DataFrame]:
    """The fact tables as loaded, read back with plain SQL."""
    def frame(sql, columns):
        return pd.DataFrame(b.rows(shared_warehouse, sql), columns=columns)

    return {
        "pagu": frame("select kdsatker, kdprogram, kdgiat, kdoutput, kdsoutput, kdakun, kdppk, pagu, blokir, "
                      "revisi_ke, tgl_revisi from fact_pagu where thang = :t".replace(":t", str(THANG)),
                      ["kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk", "pagu",
                       "blokir", "revisi_ke", "tgl_revisi"]),
        "realisasi": frame(f"select kdsatker, kdppk, kdakun, tgl_sp2d, nilai from fact_realisasi where thang = {THANG}",
                           ["kdsatker", "kdppk", "kdakun", "tgl_sp2d", "nilai"]),
        "rpd": frame(f"select kdsatker, jenis_belanja, bulan, rpd, tgl_update from fact_rpd where thang = {THANG}",
                     ["kdsatker", "jenis_belanja", "bulan", "rpd", "tgl_update"]),
        "satker": frame(f"select kdsatker, kdunit, kewenangan, kdlokasi from dim_satker where thang = {THANG}",
                        ["kdsatker", "kdunit", "kewenangan", "kdlokasi"]),
    }


def in_scope(frame: pd.DataFrame, scope: Scope, satker_info: pd.DataFrame, kewenangan=None) -> pd.DataFrame:
    frame = frame.merge(satker_info, on="kdsatker")
    keep = pd.Series(True, index=frame.index)
    if scope.units:
        keep &= frame["kdunit"].isin(scope.units)
    if scope.satkers:
        keep &= frame["kdsatker"].isin(scope.satkers)
    if scope.ppks:
        keep &= pd.Series([(s, p) in scope.ppks for s, p in zip(frame["kdsatker"], frame["kdppk"])], index=frame.index)
    if kewenangan is not None:
        keep &= frame["kewenangan"].isin(kewenangan)
    return frame[keep]


def expected(facts, scope: Scope, bulan: int = BULAN, kewenangan=None) -> dict[str, int]:
    """Pagu and blokir in force at the month's end (each line's highest revision dated by then) and
    realization with SP2D dates up to then, over the scope's lines."""
    end = b.month_end(THANG, bulan)
    pagu = facts["pagu"][pd.to_datetime(facts["pagu"]["tgl_revisi"]).dt.date <= end]
    line = ["kdsatker", "kdprogram", "kdgiat", "kdoutput", "kdsoutput", "kdakun", "kdppk"]
    pagu = pagu.sort_values("revisi_ke").groupby(line, as_index=False).last()
    pagu = in_scope(pagu, scope, facts["satker"], kewenangan)
    real = facts["realisasi"][pd.to_datetime(facts["realisasi"]["tgl_sp2d"]).dt.date <= end]
    real = in_scope(real, scope, facts["satker"], kewenangan)
    return {"pagu": int(pagu["pagu"].sum()), "blokir": int(pagu["blokir"].sum()), "realisasi": int(real["nilai"].sum())}


def expected_rpd(facts, scope: Scope, bulan: int = BULAN) -> int:
    """The plan of months 1..bulan in force at the month's end (each month's latest update)."""
    rows = facts["rpd"][pd.to_datetime(facts["rpd"]["tgl_update"]).dt.date <= b.month_end(THANG, bulan)]
    rows = rows.sort_values("tgl_update").groupby(["kdsatker", "jenis_belanja", "bulan"], as_index=False).last()
    rows = rows[rows["kdsatker"].isin(visible_satkers(scope)) & (rows["bulan"] <= bulan)]
    return int(rows["rpd"].sum())


# ---------------------------------------------------------------- a page as the viewer sees it

def open_scoped(monkeypatch, db_path, scope: Scope, page: str, **url) -> AppTest:
    monkeypatch.setenv("MONEV_DB", str(db_path))
    monkeypatch.setenv("MONEV_TEST_SCOPE", json.dumps(asdict(scope)))
    monkeypatch.setenv("MONEV_TEST_PAGE", f"pages/{page}.py")
    written = record_downloads(monkeypatch)
    at = AppTest.from_file(HARNESS, default_timeout=120)
    at.query_params.update(url)
    at.written = written
    return at.run()


def shown_text(at: AppTest) -> str:
    """Every text, table cell, chart and choice on the page and in the sidebar."""
    parts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "success", "error",
                 "text"):
        parts += [str(e.value) for e in getattr(at, kind)]
        parts += [str(e.value) for e in getattr(at.sidebar, kind)]
    for frame in at.dataframe:
        parts.append(frame.value.astype(str).to_csv())
    for metric in at.metric:
        parts += [metric.label, str(metric.value), metric.proto.help]
    for chart in at.get("plotly_chart"):
        parts.append(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False))
    for widget in (*at.selectbox, *at.multiselect, *at.radio, *at.sidebar.selectbox, *at.sidebar.multiselect):
        parts += [str(o) for o in widget.options]
    return "\n".join(parts)


def download_text(content: bytes) -> str:
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, header=None, dtype=str)
    return "\n".join(s.to_csv() for s in sheets.values())


def table_of(content: bytes, **dtypes) -> pd.DataFrame:
    """A download's rows (below its notes: the sample marker, 'as loaded at')."""
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    header = next(n for n, row in enumerate(sheet.iter_rows(max_col=1, values_only=True))
                  if row[0] is not None and not str(row[0]).startswith(("DATA CONTOH", "Data sebagaimana")))
    return pd.read_excel(io.BytesIO(content), skiprows=header, dtype={"kdsatker": str, "kdunit": str, **dtypes})


def assert_nothing_outside(text: str, scope: Scope, where: str) -> None:
    for word in forbidden(scope):
        pattern = rf"(?<!\d){re.escape(word)}(?!\d)"
        assert not re.search(pattern, text), f"{where}: {word!r} is outside the scope {scope}"


def interactions(page: str):
    """The choices on a page that change what it shows: each is run after the first view."""
    return {
        "rincian": [("selectbox", None, "drill")],
        "kpa_ppk": [("radio", "kpa_tingkat", "ppk"), ("radio", "kpa_tingkat", "satker"),
                    ("selectbox", "kpa_lihat_ppk", "first")],
        # each tab of IKPA (only the open one is drawn), the projection's levels in the last
        "ikpa": [("tab", "ikpa_tab", "ikpa_tab_peringkat"), ("tab", "ikpa_tab", "ikpa_tab_jejak"),
                 ("tab", "ikpa_tab", "ikpa_tab_perhatian"), ("tab", "ikpa_tab", "ikpa_tab_proyeksi"),
                 ("radio", "ikpa_tingkat_proyeksi", "per_unit"), ("radio", "ikpa_tingkat_proyeksi",
                                                                  "per_jenis_belanja")],
        "capaian": [("radio", "capaian_tingkat", "ro"), ("radio", "capaian_tingkat", "unit")],
        "wilayah": [("checkbox", "wilayah_kd", True)],
    }.get(page, [])


def _interact(at: AppTest, kind: str, key, value) -> AppTest:
    if kind == "tab":  # as a click on the tab leaves it
        at.session_state[key] = TEXTS[value][0]
        return at.run()
    if "ikpa_tab" in at.session_state:  # AppTest sends no tab state back on its own: the tab stays open
        at.session_state["ikpa_tab"] = at.session_state["ikpa_tab"]
    if kind == "selectbox" and key is None:  # the drill-down's choice of a child, whatever its key
        box = next(s for s in at.selectbox if str(s.key).startswith("rincian_pilih_"))
        return box.set_value(box.options[0].split()[0]).run()  # options read 'kode nama'
    if kind == "selectbox":
        box = at.selectbox(key=key)
        return box.set_value(box.options[0].split()[0]).run()
    return getattr(at, kind)(key=key).set_value(value).run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", list(SCOPES))
def test_every_page_and_download_shows_only_the_scope(name, page, shared_warehouse, facts, monkeypatch):
    scope = SCOPES[name]
    at = open_scoped(monkeypatch, shared_warehouse, scope, page, **link(scope))
    assert not at.exception, at.exception
    # the link asked for units and provinces: those outside the scope are dropped, with a note
    notes = " ".join(c.value for c in at.sidebar.caption)
    dropped = TEXTS["tautan_diabaikan"][0].split("(")[0].strip() if scope.everything else \
        TEXTS["tautan_di_luar_wewenang"][0]
    assert dropped in notes
    visible_units = sorted({UNIT_OF[s] for s in visible_satkers(scope)})
    assert at.sidebar.multiselect(key="f_unit").options == [f"{u} {n}" for u, n in (
        ("01", "Sekretariat Jenderal"), ("05", "Ditjen Perlindungan dan Jaminan Sosial")) if u in visible_units]
    assert at.sidebar.multiselect(key="f_unit").value == [] and at.sidebar.multiselect(key="f_lokasi").value == []

    # the page's own heading, also where it stops for a PPK-only scope (it once showed only the note)
    assert [h.value for h in at.title] == [TEXTS["app_title" if page == "ringkasan" else page][0]]
    if page in SATKER_LEVEL and not scope.whole_satker:
        assert TEXTS["cakupan_tingkat_satker"][0] in [i.value for i in at.info]
        assert not at.dataframe and not at.get("plotly_chart") and not at.written
    elif page == "wilayah" and expected(facts, scope, kewenangan=("DK", "TP"))["pagu"] == 0:
        assert TEXTS["no_data"][0] in [i.value for i in at.info]  # S1 is a head office (KP) satker
    else:
        assert at.written, f"{page} offers downloads"
    if scope.ppks:
        assert any("hanya mencakup baris anggaran PPK Anda" in c.value for c in at.caption)

    seen = [shown_text(at)]
    for kind, key, value in interactions(page):
        if page in SATKER_LEVEL and not scope.whole_satker:
            break
        at = _interact(at, kind, key, value)
        assert not at.exception, at.exception
        seen.append(shown_text(at))
    downloads = {sheet: download_text(content) for sheet, content in at.written.items()}
    assert_nothing_outside("\n".join(seen), scope, f"page {page}")
    for sheet, text in downloads.items():
        assert_nothing_outside(text, scope, f"download {sheet} of {page}")
    if not scope.everything:  # figures above the scope are not shown: not the ministry's totals either
        ministry = expected(facts, EVERYTHING)
        everywhere = "\n".join([*seen, *downloads.values()])
        for value in (ministry["pagu"], ministry["realisasi"]):
            # tables write rupiah without 'Rp ' (monev.ui.tables.formatted)
            for shown in (fmt.rupiah(value), fmt.rupiah_short(value), str(value), fmt.amounts([value])[0]):
                assert shown not in everywhere, f"{page} shows the ministry's {shown}"
    check_figures(page, at, scope, facts)


def _sum(frame: pd.DataFrame, column: str) -> int:
    return int(frame[column].fillna(0).astype("int64").sum())


def check_figures(page: str, at: AppTest, scope: Scope, facts) -> None:
    """The page's figures against those computed here for the scope."""
    want = expected(facts, scope)
    w = at.written
    if page == "ringkasan":
        head = table_of(w["ringkasan_angka"]).iloc[0]
        assert (int(head["pagu"]), int(head["blokir"]), int(head["realisasi"])) == (
            want["pagu"], want["blokir"], want["realisasi"])
        helps = {m.label: m.proto.help for m in at.metric}
        assert helps["Pagu"] == fmt.rupiah(want["pagu"]) and helps["Realisasi"] == fmt.rupiah(want["realisasi"])
        units = table_of(w["ringkasan_per_unit"])
        assert (_sum(units, "pagu"), _sum(units, "realisasi")) == (want["pagu"], want["realisasi"])
        kurva = table_of(w["ringkasan_kurva"])
        assert int(kurva.loc[kurva["bulan"] == BULAN, "realisasi_kumulatif"].iloc[0]) == want["realisasi"]
        if scope.whole_satker:
            assert _sum(kurva, "rpd") == expected_rpd(facts, scope, 12)
        else:
            assert kurva["rpd"].isna().all(), "the plan is per satker: none for a PPK-only scope"
    elif page == "rincian":
        level = table_of(w[f"rincian_unit_{THANG}_{BULAN:02d}"])
        assert (_sum(level, "pagu"), _sum(level, "blokir"), _sum(level, "realisasi")) == (
            want["pagu"], want["blokir"], want["realisasi"])
        assert set(level["kode"].astype(str).str.zfill(2)) == {UNIT_OF[s] for s in visible_satkers(scope)}
        satkers = table_of(w[f"rincian_satker_{THANG}_{BULAN:02d}"], kode=str)
        assert set(satkers["kode"]) <= visible_satkers(scope)
    elif page == "kpa_ppk":
        for grain in ("satker", "ppk"):
            rows = table_of(w[f"kpa_ppk_{grain}_{THANG}_{BULAN:02d}"], kdppk=str)
            assert (_sum(rows, "pagu"), _sum(rows, "realisasi")) == (want["pagu"], want["realisasi"])
            assert set(rows["kdsatker"]) <= visible_satkers(scope)
            if grain == "ppk" and scope.ppks:
                assert set(zip(rows["kdsatker"], rows["kdppk"])) == set(scope.ppks)
    elif page == "ikpa" and scope.whole_satker:
        ranking = table_of(w[f"ikpa_peringkat_satker_{THANG}_{BULAN:02d}"])
        assert set(ranking["kdsatker"]) == visible_satkers(scope)
        assert _sum(ranking, "pagu") == want["pagu"]  # gross pagu in force, the weight of each score
        months = table_of(w[f"ikpa_per_bulan_{THANG}_{BULAN:02d}"], kdunit=str)
        total_name = "Kementerian" if scope.everything else "Total cakupan"
        assert total_name in set(months["nmunit"]), "the total row is the scope's, named as such"
        if not scope.everything:
            assert "Kementerian" not in set(months["nmunit"])
        # the projection and what each KPA still needs start from the scope's pagu and realization
        for name in ("ikpa_proyeksi_total", "ikpa_proyeksi_per_unit", "ikpa_proyeksi_per_jenis_belanja",
                     "ikpa_kebutuhan_satker"):
            rows = table_of(w[f"{name}_{THANG}_{BULAN:02d}"])
            assert (_sum(rows, "pagu"), _sum(rows, "realisasi")) == (want["pagu"], want["realisasi"]), name
    elif page == "capaian" and scope.whole_satker:
        for level in ("unit", "ro"):
            rows = table_of(w[f"capaian_{level}"])
            assert (_sum(rows, "pagu"), _sum(rows, "realisasi")) == (want["pagu"], want["realisasi"])
    elif page == "rpd" and scope.whole_satker:
        per_bulan = table_of(w["rpd_per_bulan"])
        now = per_bulan[per_bulan["bulan"] == BULAN].iloc[0]
        assert int(now["realisasi_kumulatif"]) == want["realisasi"]
        assert int(now["rpd_kumulatif"]) == expected_rpd(facts, scope)
    elif page == "wilayah" and w:
        # after the interaction: kantor daerah included, so DK, TP and KD
        shown = expected(facts, scope, kewenangan=("DK", "TP", "KD"))
        rows = table_of(w["wilayah_provinsi"], kdlokasi=str)
        assert (_sum(rows, "pagu"), _sum(rows, "realisasi")) == (shown["pagu"], shown["realisasi"])
    elif page == "tren":
        years = table_of(w["tren_per_tahun"])
        now = years[years["tahun"] == THANG].iloc[0]
        assert (int(now["pagu"]), int(now["realisasi"])) == (want["pagu"], want["realisasi"])


# ---------------------------------------------------------------- the command line agrees

def _summary_json(db_path, *args) -> dict:
    done = subprocess.run([sys.executable, "-m", "monev", "summary", "--db", str(db_path), "--tahun", str(THANG),
                           "--sampai", f"{THANG}-{BULAN:02d}", "--json", *args],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_unit_officials_totals_equal_summary_for_the_unit(shared_warehouse, facts, monkeypatch):
    scope = SCOPES["unit_05"]
    at = open_scoped(monkeypatch, shared_warehouse, scope, "ringkasan", tahun=str(THANG), sampai=str(BULAN))
    head = table_of(at.written["ringkasan_angka"]).iloc[0]
    total = _summary_json(shared_warehouse, "--unit", "05")["total"]
    assert (int(head["pagu"]), int(head["blokir"]), int(head["realisasi"])) == (
        total["pagu"], total["blokir"], total["realisasi"])
    assert total["pagu"] == expected(facts, scope)["pagu"]


def test_a_ppks_totals_equal_the_sum_of_its_lines_and_summary_for_the_ppk(shared_warehouse, facts, monkeypatch):
    scope = SCOPES["ppk_s1_02"]
    at = open_scoped(monkeypatch, shared_warehouse, scope, "ringkasan", tahun=str(THANG), sampai=str(BULAN))
    head = table_of(at.written["ringkasan_angka"]).iloc[0]
    want = expected(facts, scope)
    # lines L3 (pagu 400 M) and L4 (300 M from revision 1), realization 40 M and 50 M
    assert want == {"pagu": 700_000_000, "blokir": 0, "realisasi": 90_000_000}
    assert (int(head["pagu"]), int(head["blokir"]), int(head["realisasi"])) == (
        want["pagu"], want["blokir"], want["realisasi"])
    total = _summary_json(shared_warehouse, "--ppk", f"{S1}.02")["total"]
    assert (total["pagu"], total["realisasi"]) == (want["pagu"], want["realisasi"])


def test_summary_refuses_a_malformed_ppk(shared_warehouse):
    done = subprocess.run([sys.executable, "-m", "monev", "summary", "--db", str(shared_warehouse), "--tahun",
                           str(THANG), "--sampai", f"{THANG}-06", "--ppk", "001001-02"], capture_output=True, text=True)
    assert done.returncode == 2 and "KDSATKER.KDPPK" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- what never widens a scope

def test_a_link_within_the_scope_keeps_its_choice_and_the_rest_is_dropped(shared_warehouse, facts, monkeypatch):
    """A KPA of S1 and S3 opening a link for unit 05 and provinces 31, 32 and 33: unit 05 narrows
    to S3, province 33 (no satker of his) is dropped with the note."""
    scope = SCOPES["dua_satker"]
    at = open_scoped(monkeypatch, shared_warehouse, scope, "ringkasan", tahun=str(THANG), sampai=str(BULAN),
                     unit="05", prov=["31", "32", "33"])
    assert at.sidebar.multiselect(key="f_unit").value == ["05"]
    assert at.sidebar.multiselect(key="f_lokasi").value == ["31", "32"]
    assert TEXTS["tautan_di_luar_wewenang"][0] in " ".join(c.value for c in at.sidebar.caption)
    head = table_of(at.written["ringkasan_angka"]).iloc[0]
    assert int(head["pagu"]) == expected(facts, Scope(satkers=(S3,)))["pagu"]



def test_a_session_value_outside_the_scope_is_not_used(shared_warehouse, facts, monkeypatch):
    """A filter value left in the session (another viewer's choice, or set by hand) that the scope
    does not offer falls back, and the figures stay the scope's."""
    scope = SCOPES["unit_05"]
    at = open_scoped(monkeypatch, shared_warehouse, scope, "ringkasan", tahun=str(THANG), sampai=str(BULAN))
    at.session_state["f_unit"] = ["01"]
    at.session_state["f_lokasi"] = ["31", "99"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_unit").value == []
    head = table_of(at.written["ringkasan_angka"]).iloc[0]
    assert int(head["pagu"]) == expected(facts, scope)["pagu"]


def test_the_as_loaded_at_view_keeps_the_scope(shared_warehouse, facts, monkeypatch):
    """Figures 'as loaded at' an earlier batch are the scope's too: at the batch of the pagu, before
    any realization was loaded, the unit's pagu and no realization."""
    batches = b.rows(shared_warehouse, "select batch_id, kind from load_batch order by batch_id")
    pagu_batch = next(i for i, kind in batches if kind == "pagu")
    scope = SCOPES["unit_05"]
    at = open_scoped(monkeypatch, shared_warehouse, scope, "ringkasan", tahun=str(THANG), sampai=str(BULAN),
                     batch=str(pagu_batch))
    assert not at.exception
    head = table_of(at.written["ringkasan_angka"]).iloc[0]
    assert int(head["pagu"]) == expected(facts, scope)["pagu"] and int(head["realisasi"]) == 0
    assert_nothing_outside(shown_text(at), scope, "as loaded at")
    # the batches are offered by kind of data, not by file name (a file name may name a satker)
    offered = " ".join(at.sidebar.selectbox(key="f_batch").options)
    assert "pagu" in offered and ".csv" not in offered
