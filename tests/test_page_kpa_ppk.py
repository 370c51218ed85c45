"""The KPA and PPK page: figures per satker (KPA) and per PPK against values computed here from the
test's own rows (tests/builders.py): target %, status band, rupiah needed for the quarter's target,
the monthly trend and the quarter-by-quarter view; plus the status rules and the chart."""
from __future__ import annotations

import io
import json
import math
from fractions import Fraction

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from monev import reports
from monev.domain import status, summary
from monev.domain.period import Period
from monev.ui import charts_kpa_ppk, download
from monev.views import kpa_ppk
from monev.warehouse import db, query
from monev.warehouse.query import EVERYTHING, Filters

import builders
from apptest import open_page, read_back

THANG = builders.THANG
DATA = builders.base_dataset()
QUARTERS = builders.quarter_table(DATA)
LEVEL = {"satker": "per_satker", "ppk": "per_ppk"}


def band(persen: Fraction, target: Fraction) -> str:
    """The IKPA bands, written out here: >= 95 Sangat Baik, >= 89 Baik, >= 70 Cukup, else Kurang."""
    ratio = persen / target * 100
    return "Sangat Baik" if ratio >= 95 else "Baik" if ratio >= 89 else "Cukup" if ratio >= 70 else "Kurang"


def expected(bulan: int, grain: str = "satker", jenis=None) -> dict[tuple, dict]:
    """Per satker (kdsatker,) or PPK (kdsatker, kdppk): the figures, status and kebutuhan."""
    now = builders.expected_summary(DATA, THANG, bulan, jenis=jenis)[LEVEL[grain]]
    quarter = (bulan - 1) // 3 + 1
    at_quarter_end = {jb: [q[quarter - 1]] * 4 for jb, q in QUARTERS.items()}  # a constant target
    goal = builders.expected_summary(DATA, THANG, bulan, jenis=jenis, targets=at_quarter_end)[LEVEL[grain]]
    result = {}
    for key, row in now.items():
        target_q = goal[key]["target_persen"]
        row = dict(row, status=band(row["persen"], row["target_persen"]),
                   kebutuhan=max(0, math.ceil(target_q * row["pagu"] / 100) - row["realisasi"]))
        result[key[1:]] = row
    return result


def trend(bulan: int, kdsatker: str, kdppk: str | None = None) -> list[float]:
    pagu = sum(r["pagu"] for r in builders.pagu_in_force(DATA, builders.month_end(THANG, bulan)).values()
               if r["kdsatker"] == kdsatker and kdppk in (None, r["kdppk"]))
    by_month = [0] * 13
    for line, month, amount in builders.realization_entries(DATA):
        if line["kdsatker"] == kdsatker and kdppk in (None, line["kdppk"]):
            by_month[month] += amount
    return [100 * sum(by_month[1:m + 1]) / pagu for m in range(1, bulan + 1)]


def key_of(row, grain: str) -> tuple:
    return (row["kdsatker"],) if grain == "satker" else (row["kdsatker"], row["kdppk"])


ON_SCREEN = 0.005  # a page's table shows percentages with two decimals


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The page's table with its numbers read back from the text it shows."""
    return read_back(frame, money=["pagu", "blokir", "realisasi", "kebutuhan"],
                     percent=["persen", "target_persen", "rasio", *(f"{q} %" for q in kpa_ppk.QUARTERS)])


def assert_table(frame: pd.DataFrame, want: dict[tuple, dict], grain: str, close: float | None = None) -> None:
    """close: how near a percentage must be (a page's table shows two decimals: 0,005)."""
    assert sorted(key_of(r, grain) for _, r in frame.iterrows()) == sorted(want)
    for _, row in frame.iterrows():
        w = want[key_of(row, grain)]
        assert (row["pagu"], row["blokir"], row["realisasi"]) == (w["pagu"], w["blokir"], w["realisasi"])
        assert row["persen"] == pytest.approx(float(w["persen"]), abs=close)
        assert row["target_persen"] == pytest.approx(float(w["target_persen"]), abs=close)
        assert row["status"] == w["status"]
        assert row["kebutuhan"] == w["kebutuhan"]


