"""The IKPA page on a tiny warehouse whose scores are worked out by hand in tests/test_ikpa.py
(S1: Kurang 66,33; S2: Baik 92,31 with an OM-SPAN report of June), and the IKPA band reason of
the needs-attention list."""
from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monev.domain import attention
from monev.domain.period import Period
from monev.i18n.texts import text
from monev.ui import charts_ikpa, download
from monev.views import ikpa_page, projection_words
from monev.views import projection as projection_view
from monev.warehouse import db
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING, NO_FILTER, Filters, Scope

import builders as b
import test_ikpa as hand
from apptest import open_page, read_back
from builders import S1, S2

Y = b.THANG
PAGU_S1 = (100 + 600 + 50) * 1_000_000  # gross pagu in force at the end of June (test_ikpa.tiny_dataset)
PAGU_S2 = 1_000 * 1_000_000


def approx(value):
    return pytest.approx(float(value), abs=1e-9)


def on_screen(value):
    """A score or percentage as a page's table shows it: two decimals."""
    return pytest.approx(float(value), abs=0.005)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("ikpa_page")
    db_path = base / "ikpa.duckdb"
    b.load_dataset(db_path, base / "berkas", hand.tiny_dataset())
    path = b.write_csv(base / "omspan" / "ikpa_omspan.csv", hand.OMSPAN_ROWS, list(hand.OMSPAN_HEADER),
                       header_case=hand.OMSPAN_HEADER.get)
    [result] = ingest_files(db_path, [path])
    assert result.status == "dimuat", result.problems.to_dict("records")
    db.dispose(db_path)
    yield db_path
    db.dispose(db_path)


def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, "pages/ikpa.py", sidebar, **{"tahun": str(Y), "sampai": "6", **url})


def _open(at: AppTest, tab: str, lang: str = "id") -> AppTest:
    """The page run with tab `tab` (its text key) open, as a click on it leaves it: only the open
    tab's tables are drawn. AppTest sends no tab state back on its own: every run names it."""
    at.session_state["ikpa_tab"] = text(tab, lang)
    at.run()
    assert not at.exception
    return at


def _table(at: AppTest, column: str, lang: str = "id") -> pd.DataFrame:
    """The first drawn table with `column`, its numbers read back from the text it shows."""
    frame = next(d.value for d in at.dataframe if column in d.value.columns)
    return read_back(frame, money=charts_ikpa.MONEY, percent=charts_ikpa.PERCENT,
                     scores=charts_ikpa.score_columns(frame), lang=lang)


def test_ranking_monthly_scores_and_official_values(tiny, monkeypatch):
    at = _page(monkeypatch, tiny)
    assert not at.exception and not at.error
    assert [d for d in at.dataframe if "peringkat" in d.value.columns] == []  # a closed tab is not drawn
    months = _table(at, "jumlah_satker")  # the first tab is open
    [line] = at.get("plotly_chart")
    ranking = _table(_open(at, "ikpa_tab_peringkat"), "peringkat")
    assert list(ranking["kdsatker"]) == [S2, S1]  # 92,31 before 66,33
    by = ranking.set_index("kdsatker")
    assert by.at[S1, "nilai"] == on_screen(hand.S1_NILAI) and by.at[S1, "kategori"] == "Kurang"
    assert by.at[S2, "nilai"] == on_screen(hand.S2_NILAI) and by.at[S2, "kategori"] == "Baik"
    assert by.at[S1, "penyerapan"] == on_screen(hand.S1_PENYERAPAN)
    # the official OM-SPAN value of June sits right beside the computed one; S1 has none
    columns = list(ranking.columns)
    assert columns[columns.index("nilai") + 1] == "resmi_nilai"
    assert by.at[S2, "resmi_nilai"] == 93.12 and by.at[S2, "resmi_deviasi_halaman_iii"] == 98.5
    assert pd.isna(by.at[S1, "resmi_nilai"])

    june = months[months["bulan"] == 6].set_index("kdunit")
    ministry = (hand.S1_NILAI * PAGU_S1 + hand.S2_NILAI * PAGU_S2) / (PAGU_S1 + PAGU_S2)
    assert june.at["", "nilai"] == on_screen(ministry)
    assert june.at["01", "nilai"] == on_screen(hand.S1_NILAI) and june.at["05", "nilai"] == on_screen(hand.S2_NILAI)
    assert sorted(months["bulan"].unique()) == [1, 2, 3, 4, 5, 6]
    # S2 in March: TW I 30% / 25% capped at 100, plan met in March (deviation 0), no revision:
    # (10 x 100 + 15 x 100 + 20 x 100) / 45 = 100
    march = months[months["bulan"] == 3].set_index("kdunit")
    assert march.at["05", "nilai"] == on_screen(100)

    spec = json.loads(line.proto.spec)
    assert spec["layout"]["title"]["text"] == "Nilai IKPA kementerian dan unit eselon I per bulan, TA 2024 s.d. Juni"
    ministry_line = next(tr for tr in spec["data"] if tr["name"] == "Kementerian")
    assert ministry_line["customdata"][-1] == [f"{float(ministry):.2f}".replace(".", ",")]  # hover text
    [bars] = _open(at, "ikpa_tab_proyeksi").get("plotly_chart")
    assert "s.d. Juni" in json.loads(bars.proto.spec)["layout"]["title"]["text"]


