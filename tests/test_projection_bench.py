"""The IKPA projection part is timed as a visitor pays for it: after the first tab's part."""
import pytest

from bench import pages as bench_pages
from monev.domain.period import Period
from monev.views import ikpa as ikpa_view

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