# ---------------------------------------------------------------- rules

@pytest.mark.parametrize("ratio, name", [(120, "Sangat Baik"), (95, "Sangat Baik"), (94.999, "Baik"), (89, "Baik"),
                                         (88.99, "Cukup"), (70, "Cukup"), (69.99, "Kurang"), (0, "Kurang"),
                                         (-3, "Kurang"), (None, None), (float("nan"), None)])
def test_bands(ratio, name):
    assert status.band(ratio) == name


def test_bands_on_series_need_a_target():
    got = status.bands(pd.Series([19.0, 17.8, 14.0, 5.0]), pd.Series([20.0, 20.0, 20.0, 0.0]))
    assert got.tolist()[:3] == ["Sangat Baik", "Baik", "Cukup"] and got.isna().tolist() == [False] * 3 + [True]
    assert kpa_ppk.band_caption() == "Sangat Baik ≥ 95%, Baik ≥ 89%, Cukup ≥ 70%, Kurang < 70%"


def test_bands_of_a_series_follow_band():
    ratios = pd.Series([120, 95, 94.999, 89, 88.99, 70, 69.99, 0, -3, None, float("nan")], index=list("abcdefghijk"))
    got = status.bands_of(ratios)
    assert got.tolist() == [status.band(None if v is None else float(v)) for v in ratios.tolist()]
    assert got.index.tolist() == list("abcdefghijk") and got.dtype == object
    assert got["j"] is None and got["b"] == "Sangat Baik" and got["i"] == "Kurang"


def test_needed_is_exact_and_rounds_up():
    # pagu 51 = 100 at 20%, 52 = 300 at 15,55%: goal ceil(66,65) = 67; realized 30 -> 37
    grain = pd.DataFrame({"kdsatker": ["a", "a", "b", "c"], "jenis_belanja": ["51", "52", "54", "52"],
                          "pagu": [100, 300, 50, 9_007_199_254_740_993], "realisasi": [10, 20, 5, 0]})
    got = status.needed_by_group(grain, {"51": 20.0, "52": 15.55}, ["kdsatker"]).set_index("kdsatker")["kebutuhan"]
    assert got["a"] == math.ceil(Fraction(100 * 20, 100) + Fraction(300 * 1555, 10_000)) - 30 == 37
    assert got.isna()["b"]  # no target for 54
    assert got["c"] == math.ceil(Fraction(9_007_199_254_740_993 * 1555, 10_000))  # beyond float precision
    assert status.needed(1_000, 2_000, 5_000 * 1_000, 1_000) == 0  # ahead of target: nothing needed


def test_needed_by_group_is_needed_of_each_groups_sums():
    """Per satker and per PPK of the base grain, against needed() on sums taken here."""
    grain = pd.DataFrame([(*key, v["pagu"], v["realisasi"]) for key, v in
                          builders.expected_summary(DATA, THANG, 8)["grain"].items()],
                         columns=["kdunit", "kdsatker", "kdppk", "jenis_belanja", "pagu", "realisasi"])
    targets = {"51": 50.0, "52": 45.0, "57": 55.0}  # none for 53: its pagu carries no target
    for keys in (["kdunit", "kdsatker"], ["kdunit", "kdsatker", "kdppk"]):
        got = status.needed_by_group(grain, targets, keys)
        want = []
        for key, part in grain.groupby(keys, sort=True):
            with_target = part[part["jenis_belanja"].isin(list(targets))]
            target_sum = sum(int(p) * round(targets[j] * 100) for j, p in zip(with_target["jenis_belanja"],
                                                                                with_target["pagu"]))
            want.append((*key, status.needed(int(part["pagu"].sum()), int(part["realisasi"].sum()), target_sum,
                                             int(with_target["pagu"].sum()))))
        assert [tuple(r) for r in got.astype(object).where(got.notna(), None).to_numpy().tolist()] == want
        assert got["kebutuhan"].dtype == "Int64"
    assert any(w[-1] not in (None, 0) for w in want)