def test_filters_change_the_figures(tiny, monkeypatch):
    at = _page(monkeypatch, tiny, sidebar=[("selectbox", "f_sampai", 3)])
    assert not at.exception
    ranking = _table(_open(at, "ikpa_tab_peringkat"), "peringkat").set_index("kdsatker")
    assert ranking.at[S2, "nilai"] == on_screen(100) and ranking.at[S2, "kategori"] == "Sangat Baik"
    assert "resmi_nilai" not in ranking  # no OM-SPAN report up to March
    assert any(s.value.endswith("TA 2024 s.d. Maret") for s in at.subheader)
    at = _page(monkeypatch, tiny, sidebar=[("multiselect", "f_jenis_belanja", ["57"])])
    assert not at.exception
    assert list(_table(_open(at, "ikpa_tab_peringkat"), "peringkat")["kdsatker"]) == [S2]  # S1 has no bansos


def test_trace_of_a_chosen_satker_and_month(tiny, monkeypatch):
    at = _open(_page(monkeypatch, tiny), "ikpa_tab_jejak")
    at.selectbox(key="ikpa_jejak_satker").set_value(S1)
    trace = _table(_open(at, "ikpa_tab_jejak"), "perhitungan").set_index("indikator")
    assert trace.at["Penyerapan Anggaran TW I JB 52", "perhitungan"] == "min(100; 10,00% / 15,00% × 100)"
    assert trace.at["Penyerapan Anggaran TW II", "hasil"] == on_screen(hand.S1_TW2)
    assert trace.at["Nilai IKPA", "hasil"] == on_screen(hand.S1_NILAI)
    at.selectbox(key="ikpa_jejak_bulan").set_value(2)
    trace = _table(_open(at, "ikpa_tab_jejak"), "perhitungan").set_index("indikator")
    assert trace.at["Penyerapan Anggaran", "perhitungan"] == "belum ada triwulan yang berakhir"
    assert any("TA 2024 s.d. Februari" in s.value and S1 in s.value for s in at.subheader)


def test_a_tabs_choices_are_kept_while_another_tab_is_open(tiny, monkeypatch):
    at = _open(_page(monkeypatch, tiny), "ikpa_tab_jejak")
    at.selectbox(key="ikpa_jejak_satker").set_value(S1)
    at.selectbox(key="ikpa_jejak_bulan").set_value(2)
    _open(at, "ikpa_tab_jejak")
    _open(at, "ikpa_tab_peringkat")
    assert not [d for d in at.dataframe if "perhitungan" in d.value.columns]  # the trace is not drawn
    _open(at, "ikpa_tab_jejak")
    assert at.selectbox(key="ikpa_jejak_satker").value == S1 and at.selectbox(key="ikpa_jejak_bulan").value == 2
    assert any("TA 2024 s.d. Februari" in s.value and S1 in s.value for s in at.subheader)


