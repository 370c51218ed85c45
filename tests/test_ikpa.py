"""IKPA: every formula against values worked out by hand from the rules (docs/domain.md,
docs/ikpa.md), the rule data, the OM-SPAN import and `python -m monev ikpa --json`.

Expected values are written as the arithmetic of the rule, with Fractions where it helps, never
read off the program."""
from __future__ import annotations

import json
import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monev import cli
from monev.domain import ikpa, ikpa_rules
from monev.domain.ikpa_rules import Rules
from monev.domain.period import Period
from monev.domain.targets import DEFAULT_TARGETS
from monev.views import ikpa as ikpa_view
from monev.warehouse import batches, db, query
from monev.warehouse.ingest import ingest_files
from monev.warehouse.query import EVERYTHING
from monev.warehouse.reader import read_table

import builders as b
from builders import L1, L2, L4, L5, L6, L7, S1, S2

Y = b.THANG
TARGETS = {j: list(t) for j, t in DEFAULT_TARGETS.items()}
RULES = Rules(Y)


def approx(value):
    return pytest.approx(float(value), abs=1e-9)


# ---------------------------------------------------------------- Penyerapan Anggaran (pure)

def _absorption_rows(*rows):
    return pd.DataFrame(rows, columns=["kdsatker", "triwulan", "jenis_belanja", "pagu", "blokir", "realisasi"])


def test_worked_check_of_domain_md():
    """pagu 51 = 100, 52 = 300; TW I realization 25 and 30 -> PA 100 (capped) and 66.67 -> 75.00."""
    detail = ikpa.absorption_detail(_absorption_rows(("A", 1, "51", 100, 0, 25), ("A", 1, "52", 300, 0, 30)), TARGETS)
    pa = dict(zip(detail["jenis_belanja"], detail["pa"]))
    assert pa["51"] == 100.0  # 25% / 20% x 100 = 125, capped
    assert pa["52"] == approx(Fraction(10, 15) * 100)  # 10% / 15% x 100
    [quarter] = ikpa.absorption_quarters(detail)["nilai"]
    assert quarter == approx((100 * 100 + Fraction(200, 3) * 300) / 400)
    assert round(quarter, 2) == 75.00


def test_absorption_is_the_mean_of_ended_quarters_with_the_pagu_of_each_quarter_end():
    # TW I: pagu 52 = 300 (as above, 75.00); TW II: pagu 52 raised to 600, cumulative 150 -> 25% / 50% -> 50;
    # 51 cumulative 50 of 100 -> 50% / 50% -> 100; TW II = (100 x 100 + 50 x 600) / 700
    rows = _absorption_rows(("A", 1, "51", 100, 0, 25), ("A", 1, "52", 300, 0, 30),
                            ("A", 2, "51", 100, 0, 50), ("A", 2, "52", 600, 0, 150))
    quarters = ikpa.absorption_quarters(ikpa.absorption_detail(rows, TARGETS))
    tw2 = Fraction(100 * 100 + 50 * 600, 700)
    assert list(quarters["nilai"]) == [approx(75), approx(tw2)]
    assert ikpa.absorption(quarters)["A"] == approx((75 + tw2) / 2)


def test_absorption_nets_blokir_and_skips_zero_pagu():
    # 53: pagu 50 all blocked -> net 0, no weight; 57: pagu 0; 51: pagu 200 - blokir 100 = 100, realized 10
    rows = _absorption_rows(("A", 1, "53", 50, 50, 0), ("A", 1, "57", 0, 0, 5), ("A", 1, "51", 200, 100, 10),
                            ("B", 1, "52", 0, 0, 0))
    detail = ikpa.absorption_detail(rows, TARGETS)
    assert list(detail["jenis_belanja"]) == ["51"]
    assert detail["pa"].iloc[0] == approx(Fraction(10, 20) * 100)  # 10% of 100 net vs target 20%
    result = ikpa.absorption(ikpa.absorption_quarters(detail))
    assert "B" not in result.index  # a satker with no pagu has no value (the indicator does not apply)


@settings(max_examples=60, deadline=None)
@given(values=st.dictionaries(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(1, 4)),
                              st.floats(0, 100), max_size=12),
       bulan=st.integers(1, 12))
def test_absorption_of_every_month_is_the_mean_of_the_quarters_ended(values, bulan):
    """absorption_as_of() from running sums equals absorption() of the quarters ended by each
    month, a satker missing where no quarter of its has ended (or has a value) yet."""
    quarters = pd.DataFrame([(s, q, v) for (s, q), v in values.items()], columns=["kdsatker", "triwulan", "nilai"])
    got = ikpa.absorption_as_of(quarters, bulan)
    expected = {(m, s): v for m in range(1, bulan + 1)
                for s, v in ikpa.absorption(quarters[quarters["triwulan"] * 3 <= m]).items()}
    assert sorted(got.index) == sorted(expected)
    assert got.to_numpy() == pytest.approx([expected[k] for k in got.index], rel=1e-12, abs=1e-12)


# ---------------------------------------------------------------- Deviasi Halaman III (pure)

def _deviation_rows():
    # 51: RPD 10 every month, realized 10, 10, 5; 52: no RPD at all, realized 30 in February
    return pd.DataFrame([("A", "51", 1, 10, 10), ("A", "51", 2, 10, 10), ("A", "51", 3, 10, 5),
                         ("A", "52", 2, 0, 30)], columns=["kdsatker", "jenis_belanja", "bulan", "rpd", "realisasi"])