def test_quarters_so_far():
    assert kpa_ppk.quarter_months(5) == [(1, 3), (2, 5)]
    assert kpa_ppk.quarter_months(12) == [(1, 3), (2, 6), (3, 9), (4, 12)]
    assert kpa_ppk.quarter_months(1) == [(1, 1)]


# ---------------------------------------------------------------- views

@pytest.mark.parametrize("grain", ["satker", "ppk"])
@pytest.mark.parametrize("bulan", [5, 9])
def test_table_matches_the_rows(engine, grain, bulan):
    figures = kpa_ppk.table(engine, Period(THANG, bulan), grain, scope=EVERYTHING)
    assert_table(figures["tabel"], expected(bulan, grain), grain)
    for quarter, month in kpa_ppk.quarter_months(bulan):
        then = expected(month, grain)
        label = kpa_ppk.QUARTERS[quarter - 1]
        for _, row in figures["triwulan"].iterrows():
            w = then[key_of(row, grain)]
            assert row[f"{label} %"] == pytest.approx(float(w["persen"]))
            assert row[f"{label} status"] == w["status"]


def test_names_and_trend(engine):
    frame = kpa_ppk.table(engine, Period(THANG, 7), "ppk", scope=EVERYTHING)["tabel"]
    pejabat = {(p["kdsatker"], p["kdppk"]): p["nama"] for p in DATA.rows["pejabat"]}
    for _, row in frame.iterrows():
        assert row["ppk"] == pejabat[(row["kdsatker"], row["kdppk"])]
        assert row["tren"] == pytest.approx(trend(7, row["kdsatker"], row["kdppk"]))
    satker = kpa_ppk.table(engine, Period(THANG, 7), "satker", scope=EVERYTHING)["tabel"]
    assert dict(zip(satker["kdsatker"], satker["kpa"])) == {"001001": "Ani", "050123": "Dedi", "050456": "Gita"}
    for _, row in satker.iterrows():
        assert row["tren"] == pytest.approx(trend(7, row["kdsatker"]))


@pytest.mark.parametrize("grain", ["satker", "ppk"])
def test_numbered_groups_as_a_grouping_by_the_keys_in_any_row_order(engine, grain):
    """_numbered counts the groups along a grain that comes in key order, and groups by the keys
    otherwise (rows shuffled, a key missing): the same sums to the bit as summary.rollup's grouping,
    and group numbers that are groupby's."""
    keys = kpa_ppk.KEYS[grain]
    rows = query.run(engine, "ringkasan_ppk_kode", scope=EVERYTHING, tahun=THANG, sampai=builders.month_end(THANG, 8))
    targets = {"51": 17.33, "52": 41.67, "57": 66.66}  # inexact products: the order of adding counts
    columns = ["pagu", "blokir", "realisasi", "pagu_bertarget", "pagu_x_target"]
    unsorted = rows.sample(frac=1, random_state=3).reset_index(drop=True)
    missing = rows.astype({keys[-1]: object})
    missing.loc[0, keys[-1]] = None
    assert kpa_ppk._sorted_starts(rows, keys) is not None
    assert kpa_ppk._sorted_starts(unsorted, keys) is None
    assert kpa_ppk._sorted_starts(missing, keys) is None
    for grain_rows in (rows, unsorted):
        frame = summary.with_targets(grain_rows, targets)
        sums, group = kpa_ppk._numbered(frame, keys)
        grouped = frame.groupby(keys, sort=True)
        want = grouped[columns].sum().reset_index().astype(dict.fromkeys(["pagu", "blokir", "realisasi"], "int64"))
        pd.testing.assert_frame_equal(sums, want, check_exact=True)
        assert (sums["pagu_x_target"].to_numpy().view("int64") == want["pagu_x_target"].to_numpy().view("int64")).all()
        assert (group == grouped.ngroup().to_numpy()).all()
    assert kpa_ppk._sorted_starts(rows.iloc[:0], keys) is None


