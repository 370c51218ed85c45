"""Rupiah axes read the Indonesian way (Rp 20 T), never plotly's SI suffixes (20B): every tick's
text names the amount at its position, and the ticks reach the largest amount drawn."""
from decimal import Decimal

import pandas as pd

from monev.i18n import format as fmt
from monev.ui import charts_rpd, charts_tren

UNITS = ((10**12, "T"), (10**9, "M"), (10**6, "Jt"), (10**3, "rb"))


def indonesian(value: int) -> str:
    """The tick text an Indonesian reader expects for a round amount, written out independently of
    monev.i18n.format: Rp 0, Rp 2 T, Rp 2,5 T, Rp 500 M, Rp 500 rb."""
    if value < 10**3:
        return f"Rp {value}"
    size, suffix = next((size, suffix) for size, suffix in UNITS if value >= size)
    number = format(Decimal(value) / size, "f")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    number = number.replace(".", ",")
    return f"Rp {number} {suffix}"


def assert_reads_its_values(axis: dict | object, largest: int) -> None:
    values = [int(v) for v in axis["tickvals"]] if isinstance(axis, dict) else [int(v) for v in axis.tickvals]
    texts = list(axis["ticktext"]) if isinstance(axis, dict) else list(axis.ticktext)
    assert texts == [indonesian(v) for v in values]
    assert values[0] == 0 and values[-1] >= largest
    steps = {b - a for a, b in zip(values, values[1:])}
    assert len(steps) == 1 and steps.pop() > 0  # evenly spaced


def test_rupiah_ticks_cover_the_maximum_with_indonesian_labels():
    for largest in (79_214_308_955_000, 9_000_000_000_000, 5_250_000_000_000, 7_500_000_000, 2_500_000):
        assert_reads_its_values(fmt.rupiah_ticks(largest), largest)
    assert fmt.rupiah_ticks(None) == {} and fmt.rupiah_ticks(0) == {}


def test_plan_and_trend_charts_use_rupiah_ticks():
    per_bulan = pd.DataFrame({
        "bulan": [1, 2], "rpd": [4_000_000_000_000, 5_000_000_000_000],
        "realisasi": [3_000_000_000_000, None], "batas_bawah": [3_800_000_000_000, 4_750_000_000_000],
        "batas_atas": [4_200_000_000_000, 5_250_000_000_000],
        "rpd_kumulatif": [4_000_000_000_000, 9_000_000_000_000],
        "realisasi_kumulatif": [3_000_000_000_000, None],
    })
    assert_reads_its_values(charts_rpd.monthly(per_bulan, "judul").layout.yaxis, 5_250_000_000_000)
    assert_reads_its_values(charts_rpd.cumulative(per_bulan, "judul").layout.yaxis, 9_000_000_000_000)
    yearly = pd.DataFrame({"year_label": ["2023", "2024"], "pagu": [87_275_374_140_000, 79_214_308_955_000],
                           "realisasi": [85_530_010_687_985, 77_843_260_531_447], "persen": [98.0, 98.27]})
    assert_reads_its_values(charts_tren.yearly_totals(yearly, title="judul").layout.yaxis, 87_275_374_140_000)