def test_projection_catch_up_and_attention(tiny, monkeypatch):
    at = _open(_page(monkeypatch, tiny), "ikpa_tab_proyeksi")
    catch_up = _table(at, "per_bulan_tahun").set_index("kdsatker")
    # S2 (57 only, target 95% of 1 M at year end): realized 400 Jt -> needs 550 Jt over 6 months
    assert catch_up.at[S2, "kebutuhan_tahun"] == 950_000_000 - 400_000_000
    assert catch_up.at[S2, "per_bulan_tahun"] == math.ceil(550_000_000 / 6)
    # S2 has no history but an RPD that plans all 400 Jt by June: share(6) = 1, so its own plan
    # expects nothing more (the flat pace, 66,67 Jt a month, would have called 91,67 Jt realistic).
    # TW III needs 75% of 1 M - 400 Jt = 350 Jt.
    assert bool(catch_up.at[S2, "realistis_tahun"]) is False and bool(catch_up.at[S2, "realistis_triwulan"]) is False
    assert catch_up.at[S2, "alasan_realistis"] == ("menurut pola RPD: s.d. TW III perlu Rp 350 Jt, biasanya Rp 0; "
                                                   "s.d. Desember perlu Rp 550 Jt, biasanya Rp 0")
    # S1: 51 (50 Jt realized) follows its RPD, also complete by June; 52 (150 Jt) has neither
    # history nor plan: the flat pace, 150 / 6 x 3 = 75 Jt by September and 150 Jt by December.
    # Needs: TW III 75% x 100 + 70% x 600 + 70% x 50 - 200 = 330 Jt; year 95 + 540 + 45 - 200 = 480 Jt.
    assert catch_up.at[S1, "alasan_realistis"] == (
        "menurut laju rata-rata sejauh ini + pola RPD: s.d. TW III perlu Rp 330 Jt, biasanya Rp 75 Jt; "
        "s.d. Desember perlu Rp 480 Jt, biasanya Rp 150 Jt")
    assert bool(catch_up.at[S1, "realistis_tahun"]) is False  # 480 > 1,25 x 150
    total = _table(at, "proyeksi_bawah")
    assert int(total["pagu"].iloc[0]) == PAGU_S1 + PAGU_S2
    assert int(total["realisasi"].iloc[0]) == (10 + 10 + 5 + 10 + 10 + 5 + 30 + 120 + 300 + 100) * 1_000_000

    reasons = _table(_open(at, "ikpa_tab_perhatian"), "alasan")
    s1 = reasons[(reasons["tingkat"] == "satker") & (reasons["kdsatker"] == S1)]["alasan"].iloc[0]
    kurang = f"{float(hand.S1_NILAI):.2f}".replace(".", ",")
    assert f"IKPA {kurang} (Kurang)" in s1
    assert all("IKPA" not in a for a in reasons[reasons["kdsatker"] == S2]["alasan"])  # Baik: no IKPA reason

    _open(at, "ikpa_tab_proyeksi").radio(key="ikpa_tingkat_proyeksi").set_value("per_unit")
    per_unit = _table(_open(at, "ikpa_tab_proyeksi"), "proyeksi_bawah")
    assert sorted(per_unit["kdunit"]) == ["01", "05"]


def test_downloads_hold_the_rows_shown(tiny, monkeypatch):
    at = _page(monkeypatch, tiny)
    labels = [b.proto.label for b in at.get("download_button")]  # the first tab: its chart and table
    shown = _table(_open(at, "ikpa_tab_peringkat"), "peringkat")
    engine = db.engine(tiny)
    current = ikpa_page.current(engine, Period(Y, 6), scope=EVERYTHING)
    frame = charts_ikpa.bands_shown(charts_ikpa.ranking_table(current["satker"]), "id")
    back = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "ikpa")), dtype={"kdsatker": str, "kdunit": str})
    assert list(back["kdsatker"]) == list(shown["kdsatker"])
    assert back["nilai"].tolist() == pytest.approx(shown["nilai"].tolist(), abs=0.005)  # shown: two decimals
    assert back["resmi_nilai"].tolist()[0] == 93.12
    labels += [b.proto.label for b in at.get("download_button")]
    for tab in ("ikpa_tab_jejak", "ikpa_tab_proyeksi", "ikpa_tab_perhatian"):
        labels += [b.proto.label for b in _open(at, tab).get("download_button")]
    assert len(labels) == 7 and set(labels) == {"Unduh Excel"}  # every table and chart of the five tabs