@pytest.mark.parametrize("grain", ["satker", "ppk"])
def test_joined_is_the_left_merge_of_the_years_rows(grain):
    """_joined looks the table's rows up by code and gives the left merge's frame; where a row has
    none or its unit differs there, the merge itself (missing values, the unit kept apart)."""
    keys = kpa_ppk.KEYS[grain]
    frame = pd.DataFrame({"kdunit": ["01", "01", "05"], "kdsatker": ["001001", "001001", "050123"],
                          "kdppk": ["01", "02", "01"], "pagu": [1, 2, 3]}).drop_duplicates(keys)[keys + ["pagu"]]
    frame = frame.reset_index(drop=True).astype({k: "str" for k in keys})
    rows = pd.DataFrame({"kdsatker": ["050123", "001001", "001001", "099999"], "kdppk": ["01", "02", "01", "01"],
                         "bulan_1": [10, 20, 30, 40], "kdunit": ["05", "01", "01", "09"], "nmsatker": list("abcd")})
    rows = rows.drop_duplicates(keys).reset_index(drop=True).astype({k: "str" for k in keys})
    want = frame.merge(rows, on=keys, how="left")
    pd.testing.assert_frame_equal(kpa_ppk._joined(frame, rows, keys), want, check_exact=True)
    for other in (rows.iloc[1:], rows.assign(kdunit=rows["kdunit"].replace("05", "06"))):
        pd.testing.assert_frame_equal(kpa_ppk._joined(frame, other, keys), frame.merge(other, on=keys, how="left"),
                                      check_exact=True)


def test_trend_is_an_arrow_list_missing_without_pagu():
    rows = pd.DataFrame({"pagu": [200, 0, 3], "bulan_1": [50, 0, 1], "bulan_2": [150, None, 2], "bulan_3": [None] * 3})
    tren = pd.Series(kpa_ppk._trend(rows, 2))
    assert tren.dtype == pd.ArrowDtype(pa.list_(pa.float64()))
    assert tren[1] is pd.NA
    assert kpa_ppk.trend_lists(tren) == [[25.0, 75.0], None, [100.0 * 1 / 3, 100.0 * 2 / 3]]
    assert kpa_ppk.trend_lists(tren[[2]]) == [[100.0 * 1 / 3, 100.0 * 2 / 3]]  # some rows, by position


@pytest.mark.parametrize("per_ppk", [True, False])
@pytest.mark.parametrize("jenis", [None, {"57"}])
def test_trend_query_holds_the_cumulative_realization(engine, jenis, per_ppk):
    filters = Filters(jenis_belanja=tuple(jenis)) if jenis else Filters()
    frame = query.run(engine, "kpa_ppk_baris", filters=filters, tahun=THANG, sampai=builders.month_end(THANG, 7),
                      per_ppk=per_ppk, scope=EVERYTHING, **_quarter_targets([3, 6]))
    by_month: dict[tuple, int] = {}
    for line, month, amount in builders.realization_entries(DATA):
        if jenis is None or line["kdakun"][:2] in jenis:
            key = (line["kdsatker"], line["kdppk"] if per_ppk else "", month)
            by_month[key] = by_month.get(key, 0) + amount
    assert frame[[f"bulan_{m}" for m in range(8, 13)]].isna().all().all()  # after July: nothing
    got = {(r["kdsatker"], r["kdppk"], m): int(r[f"bulan_{m}"]) for _, r in frame.iterrows() for m in range(1, 8)}
    for (satker, ppk, month), value in got.items():
        assert value == sum(v for (s, p, m), v in by_month.items() if (s, p) == (satker, ppk) and m <= month)
    assert {(s, p) for s, p, _ in by_month} <= {(s, p) for s, p, _ in got}


