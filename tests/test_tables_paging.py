"""Long tables a screenful at a time (monev.views.paging, monev.ui.tables.paged/pick) and Excel
downloads built only when clicked (monev.ui.download)."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from monev.ui import download
from monev.views import paging

import builders
from apptest import open_page

THANG = builders.THANG


def _frame():
    return pd.DataFrame({"kode": ["001", "002", "003", "004"],
                         "nama": ["Dinas (A.1) Jakarta", "Balai Bandung", "Dinas Bandung", "Loka jakarta barat"],
                         "pagu": [5, None, 7, 1]})


def test_search_keeps_rows_holding_every_word_as_plain_text_in_any_column():
    frame = _frame()
    assert paging.searched(frame, "bandung DINAS", ["kode", "nama"])["kode"].tolist() == ["003"]
    assert paging.searched(frame, "jakarta", ["kode", "nama"])["kode"].tolist() == ["001", "004"]
    assert paging.searched(frame, "(a.1)", ["kode", "nama"])["kode"].tolist() == ["001"]  # not a pattern
    assert paging.searched(frame, "00", ["kode"])["kode"].tolist() == ["001", "002", "003", "004"]
    assert paging.searched(frame, "  ", ["kode", "nama"]) is frame


def test_order_puts_missing_values_last_both_ways():
    frame = _frame()
    assert paging.matching(frame, "", [], "pagu", False)["kode"].tolist() == ["004", "001", "003", "002"]
    assert paging.matching(frame, "", [], "pagu", True)["kode"].tolist() == ["003", "001", "004", "002"]
    assert paging.matching(frame, "", [], None)["kode"].tolist() == ["001", "002", "003", "004"]


@pytest.mark.parametrize("asked, shown, first", [(1, 1, 1), (2, 2, 4), (9, 2, 4), (0, 1, 1)])
def test_a_page_past_either_end_is_the_nearest_one(asked, shown, first):
    page = paging.page_of(_frame(), asked, 3)
    assert (page.page, page.pages, page.first, page.total) == (shown, 2, first, 4)
    assert len(page.rows) == (3 if shown == 1 else 1)


@pytest.fixture
def workbooks(monkeypatch):
    """Download buttons of a run: file name -> the callable a click would call; no workbook is
    written during the run."""
    built, buttons = [], {}
    original_excel, original_button = download.excel_bytes, download.st.download_button

    def counting(*args, **kw):
        built.append(kw.get("sheet"))
        return original_excel(*args, **kw)

    def recording(label, data, file_name=None, **kw):
        buttons[file_name.removesuffix(".xlsx")] = data
        return original_button(label, data, file_name=file_name, **kw)

    monkeypatch.setattr(download, "excel_bytes", counting)
    monkeypatch.setattr(download.st, "download_button", recording)
    return built, buttons


def test_a_long_table_shows_one_page_and_searches_while_the_download_holds_every_kept_row(
        shared_warehouse, monkeypatch, workbooks):
    monkeypatch.setattr(paging, "PAGE_ROWS", (1, 2))  # the test data's 3 satker make 3 pages
    built, buttons = workbooks
    at = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", tahun=str(THANG), sampai="5")
    assert not at.exception
    assert len(at.dataframe[0].value) == 1
    assert len(at.dataframe[1].value) == 1  # the quarter view: the same row
    assert at.dataframe[1].value["kdsatker"].tolist() == at.dataframe[0].value["kdsatker"].tolist()
    assert not built  # nothing written while the page ran
    name = f"kpa_ppk_satker_{THANG}_05"
    whole = pd.read_excel(io.BytesIO(buttons[name]()), dtype={"kdsatker": str})
    assert sorted(whole["kdsatker"]) == sorted(builders.UNIT_OF)  # every satker, not the page's one

    at.number_input(key="kpa_utama_satker_halaman").set_value(3).run()
    third = at.dataframe[0].value["kdsatker"].tolist()
    assert len(third) == 1 and third[0] == whole["kdsatker"].iloc[2]

    at.text_input(key="kpa_utama_satker_cari").set_value(builders.S2).run()
    assert not at.exception
    assert at.dataframe[0].value["kdsatker"].tolist() == [builders.S2]
    assert at.number_input(key="kpa_utama_satker_halaman").value == 1  # a new search starts at page 1
    found = pd.read_excel(io.BytesIO(buttons[name]()), dtype={"kdsatker": str})
    assert found["kdsatker"].tolist() == [builders.S2]


def test_a_long_choice_list_is_searched_first(shared_warehouse, monkeypatch):
    from monev.ui import tables

    monkeypatch.setattr(tables, "PICK_OPTIONS", 1)
    at = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", tahun=str(THANG), sampai="5")
    assert at.selectbox(key="kpa_lihat_ppk").options == [f"{builders.S1} " + _name(at, builders.S1)]
    at.text_input(key="kpa_lihat_ppk_cari").set_value(builders.S3).run()
    assert not at.exception
    assert [o.split()[0] for o in at.selectbox(key="kpa_lihat_ppk").options] == [builders.S3]
    at.selectbox(key="kpa_lihat_ppk").set_value(builders.S3).run()
    assert not at.exception
    assert set(at.dataframe[1].value["kdsatker"]) == {builders.S3}  # that satker's PPK


def _name(at, kode):
    table = at.dataframe[0].value
    return table.loc[table["kdsatker"] == kode, "nmsatker"].iloc[0]


def _picker():
    import pandas as pd
    import streamlit as st

    from monev.ui import tables

    tables.PICK_OPTIONS = int(st.session_state.get("limit", 200))
    frame = pd.DataFrame({"kode": ["A", "A", "B", "C"], "nama": ["awal", "akhir", "beta", "cepat"]})
    st.session_state["chosen"] = tables.pick(frame, "kode", "nama", "Pilih", "pilih")


@pytest.mark.parametrize("limit", [200, 2])
def test_a_choice_offers_each_code_once_named_by_its_last_row(limit):
    """A code on two rows is offered once (at its first place) and named by its last row, whether
    or not the list is long enough to be searched first."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_picker)
    at.session_state["limit"] = limit
    at.run()
    assert not at.exception
    box = at.selectbox(key="pilih")
    # searched first: the first `limit` codes, each once
    assert box.options == (["A akhir", "B beta", "C cepat"] if limit == 200 else ["A akhir", "B beta"])
    if limit == 2:
        at.text_input(key="pilih_cari").set_value("cepat").run()
        assert at.selectbox(key="pilih").options == ["C cepat"]