def test_deviation_with_a_jenis_belanja_without_rpd():
    pagu = pd.DataFrame([("A", "51", 100), ("A", "52", 300)], columns=["kdsatker", "jenis_belanja", "pagu"])
    months = ikpa.deviation_months(_deviation_rows(), pagu, 3, RULES)
    got = dict(zip(months["bulan"], months["deviasi_persen"]))
    # Jan: only 51 assessed (52 has neither plan nor realization) -> 0; Feb: 51 0, 52 100 (realized
    # without a plan) weighted 100:300 -> 75; Mar: 51 |10 - 5| / 10 = 50, 52 not assessed -> 50
    assert got == {1: approx(0), 2: approx(Fraction(0 * 100 + 100 * 300, 400)), 3: approx(50)}
    result = ikpa.deviation(months, RULES).loc["A"]
    assert result["deviasi_rata"] == approx(Fraction(0 + 75 + 50, 3))
    assert result["nilai"] == approx(100 - Fraction(125, 3))  # above 5%: 100 - deviation (assumption)


def test_deviation_months_agree_with_the_halaman_iii_page_rule():
    """The same numbers as monev.domain.rpd (monthly + month_deviation), which this reuses."""
    from monev.domain import rpd

    rows = _deviation_rows()
    pagu = {"51": 100, "52": 300}
    page = rpd.month_deviation(rpd.monthly(rows, 3), pagu)
    frame = pd.DataFrame([("A", j, p) for j, p in pagu.items()], columns=["kdsatker", "jenis_belanja", "pagu"])
    months = ikpa.deviation_months(rows, frame, 3, RULES)
    assert list(months["deviasi_persen"]) == [approx(v) for v in page.loc[1:3]]


def test_deviation_plain_mean_before_2024_rule():
    pagu = pd.DataFrame([("A", "51", 100), ("A", "52", 300)], columns=["kdsatker", "jenis_belanja", "pagu"])
    months = ikpa.deviation_months(_deviation_rows(), pagu, 3, Rules(2023, deviation_pagu_weighted=False))
    assert dict(zip(months["bulan"], months["deviasi_persen"]))[2] == approx(50)  # (0 + 100) / 2


def test_deviation_score_tolerance_boundary():
    assert ikpa.deviation_score(5.0, 5.0) == 100.0
    assert ikpa.deviation_score(5.5, 5.0) == approx(94.5)
    assert ikpa.deviation_score(130.0, 5.0) == 0.0
    assert math.isnan(ikpa.deviation_score(math.nan, 5.0))


# ---------------------------------------------------------------- Revisi DIPA (pure)

def test_revisions_counted_per_semester():
    log = pd.DataFrame([("A", "1", "2024-02-01", "201"), ("A", "1", "2024-02-01", "211"),  # one revision, 2 codes
                        ("A", "2", "2024-03-01", "301"),  # not a counted code
                        ("A", "3", "2024-05-01", "222"), ("A", "4", "2024-08-01", "201")],
                       columns=["kdsatker", "no_revisi", "tgl_revisi", "kode_jenis"])
    june = ikpa.revision_periods(log, ["A", "B"], 6, RULES)
    assert list(june.itertuples(index=False, name=None)) == [("A", 1, 2, 50.0), ("B", 1, 0, 100.0)]
    september = ikpa.revision_periods(log, ["A"], 9, RULES)
    assert list(september["jumlah_revisi"]) == [2, 1]
    assert ikpa.revision(september)["A"] == approx((50 + 100) / 2)


@pytest.mark.parametrize("rules", [RULES, Rules(Y, revision_max=-1)], ids=["default", "no_revision_allowed"])
def test_revisions_of_every_month_at_once_skip_the_satker_without_any(rules):
    """revision_as_of() scores the satker with no counted revision without their periods; it
    equals the mean of revision_periods_as_of() for every satker and month."""
    log = pd.DataFrame([("A", "1", "2024-02-01", "201"), ("A", "3", "2024-05-01", "222"), ("A", "4", "2024-08-01",
                                                                                           "201"),
                        ("C", "1", "2024-03-01", "301")],  # C: only a code that is not counted
                       columns=["kdsatker", "no_revisi", "tgl_revisi", "kode_jenis"])
    entities = pd.DataFrame({ikpa.AS_OF: [m for m in range(1, 13) for _ in "ABC"], "kdsatker": list("ABC") * 12})
    by = [ikpa.AS_OF, "kdsatker"]
    expected = ikpa.revision(ikpa.revision_periods_as_of(log, entities, rules), by)
    got = ikpa.revision_as_of(log, entities, rules)
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    # September: A has 2 counted revisions in semester 1 and 1 in semester 2; B and C none
    if rules is RULES:
        assert (got[(9, "A")], got[(9, "B")], got[(9, "C")]) == (approx((50 + 100) / 2), 100.0, 100.0)
    else:  # not even one revision allowed: every period scores the lower value
        assert (got[(9, "A")], got[(9, "B")]) == (50.0, 50.0)


_REVISION = st.tuples(st.sampled_from("ABC"), st.sampled_from("1234"), st.integers(1, 12),
                      st.sampled_from(["201", "211", "222", "301"]))


@settings(max_examples=60, deadline=None)
@given(log=st.lists(_REVISION, max_size=12), months=st.sampled_from([1, 3, 4, 6, 12]),
       most=st.integers(-1, 2), over=st.sampled_from([50.0, 0.0, 37.5]))
def test_revision_table_equals_the_mean_of_the_periods(log, months, most, over):
    """revision_as_of()'s table of counts agrees with the periods of every satker and month for
    any log: a revision dated in several months (counted once, from its first in each period),
    codes not counted, periods of a month to a year, and any allowance."""
    rules = Rules(Y, revision_period_months=months, revision_max=most, revision_score_over=over)
    frame = pd.DataFrame([(s, n, f"{Y}-{m:02d}-15", k) for s, n, m, k in log],
                         columns=["kdsatker", "no_revisi", "tgl_revisi", "kode_jenis"])
    entities = pd.DataFrame({ikpa.AS_OF: [m for m in range(1, 13) for _ in "ABD"], "kdsatker": list("ABD") * 12})
    by = [ikpa.AS_OF, "kdsatker"]
    expected = ikpa.revision(ikpa.revision_periods_as_of(frame, entities, rules), by)
    got = ikpa.revision_as_of(frame, entities, rules)
    assert list(got.index) == list(zip(entities[ikpa.AS_OF], entities["kdsatker"]))
    assert got.sort_index().to_numpy() == pytest.approx(expected.sort_index().to_numpy(), rel=1e-12)