@pytest.mark.parametrize("bulan, lang", [(6, "id"), (3, "en")])
def test_the_pages_one_call_returns_what_each_view_does(tiny, bulan, lang):
    engine = db.engine(tiny)
    period = Period(Y, bulan)
    got = ikpa_page.shown(engine, period, lang=lang, scope=EVERYTHING)
    now = ikpa_page.current(engine, period, scope=EVERYTHING)
    assert set(got["sekarang"]) == set(now) and list(got["sekarang"]["satker"]["kdsatker"])
    for name, frame in now.items():
        pd.testing.assert_frame_equal(got["sekarang"][name], frame, check_exact=True)
    pd.testing.assert_frame_equal(got["bulanan"], ikpa_page.over_months(engine, period, scope=EVERYTHING),
                                  check_exact=True)
    projected = ikpa_page.projections(engine, period, scope=EVERYTHING)
    assert set(got["proyeksi"]) == set(projected) == {"total", "per_unit", "per_jenis_belanja"}
    for name, frame in projected.items():
        pd.testing.assert_frame_equal(got["proyeksi"][name], frame, check_exact=True)
    pd.testing.assert_frame_equal(got["kejar"], projection_view.catch_up(engine, period, "satker", lang=lang,
                                                                         scope=EVERYTHING),
                                  check_exact=True)
    pd.testing.assert_frame_equal(got["perhatian"], projection_view.needs_attention(engine, period, n=None, lang=lang,
                                                                                    scope=EVERYTHING),
                                  check_exact=True)
    assert S1 in set(got["perhatian"]["kdsatker"])
    # one path: the current ministry and unit scores are, to the last bit, the months' last month
    last = got["bulanan"][got["bulanan"]["bulan"] == bulan].set_index("kdunit")
    assert got["sekarang"]["kementerian"]["nilai"].iloc[0] == last.at[ikpa_page.MINISTRY, "nilai"]
    for row in got["sekarang"]["per_unit"].itertuples():
        assert row.nilai == last.at[row.kdunit, "nilai"] and row.pagu == last.at[row.kdunit, "pagu"]


@pytest.mark.parametrize("bulan, lang, filters", [(6, "id", NO_FILTER), (3, "en", NO_FILTER),
                                                   (6, "id", Filters(jenis_belanja=("52",)))])
def test_each_tabs_part_is_what_the_one_call_returns(tiny, bulan, lang, filters):
    """The page asks for its open tab's part only (ikpa_page.Parts): each part holds shown()'s
    frames to the last bit, and a part is fetched once, when one of its keys is first read."""
    engine = db.engine(tiny)
    period = Period(Y, bulan)
    whole = ikpa_page.shown(engine, period, lang=lang, scope=EVERYTHING, filters=filters)
    fetched = []

    def fetch(part):
        fetched.append(part.__name__)
        return part(engine, period, scope=EVERYTHING, filters=filters, lang=lang)

    parts = ikpa_page.Parts(fetch)
    assert set(parts) == set(whole)
    for key in ("sekarang", "bulanan", "proyeksi"):
        got, expected = parts[key], whole[key]
        for name in (expected if isinstance(expected, dict) else [None]):
            pd.testing.assert_frame_equal(got[name] if name else got, expected[name] if name else expected,
                                          check_exact=True)
    # the catch-up comes without its words, which every row has once they are written
    assert "alasan_realistis" not in parts["kejar"]
    pd.testing.assert_frame_equal(projection_view.realism_worded(parts["kejar"], bulan, lang), whole["kejar"],
                                  check_exact=True)
    # the attention list comes before its words: every row put in words is shown()'s list
    listed = parts["perhatian"]
    assert not listed.rows.empty
    pd.testing.assert_frame_equal(projection_view.attention_worded(listed, lang), whole["perhatian"], check_exact=True)
    assert fetched == ["scores_shown", "projection_shown", "attention_shown"]


