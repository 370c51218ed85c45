"""The Rakor's follow-ups: recorded in the application database with an audit row, judged at each
data position against figures computed here from the test data set's own rows
(builders.expected_summary), including a satker whose pagu is revised in between, within the
viewer's scope; and shown on the next pack's opening slide."""
from __future__ import annotations

import io
from fractions import Fraction

import openpyxl
import pytest
from pptx import Presentation

from monev import cli, pack
from monev.access.roles import Viewer
from monev.appdb import audit
from monev.appdb import db as appdb
from monev.appdb import tindak_lanjut as store
from monev.domain import tindak_lanjut as rules
from monev.domain.period import Period
from monev.views import tindak_lanjut as view
from monev.warehouse import db
from monev.warehouse.query import EVERYTHING, Scope

import builders
from builders import S1, S2, S3, THANG


@pytest.fixture
def app_engine(tmp_path):
    engine = appdb.engine(tmp_path / "app.sqlite")
    yield engine
    appdb.dispose(tmp_path / "app.sqlite")


def _add(app_engine, kdsatker, target, batas, ukuran="persen", kdppk="", jenis="", who="uji-admin"):
    unit = builders.UNIT_OF[kdsatker]
    return store.add(app_engine, store.Commitment(
        rakor="Rakor TW I 2024", tahun=THANG, kdunit=unit, kdsatker=kdsatker, kdppk=kdppk, ukuran=ukuran,
        target=target, batas_bulan=batas, penanggung_jawab="Ani", jenis_belanja=jenis), who)


def expected_status(kdsatker, target_x100, batas, posisi, kdppk=None):
    """Met / on its way / missed from the data set's rows, with the figures of min(posisi, batas)."""
    month = min(posisi, batas)
    figures = builders.expected_summary(builders.base_dataset(), THANG, month)
    if kdppk:
        row = figures["per_ppk"][(builders.UNIT_OF[kdsatker], kdsatker, kdppk)]
    else:
        row = figures["per_satker"][(builders.UNIT_OF[kdsatker], kdsatker)]
    met = row["pagu"] > 0 and Fraction(row["realisasi"]) * 10_000 >= Fraction(target_x100) * row["pagu"]
    state = rules.MET if met else (rules.MISSED if posisi >= batas else rules.ON_ITS_WAY)
    return state, row["pagu"], row["realisasi"]


def test_a_commitment_is_judged_at_every_data_position_across_a_pagu_revision(app_engine, shared_warehouse):
    """S1's pagu changes with revision 1 (April) and 2 (August): a 30% commitment due in
    September is judged each month against the pagu in force then, and after its due month with
    the figures of its due month."""
    pagu_march = builders.expected_summary(builders.base_dataset(), THANG, 3)["per_satker"][("01", S1)]["pagu"]
    pagu_sept = builders.expected_summary(builders.base_dataset(), THANG, 9)["per_satker"][("01", S1)]["pagu"]
    assert pagu_march != pagu_sept  # the case the issue names: the pagu is revised in between
    first = _add(app_engine, S1, "30", 9)
    _add(app_engine, S2, "20,5", 6)
    commitments = store.listed(app_engine, THANG)
    engine = db.engine(shared_warehouse)
    history = view.judged_by_month(engine, Period(THANG, 9), scope=EVERYTHING, commitments=commitments)
    states = set()
    for row in history.itertuples(index=False):
        kdsatker, target, batas = (S1, 3000, 9) if row.id == first else (S2, 2050, 6)
        state, pagu, realisasi = expected_status(kdsatker, target, batas, row.posisi_bulan)
        assert (row.status, row.pagu, row.realisasi) == (state, pagu, realisasi), (row.id, row.posisi_bulan)
        states.add(state)
    assert len(history) == 2 * 9
    assert len(states) >= 2  # the data set takes them through more than one state