# ---------------------------------------------------------------- total, rescaling, dispensasi, bands

def test_total_with_every_indicator():
    values = {"revisi_dipa": 100, "deviasi_halaman_iii": 90, "penyerapan": 80, "belanja_kontraktual": 70,
              "penyelesaian_tagihan": 60, "pengelolaan_up_tup": 50, "capaian_output": 100}
    result = ikpa.total(values, RULES)
    weighted = Fraction(100 * 10 + 90 * 15 + 80 * 20 + 70 * 10 + 60 * 10 + 50 * 10 + 100 * 25, 100)
    assert result["bobot_berlaku"] == 100
    assert result["nilai"] == approx(weighted)
    assert result["kategori"] == "Cukup"


def test_total_rescales_over_the_indicators_that_apply_and_deducts_dispensasi():
    values = {"revisi_dipa": 100, "deviasi_halaman_iii": 100, "penyerapan": 90, "belanja_kontraktual": None,
              "penyelesaian_tagihan": 90, "pengelolaan_up_tup": math.nan, "capaian_output": 95}
    result = ikpa.total(values, RULES, dispensasi=2)
    weight = 10 + 15 + 20 + 10 + 25  # kontraktual and UP/TUP do not apply
    before = Fraction(100 * 10 + 100 * 15 + 90 * 20 + 90 * 10 + 95 * 25, weight)
    assert result["bobot_berlaku"] == weight
    assert result["nilai_tertimbang"] == approx(before)
    assert result["pengurang"] == 2
    assert result["nilai"] == approx(before - 2)
    assert result["kategori"] == "Baik"  # 94.69 - 2 = 92.69


def test_total_without_any_indicator_is_missing():
    result = ikpa.total({"penyerapan": None}, RULES)
    assert math.isnan(result["nilai"]) and result["kategori"] is None


@pytest.mark.parametrize("nilai, kategori", [(100, "Sangat Baik"), (95, "Sangat Baik"), (94.99, "Baik"),
                                             (89, "Baik"), (88.99, "Cukup"), (70, "Cukup"), (69.99, "Kurang"),
                                             (0, "Kurang")])
def test_bands_at_their_boundaries(nilai, kategori):
    assert ikpa.band(nilai, RULES.bands) == kategori


def test_aggregate_is_pagu_weighted():
    frame = pd.DataFrame({"kdunit": ["01", "01", "05"], "pagu": [100, 300, 50], "nilai": [90.0, 70.0, 99.0],
                          "penyerapan": [80.0, math.nan, 60.0]})
    per_unit = ikpa.aggregate(frame, ["kdunit"], RULES).set_index("kdunit")
    assert per_unit.loc["01", "nilai"] == approx(Fraction(90 * 100 + 70 * 300, 400))
    assert per_unit.loc["01", "penyerapan"] == approx(80)  # only the satker that has it
    assert per_unit.loc["01", "kategori"] == "Cukup"
    [whole] = ikpa.aggregate(frame, [], RULES).to_dict("records")
    assert whole["nilai"] == approx(Fraction(90 * 100 + 70 * 300 + 99 * 50, 450))
    assert whole["pagu"] == 450 and whole["jumlah_satker"] == 3


# ---------------------------------------------------------------- rule data

def test_rules_default_and_from_rows():
    assert RULES.weights == {"revisi_dipa": 10, "deviasi_halaman_iii": 15, "penyerapan": 20, "belanja_kontraktual": 10,
                             "penyelesaian_tagihan": 10, "pengelolaan_up_tup": 10, "capaian_output": 25}
    assert sum(RULES.weights.values()) == 100
    assert "201" in RULES.revision_codes and "239" in RULES.revision_codes and "301" not in RULES.revision_codes
    rows = pd.DataFrame([("PER-X/PB/2025", "BOBOT", "penyerapan", 60.0), ("PER-X/PB/2025", "BOBOT", "capaian_output",
                                                                          40.0),
                         ("PER-X/PB/2025", "KODE_REVISI", "301", 1.0), ("PER-X/PB/2025", "BATAS", "baik", 90.0),
                         ("PER-X/PB/2025", "BULAN_PERIODE_REVISI", "", 3.0)],
                        columns=["peraturan", "parameter", "kunci", "nilai"])
    rules = ikpa_rules.rules_for(2025, rows)
    assert rules.peraturan == "PER-X/PB/2025"
    assert rules.weights == {"penyerapan": 60.0, "capaian_output": 40.0}  # the set is replaced whole
    assert rules.revision_codes == frozenset({"301"})
    assert rules.bands == {"sangat_baik": 95.0, "baik": 90.0, "cukup": 70.0}
    assert rules.revision_period_months == 3 and rules.deviation_tolerance == 5.0


def test_default_rows_round_trip_to_the_defaults():
    assert ikpa_rules.rules_for(Y, ikpa_rules.default_rows(Y).drop(columns="thang")) == RULES


# ---------------------------------------------------------------- header names with spaces

def test_reader_reads_spaces_in_header_names_as_underscores(tmp_path):
    path = tmp_path / "omspan.csv"
    path.write_text("Bulan;Kode  Satker; Deviasi Halaman III DIPA ;Pengelolaan UP TUP\n6;001001;1,5;90\n",
                    encoding="utf-8")
    assert read_table(path).header == ["bulan", "kode_satker", "deviasi_halaman_iii_dipa", "pengelolaan_up_tup"]


# ---------------------------------------------------------------- a tiny warehouse, end to end

