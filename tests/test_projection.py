"""Year-end projection, what is left to realize per month, the 'perlu perhatian' list and the
back-test. Expected values are worked out by hand in the comments from the rules in
monev/domain/projection.py's docstring."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monev import reports
from monev.domain import attention, catch_up, projection
from monev.domain.period import Period
from monev.views import projection as view
from monev.views import projection_words
from monev.warehouse import db, query
from monev.warehouse.query import EVERYTHING

import builders as b

JB_LEVEL = [("jenis belanja", ["jenis_belanja"])]
UNIT_LEVELS = [("unit", ["kdunit", "jenis_belanja"]), ("jenis belanja", ["jenis_belanja"])]


def year(tahun: int, cumulative: dict[int, int], **keys) -> list[dict]:
    """Monthly rows of one year from cumulative realization at some months (rest 0)."""
    rows, before = [], 0
    for month in sorted(cumulative):
        rows.append(dict(tahun=tahun, bulan=month, realisasi=cumulative[month] - before, **keys))
        before = cumulative[month]
    return rows


def history(*years: list[dict]) -> pd.DataFrame:
    """The years' monthly rows as project() reads a history (projection.by_month)."""
    rows = pd.DataFrame([row for rows in years for row in rows])
    if rows.empty:
        return rows
    return projection.by_month(rows, [c for c in rows.columns if c not in ("tahun", "bulan", "realisasi")])


def current(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# 2022: 500 of 1000 by June (share 0.5); 2023: 400 of 1000 by June (share 0.4).
TWO_YEARS = history(year(2022, {6: 500, 12: 1000}, jenis_belanja="52", kdunit="05"),
                    year(2023, {6: 400, 12: 1000}, jenis_belanja="52", kdunit="05"))


# ------------------------------------------------------------------ projection


def test_share_curves_are_cumulative_over_the_year_total():
    curves = projection.share_curves(TWO_YEARS, ["jenis_belanja"])
    at = curves.set_index(["tahun", "bulan"])["share"]
    assert at[(2022, 5)] == 0.0 and at[(2022, 6)] == 0.5 and at[(2022, 12)] == 1.0
    assert at[(2023, 6)] == pytest.approx(0.4) and at[(2023, 11)] == pytest.approx(0.4)


def test_rupiah_above_two_to_the_53_stay_exact():
    """A float holds every whole rupiah only up to 2^53 (about Rp 9.007 T): the cap (pagu - blokir)
    and the realization bound the projection exactly, whatever their size."""
    pagu, blokir, realized = 2**60 + 1, 2**53 + 3, 2**55 + 1
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=pagu, blokir=blokir, realisasi=realized),
                   dict(jenis_belanja="99", kdunit="05", pagu=pagu, blokir=0, realisasi=realized))
    # 2022 realized 1 by June of 10^6 for 52: the implied year end passes the cap
    tiny = history(year(2022, {6: 1, 12: 10**6}, jenis_belanja="52", kdunit="05"))
    projected = projection.project(rows, 6, tiny, JB_LEVEL)
    cap = pagu - blokir
    assert projected["batas"].tolist() == [cap, pagu]
    assert projected["proyeksi"].tolist() == [cap, realized]  # 99 has no basis: what is realized
    assert projected["proyeksi_atas"].tolist() == [cap, pagu]
    assert projected["proyeksi_bawah"].tolist() == [cap, realized]
    assert float(cap) != cap and float(realized) != realized  # amounts a float would have moved
    assert all(projected[c].dtype == "int64" for c in ("batas", "proyeksi", "proyeksi_bawah", "proyeksi_atas"))