def _quarter_targets(months: list[int]) -> dict:
    """The data's quarter-end targets at `months` as the three lists kpa_ppk_baris takes."""
    listed = [(m, jb, float(q[m // 3 - 1])) for m in months for jb, q in QUARTERS.items()]
    return {"target_bulan": [m for m, _, _ in listed], "target_jenis": [jb for _, jb, _ in listed],
            "target_persen": [v for _, _, v in listed]}


@pytest.mark.parametrize("urut", [True, False])
@pytest.mark.parametrize("per_ppk", [True, False])
@pytest.mark.parametrize("bulan, months", [(3, []), (5, [3]), (9, [3, 6]), (12, [3, 6, 9])])
def test_quarter_columns_sum_the_grain_at_each_earlier_quarter_end(engine, bulan, months, per_ppk, urut):
    sampai = builders.month_end(THANG, bulan)
    targets = _quarter_targets([3, 6, 9])  # targets of months the query does not read are ignored
    frame = query.run(engine, "kpa_ppk_baris", tahun=THANG, sampai=sampai, per_ppk=per_ppk, scope=EVERYTHING,
                      **targets).sort_values(["kdsatker", "kdppk"], ignore_index=True)
    if urut:  # the sums in their fixed order, for the same rows
        ordered = query.run(engine, "kpa_ppk_urut", tahun=THANG, per_ppk=per_ppk, scope=EVERYTHING, **targets)
        ordered = ordered.sort_values(["kdsatker", "kdppk"], ignore_index=True)
        assert ordered[["kdsatker", "kdppk"]].equals(frame[["kdsatker", "kdppk"]])
        frame = frame.assign(**{c: ordered[c] for c in ordered.columns if c.startswith("pagu_x_target")})
    assert [m for m in (3, 6, 9) if frame[f"ada_{m}"].any()] == months
    for month in months:
        want: dict[tuple, dict] = {}
        for (unit, satker, ppk, jenis), cell in builders.expected_summary(DATA, THANG, month)["grain"].items():
            row = want.setdefault((unit, satker, ppk if per_ppk else ""), dict.fromkeys(
                ("pagu", "realisasi", "pagu_bertarget", "pagu_x_target"), 0))
            row["pagu"] += cell["pagu"]
            row["realisasi"] += cell["realisasi"]
            if jenis in QUARTERS:
                row["pagu_bertarget"] += cell["pagu"]
                row["pagu_x_target"] += cell["pagu"] * QUARTERS[jenis][month // 3 - 1]
        part = frame[frame[f"ada_{month}"]]
        got = {(r["kdunit"], r["kdsatker"], r["kdppk"]): r for _, r in part.iterrows()}
        assert sorted(got) == sorted(want)
        for key, w in want.items():
            r = got[key]
            assert (r[f"pagu_{month}"], r[f"realisasi_{month}"], r[f"pagu_bertarget_{month}"]) == \
                (w["pagu"], w["realisasi"], w["pagu_bertarget"])
            assert r[f"pagu_x_target_{month}"] == pytest.approx(float(w["pagu_x_target"]))
    if not urut:
        scoped = query.run(engine, "kpa_ppk_baris", scope=query.Scope(units=("05",)), tahun=THANG, sampai=sampai,
                           per_ppk=per_ppk, **targets).sort_values(["kdsatker", "kdppk"], ignore_index=True)
        assert scoped.equals(frame[frame["kdunit"] == "05"].reset_index(drop=True))


def test_reconciles_with_the_budget_summary(engine):
    period = Period(THANG, 8)
    for filters in (Filters(), Filters(jenis_belanja=("57",))):
        figures = reports.budget_summary(engine, period, filters=filters, scope=EVERYTHING)
        for grain, level in LEVEL.items():
            frame = kpa_ppk.table(engine, period, grain, filters=filters, scope=EVERYTHING)["tabel"]
            for column in ("pagu", "realisasi", "persen", "target_persen"):
                assert frame[column].tolist() == figures[level][column].tolist()
            assert frame["pagu"].dtype == "int64"


def test_behind_and_status_counts(engine):
    figures = kpa_ppk.table(engine, Period(THANG, 5), "ppk", scope=EVERYTHING)
    want = expected(5, "ppk")
    assert sorted(key_of(r, "ppk") for _, r in figures["tabel"][kpa_ppk.behind(figures["tabel"])].iterrows()) == \
        sorted(k for k, w in want.items() if w["persen"] < w["target_persen"])
    counts = kpa_ppk.status_counts(figures["triwulan_panjang"]).set_index(["triwulan", "status"])
    then = expected(3, "ppk")
    for name in status.ORDER:
        inside = [k for k, w in then.items() if w["status"] == name]
        assert counts.loc[("TW I", name), "jumlah"] == len(inside)
        assert counts.loc[("TW I", name), "pagu"] == sum(then[k]["pagu"] for k in inside)


def test_status_chart():
    counts = pd.DataFrame({"triwulan": ["TW I", "TW I"], "status": ["Baik", "Kurang"], "jumlah": [2, 1],
                           "pagu": [1_234_567, 5], "realisasi": [7, 0]})
    figure = charts_kpa_ppk.status_bars(counts, "Judul TA 2024 s.d. Mei")
    assert figure.layout.title.text == "Judul TA 2024 s.d. Mei"
    baik = next(tr for tr in figure.data if tr.name == "Baik")
    assert list(baik.y) == [2] and baik.customdata[0][0] == "Rp 1.234.567"


# ---------------------------------------------------------------- the page

def _page(monkeypatch, db_path, sidebar=(), **url) -> AppTest:
    return open_page(monkeypatch, db_path, "pages/kpa_ppk.py", sidebar, **url)


def test_page_per_satker_and_ppk(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="5")
    assert not at.exception
    assert_table(shown(at.dataframe[0].value), expected(5), "satker", ON_SCREEN)
    assert any("Sangat Baik ≥ 95%, Baik ≥ 89%, Cukup ≥ 70%, Kurang < 70%" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == (
        f"Jumlah Satker (KPA) per status pada akhir tiap triwulan, TA {THANG} s.d. Mei")
    quarters = at.dataframe[1].value
    assert quarters["TW I status"].tolist() == [expected(3)[(s,)]["status"] for s in quarters["kdsatker"]]

    at.radio(key="kpa_tingkat").set_value("ppk").run()
    assert not at.exception
    assert_table(shown(at.dataframe[0].value), expected(5, "ppk"), "ppk", ON_SCREEN)
    at.toggle(key="kpa_tertinggal").set_value(True).run()
    behind = {k: w for k, w in expected(5, "ppk").items() if w["persen"] < w["target_persen"]}
    assert 0 < len(behind) < len(expected(5, "ppk"))
    assert_table(shown(at.dataframe[0].value), behind, "ppk", ON_SCREEN)
    assert len(at.dataframe[1].value) == len(behind)  # the quarter view keeps to the same rows

    at.toggle(key="kpa_tertinggal").set_value(False).run()
    at.radio(key="kpa_tingkat").set_value("satker").run()
    at.selectbox(key="kpa_lihat_ppk").set_value("050123").run()
    ppk = at.dataframe[1].value
    assert_table(shown(ppk), {k: w for k, w in expected(5, "ppk").items() if k[0] == "050123"}, "ppk", ON_SCREEN)
    assert ppk["ppk"].tolist() == ["Eka", "Fajar"]


def _status_chart_counts(at: AppTest) -> dict[str, int]:
    """Per status band (as the page names it), the number of rows the chart counts at TW I."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {trace["name"]: sum(y for x, y in zip(trace["x"], trace["y"]) if x == "TW I")
            for trace in spec["data"] if trace.get("x")}


def test_status_chart_counts_the_rows_of_the_table(shared_warehouse, monkeypatch):
    """The chart counts the rows the table shows: each grain, and behind-only (counted once per
    choice and kept, so a cached count must follow every choice)."""
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="5")
    then = {"satker": expected(3), "ppk": expected(3, "ppk")}
    behind = {grain: {k for k, w in expected(5, grain).items() if w["persen"] < w["target_persen"]}
              for grain in then}
    for grain, only_behind in (("satker", False), ("ppk", False), ("ppk", True), ("satker", True), ("satker", False)):
        at.radio(key="kpa_tingkat").set_value(grain)
        at.toggle(key="kpa_tertinggal").set_value(only_behind).run()
        assert not at.exception
        rows = {k: w for k, w in then[grain].items() if not only_behind or k in behind[grain]}
        want: dict[str, int] = {}
        for w in rows.values():
            want[w["status"]] = want.get(w["status"], 0) + 1
        assert {k: v for k, v in _status_chart_counts(at).items() if v} == want, (grain, only_behind)


def test_page_follows_the_filters(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, sidebar=[("selectbox", "f_sampai", 9),
                                                        ("multiselect", "f_jenis_belanja", ["52"])],
               tahun=str(THANG), sampai="5")
    assert not at.exception
    assert_table(shown(at.dataframe[0].value), expected(9, jenis={"52"}), "satker", ON_SCREEN)
    assert "s.d. September" in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]


def test_download_holds_the_rows_shown(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="5")
    drawn = shown(at.dataframe[0].value).drop(columns=["tren"])
    frame = kpa_ppk.table(db.engine(shared_warehouse), Period(THANG, 5),
                          scope=EVERYTHING)["tabel"].drop(columns=["tren"])
    back = pd.read_excel(io.BytesIO(download.excel_bytes(frame, "kpa", sample=False)),
                         dtype={"kdunit": str, "kdsatker": str})
    for column in ("kdsatker", "kpa", "pagu", "realisasi", "kebutuhan", "status"):
        assert back[column].tolist() == drawn[column].tolist()
    # table, quarter view, status chart; the Rakor follow-ups' own: tests/test_page_tindak_lanjut.py
    assert len([b for b in at.get("download_button") if b.key != "kpa_tindak_lanjut_unduh"]) == 3


def test_empty_selection_shows_a_message(shared_warehouse, monkeypatch):
    at = _page(monkeypatch, shared_warehouse, tahun=str(THANG), sampai="6", unit="01", jb="57")
    assert not at.exception
    assert any(i.value == "Tidak ada data untuk pilihan ini." for i in at.info)


@pytest.mark.parametrize("grain", ["satker", "ppk"])
@pytest.mark.parametrize("scope, filters", [(EVERYTHING, Filters()), (EVERYTHING, Filters(jenis_belanja=("57",))),
                                            (query.Scope(units=("05",)), Filters()),
                                            (query.Scope(ppks=((builders.S1, "02"), (builders.S2, "01"))), Filters())])
def test_names_come_with_the_trend_as_the_grain_and_officials_give_them(engine, grain, scope, filters):
    """The names read with the year's rows (kpa_ppk_baris.sql) are the grain's unit and satker
    names and the officials' KPA (the first by kdppk) or PPK, as the page took them before."""
    period = Period(THANG, 7)
    frame = kpa_ppk.table(engine, period, grain, scope=scope, filters=filters)["tabel"]
    assert len(frame)
    rows = reports.budget_grain(engine, period, scope=scope, filters=filters)
    units = rows[["kdunit", "nmunit", "kdsatker", "nmsatker"]].drop_duplicates("kdsatker")
    pejabat = query.run(engine, "kpa_ppk_pejabat", scope=scope, filters=filters, tahun=THANG)
    kpa = pejabat[pejabat["peran"] == "KPA"].drop_duplicates("kdsatker")[["kdsatker", "nama"]].rename(
        columns={"nama": "kpa"})
    ppk = pejabat[pejabat["peran"] == "PPK"].drop_duplicates(["kdsatker", "kdppk"])[
        ["kdsatker", "kdppk", "nama"]].rename(columns={"nama": "ppk"})
    keys = kpa_ppk.KEYS[grain]
    expected = frame[keys].merge(units, on=["kdunit", "kdsatker"], how="left").merge(kpa, on="kdsatker", how="left")
    if grain == "ppk":
        expected = expected.merge(ppk, on=["kdsatker", "kdppk"], how="left")
    shown = ["nmunit", "nmsatker", "ppk" if grain == "ppk" else "kpa"]
    pd.testing.assert_frame_equal(frame[keys + shown], expected[keys + shown], check_exact=True)
    assert frame["nmsatker"].notna().all() and frame[shown[-1]].notna().any()