def test_met_early_stays_met_and_missed_is_judged_with_the_due_months_figures(app_engine, shared_warehouse):
    engine = db.engine(shared_warehouse)
    easy = _add(app_engine, S2, "1", 6)  # 1% by June: met long before
    hard = _add(app_engine, S3, "99", 4)  # 99% by April: missed, with April's figures ever after
    frame = view.judged(engine, Period(THANG, 9), scope=EVERYTHING, commitments=store.listed(app_engine, THANG))
    rows = {r.id: r for r in frame.itertuples(index=False)}
    assert rows[easy].status == rules.MET
    assert rows[hard].status == rules.MISSED and rows[hard].dinilai_bulan == 4
    april = builders.expected_summary(builders.base_dataset(), THANG, 4)["per_satker"][("05", S3)]
    assert (rows[hard].pagu, rows[hard].realisasi) == (april["pagu"], april["realisasi"])
    assert rows[hard].kekurangan == -(-99 * april["pagu"] // 100) - april["realisasi"]


def test_rupiah_and_jenis_belanja_commitments_of_a_ppk(app_engine, shared_warehouse):
    engine = db.engine(shared_warehouse)
    data = builders.base_dataset()
    june = builders.expected_summary(data, THANG, 6, satkers=(S1,), jenis={"52"})
    goal = june["total"]["realisasi"] + 1  # one rupiah more than the data holds by June
    cid = _add(app_engine, S1, f"{goal:,}".replace(",", "."), 12, ukuran="rupiah", jenis="52")
    row = next(view.judged(engine, Period(THANG, 6), scope=EVERYTHING,
                           commitments=store.listed(app_engine, THANG)).itertuples(index=False))
    assert row.id == cid and row.status == rules.ON_ITS_WAY and row.kekurangan == 1
    assert row.realisasi == june["total"]["realisasi"]


def test_a_viewer_sees_only_the_commitments_of_his_scope(app_engine, shared_warehouse):
    engine = db.engine(shared_warehouse)
    _add(app_engine, S1, "30", 9)
    mine = _add(app_engine, S2, "30", 9, kdppk="01")
    commitments = store.listed(app_engine, THANG)
    assert list(view.judged(engine, Period(THANG, 9), scope=Scope(units=("05",)), commitments=commitments)["id"]) \
        == [mine]
    assert list(view.judged(engine, Period(THANG, 9), scope=Scope(ppks=((S2, "01"),)),
                            commitments=commitments)["id"]) == [mine]
    assert view.judged(engine, Period(THANG, 9), scope=Scope(ppks=((S2, "02"),)), commitments=commitments).empty


def test_every_change_is_audited_and_a_cancelled_commitment_is_kept(app_engine):
    cid = _add(app_engine, S1, "30", 9, who="pimpinan-a")
    store.cancel(app_engine, cid, "pimpinan-a", "digantikan komitmen baru")
    assert store.listed(app_engine, THANG).empty
    assert list(store.listed(app_engine, THANG, include_cancelled=True)["id"]) == [cid]
    rows = audit.entries(app_engine, events=["tindak_lanjut_catat", "tindak_lanjut_batal"])
    assert list(rows["event"]) == ["tindak_lanjut_batal", "tindak_lanjut_catat"]
    assert set(rows["who"]) == {"pimpinan-a"} and "digantikan" in rows["detail"].iloc[0]
    with pytest.raises(ValueError, match="sudah dibatalkan"):
        store.cancel(app_engine, cid, "pimpinan-a", "lagi")


@pytest.mark.parametrize("ukuran, value, message", [
    ("persen", "120", "paling banyak 100"), ("persen", "delapan", "harus angka"),
    ("rupiah", "1,5", "bilangan bulat"), ("luas", "1", "Ukuran tidak dikenal"),
    ("volume", "1", "Kode RO ditulis"),
])
def test_bad_targets_are_refused_with_a_reason(app_engine, ukuran, value, message):
    with pytest.raises(ValueError, match=message):
        _add(app_engine, S1, value, 9, ukuran=ukuran)
    assert store.listed(app_engine).empty


def test_who_may_record():
    assert store.may_record(Viewer("a", "admin"), "01") and store.may_record(Viewer("p", "pimpinan"), "05")
    assert store.may_record(Viewer("e", "eselon1", units=("05",)), "05")
    assert not store.may_record(Viewer("e", "eselon1", units=("05",)), "01")
    assert not store.may_record(Viewer("k", "kpa", satkers=(S1,)), "01") and not store.may_record(None, "01")


def test_the_next_pack_opens_with_the_follow_ups(app_engine, shared_warehouse):
    _add(app_engine, S1, "30", 9)
    _add(app_engine, S3, "99", 4)
    engine = db.engine(shared_warehouse)
    files = pack.build(engine, Period(THANG, 9), scope=EVERYTHING, commitments=store.listed(app_engine, THANG))
    slides = Presentation(io.BytesIO(files.pptx)).slides
    second = "\n".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "Tindak lanjut Rakor sebelumnya" in second
    cells = [c.text for s in slides[1].shapes if s.has_table for row in s.table.rows for c in row.cells]
    assert "Tidak tercapai" in cells and S3 in cells
    book = openpyxl.load_workbook(io.BytesIO(files.xlsx))
    assert "tindak_lanjut" in book.sheetnames
    # a pack of unit 01 holds its commitments only
    scoped = pack.build(engine, Period(THANG, 9), scope=Scope(units=("01",)),
                        commitments=store.listed(app_engine, THANG))
    text = "\n".join(str(v) for row in openpyxl.load_workbook(io.BytesIO(scoped.xlsx))["tindak_lanjut"].values
                     for v in row if v is not None)
    assert S1 in text and S3 not in text


def test_cli_records_lists_and_cancels(app_engine, shared_warehouse, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MONEV_APP_DB", str(tmp_path / "app.sqlite"))
    base = ["tindak-lanjut", "--db", str(shared_warehouse)]
    assert cli.main([*base, "catat", "--tahun", str(THANG), "--satker", S3, "--persen", "99", "--batas", "4",
                     "--penanggung-jawab", "Gita", "--rakor", "Rakor TW I 2024"]) == 0
    cid = int(capsys.readouterr().out.split()[-1])
    assert cli.main([*base, "daftar", "--tahun", str(THANG), "--sampai", f"{THANG}-09"]) == 0
    out = capsys.readouterr().out
    assert S3 in out and "tidak tercapai" in out
    assert cli.main([*base, "catat", "--tahun", str(THANG), "--satker", "999999", "--persen", "50", "--batas", "6",
                     "--penanggung-jawab", "X", "--rakor", "R"]) == 2
    assert "Satker 999999" in capsys.readouterr().err
    assert cli.main([*base, "batal", str(cid), "--alasan", "salah catat"]) == 0
    assert store.listed(app_engine, THANG).empty


# ---------------------------------------------------------------- the page

def test_page_records_a_commitment_and_judges_it(shared_warehouse, monkeypatch):
    from monev.ui import access

    from apptest import open_page

    at = open_page(monkeypatch, shared_warehouse, "pages/tindak_lanjut.py", tahun=str(THANG), sampai="9")
    assert not at.exception
    at.selectbox(key="tl_satker").set_value(S3)
    at.text_input(key="tl_target").set_value("99")
    at.selectbox(key="tl_batas").set_value(9)
    at.text_input(key="tl_pj").set_value("Gita")
    at.text_input(key="tl_rakor").set_value("Rakor TW II 2024")
    at.button[0].click().run()  # the form's only button: Simpan
    assert not at.exception and not at.error
    rows = store.listed(access.app_engine(), THANG)
    mine = rows[(rows["kdsatker"] == S3) & (rows["rakor"] == "Rakor TW II 2024")]
    assert len(mine) == 1 and mine["dibuat_oleh"].iloc[0] == "uji-admin"
    table = at.dataframe[0].value
    assert S3 in set(table["kdsatker"]) and "Tidak tercapai" in set(table["status"])


def test_a_kpa_sees_his_commitments_and_records_none(shared_warehouse, monkeypatch):
    from monev.ui import access

    from apptest import open_page

    store.add(access.app_engine(), store.Commitment("Rakor TW II 2024", THANG, "05", S2, "", "persen", "50", 9, "Dedi"),
              "uji-admin")
    store.add(access.app_engine(), store.Commitment("Rakor TW II 2024", THANG, "01", S1, "", "persen", "50", 9, "Ani"),
              "uji-admin")
    kpa = Viewer(name="kpa-s2", role="kpa", satkers=(S2,))
    at = open_page(monkeypatch, shared_warehouse, "pages/tindak_lanjut.py", viewer=kpa, tahun=str(THANG), sampai="9")
    assert not at.exception
    assert set(at.dataframe[0].value["kdsatker"]) == {S2}
    assert not at.get("form") and not [s for s in at.selectbox if s.key == "tl_satker"]