def test_two_past_years_give_the_projection_and_its_band():
    # realized 600 by June; mean share (0.5 + 0.4) / 2 = 0.45 -> 600 / 0.45 = 1333.33 -> 1333;
    # band: 600 / 0.5 = 1200 and 600 / 0.4 = 1500; pagu 2000 does not cap.
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=2000, blokir=0, realisasi=600))
    got = projection.project(rows, 6, TWO_YEARS, JB_LEVEL).iloc[0]
    assert (got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (1333, 1200, 1500)
    assert got["dasar"] == "riwayat jenis belanja" and got["tahun_riwayat"] == 2
    assert got["share"] == pytest.approx(0.45)
    summed = projection.rollup(projection.project(rows, 6, TWO_YEARS, JB_LEVEL), [], {"52": 90.0}).iloc[0]
    assert summed["proyeksi_persen"] == pytest.approx(1333 / 20)  # 66.65
    assert (summed["proyeksi_bawah_persen"], summed["proyeksi_atas_persen"]) == (60.0, 75.0)
    assert summed["persen"] == 30.0 and summed["target_persen"] == 90.0


def test_the_finer_level_is_used_where_it_has_history():
    # unit 05 has its own history (share 0.45 at June); unit 01 has none and takes the jenis
    # belanja curve, here the same two years: also 0.45. Make unit 05's own differ: 2021 only,
    # 300 of 1000 by June (share 0.3): 300 -> 300 / 0.3 = 1000.
    own = history(year(2021, {6: 300, 12: 1000}, jenis_belanja="52", kdunit="05"))
    other = history(year(2022, {6: 500, 12: 1000}, jenis_belanja="52", kdunit="01"))
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=5000, blokir=0, realisasi=300),
                   dict(jenis_belanja="52", kdunit="07", pagu=5000, blokir=0, realisasi=300))
    got = projection.project(rows, 6, pd.concat([own, other]), UNIT_LEVELS)
    assert list(got["dasar"]) == ["riwayat unit", "riwayat jenis belanja"]
    assert got.at[0, "proyeksi"] == 1000  # 300 / 0.3
    # jenis belanja curve over both years: shares 0.3 (2021) and 0.5 (2022), mean 0.4 -> 750;
    # band 300 / 0.5 = 600 and 300 / 0.3 = 1000.
    assert (got.at[1, "proyeksi"], got.at[1, "proyeksi_bawah"], got.at[1, "proyeksi_atas"]) == (750, 600, 1000)


def test_no_history_falls_back_to_the_rpd_shape():
    # RPD 100 a month: cumulative to March 300 of 1200 -> share 0.25; realized 50 -> 200.
    plan = pd.DataFrame([dict(kdsatker="S", jenis_belanja="53", **{f"rpd_{m}": 100 for m in range(1, 13)})])
    rows = current(dict(kdsatker="S", jenis_belanja="53", pagu=1000, blokir=0, realisasi=50))
    got = projection.project(rows, 3, history(), JB_LEVEL, plan, ["kdsatker", "jenis_belanja"]).iloc[0]
    assert got["dasar"] == "RPD" and got["tahun_riwayat"] == 0
    assert (got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (200, 200, 200)


def test_projection_is_capped_at_pagu_net_of_blokir():
    # 500 / 0.45 = 1111, band 1000..1250: every figure capped at 1000 - 200 = 800.
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=1000, blokir=200, realisasi=500))
    got = projection.project(rows, 6, TWO_YEARS, JB_LEVEL).iloc[0]
    assert (got["batas"], got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (800, 800, 800, 800)


def test_projection_is_never_below_what_is_realized():
    # realized 900 already above pagu - blokir = 800: the cap is the realization itself.
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=1000, blokir=200, realisasi=900))
    got = projection.project(rows, 6, TWO_YEARS, JB_LEVEL).iloc[0]
    assert (got["batas"], got["proyeksi"], got["proyeksi_atas"]) == (900, 900, 900)