def test_the_attention_list_puts_in_words_only_the_rows_asked_for(tiny):
    """The page writes the reasons of the rows it shows (and downloads), in whatever order its
    search and sort left them: each row's words are those of the whole list's same row."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    listed = ikpa_page.attention_shown(engine, period, scope=EVERYTHING)["perhatian"]
    whole = projection_view.attention_worded(listed, "id")
    table = ikpa_page.attention_table(listed)
    assert "alasan" not in table and len(table) == len(whole) >= 3
    asked = table.iloc[[2, 0]]  # two rows, out of order, as a sorted page may hold them

    got = ikpa_page.attention_words(listed, asked, "id")
    assert list(got.columns) == ikpa_page.ATTENTION_COLUMNS
    assert got["alasan"].tolist() == [whole["alasan"].iloc[2], whole["alasan"].iloc[0]]
    assert got["kdsatker"].tolist() == [whole["kdsatker"].iloc[2], whole["kdsatker"].iloc[0]]
    # the words written are those of the rows asked for only
    written = []
    words = projection_view.projection_words.reason_words("id")

    def counting(key, values):
        written.append(len(values))
        return words(key, values)

    listed.alasan(counting, [0])
    reasons_of_first = int((listed.reasons["baris"] == 0).sum())
    assert sum(written) == reasons_of_first < len(listed.reasons)



@pytest.fixture
def forgotten(monkeypatch):
    """Nothing kept from another test's parts: the first tab's scores and the projection's basis."""
    monkeypatch.setattr(ikpa_page, "_CURRENT", ikpa_page._Kept(8))
    monkeypatch.setattr(ikpa_page, "BASES", ikpa_page._Kept(4))


def _assert_parts_equal(got: dict, expected: dict) -> None:
    for key, frames in expected.items():
        if key == "perhatian":  # the list before its words: its rows and its reasons
            pd.testing.assert_frame_equal(got[key].rows, frames.rows, check_exact=True)
            pd.testing.assert_frame_equal(got[key].reasons, frames.reasons, check_exact=True)
            continue
        for name in (frames if isinstance(frames, dict) else [None]):
            pd.testing.assert_frame_equal(got[key][name] if name else got[key],
                                          frames[name] if name else frames, check_exact=True)


SELECTIONS = [(EVERYTHING, NO_FILTER), (EVERYTHING, Filters(jenis_belanja=("52",))), (Scope(units=("05",)), NO_FILTER),
              (Scope(ppks=((S2, "001"),)), NO_FILTER)]


@pytest.mark.parametrize("scope, filters", SELECTIONS)
def test_the_attention_part_takes_the_first_tabs_current_scores(tiny, monkeypatch, forgotten, scope, filters):
    """After the first tab's part, the attention part of the same selection takes the current
    scores that part kept rather than fetching and scoring the IKPA inputs again; its frames are
    to the last bit those it computes on its own (which shown() is held equal to above)."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    alone = ikpa_page.attention_shown(engine, period, scope=scope, filters=filters)
    ikpa_page.BASES.clear()
    ikpa_page.scores_shown(engine, period, scope=scope, filters=filters)

    def refetched(*args, **kwargs):
        raise AssertionError("the current scores were fetched again")

    monkeypatch.setattr(ikpa_page.ikpa_view, "current", refetched)
    _assert_parts_equal(ikpa_page.attention_shown(engine, period, scope=scope, filters=filters), alone)


@pytest.mark.parametrize("scope, filters", SELECTIONS)
@pytest.mark.parametrize("first, second", [("projection_shown", "attention_shown"),
                                           ("attention_shown", "projection_shown")])
def test_the_projection_and_attention_tabs_share_one_basis(tiny, monkeypatch, forgotten, scope, filters, first,
                                                           second):
    """The tab opened second takes the projection's basis the first one fetched and projected
    (ikpa_page.BASES), in either order, and its frames are to the last bit those it computes on
    its own."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    alone = getattr(ikpa_page, second)(engine, period, scope=scope, filters=filters)
    ikpa_page.BASES.clear()
    getattr(ikpa_page, first)(engine, period, scope=scope, filters=filters)

    def fetched_again(*args, **kwargs):
        raise AssertionError("the projection's basis was fetched again")

    monkeypatch.setattr(ikpa_page.projection_view, "basis", fetched_again)
    _assert_parts_equal(getattr(ikpa_page, second)(engine, period, scope=scope, filters=filters), alone)