OMSPAN_HEADER = {"bulan": "Bulan", "tahun": "Tahun", "kode_kppn": "Kode KPPN", "kode_ba": "Kode BA",
                 "kode_satker": "Kode Satker", "nama_satker": "Nama Satker", "revisi_dipa": "Revisi DIPA",
                 "deviasi_halaman_iii_dipa": "Deviasi Halaman III DIPA", "nilai_perencanaan": "Nilai Perencanaan",
                 "penyerapan_anggaran": "Penyerapan Anggaran", "belanja_kontraktual": "Belanja Kontraktual",
                 "penyelesaian_tagihan": "Penyelesaian Tagihan", "pengelolaan_up_tup": "Pengelolaan UP TUP",
                 "nilai_pelaksanaan": "Nilai Pelaksanaan", "capaian_output": "Capaian Output",
                 "nilai_akhir": "Nilai Akhir"}


def _omspan(bulan, values):
    row = dict(bulan=bulan, tahun=Y, kode_kppn="019", kode_ba="027", kode_satker=S2,
               nama_satker="Direktorat Jaminan Sosial")
    row.update(values)
    return row


OMSPAN_ROWS = [
    _omspan(5, dict(revisi_dipa="100", deviasi_halaman_iii_dipa="90", nilai_perencanaan="94", penyerapan_anggaran="80",
                    belanja_kontraktual="70", penyelesaian_tagihan="60", pengelolaan_up_tup="50",
                    nilai_pelaksanaan="65", capaian_output="40", nilai_akhir="60")),
    _omspan(6, dict(revisi_dipa="100", deviasi_halaman_iii_dipa="98,5", nilai_perencanaan="99,1",
                    penyerapan_anggaran="88,25", belanja_kontraktual="", penyelesaian_tagihan="90",
                    pengelolaan_up_tup="80", nilai_pelaksanaan="86,5", capaian_output="95", nilai_akhir="93,12")),
    _omspan(7, dict(revisi_dipa="1", deviasi_halaman_iii_dipa="1", nilai_perencanaan="1", penyerapan_anggaran="1",
                    belanja_kontraktual="1", penyelesaian_tagihan="1", pengelolaan_up_tup="1",
                    nilai_pelaksanaan="1", capaian_output="1", nilai_akhir="1")),
]


def _pagu(line, pagu, blokir, rev, tgl):
    return {**line, "pagu": pagu, "blokir": blokir, "revisi_ke": rev, "tgl_revisi": tgl}


def _wide(line, months):
    return {**line, **{f"real{m}": months[m - 1] for m in range(1, 13)}}


def tiny_dataset() -> b.Dataset:
    """S1 (unit 01): pagu 51 = 100 Jt, 52 = 300 Jt raised to 600 Jt on 10 May, 53 = 50 Jt all
    blocked; RPD only for 51 (February's revised to 12 Jt on 15 July, August's added on 5 August:
    after June, so only later months see them); two counted revisions in semester 1. S2 (unit
    05): 57 = 1 M; an RO report in September."""
    base = b.base_dataset().rows
    jt = 1_000_000
    rows = {k: base[k] for k in ("lokasi", "unit", "satker", "program", "kegiatan", "ro", "akun", "pejabat")}
    rows["pagu"] = [_pagu(L1, 100 * jt, 0, 0, "2024-01-02"), _pagu(L2, 300 * jt, 0, 0, "2024-01-02"),
                    _pagu(L2, 600 * jt, 0, 1, "2024-05-10"), _pagu(L4, 50 * jt, 50 * jt, 0, "2024-01-02"),
                    _pagu(L5, 1000 * jt, 0, 0, "2024-01-02")]
    rows["realisasi_bulanan"] = [
        _wide(L1, [10 * jt, 10 * jt, 5 * jt, 10 * jt, 10 * jt, 5 * jt, 0, 0, 0, 0, 0, 0]),
        _wide(L2, [0, 30 * jt, 0, 0, 120 * jt, 0, 0, 0, 0, 0, 0, 0]),
        _wide(L5, [0, 0, 300 * jt, 0, 0, 100 * jt, 0, 0, 0, 0, 0, 0]),
    ]
    rows["rpd"] = ([dict(thang=Y, kdsatker=S1, jenis_belanja="51", bulan=m, rpd=10 * jt, tgl_update="2024-01-10")
                    for m in range(1, 7)]
                   + [dict(thang=Y, kdsatker=S1, jenis_belanja="51", bulan=2, rpd=12 * jt, tgl_update="2024-07-15"),
                      dict(thang=Y, kdsatker=S1, jenis_belanja="51", bulan=8, rpd=10 * jt, tgl_update="2024-08-05")]
                   + [dict(thang=Y, kdsatker=S2, jenis_belanja="57", bulan=m, rpd=amount, tgl_update="2024-01-10")
                      for m, amount in ((3, 300 * jt), (6, 100 * jt))])
    rows["revisi"] = [dict(thang=Y, kdsatker=S1, no_revisi="1", tgl_revisi="2024-05-10", kode_jenis="201"),
                      dict(thang=Y, kdsatker=S1, no_revisi="2", tgl_revisi="2024-06-01", kode_jenis="211"),
                      dict(thang=Y, kdsatker=S1, no_revisi="3", tgl_revisi="2024-03-01", kode_jenis="301")]
    rows["capaian"] = [dict(thang=Y, bulan=6, kdsatker=S1, kdgiat="0123", kdoutput="EBA", kdsoutput="962",
                            target_vol="10", real_vol="8", progres_fisik="50"),
                       dict(thang=Y, bulan=9, kdsatker=S2, kdgiat="6201", kdoutput="QDB", kdsoutput="001",
                            target_vol="4", real_vol="1", progres_fisik="20")]
    return b.Dataset(rows)