def test_zero_realization_projects_zero():
    rows = current(dict(jenis_belanja="52", kdunit="05", pagu=1000, blokir=0, realisasi=0))
    got = projection.project(rows, 6, TWO_YEARS, JB_LEVEL).iloc[0]
    assert (got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (0, 0, 0)


def test_a_year_with_nothing_realized_yet_opens_the_band_to_the_cap():
    # 2022 had 0 by March (share 0), 2023 200 of 1000 (0.2): mean 0.1 -> 50 / 0.1 = 500;
    # 2022 implies no finite year end -> the top of the band is the cap 1000; bottom 50 / 0.2 = 250.
    past = history(year(2022, {12: 1000}, jenis_belanja="52"), year(2023, {3: 200, 12: 1000}, jenis_belanja="52"))
    rows = current(dict(jenis_belanja="52", pagu=1000, blokir=0, realisasi=50))
    got = projection.project(rows, 3, past, JB_LEVEL).iloc[0]
    assert (got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (500, 250, 1000)


def test_a_negative_realization_takes_the_band_from_each_years_implied_year_end():
    # A correction left -60 realized by March. 2022: 1200 by March, 1000 at the year end (share 1.2,
    # implies -60 / 1.2 = -50); 2023: nothing by March (share 0, implies 0). Mean share 0.6 ->
    # -100, never below the realization: -60. Band: lowest -50 (the lowest positive share's), highest 0.
    past = history(year(2022, {3: 1200, 12: 1000}, jenis_belanja="52"), year(2023, {12: 1000}, jenis_belanja="52"))
    rows = current(dict(jenis_belanja="52", pagu=1000, blokir=0, realisasi=-60),
                   dict(jenis_belanja="52", pagu=1000, blokir=0, realisasi=30))
    got = projection.project(rows, 3, past, JB_LEVEL)
    assert tuple(got.loc[0, ["proyeksi", "proyeksi_bawah", "proyeksi_atas"]]) == (-60, -50, 0)
    # 30 realized: 30 / 0.6 = 50; band 30 / 1.2 = 25 up to the cap (2023 implies no finite year end)
    assert tuple(got.loc[1, ["proyeksi", "proyeksi_bawah", "proyeksi_atas"]]) == (50, 30, 1000)


def test_without_any_basis_the_projection_is_the_realization_and_the_band_runs_to_the_cap():
    rows = current(dict(jenis_belanja="57", pagu=1000, blokir=100, realisasi=300))
    got = projection.project(rows, 4, history(), JB_LEVEL).iloc[0]
    assert got["dasar"] == "tanpa dasar"
    assert (got["proyeksi"], got["proyeksi_bawah"], got["proyeksi_atas"]) == (300, 300, 900)


def test_rupiah_round_half_up():
    assert list(projection.round_half_up([2.5, 3.5, 2.4999, -0.5])) == [3, 4, 2, 0]
    # 1 / 0.4 = 2.5 rupiah -> 3 (Python's round would give 2)
    past = history(year(2022, {6: 400, 12: 1000}, jenis_belanja="52"))
    rows = current(dict(jenis_belanja="52", pagu=100, blokir=0, realisasi=1))
    assert projection.project(rows, 6, past, JB_LEVEL).iloc[0]["proyeksi"] == 3


# ------------------------------------------------------------------ per remaining month


def test_target_quarter_and_months_left():
    assert [catch_up.target_quarter(m) for m in (1, 2, 3, 4, 6, 9, 11, 12)] == [1, 1, 2, 2, 3, 4, 4, 4]
    assert catch_up.months_left(1, 3) == 2 and catch_up.months_left(12, 12) == 0


def _catch(bulan, realisasi, need_q, need_y):
    frame = pd.DataFrame({"realisasi": realisasi})
    return catch_up.catch_up(frame, bulan, pd.Series(need_q, dtype="Int64"), pd.Series(need_y, dtype="Int64"))


def test_required_per_month_at_january():
    # January: 2 months left of TW I, 11 of the year. Without a seasonal pattern the flat pace
    # (400 a month) is the basis: realistic up to 1.25 x 400 x 2 = 1000 by March.
    got = _catch(1, [400, 400, 400], [1000, 1001, 0], [6600, 6601, pd.NA])
    assert list(got["sisa_bulan_triwulan"]) == [2, 2, 2] and list(got["sisa_bulan_tahun"]) == [11, 11, 11]
    assert list(got["per_bulan_triwulan"]) == [500, 501, 0]  # 1001 / 2 -> 501; nothing needed -> 0
    assert list(got["pola_triwulan"]) == [800, 800, 800]  # 400 a month x 2 months
    assert list(got["realistis_triwulan"]) == [True, False, True]  # 1000 <= 1.25 x 800; 1001 > 1000
    assert got["per_bulan_tahun"].tolist()[:2] == [600, 601]  # 6600 / 11; ceil(6601 / 11) = 601
    # 1.25 x 400 x 11 = 5500 < 6600: the flat pace does not get there
    assert got["realistis_tahun"].tolist()[:2] == [False, False]
    assert got["per_bulan_tahun"].isna().tolist()[2] and got["realistis_tahun"].isna().tolist()[2]
    assert list(got["laju_bulanan"]) == [400, 400, 400]


def test_required_per_month_at_december_has_no_month_left():
    got = _catch(12, [1200, 1200], [100, 0], [100, 0])
    assert list(got["triwulan_target"]) == [4, 4] and list(got["sisa_bulan_tahun"]) == [0, 0]
    assert got["per_bulan_tahun"].isna().tolist() == [True, False] and got.at[1, "per_bulan_tahun"] == 0
    assert list(got["realistis_tahun"]) == [False, True]


def test_nothing_realized_yet_is_not_realistic_unless_nothing_is_needed():
    got = _catch(3, [0, 0], [300, 0], [900, 0])
    assert list(got["per_bulan_triwulan"]) == [100, 0]  # at March the target is TW II's: 3 months
    assert list(got["realistis_triwulan"]) == [False, True]


# 2022: 500, 800, 1000 of 1000 at June, September, December; 2023: 400, 700, 1000.
# Mean shares S(6) = 0.45, S(9) = 0.75, S(12) = 1.
THREE_POINTS = history(year(2022, {6: 500, 9: 800, 12: 1000}, jenis_belanja="52"),
                       year(2023, {6: 400, 9: 700, 12: 1000}, jenis_belanja="52"))


def test_realism_follows_the_rows_own_seasonal_pattern():
    # 600 realized by June: usually 600 x (0.75 - 0.45) / 0.45 = 400 more by September and
    # 600 x (1 - 0.45) / 0.45 = 733.33 by December; realistic up to 1.25 x those: 500 and 916.67.
    rows = projection.project(current(dict(jenis_belanja="52", pagu=2000, blokir=0, realisasi=600)), 6,
                              THREE_POINTS, JB_LEVEL, ahead=(9, 12))
    assert projection.usual_after(rows, 6, 9).iloc[0] == pytest.approx(400)
    assert projection.usual_after(rows, 6, 12).iloc[0] == pytest.approx(600 * 0.55 / 0.45)
    assert list(projection.realism_basis(rows)) == ["riwayat jenis belanja"]
    frame = pd.DataFrame({"realisasi": [600, 600]})
    got = catch_up.catch_up(frame, 6, pd.Series([499, 501], dtype="Int64"), pd.Series([916, 917], dtype="Int64"),
                              pd.Series([400.0, 400.0]), pd.Series([600 * 0.55 / 0.45] * 2))
    assert list(got["realistis_triwulan"]) == [True, False] and list(got["realistis_tahun"]) == [True, False]
    assert list(got["pola_triwulan"]) == [400, 400] and list(got["pola_tahun"]) == [733, 733]
    # the flat pace (100 a month) would allow only 1.25 x 300 = 375 by September
    assert list(_catch(6, [600], [499], [916])["realistis_triwulan"]) == [False]


def test_realism_falls_back_to_the_rpd_then_to_the_flat_pace():
    # No history. Satker A plans 50 a month to June and 150 a month after (total 1200):
    # S(6) = 300 / 1200 = 0.25, S(9) = 750 / 1200 = 0.625. Satker B has no plan: flat t / 12.
    plan = pd.DataFrame([dict(kdsatker="A", jenis_belanja="53",
                              **{f"rpd_{m}": 50 if m <= 6 else 150 for m in range(1, 13)})])
    rows = projection.project(current(dict(kdsatker="A", jenis_belanja="53", pagu=5000, blokir=0, realisasi=300),
                                      dict(kdsatker="B", jenis_belanja="53", pagu=5000, blokir=0, realisasi=300)),
                              6, history(), [("satker", ["kdsatker", "jenis_belanja"])], plan,
                              ["kdsatker", "jenis_belanja"], ahead=(9, 12))
    assert list(projection.realism_basis(rows)) == ["RPD", "laju rata-rata"]
    # A: 300 x (0.625 - 0.25) / 0.25 = 450 and 300 x 0.75 / 0.25 = 900; B: 300 / 6 x 3 = 150 and x 6 = 300
    assert projection.usual_after(rows, 6, 9).tolist() == pytest.approx([450, 150])
    assert projection.usual_after(rows, 6, 12).tolist() == pytest.approx([900, 300])


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(st.one_of(st.none(), st.integers(min_value=-10**15, max_value=2**62)),
                               st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                         st.integers(min_value=0, max_value=2**60).map(float))), max_size=20),
       left=st.integers(min_value=0, max_value=12))