def test_a_kept_basis_is_not_changed_by_what_a_part_does_with_it(tiny, forgotten):
    """What one part does to the basis it got (its levels filled, a frame written to) is not seen
    by the next part that gets the kept basis."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    selection = (engine, period, EVERYTHING, NO_FILTER)
    ikpa_page.projection_shown(engine, period, scope=EVERYTHING)
    kept = ikpa_page.BASES.get(selection)
    # a level the projection tab shows (the catch-up sums its own per satker, not the level)
    assert "per_unit" in kept.levels and not kept.grain.empty

    pagu = kept.level("per_unit")["pagu"].copy()
    got = ikpa_page.BASES.get(selection)
    got.level("per_unit").loc[:, "pagu"] = 0
    got.grain.loc[:, "pagu"] = 0
    got.levels.pop("per_unit")
    got.cache.clear()

    again = ikpa_page.BASES.get(selection)
    pd.testing.assert_series_equal(again.level("per_unit")["pagu"], pagu)
    assert (again.grain["pagu"] > 0).any() and "per_unit" in again.levels and again.cache


def test_the_kept_current_scores_are_not_changed_by_what_a_part_does_with_them(tiny, forgotten):
    """The first tab's scores are kept as a shallow copy (copy-on-write): a part writing to the
    scores it got does not change what the next part gets."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    selection = (engine, period, EVERYTHING, NO_FILTER)
    ikpa_page.scores_shown(engine, period, scope=EVERYTHING)
    expected = ikpa_page._CURRENT.get(selection).copy(deep=True)  # its own data, whatever the store does
    assert (expected["nilai"] > 0).any()

    got = ikpa_page._CURRENT.get(selection)
    got.loc[:, "nilai"] = 0.0
    got["tambahan"] = 1
    pd.testing.assert_frame_equal(ikpa_page._CURRENT.get(selection), expected, check_exact=True)


def test_the_kept_parts_are_the_viewers_own(tiny, monkeypatch, forgotten):
    """The kept scores and basis are keyed by scope, filters and period: a unit's viewer's tabs do
    not serve the whole ministry's, another month's or a filtered selection's."""
    engine = db.engine(tiny)
    period = Period(Y, 6)
    ikpa_page.scores_shown(engine, period, scope=Scope(units=("05",)))
    ikpa_page.projection_shown(engine, period, scope=Scope(units=("05",)))
    scored, based = [], []
    real_current, real_basis = ikpa_page.ikpa_view.current, ikpa_page.projection_view.basis

    def counted_current(*args, **kwargs):
        scored.append(kwargs["scope"])
        return real_current(*args, **kwargs)

    def counted_basis(*args, **kwargs):
        based.append(kwargs["scope"])
        return real_basis(*args, **kwargs)

    monkeypatch.setattr(ikpa_page.ikpa_view, "current", counted_current)
    monkeypatch.setattr(ikpa_page.projection_view, "basis", counted_basis)
    everything = ikpa_page.attention_shown(engine, period, scope=EVERYTHING)
    ikpa_page.attention_shown(engine, Period(Y, 3), scope=Scope(units=("05",)))
    ikpa_page.attention_shown(engine, period, scope=Scope(units=("05",)), filters=Filters(jenis_belanja=("52",)))
    assert len(scored) == len(based) == 3
    assert S1 in set(everything["perhatian"].rows["kdsatker"])  # unit 01's satker: the ministry's own list
    ikpa_page.attention_shown(engine, period, scope=Scope(units=("05",)))
    assert len(scored) == len(based) == 3  # the same selection: taken from the first and projection tabs