# S1 by hand (June): penyerapan TW I = 75 (the worked check), TW II: 51 cum 50 Jt of 100 Jt = 50% / 50%
# -> 100; 52 cum 150 Jt of 600 Jt (raised in May) = 25% / 50% -> 50; 53 net 0 -> no weight
S1_TW2 = Fraction(100 * 100 + 50 * 600, 700)
S1_PENYERAPAN = (75 + S1_TW2) / 2
# deviation per month (51 plan 10 Jt; 52 has no plan; pagu weights 51 = 100, 52 = 600 in force in June):
# Jan 0; Feb (0 x 100 + 100 x 600) / 700; Mar |10 - 5| / 10 = 50; Apr 0; May as Feb; Jun 50
S1_DEVIASI_RATA = (0 + Fraction(600, 7) + 50 + 0 + Fraction(600, 7) + 50) / 6
S1_DEVIASI = 100 - S1_DEVIASI_RATA
S1_REVISI = Fraction(50)  # revisions 1 and 2 counted in semester 1 (> 1); 3 has code 301, not counted
S1_CAPAIAN = Fraction(80)  # 8 / 10
S1_NILAI = (10 * S1_REVISI + 15 * S1_DEVIASI + 20 * S1_PENYERAPAN + 25 * S1_CAPAIAN) / 70
# S2: TW I 300 of 1000 = 30% / 25% -> 100 (capped); TW II 400 of 1000 = 40% / 50% -> 80
S2_PENYERAPAN = Fraction(100 + 80, 2)
S2_NILAI = (10 * 100 + 15 * 100 + 20 * S2_PENYERAPAN + 10 * 90 + 10 * 80) / (10 + 15 + 20 + 10 + 10)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from monev.warehouse import query as q

    base = tmp_path_factory.mktemp("ikpa")
    db_path = base / "ikpa.duckdb"
    b.load_dataset(db_path, base / "berkas", tiny_dataset())
    path = b.write_csv(base / "omspan" / "ikpa_omspan.csv", OMSPAN_ROWS, list(OMSPAN_HEADER),
                       header_case=OMSPAN_HEADER.get)
    read = []
    original = q.sql_text
    q.sql_text = lambda name: read.append(name) or original(name)
    try:
        [result] = ingest_files(db_path, [path])
    finally:
        q.sql_text = original
    assert result.status == "dimuat", result.problems.to_dict("records")
    assert "load/ikpa_omspan" in read
    db.dispose(db_path)
    yield db_path
    db.dispose(db_path)