def test_per_month_and_realism_follow_their_rules_row_by_row(rows, left):
    """The column-at-a-time rules against each row's rule in Python integers: the need per month
    ceil(need / left), and need <= 1,25 x max(usual, 0) compared exactly (an int against a float)."""
    needed = pd.Series([need for need, _ in rows], dtype="Int64")
    usual = pd.Series([u for _, u in rows], dtype="float64")
    per = catch_up.per_month(needed, left).tolist()
    real = catch_up.realistic(needed, usual).tolist()
    for (need, expected), p, r in zip(rows, per, real):
        if need is None:
            assert p is pd.NA and r is pd.NA
            continue
        if need > 0 and left <= 0:
            assert p is pd.NA
        else:
            assert p == (-(-need // left) if need > 0 else 0)
        assert r == (need <= 0 or need <= catch_up.REALISTIC_FACTOR * max(expected, 0.0))


def test_reaches_compares_the_projection_with_the_target_rupiah():
    got = catch_up.reaches(pd.Series([1000, 999, 5]), pd.Series([400, 400, 5]), pd.Series([600, 600, pd.NA],
                                                                                            dtype="Int64"))
    assert got.tolist()[:2] == [True, False] and got.isna().tolist()[2]


# ------------------------------------------------------------------ perlu perhatian


def _context():
    proyeksi = pd.DataFrame([
        dict(kdunit="01", kdsatker="A", proyeksi_persen=78.5, proyeksi_bawah_persen=70.0,
             proyeksi_atas_persen=85.0, target_persen=95.0),
        dict(kdunit="01", kdsatker="B", proyeksi_persen=96.0, proyeksi_bawah_persen=90.0,
             proyeksi_atas_persen=99.0, target_persen=95.0),
    ])
    jenis = pd.DataFrame([
        dict(kdunit="01", kdsatker="B", jenis_belanja="53", persen=12.0, target_persen=40.0),  # ratio 30%
        dict(kdunit="01", kdsatker="A", jenis_belanja="52", persen=40.0, target_persen=50.0),  # 80%: Cukup
        dict(kdunit="01", kdsatker="A", jenis_belanja="57", persen=10.0, target_persen=25.0),  # 40%
    ])
    jenis_ppk = pd.DataFrame([dict(kdunit="01", kdsatker="A", kdppk="02", jenis_belanja="51", persen=1234.5,
                                   target_persen=2000.0)])  # 61,7%: Kurang; thousands dot in the text
    return {"proyeksi_satker": proyeksi, "jenis_satker": jenis, "jenis_ppk": jenis_ppk}


def test_attention_list_reasons_and_order():
    got = attention.needs_attention(_context(), projection_words.reason_words("id"))
    # B: 40 - 12 = 28 points; A: projection 95 - 78.5 = 16.5 then bansos 25 - 10 = 15;
    # PPK A/02: 2000 - 1234.5 = 765.5 points (made large to check the ordering uses bobot).
    assert list(zip(got["tingkat"], got["kdsatker"], got["kdppk"])) == [
        ("ppk", "A", "02"), ("satker", "B", ""), ("satker", "A", "")]
    assert list(got["bobot"]) == [765.5, 28.0, 16.5]
    assert got.at[0, "alasan"] == "realisasi belanja pegawai 1.234,50% vs target 2.000,00%"
    assert got.at[1, "alasan"] == "realisasi belanja modal 12,00% vs target 40,00%"
    assert got.at[2, "alasan"] == ("proyeksi akhir tahun 78,50% (rentang 70,00%–85,00%) di bawah target 95,00%; "
                                   "realisasi bantuan sosial 10,00% vs target 25,00%")
    assert list(got["jumlah_alasan"]) == [1, 1, 2]
    assert len(attention.needs_attention(_context(), projection_words.reason_words("id"), n=2)) == 2


def test_attention_reasons_in_english():
    got = attention.needs_attention(_context(), projection_words.reason_words("en"))
    assert got.at[0, "alasan"] == "personnel realization 1,234.50% vs target 2,000.00%"
    assert got.at[2, "alasan"] == ("projected year end 78.50% (range 70.00%–85.00%) below the target 95.00%; "
                                   "social assistance realization 10.00% vs target 25.00%")


def test_attention_takes_further_reason_sources():
    def another(context):  # a further source: who, how bad, and a text key with its values beside
        return pd.DataFrame([dict(tingkat="satker", kdunit="01", kdsatker="C", kdppk="", sumber="lain",
                                  bobot=40.0, kunci="ikpa_alasan_jenis", jenis="59", persen=1.0, target=41.0)])
    got = attention.needs_attention(_context(), projection_words.reason_words("id"), attention.REASONS + [another])
    assert got.at[1, "kdsatker"] == "C" and got.at[1, "alasan"] == "realisasi jenis belanja 59 1,00% vs target 41,00%"
    assert attention.needs_attention({}, projection_words.reason_words("id")).empty


def test_texts_are_joined_per_group_in_row_order():
    texts = pd.Series(["a", "b", "c", "d", "e", "f"])
    got = attention.joined(texts, np.array([2, 0, 2, 1, 2, 0]), 3, "; ")
    assert got.to_pylist() == ["b; f", "d", "a; c; e"]
    assert attention.joined(texts.iloc[:0], np.array([], dtype="int64"), 0, ", ").to_pylist() == []


# ------------------------------------------------------------------ warehouse: views and back-test


def test_view_on_the_base_warehouse_reconciles_with_the_summary(shared_warehouse):
    engine = db.engine(shared_warehouse)
    period = Period(b.THANG, 6)
    got = view.projections(engine, period, scope=EVERYTHING)
    total = reports.budget_summary(engine, period, scope=EVERYTHING)["total"].iloc[0]
    assert got["total"].at[0, "pagu"] == total["pagu"] and got["total"].at[0, "realisasi"] == total["realisasi"]
    assert int(got["per_ppk"]["proyeksi"].sum()) == int(got["total"].at[0, "proyeksi"])
    assert int(got["per_satker"]["proyeksi_atas"].sum()) == int(got["total"].at[0, "proyeksi_atas"])
    rows = got["baris"].groupby(["kdsatker", "jenis_belanja"]).agg(
        dasar=("dasar", "first"), proyeksi=("proyeksi", "sum"))
    # One year only: S1 pegawai and S2 bansos have RPD 1/12 a month -> share(6) = 0.5;
    # S1 51 realized 6 x 100 juta = 600 juta -> 1,2 miliar, under the cap 1,5 miliar - 100 juta blokir.
    assert rows.at[(b.S1, "51"), "dasar"] == "RPD"
    assert rows.at[(b.S1, "51"), "proyeksi"] == 1_200_000_000
    # S2 bansos, each PPK capped at its pagu in force at June (revision 1, no blokir):
    # PPK 01 realized 12 + 15 = 27 miliar -> 54 miliar (pagu 60); PPK 02 5 + 5 + 5 = 15 -> 30, capped at 20.
    assert rows.at[(b.S2, "57"), "proyeksi"] == 74_000_000_000
    assert rows.at[(b.S3, "57"), "dasar"] == "tanpa dasar"
    assert rows.at[(b.S3, "57"), "proyeksi"] == 1_700_000_000


def test_one_basis_serves_projections_catch_up_and_attention(shared_warehouse):
    engine = db.engine(shared_warehouse)
    period = Period(b.THANG, 6)
    shared = view.basis(engine, period, scope=EVERYTHING)
    alone = view.projections(engine, period, scope=EVERYTHING)
    # the rows carry the curve's mean share at the target quarter's end and December for catch_up
    assert {"share_9", "share_12"} <= set(shared.rows.columns)
    pd.testing.assert_frame_equal(shared.rows.drop(columns=["share_9", "share_12"]), alone["baris"], check_exact=True)
    for name in view.ROLLUPS:
        assert shared.level(name) is shared.level(name)  # summed once
        pd.testing.assert_frame_equal(shared.level(name), alone[name], check_exact=True)
    for grain_name in ("satker", "ppk"):
        pd.testing.assert_frame_equal(view.catch_up_from(shared, grain_name, "en"),
                                      view.catch_up(engine, period, grain_name, lang="en", scope=EVERYTHING),
                                      check_exact=True)
    from monev.views import ikpa as ikpa_view
    listed = view.needs_attention_from(shared, ikpa_view.current(engine, period, scope=EVERYTHING),
                                      ikpa_view.rules(engine, period.tahun), n=2, lang="id")
    assert len(listed) == 2
    pd.testing.assert_frame_equal(listed, view.needs_attention(engine, period, n=2, scope=EVERYTHING), check_exact=True)


def test_catch_up_view_uses_the_summary_and_the_targets(shared_warehouse):
    engine = db.engine(shared_warehouse)
    got = view.catch_up(engine, Period(b.THANG, 6), "satker", scope=EVERYTHING).set_index("kdsatker")
    # S3 (57 at 100% of 3 miliar and 52 at 90% of 250 juta): year-end need 3,225 - 1,82 miliar realized
    # (900 + 800 juta bansos, 6 x 20 juta barang) = 1.405.000.000 over 6 months ->
    # ceil(1_405_000_000 / 6) = 234_166_667; pace 1_820_000_000 / 6 = 303_333_333. S3 has neither
    # history nor RPD: the flat pace is the basis, 303_333_333 x 6 = 1_820_000_000 usually by
    # December, and 1.405 <= 1.25 x 1.82 miliar -> realistic.
    assert got.at[b.S3, "kebutuhan_tahun"] == 1_405_000_000
    assert got.at[b.S3, "per_bulan_tahun"] == 234_166_667
    assert got.at[b.S3, "laju_bulanan"] == 303_333_333
    assert got.at[b.S3, "pola_tahun"] == 1_820_000_000 and got.at[b.S3, "dasar_realistis"] == "laju rata-rata"
    assert bool(got.at[b.S3, "realistis_tahun"]) is True
    assert got.at[b.S3, "alasan_realistis"].startswith("menurut laju rata-rata sejauh ini: s.d. TW III perlu ")
    assert (got["triwulan_target"] == 3).all() and (got["sisa_bulan_triwulan"] == 3).all()
    # S3 has neither history nor RPD for either jenis belanja: its projection stays at what is
    # realized (1.820.000.000), short of the year-end target (3.225.000.000).
    assert got.at[b.S3, "proyeksi"] == 1_820_000_000 and bool(got.at[b.S3, "proyeksi_capai_target"]) is False


def tiny_years() -> b.Dataset:
    """One satker, one budget line (52), three years: 2022 and 2023 pagu 1 000 M realized
    200/500/800/1000 M and 100/400/800/1000 M cumulative at March/June/September/December;
    2024 pagu 2 000 M realized 300/600/1 200/1 800 M (90%)."""
    M = 1_000_000
    plan = {2022: (1000, [200, 300, 300, 200]), 2023: (1000, [100, 300, 400, 200]), 2024: (2000, [300, 300, 600, 600])}
    rows = {k: [] for k in ("lokasi", "unit", "satker", "program", "kegiatan", "ro", "akun", "pejabat", "pagu",
                            "realisasi_bulanan")}
    rows["akun"].append(dict(kdakun="521211", nmakun="Belanja bahan"))
    for y, (pagu, quarters) in plan.items():
        rows["lokasi"].append(dict(thang=y, kdlokasi="31", nmlokasi="DKI Jakarta"))
        rows["unit"].append(dict(thang=y, kdunit="01", nmunit="Sekretariat Jenderal"))
        rows["satker"].append(dict(thang=y, kdsatker="001001", nmsatker="Biro Keuangan", kdunit="01",
                                   kewenangan="KP", kdlokasi="31"))
        rows["pejabat"].append(dict(thang=y, kdsatker="001001", peran="PPK", kdppk="01", nama="Budi", nip=""))
        rows["program"].append(dict(thang=y, kdprogram="WA", nmprogram="Program Dukungan Manajemen"))
        rows["kegiatan"].append(dict(thang=y, kdgiat="0123", nmgiat="Pengelolaan keuangan", kdprogram="WA"))
        rows["ro"].append(dict(thang=y, kdgiat="0123", kdoutput="EBA", kdsoutput="962", nmro="Layanan umum",
                               satuan="Layanan"))
        line = dict(thang=y, kdsatker="001001", kdprogram="WA", kdgiat="0123", kdoutput="EBA", kdsoutput="962",
                    kdakun="521211", kdppk="01")
        rows["pagu"].append({**line, "pagu": pagu * M, "blokir": 0, "revisi_ke": 0, "tgl_revisi": f"{y}-01-02"})
        months = [0] * 12
        for q, amount in enumerate(quarters):
            months[3 * q + 2] = amount * M
        rows["realisasi_bulanan"].append({**line, **{f"real{m}": months[m - 1] for m in range(1, 13)}})
    return b.Dataset(rows)


def test_the_history_query_returns_each_listed_year_with_that_years_unit(tmp_path):
    data = tiny_years()
    data.rows["unit"][-1]["nmunit"] = "Setjen 2024"  # the unit's name of 2024 only
    path = tmp_path / "tiga_tahun.duckdb"
    b.load_dataset(path, tmp_path / "berkas", data)
    try:
        engine = db.engine(path)
        got = query.run(engine, "proyeksi_bulanan", daftar_tahun=[2022, 2024], scope=EVERYTHING)
        none = query.run(engine, "proyeksi_bulanan", daftar_tahun=[], scope=EVERYTHING)
        other_unit = query.run(engine, "proyeksi_bulanan", daftar_tahun=[2022, 2024],
                               filters=query.Filters(units=("02",)), scope=EVERYTHING)
    finally:
        db.dispose(path)
    M = 1_000_000
    # tiny_years' quarter amounts, realized in each quarter's last month; 2023 not asked for
    assert list(zip(got["tahun"], got["bulan"], got["realisasi"])) == [
        (2022, 3, 200 * M), (2022, 6, 300 * M), (2022, 9, 300 * M), (2022, 12, 200 * M),
        (2024, 3, 300 * M), (2024, 6, 300 * M), (2024, 9, 600 * M), (2024, 12, 600 * M)]
    assert dict(zip(got["tahun"], got["nmunit"])) == {2022: "Sekretariat Jenderal", 2024: "Setjen 2024"}
    assert str(got["realisasi"].dtype) == "int64" and str(got["tahun"].dtype) == "int64"
    assert none.empty and other_unit.empty


def test_the_seasons_query_is_the_monthly_history_a_column_per_month(tmp_path):
    """queries/proyeksi_riwayat.sql holds proyeksi_bulanan.sql's months side by side, per satker x
    jenis belanja and year (no PPK): what projection.by_month makes of them."""
    data = tiny_years()
    data.rows["unit"][-1]["nmunit"] = "Setjen 2024"
    path = tmp_path / "tiga_tahun.duckdb"
    b.load_dataset(path, tmp_path / "berkas", data)
    try:
        engine = db.engine(path)
        monthly = query.run(engine, "proyeksi_bulanan", daftar_tahun=[2022, 2023, 2024], scope=EVERYTHING)
        got = query.run(engine, "proyeksi_riwayat", daftar_tahun=[2022, 2023, 2024], scope=EVERYTHING)
        none = query.run(engine, "proyeksi_riwayat", daftar_tahun=[], scope=EVERYTHING)
    finally:
        db.dispose(path)
    want = projection.by_month(monthly, ["kdunit", "nmunit", "kdsatker", "jenis_belanja"])
    pd.testing.assert_frame_equal(got, want[got.columns.tolist()], check_exact=True)
    M = 1_000_000
    assert got["realisasi_6"].tolist() == [300 * M, 300 * M, 300 * M] and got["realisasi_5"].tolist() == [0, 0, 0]
    assert got["nmunit"].tolist()[-1] == "Setjen 2024" and none.empty


def test_the_plan_query_takes_each_months_latest_version_side_by_side(tmp_path):
    """queries/proyeksi_rpd.sql: per satker x jenis belanja, each month's RPD as last updated by
    the period's end, one column per month, missing where the month has no plan."""
    data = tiny_years()
    first = [dict(thang=2024, kdsatker="001001", jenis_belanja="52", bulan=m, rpd=100, tgl_update="2024-01-10")
             for m in range(1, 12)]  # no plan for December
    revised = [dict(thang=2024, kdsatker="001001", jenis_belanja="52", bulan=m, rpd=300, tgl_update="2024-07-05")
               for m in range(8, 12)]  # revised in July for August to November
    data.rows["rpd"] = first + revised
    path = tmp_path / "rencana.duckdb"
    b.load_dataset(path, tmp_path / "berkas", data)
    try:
        engine = db.engine(path)
        june = query.run(engine, "proyeksi_rpd", tahun=2024, sampai=Period(2024, 6).sampai, scope=EVERYTHING)
        july = query.run(engine, "proyeksi_rpd", tahun=2024, sampai=Period(2024, 7).sampai, scope=EVERYTHING)
        other = query.run(engine, "proyeksi_rpd", tahun=2024, sampai=Period(2024, 7).sampai,
                          filters=query.Filters(jenis_belanja=("51",)), scope=EVERYTHING)
    finally:
        db.dispose(path)
    assert list(june.columns) == ["kdsatker", "jenis_belanja", *projection.PLAN_MONTHS]
    assert [june.at[0, f"rpd_{m}"] for m in range(1, 12)] == [100] * 11 and pd.isna(june.at[0, "rpd_12"])
    assert [july.at[0, f"rpd_{m}"] for m in range(1, 12)] == [100] * 7 + [300] * 4
    assert len(june) == len(july) == 1 and other.empty


def test_backtest_on_a_tiny_warehouse(tmp_path):
    path = tmp_path / "tiga_tahun.duckdb"
    b.load_dataset(path, tmp_path / "berkas", tiny_years())
    try:
        got = view.backtest(db.engine(path), scope=EVERYTHING)
    finally:
        db.dispose(path)
    table = got["per_tahun"].set_index(["tahun", "bulan"])
    # 2023 from 2022 only (shares 0.2, 0.5, 0.8): 100/0.2 = 500 -> 50%; 400/0.5 = 800 -> 80%;
    # 800/0.8 = 1000 -> 100%; actual 100%: errors -50, -20, 0.
    # 2024 from both (mean shares 0.15, 0.45, 0.8): 300/0.15 = 2000 -> 100%; 600/0.45 = 1333.33 M
    # -> 66.67%; 1200/0.8 = 1500 -> 75%; actual 90%: errors +10, -23.33, -15.
    expected = {(2023, 3): -50.0, (2023, 6): -20.0, (2023, 9): 0.0,
                (2024, 3): 10.0, (2024, 6): 100.0 * 1_333_333_333 / 2_000_000_000 - 90.0, (2024, 9): -15.0}
    assert sorted(table.index) == sorted(expected)
    for key, error in expected.items():
        assert table.at[key, "galat"] == pytest.approx(error, abs=1e-9)
        assert table.at[key, "galat_satker_rata"] == pytest.approx(abs(error), abs=1e-9)
    summary = got["ringkasan"].set_index("bulan")
    assert summary.at[3, "mae_total"] == pytest.approx(30.0)  # (50 + 10) / 2
    assert summary.at[6, "mae_total"] == pytest.approx((20.0 + 23.3333333335) / 2)
    assert summary.at[9, "mae_total"] == pytest.approx(7.5)  # (0 + 15) / 2
    assert list(summary["tahun_diuji"]) == [2, 2, 2]
