"""The IKPA projection and attention parts are timed as a visitor pays for them: after the first
tab's part, each as the first of the two tabs opened."""
import pytest

from bench import pages as bench_pages
from monev.domain.period import Period
from monev.views import ikpa as ikpa_view
from monev.views import ikpa_page

import builders


def test_the_projection_part_is_timed_with_the_first_tabs_scores_kept(shared_warehouse, monkeypatch):
    # the page reads the first tab's part on every run; the projection part then takes its current
    # scores rather than scoring again: scoring again in the timed calls would fail here
    calls = []
    scores_shown = bench_pages.PAGE_DATA["ikpa"][0][0]

    def first_tab(*args, **kwargs):
        result = scores_shown(*args, **kwargs)
        monkeypatch.setattr(ikpa_view, "current", _not_again)
        calls.append(1)
        return result

    monkeypatch.setitem(bench_pages.PAGE_DATA, "ikpa", [(first_tab, {"lang": "id"})])
    rows = bench_pages.page_timings(shared_warehouse, Period(builders.THANG, 6), repeat=2, pages=["ikpa_proyeksi"])
    assert [r["halaman"] for r in rows[1:]] == ["ikpa_proyeksi"] and calls == [1]


def _not_again(*args, **kwargs):
    pytest.fail("the projection part scored the IKPA inputs again")


@pytest.mark.parametrize("page", ["ikpa_proyeksi", "ikpa_perhatian"])
def test_the_projection_and_attention_tabs_are_each_timed_as_the_first_opened(shared_warehouse, monkeypatch, page):
    # each keeps the projection's basis for the other (ikpa_page.BASES); a timed call finding the
    # one its previous call kept would time the second tab opened, not the first
    parts, bases = [], []
    part = bench_pages.PAGE_DATA[page][0][0]
    real_basis = ikpa_page.projection_view.basis

    def counted_part(*args, **kwargs):
        parts.append(1)
        return part(*args, **kwargs)

    def counted_basis(*args, **kwargs):
        bases.append(1)
        return real_basis(*args, **kwargs)

    monkeypatch.setitem(bench_pages.PAGE_DATA, page, [(counted_part, {"lang": "id"})])
    monkeypatch.setattr(ikpa_page.projection_view, "basis", counted_basis)
    bench_pages.page_timings(shared_warehouse, Period(builders.THANG, 6), repeat=3, pages=[page])
    assert len(parts) == len(bases) >= 3