def test_english(tiny, monkeypatch):
    at = _page(monkeypatch, tiny, lang="en")
    assert not at.exception
    assert "Poor" in set(_table(_open(at, "ikpa_tab_peringkat", "en"), "peringkat", "en")["kategori"])
    assert any(s.value.startswith("Work units ranked by IKPA score, FY 2024") for s in at.subheader)
    # reasons, the realism of the catch-up and the formula trace in English, numbers too
    reasons = _table(_open(at, "ikpa_tab_perhatian", "en"), "alasan", "en")
    reasons = reasons[reasons["tingkat"] == "satker"].set_index("kdsatker")
    assert f"IKPA {float(hand.S1_NILAI):.2f} (Poor)" in reasons.at[S1, "alasan"]
    assert "below the target" in reasons.at[S2, "alasan"] and "di bawah" not in reasons.at[S2, "alasan"]
    catch_up = _table(_open(at, "ikpa_tab_proyeksi", "en"), "alasan_realistis", "en").set_index("kdsatker")
    assert catch_up.at[S2, "alasan_realistis"] == ("by the RPD plan: to TW III needs Rp 350 M, usually Rp 0; "
                                                   "to December needs Rp 550 M, usually Rp 0")
    _open(at, "ikpa_tab_jejak", "en").selectbox(key="ikpa_jejak_satker").set_value(S1)
    trace = _table(_open(at, "ikpa_tab_jejak", "en"), "perhitungan", "en").set_index("indikator")
    assert trace.at["Budget absorption TW I spending type 52", "perhitungan"] == "min(100, 10.00% / 15.00% × 100)"
    assert "blocked Rp 0" in trace.at["Budget absorption TW I spending type 52", "masukan"]
    assert trace.at["IKPA score", "hasil"] == on_screen(hand.S1_NILAI)
    assert trace.at["IKPA score", "perhitungan"].endswith("→ band Poor")
    assert trace.at["Budget absorption", "perhitungan"].startswith("mean (75.00; ")


# ---------------------------------------------------------------- the IKPA band reason (pure)

def test_ikpa_band_reason_names_the_worst_band_only():
    scores = pd.DataFrame([dict(kdunit="01", kdsatker="A", nilai=68.5, kategori="Kurang"),
                           dict(kdunit="01", kdsatker="B", nilai=75.0, kategori="Cukup"),
                           dict(kdunit="05", kdsatker="C", nilai=math.nan, kategori=None),
                           dict(kdunit="05", kdsatker="D", nilai=1234.5 / 100, kategori="Kurang")])
    got = attention.ikpa_band_reason({"ikpa_satker": scores})
    assert list(got["kdsatker"]) == ["A", "D"]
    words = projection_words.reason_words("id")
    values = got.drop(columns=attention.REASON_COLUMNS)
    assert set(got["kunci"]) == {"ikpa_alasan_ikpa"}
    # numbers as the rest of the page writes them (monev.i18n.format, half-even: 12,345 -> 12,34)
    assert list(words("ikpa_alasan_ikpa", values)) == ["IKPA 68,50 (Kurang)", "IKPA 12,34 (Kurang)"]
    assert list(projection_words.reason_words("en")("ikpa_alasan_ikpa", values)) == ["IKPA 68.50 (Poor)",
                                                                                     "IKPA 12.34 (Poor)"]
    assert list(got["bobot"]) == [approx(70 - 68.5), approx(70 - 12.345)]  # points below Cukup (70)
    assert attention.ikpa_band_reason({"ikpa_satker": scores, "ikpa_batas_cukup": 80})["bobot"].iloc[0] == 11.5
    assert attention.ikpa_band_reason({}).empty
    assert attention.ikpa_band_reason in attention.REASONS
    # joined with the other reasons of the same satker, worst first
    jenis = pd.DataFrame([dict(kdunit="01", kdsatker="A", jenis_belanja="53", persen=12.0, target_persen=40.0)])
    listed = attention.needs_attention({"ikpa_satker": scores, "jenis_satker": jenis}, words).set_index("kdsatker")
    assert listed.at["A", "alasan"] == "realisasi belanja modal 12,00% vs target 40,00%; IKPA 68,50 (Kurang)"
    assert list(listed.index) == ["D", "A"]  # 57,655 points before 28


