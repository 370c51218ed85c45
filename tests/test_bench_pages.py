"""The page benchmark calls every data page's functions the way the pages do."""
from bench import pages as bench_pages
from monev.domain.period import Period

import builders
from apptest import app_pages


def test_every_data_page_is_timed_and_its_calls_run(shared_warehouse):
    # the admin pages (upload, accounts, audit) show no budget data; the Rakor pack is timed by
    # bench/pack.py; the follow-ups page judges a handful of commitments
    assert set(app_pages()) - set(bench_pages.PAGE_DATA) == {"muat", "pengguna", "audit", "rakor", "tindak_lanjut"}
    rows = bench_pages.page_timings(shared_warehouse, Period(builders.THANG, 6), repeat=1)
    assert [r["halaman"] for r in rows[1:]] == list(bench_pages.PAGE_DATA)
    assert all(r["pertama_s"] > 0 and r["hangat_s"] > 0 for r in rows)
    assert "TIDAK" in bench_pages.table_text([{**rows[0], "hangat_s": 2.0}], target_s=1.5)


def test_a_month_alone_is_that_month_of_the_latest_year(shared_warehouse, monkeypatch, capsys):
    # --bulan 6 without --tahun timed December (the latest month) and said so only in its header
    timed = []
    monkeypatch.setattr(bench_pages, "page_timings", lambda db, period, *args: timed.append(period) or [])
    latest = bench_pages.latest_period(shared_warehouse)
    assert latest.bulan != 3
    bench_pages.main(["--db", str(shared_warehouse), "--bulan", "3", "--halaman", "ringkasan"])
    assert timed == [Period(latest.tahun, 3)]
    assert f"TA {latest.tahun} s.d. bulan 3," in capsys.readouterr().out