def _cli(capsys, db_path, *extra):
    code = cli.main(["ikpa", "--db", str(db_path), "--tahun", str(Y), *extra, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_omspan_import_round_trip(tiny):
    stored = b.rows(tiny, "select bulan, kode_kppn, kode_satker, deviasi_halaman_iii_dipa::double, "
                          "belanja_kontraktual::double, nilai_akhir::double from fact_ikpa_omspan order by bulan")
    assert stored == [(5, "019", S2, 90.0, 70.0, 60.0), (6, "019", S2, 98.5, None, 93.12),
                      (7, "019", S2, 1.0, 1.0, 1.0)]


def test_cli_json_against_hand_computed_values(tiny, capsys):
    document = _cli(capsys, tiny, "--sampai", "2024-06")
    assert document["tahun"] == Y and document["sampai"] == "2024-06"
    satker = {row["kdsatker"]: row for row in document["per_satker"]}
    assert set(satker) == {S1, S2}
    s1 = satker[S1]
    assert set(s1) == {"kdsatker", "penyerapan", "deviasi_halaman_iii", "revisi_dipa", "capaian_output",
                       "belanja_kontraktual", "penyelesaian_tagihan", "pengelolaan_up_tup", "dispensasi_spm",
                       "nilai", "kategori"}  # no OM-SPAN row: no resmi_* values
    assert s1["penyerapan"] == approx(S1_PENYERAPAN)
    assert s1["deviasi_halaman_iii"] == approx(S1_DEVIASI)
    assert s1["revisi_dipa"] == approx(S1_REVISI)
    assert s1["capaian_output"] == approx(S1_CAPAIAN)
    assert s1["belanja_kontraktual"] is None and s1["dispensasi_spm"] is None
    assert s1["nilai"] == approx(S1_NILAI)
    assert s1["kategori"] == "Kurang"  # 66,33

    s2 = satker[S2]
    assert s2["penyerapan"] == approx(S2_PENYERAPAN)
    assert s2["deviasi_halaman_iii"] == 100.0  # plan met in March and June, other months not assessed
    assert s2["revisi_dipa"] == 100.0 and s2["capaian_output"] is None
    # from the OM-SPAN report of June (not July's, after sampai); kontraktual empty there
    assert (s2["belanja_kontraktual"], s2["penyelesaian_tagihan"], s2["pengelolaan_up_tup"]) == (None, 90.0, 80.0)
    assert s2["nilai"] == approx(S2_NILAI)
    assert s2["kategori"] == "Baik"  # 92,31
    assert s2["bulan_resmi"] == 6 and s2["resmi_nilai"] == 93.12 and s2["resmi_deviasi_halaman_iii"] == 98.5
    assert s2["resmi_belanja_kontraktual"] is None

    units = {row["kdunit"]: row for row in document["per_unit"]}
    assert units["01"]["nilai"] == approx(S1_NILAI) and units["05"]["nilai"] == approx(S2_NILAI)
    pagu_s1 = (100 + 600 + 50) * 1_000_000  # gross pagu in force at the end of June
    pagu_s2 = 1_000 * 1_000_000
    assert document["kementerian"]["pagu"] == pagu_s1 + pagu_s2
    assert document["kementerian"]["nilai"] == approx((S1_NILAI * pagu_s1 + S2_NILAI * pagu_s2) / (pagu_s1 + pagu_s2))


def test_cli_before_the_first_quarter_ends_and_one_satker(tiny, capsys):
    document = _cli(capsys, tiny, "--sampai", "2024-02", "--satker", S1)
    [s1] = document["per_satker"]
    assert s1["kdsatker"] == S1
    assert s1["penyerapan"] is None  # no quarter has ended: left out, the total is rescaled
    # deviation Jan 0, Feb (0 x 100 + 100 x 300) / 400 with the pagu in force in February
    deviasi = 100 - Fraction(0 + Fraction(100 * 300, 400), 2)
    revisi = 100  # no counted revision yet
    assert s1["deviasi_halaman_iii"] == approx(deviasi)
    assert s1["nilai"] == approx((15 * deviasi + 10 * revisi) / 25)  # no capaian report before June


def test_rule_data_changes_the_result(tiny, tmp_path, capsys):
    """Loading rules for the year (plain-mean deviation, 52 weighted like the rest) is a data change."""
    import shutil

    copy = tmp_path / "aturan.duckdb"
    shutil.copyfile(tiny, copy)
    rules = ikpa_rules.default_rows(Y)
    rules.loc[rules["parameter"] == "DEVIASI_BOBOT_PAGU", "nilai"] = 0.0
    rules.loc[rules["parameter"] == "NILAI_REVISI_LEBIH", "nilai"] = 0.0
    rules["peraturan"] = "PER-UJI/2024"
    path = b.write_csv(tmp_path / "ikpa_aturan.csv", rules.to_dict("records"),
                       ["thang", "peraturan", "parameter", "kunci", "nilai"])
    try:
        [result] = ingest_files(copy, [path])
        assert result.status == "dimuat", result.problems.to_dict("records")
        assert len(query.reference(db.engine(copy), "ikpa_aturan", tahun=Y)) == len(rules)
        document = _cli(capsys, copy, "--sampai", "2024-06", "--satker", S1)
    finally:
        db.dispose(copy)
    [s1] = document["per_satker"]
    assert document["peraturan"] == "PER-UJI/2024"
    # plain mean: Feb and May (0 + 100) / 2 = 50 -> (0 + 50 + 50 + 0 + 50 + 50) / 6
    assert s1["deviasi_halaman_iii"] == approx(100 - Fraction(200, 6))
    assert s1["revisi_dipa"] == 0.0


def test_trace_explains_the_score(tiny):
    engine = db.engine(tiny)
    result = ikpa_view.scores(engine, Period(Y, 6), scope=EVERYTHING)
    rows = ikpa_view.trace(result, S1)
    assert list(rows.columns) == ["indikator", "masukan", "perhitungan", "hasil"]
    by_name = dict(zip(rows["indikator"], rows["perhitungan"]))
    assert by_name["Penyerapan Anggaran TW I JB 52"] == "min(100; 10,00% / 15,00% × 100)"
    assert "Rp 600.000.000" in rows.set_index("indikator").loc["Penyerapan Anggaran TW II JB 52", "masukan"]
    results = dict(zip(rows["indikator"], rows["hasil"]))
    assert results["Penyerapan Anggaran TW I"] == approx(75)
    assert results["Penyerapan Anggaran TW II"] == approx(S1_TW2)
    assert results["Nilai IKPA"] == approx(S1_NILAI)
    assert "kategori Kurang" in by_name["Nilai IKPA"]
    assert ikpa_view.trace(result, "999999").empty


def test_monthly_scores(tiny):
    frame = ikpa_view.monthly(db.engine(tiny), Y, 6, filters=query.Filters(satkers=(S2,)), scope=EVERYTHING)
    assert list(frame["bulan"]) == [1, 2, 3, 4, 5, 6]
    assert frame["penyerapan"].isna().tolist() == [True, True, False, False, False, False]
    assert frame.loc[frame["bulan"] == 3, "penyerapan"].iloc[0] == 100.0  # TW I capped


def test_monthly_deviation_uses_the_rpd_in_force_at_each_month(tiny):
    """S1 as of August: February's RPD is 12 Jt since 15 July and August's (10 Jt, realized 0) exists
    since 5 August; July has neither plan nor realization. Pagu weights 51 = 100, 52 = 600 Jt."""
    frame = ikpa_view.monthly(db.engine(tiny), Y, 8, filters=query.Filters(satkers=(S1,)),
                              scope=EVERYTHING).set_index("bulan")
    june = (0 + Fraction(600, 7) + 50 + 0 + Fraction(600, 7) + 50) / 6  # as S1_DEVIASI_RATA
    assert frame.at[6, "deviasi_rata"] == approx(june)
    february = (Fraction(12 - 10, 12) * 100 * 100 + 100 * 600) / 700
    august = (0 + february + 50 + 0 + Fraction(600, 7) + 50 + 100) / 7
    assert frame.at[8, "deviasi_rata"] == approx(august)
    assert frame.at[8, "deviasi_halaman_iii"] == approx(100 - august)


@pytest.mark.parametrize("filters", [query.NO_FILTER, query.Filters(jenis_belanja=("51", "53")),
                                     query.Filters(units=("05",))], ids=["semua", "jenis_51_53", "unit_05"])
def test_all_months_at_once_equal_month_by_month(tiny, filters):
    """monthly() fetches each input once with an as-of month column and scores all months
    together; scores() computes one month from the single-month queries (the path the hand-worked
    tests above check). Every satker, column and month agrees: strings, counts and bands
    exactly, scores to 1e-12 (pandas may round the last bit of a grouped sum differently for
    frames of different shapes)."""
    engine = db.engine(tiny)
    frame = ikpa_view.monthly(engine, Y, 12, filters=filters, scope=EVERYTHING)
    assert sorted(frame["bulan"].unique()) == list(range(1, 13))
    for bulan in range(1, 13):
        one = ikpa_view.scores(engine, Period(Y, bulan), filters=filters, scope=EVERYTHING).satker
        got = ikpa_view.as_of(frame, bulan)
        pd.testing.assert_frame_equal(got, one, check_exact=False, rtol=1e-12, atol=1e-12)
    if filters == query.NO_FILTER:  # the months differ where the inputs say they should
        s2 = frame[frame["kdsatker"] == S2].set_index("bulan")
        assert s2["bulan_resmi"].tolist() == [pd.NA] * 4 + [5, 6, 7, 7, 7, 7, 7, 7]
        assert s2["capaian_output"].isna().tolist() == [True] * 8 + [False] * 4
        assert s2.at[9, "capaian_output"] == approx(25)  # 1 / 4


def test_with_a_jenis_belanja_filter_an_ro_counts_from_when_it_holds_that_jenis(tmp_path):
    """S2's RO QDB.001 reports in September but holds a 52 line only from a revision of 15
    October (S2 has 52 on its RO QDB.002 all year): filtered to 52, its Capaian Output counts
    from October's month on, in the months at once as in each single month (capaian_ro.sql)."""
    data = tiny_dataset()
    other_ro = {**L6, "kdakun": "521211"}  # RO QDB.002, a 52 line
    data.rows["pagu"] += [_pagu(other_ro, 100 * 1_000_000, 0, 0, "2024-01-02"),
                          _pagu(L7, 200 * 1_000_000, 0, 1, "2024-10-15")]
    db_path = tmp_path / "ikpa.duckdb"
    b.load_dataset(db_path, tmp_path / "berkas", data)
    engine, filters = db.engine(db_path), query.Filters(jenis_belanja=("52",))
    frame = ikpa_view.monthly(engine, Y, 12, filters=filters, scope=EVERYTHING)
    s2 = frame[frame["kdsatker"] == S2].set_index("bulan")
    assert s2["capaian_output"].isna().tolist() == [True] * 9 + [False] * 3
    assert s2.at[10, "capaian_output"] == approx(25)  # 1 / 4
    for bulan in (9, 10):
        one = ikpa_view.scores(engine, Period(Y, bulan), filters=filters, scope=EVERYTHING).satker
        pd.testing.assert_frame_equal(ikpa_view.as_of(frame, bulan), one, check_exact=False, rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- Dispensasi SPM (import and deduction)

DISPENSASI_COLUMNS = ["thang", "bulan", "kdsatker", "jumlah_spm", "pengurang"]
# Each month's report is taken as cumulative within the year: the IKPA of a month uses the latest
# report up to it (docs/ikpa.md). S2 reports in April, June and August; S1 in May without a count.
DISPENSASI_ROWS = [dict(thang=Y, bulan=4, kdsatker=S2, jumlah_spm=1, pengurang="1,25"),
                   dict(thang=Y, bulan=6, kdsatker=S2, jumlah_spm=3, pengurang="3,5"),
                   dict(thang=Y, bulan=8, kdsatker=S2, jumlah_spm=5, pengurang="10"),
                   dict(thang=Y, bulan=5, kdsatker=S1, jumlah_spm=None, pengurang="2")]


def _load(db_path, path):
    try:
        return ingest_files(db_path, [path])
    finally:
        db.dispose(db_path)


@pytest.fixture()
def dispensasi(tiny, tmp_path):
    """A copy of the tiny warehouse with DISPENSASI_ROWS loaded; yields (path, load result)."""
    import shutil

    copy = tmp_path / "dispensasi.duckdb"
    shutil.copyfile(tiny, copy)
    [result] = _load(copy, b.write_csv(tmp_path / "dispensasi_spm.csv", DISPENSASI_ROWS, DISPENSASI_COLUMNS))
    assert result.status == "dimuat", result.problems.to_dict("records")
    assert result.kind == "dispensasi_spm" and result.rows == 4
    yield copy, result
    db.dispose(copy)


def test_dispensasi_import_round_trip(dispensasi):
    db_path, _ = dispensasi
    stored = b.rows(db_path, "select thang, bulan, kdsatker, jumlah_spm, pengurang::double "
                             "from fact_dispensasi_spm order by kdsatker, bulan")
    assert stored == [(Y, 5, S1, None, 2.0), (Y, 4, S2, 1, 1.25), (Y, 6, S2, 3, 3.5), (Y, 8, S2, 5, 10.0)]


def test_dispensasi_deducts_from_the_rescaled_total(dispensasi, capsys):
    db_path, _ = dispensasi
    document = _cli(capsys, db_path, "--sampai", "2024-06")
    satker = {row["kdsatker"]: row for row in document["per_satker"]}
    # S1: May's report; the indicators and the rescaled total are as without it (S1_NILAI = 66,33)
    s1 = satker[S1]
    assert s1["dispensasi_spm"] == 2.0
    assert s1["penyerapan"] == approx(S1_PENYERAPAN) and s1["capaian_output"] == approx(S1_CAPAIAN)
    assert s1["nilai"] == approx(S1_NILAI - 2)
    assert s1["kategori"] == "Kurang"
    # S2: June's 3,5 (not April's 1,25 added to it, nor August's 10, after sampai):
    # 6000 / 65 = 92,31 (Baik) - 3,5 = 88,81, below the Baik bound of 89: Cukup
    s2 = satker[S2]
    assert s2["dispensasi_spm"] == 3.5
    assert S2_NILAI == Fraction(6000, 65)
    assert s2["nilai"] == approx(S2_NILAI - Fraction(7, 2))
    assert s2["kategori"] == "Cukup"
    units = {row["kdunit"]: row for row in document["per_unit"]}
    assert units["05"]["nilai"] == approx(S2_NILAI - Fraction(7, 2)) and units["05"]["kategori"] == "Cukup"

    # May: S2's April report; March: no report yet, no deduction
    may = {row["kdsatker"]: row for row in _cli(capsys, db_path, "--sampai", "2024-05")["per_satker"]}
    assert may[S2]["dispensasi_spm"] == 1.25
    march = {row["kdsatker"]: row for row in _cli(capsys, db_path, "--sampai", "2024-03")["per_satker"]}
    assert march[S2]["dispensasi_spm"] is None and march[S1]["dispensasi_spm"] is None


def test_dispensasi_deduction_never_takes_nilai_below_zero():
    result = ikpa.total({"penyerapan": 5.0}, RULES, dispensasi=10.0)
    assert (result["nilai_tertimbang"], result["pengurang"], result["nilai"]) == (5.0, 10.0, 0.0)


def test_trace_shows_the_dispensasi_report(dispensasi):
    db_path, _ = dispensasi
    result = ikpa_view.scores(db.engine(db_path), Period(Y, 6), scope=EVERYTHING)
    rows = ikpa_view.trace(result, S2).set_index("indikator")
    assert rows.at["Dispensasi SPM", "masukan"] == "laporan Juni: 3 SPM dengan dispensasi"
    assert "kumulatif" in rows.at["Dispensasi SPM", "perhitungan"]
    assert rows.at["Dispensasi SPM", "hasil"] == 3.5
    assert rows.at["Nilai IKPA", "perhitungan"].startswith("92,31 − 3,50 → kategori Cukup")
    assert rows.at["Nilai IKPA", "hasil"] == approx(S2_NILAI - Fraction(7, 2))
    s1 = ikpa_view.trace(result, S1, "en").set_index("indikator")
    assert s1.at["SPM dispensation", "masukan"] == "report of May: – SPM with a dispensation"
    without = ikpa_view.trace(ikpa_view.scores(db.engine(db_path), Period(Y, 3), scope=EVERYTHING),
                              S2).set_index("indikator")
    assert without.at["Dispensasi SPM", "masukan"] == "tidak ada data"


def test_dispensasi_all_months_at_once_equal_month_by_month(dispensasi):
    db_path, _ = dispensasi
    engine = db.engine(db_path)
    frame = ikpa_view.monthly(engine, Y, 9, scope=EVERYTHING)
    s2 = frame[frame["kdsatker"] == S2].set_index("bulan")
    assert s2["dispensasi_spm"].tolist()[3:] == [1.25, 1.25, 3.5, 3.5, 10.0, 10.0]
    assert s2["dispensasi_spm"].iloc[:3].isna().all()
    assert s2["bulan_dispensasi"].tolist() == [pd.NA] * 3 + [4, 4, 6, 6, 8, 8]
    for bulan in (3, 5, 6, 8):
        one = ikpa_view.scores(engine, Period(Y, bulan), scope=EVERYTHING).satker
        got = ikpa_view.as_of(frame, bulan)
        pd.testing.assert_frame_equal(got, one, check_exact=False, rtol=1e-12, atol=1e-12)


def test_bad_dispensasi_file_is_rejected_whole(dispensasi, tmp_path):
    db_path, _ = dispensasi
    before = b.snapshot(db_path)
    bad = [dict(thang=Y, bulan=7, kdsatker=S1, jumlah_spm=1, pengurang="1"),  # valid, yet not loaded
           dict(thang=Y, bulan=7, kdsatker="999999", jumlah_spm=1, pengurang="1"),
           dict(thang=Y, bulan=7, kdsatker=S2, jumlah_spm=1, pengurang="-1"),
           dict(thang=Y, bulan=13, kdsatker=S2, jumlah_spm=1, pengurang="1"),
           dict(thang=Y, bulan=9, kdsatker=S2, jumlah_spm="dua", pengurang="101")]
    [result] = _load(db_path, b.write_csv(tmp_path / "dispensasi_buruk.csv", bad, DISPENSASI_COLUMNS))
    assert result.status == "ditolak" and result.kind == "dispensasi_spm"
    problems = {(p["baris"], p["kolom"]): p["alasan"] for p in result.problems.to_dict("records")}
    assert problems == {
        (3, "kdsatker"): f"kode tidak dikenal di referensi satker tahun {Y}",
        (4, "pengurang"): "bukan angka (contoh: 12 atau 12,5)",
        (5, "bulan"): "bulan harus 1 sampai 12",
        (6, "jumlah_spm"): "harus bilangan bulat 0 atau lebih",
        (6, "pengurang"): "harus antara 0 dan 100",
    }
    assert b.snapshot(db_path) == before


def test_undo_removes_the_dispensasi(dispensasi, capsys):
    db_path, loaded = dispensasi
    batches.undo(db_path, loaded.batch_id)
    db.dispose(db_path)
    assert b.scalar(db_path, "select count(*) from fact_dispensasi_spm_hist") == 0
    satker = {row["kdsatker"]: row for row in _cli(capsys, db_path, "--sampai", "2024-06")["per_satker"]}
    assert satker[S2]["dispensasi_spm"] is None
    assert satker[S2]["nilai"] == approx(S2_NILAI) and satker[S2]["kategori"] == "Baik"


@pytest.mark.parametrize("kind", ["dispensasi_spm", "ikpa_omspan"])
def test_satker_used_only_by_a_dispensasi_or_omspan_row_is_not_undone(dispensasi, tmp_path, kind):
    """Undoing the reference batch that brought a satker is refused while a row of `kind` uses it."""
    db_path, _ = dispensasi
    new = "099001"
    [ref] = _load(db_path, b.write_csv(tmp_path / "satker.csv", [dict(
        thang=Y, kdsatker=new, nmsatker="Balai Uji", kdunit="05", kewenangan="KP", kdlokasi="31")],
        b.COLUMNS["satker"]))
    path = tmp_path / f"{kind}_baru.csv"
    if kind == "dispensasi_spm":
        b.write_csv(path, [dict(thang=Y, bulan=6, kdsatker=new, jumlah_spm=2, pengurang="0,5")], DISPENSASI_COLUMNS)
    else:
        b.write_csv(path, [{**OMSPAN_ROWS[0], "kode_satker": new}], list(OMSPAN_HEADER), header_case=OMSPAN_HEADER.get)
    [used] = _load(db_path, path)
    assert ref.status == used.status == "dimuat", used.problems.to_dict("records")
    with pytest.raises(batches.UndoRefused, match=f"satker {new} di 1 baris {kind}"):
        batches.undo(db_path, ref.batch_id)
    db.dispose(db_path)
    assert b.scalar(db_path, "select count(*) from dim_satker where kdsatker = :k", k=new) == 1