def test_empty_selection_shows_a_message(tiny, monkeypatch):
    """Unit 01 has no social assistance (57): no satker, a message, no exception."""
    at = open_page(monkeypatch, tiny, "pages/ikpa.py", tahun=str(hand.Y), sampai="6", unit="01", jb="57")
    assert not at.exception
    assert any(i.value == "Tidak ada data untuk pilihan ini." for i in at.info)


def _recorded_downloads(monkeypatch) -> dict:
    """The page's download buttons: file name -> the callable a click calls (the workbook)."""
    buttons = {}
    original = download.st.download_button

    def recording(label, data, file_name=None, **kw):
        buttons[file_name.removesuffix(".xlsx")] = data
        return original(label, data, file_name=file_name, **kw)

    monkeypatch.setattr(download.st, "download_button", recording)
    return buttons


def test_the_attention_tab_writes_the_reasons_of_its_page_and_its_whole_download(tiny, monkeypatch):
    """A screenful of the list shows each row's reasons, and the download (written on the click)
    holds every row with its reasons: the words the whole list has in shown()."""
    from monev.views import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", (1, 2))
    buttons = _recorded_downloads(monkeypatch)
    at = _open(_page(monkeypatch, tiny), "ikpa_tab_perhatian")
    whole = ikpa_page.shown(db.engine(tiny), Period(Y, 6), scope=EVERYTHING)["perhatian"]
    assert len(whole) > 1
    shown = _table(at, "alasan")
    assert len(shown) == 1
    first = whole.iloc[0]
    assert (shown["kdsatker"].iloc[0], shown["alasan"].iloc[0]) == (first["kdsatker"], first["alasan"])
    at.session_state["ikpa_tab"] = text("ikpa_tab_perhatian", "id")  # the tab stays open: its page kept
    at.number_input(key="ikpa_perhatian_halaman").set_value(2).run()
    second = _table(at, "alasan")
    assert second["alasan"].iloc[0] == whole["alasan"].iloc[1]
    back = pd.read_excel(io.BytesIO(buttons[f"ikpa_perlu_perhatian_{Y}_06"]()), dtype=str)
    assert back["alasan"].tolist() == whole["alasan"].tolist()
    assert list(back.columns) == ikpa_page.ATTENTION_COLUMNS


def test_the_catch_up_tab_writes_the_words_of_its_page_and_its_whole_download(tiny, monkeypatch):
    """The catch-up table's words (alasan_realistis) are written for the rows of the page shown
    and, on the click, for every row of the download: those shown() has for the same satker."""
    from monev.views import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", (1, 2))
    buttons = _recorded_downloads(monkeypatch)
    at = _open(_page(monkeypatch, tiny), "ikpa_tab_proyeksi")
    whole = ikpa_page.shown(db.engine(tiny), Period(Y, 6), scope=EVERYTHING)["kejar"].set_index("kdsatker")
    assert len(whole) == 2
    shown = _table(at, "alasan_realistis")
    assert len(shown) == 1
    assert shown["alasan_realistis"].iloc[0] == whole.at[shown["kdsatker"].iloc[0], "alasan_realistis"]
    back = pd.read_excel(io.BytesIO(buttons[f"ikpa_kebutuhan_satker_{Y}_06"]()), dtype={"kdsatker": str})
    assert list(back.columns) == ikpa_page.CATCH_UP_COLUMNS
    assert back.set_index("kdsatker")["alasan_realistis"].to_dict() == whole["alasan_realistis"].to_dict()
