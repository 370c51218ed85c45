"""Rupiah axes read the Indonesian way (Rp 20 T), never plotly's SI suffixes (20B)."""
import pandas as pd

from monev.ui import charts_rpd, charts_tren
from monev.i18n import format as fmt


def test_rupiah_ticks_cover_the_maximum_with_indonesian_labels():
    ticks = fmt.rupiah_ticks(79_214_308_955_000)
    assert ticks["tickvals"][0] == 0 and ticks["tickvals"][-1] >= 79_214_308_955_000
    assert ticks["ticktext"][1] == fmt.rupiah_short(ticks["tickvals"][1])
    assert ticks["ticktext"][0] == "Rp 0" and all(t.endswith(" T") for t in ticks["ticktext"][1:])
    assert fmt.rupiah_ticks(None) == {} and fmt.rupiah_ticks(0) == {}


def _axis_texts(figure):
    return list(figure.layout.yaxis.ticktext)


def test_plan_and_trend_charts_use_rupiah_ticks():
    per_bulan = pd.DataFrame({
        "bulan": [1, 2], "rpd": [4_000_000_000_000, 5_000_000_000_000],
        "realisasi": [3_000_000_000_000, None], "batas_bawah": [3_800_000_000_000, 4_750_000_000_000],
        "batas_atas": [4_200_000_000_000, 5_250_000_000_000],
        "rpd_kumulatif": [4_000_000_000_000, 9_000_000_000_000],
        "realisasi_kumulatif": [3_000_000_000_000, None],
    })
    for figure in (charts_rpd.monthly(per_bulan, "judul"), charts_rpd.cumulative(per_bulan, "judul")):
        texts = _axis_texts(figure)
        assert texts and all(t.startswith("Rp ") for t in texts) and any(t.endswith(" T") for t in texts)
    yearly = pd.DataFrame({"year_label": ["2023", "2024"], "pagu": [87_275_374_140_000, 79_214_308_955_000],
                           "realisasi": [85_530_010_687_985, 77_843_260_531_447], "persen": [98.0, 98.27]})
    texts = _axis_texts(charts_tren.yearly_totals(yearly, title="judul"))
    assert "Rp 80 T" in texts
