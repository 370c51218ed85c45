"""The follow-ups on the pages, as signed-in viewers use them (streamlit.testing): recorded in one
click from the IKPA page's needs-attention list (only by those who may), shown on the KPA/PPK page
within the viewer's scope, an RO volume recorded on the follow-up page (an unknown RO refused) and
a commitment's status at every data position since it was made, each with its download."""
from __future__ import annotations

import io
import json

import openpyxl

from monev.access.roles import Viewer
from monev.appdb import audit
from monev.appdb import tindak_lanjut as store
from monev.ui import access

from apptest import open_page, record_downloads
from builders import S1, S2, S3, THANG

ESELON1_05 = Viewer(name="es1-05", role="eselon1", units=("05",))
RAKOR = "Rakor uji halaman"


def _table(at, column):
    """The one table that has `column` (a table without selection has no widget key to find it by)."""
    found = [d.value for d in at.dataframe if column in d.value]
    assert len(found) == 1, [list(d.value) for d in at.dataframe]
    return found[0]


def _add(kdsatker, unit, target="50", batas=9, **kw):
    return store.add(access.app_engine(), store.Commitment(RAKOR, THANG, unit, kdsatker, kw.pop("kdppk", ""),
                                                           kw.pop("ukuran", "persen"), target, batas, "Uji", **kw),
                     "uji-admin")


def _cells(book: bytes) -> str:
    return "\n".join(str(v) for sheet in openpyxl.load_workbook(io.BytesIO(book)).worksheets
                     for row in sheet.values for v in row if v is not None)


def test_the_kpa_ppk_page_shows_the_commitments_of_the_scope_and_no_others(shared_warehouse, monkeypatch):
    theirs = _add(S1, "01")
    mine = _add(S2, "05")
    output = _add(S3, "05", "1", ukuran="volume", kode_ro="6201.QDB.001")
    written = record_downloads(monkeypatch)
    at = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", viewer=ESELON1_05, tahun=str(THANG), sampai="9")
    assert not at.exception
    shown = _table(at, "komitmen")
    assert {mine, output} <= set(shown["id"]) and theirs not in set(shown["id"])
    assert set(shown["kdsatker"]) <= {S2, S3}
    book = written[f"tindak_lanjut_cakupan_{THANG}_09"]
    assert S2 in _cells(book) and S1 not in _cells(book) and "Biro Keuangan" not in _cells(book)

    # an admin who picks a satker sees that satker's commitments only
    admin = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", tahun=str(THANG), sampai="9")
    admin.selectbox(key="kpa_lihat_ppk").set_value(S1).run()
    assert not admin.exception
    picked = _table(admin, "komitmen")
    assert theirs in set(picked["id"]) and set(picked["kdsatker"]) == {S1}


ATTENTION_TAB = "Perlu perhatian"


def _run(at):
    """A run of the IKPA page with its needs-attention tab open, as a click on the tab leaves it
    (where the page draws only the open tab, AppTest sends no tab state back: every run names it)."""
    at.session_state["ikpa_tab"] = ATTENTION_TAB
    return at.run()


def _attention_page(monkeypatch, shared_warehouse, viewer=None):
    extra = {"viewer": viewer} if viewer else {}
    at = _run(open_page(monkeypatch, shared_warehouse, "pages/ikpa.py", tahun=str(THANG), sampai="9", **extra))
    assert not at.exception
    return at


def test_one_click_from_the_needs_attention_list_records_a_prefilled_commitment(shared_warehouse, monkeypatch):
    at = _attention_page(monkeypatch, shared_warehouse)
    picker = at.selectbox(key="tl_perhatian_pilih")
    codes = {o.split()[0] for o in picker.options}  # "001001.02 Biro Keuangan · PPK 02"
    assert {S1, f"{S1}.02", S3} <= codes  # satker and PPK rows of the list
    picker.set_value(S3)
    _run(at)
    before = set(store.listed(access.app_engine(), THANG)["id"])
    [button] = [b for b in at.button if b.label == "Catat tindak lanjut"]
    button.click()
    _run(at)
    assert not at.exception and not at.error
    rows = store.listed(access.app_engine(), THANG)
    new = rows[~rows["id"].isin(before)]
    assert len(new) == 1
    row = new.iloc[0]
    # the prefill (tests/test_tindak_lanjut_ro.py computes it from the data set): TW IV's target of S3's pagu
    assert (row["kdsatker"], row["kdppk"], row["ukuran"], int(row["target_persen_x100"]), row["batas_bulan"]) == (
        S3, "", "persen", 9924, 12)
    assert (row["penanggung_jawab"], row["rakor"], row["dibuat_oleh"]) == ("Gita", "Rakor TW III 2024", "uji-admin")
    entry = audit.entries(access.app_engine(), events=["tindak_lanjut_catat"], limit=1).iloc[0]
    assert json.loads(entry["detail"])["id"] == int(row["id"]) and entry["page"] == "ikpa"


def test_a_ppk_row_is_prefilled_with_its_ppk_and_its_name(shared_warehouse, monkeypatch):
    at = _attention_page(monkeypatch, shared_warehouse)
    at.selectbox(key="tl_perhatian_pilih").set_value(f"{S1}.02")
    _run(at)
    assert at.text_input(key=f"tl_perhatian_pj_{S1}.02").value == "Citra"
    assert at.selectbox(key=f"tl_perhatian_batas_{S1}.02").value == 12


def test_only_those_who_may_record_get_the_button(shared_warehouse, monkeypatch):
    echelon = _attention_page(monkeypatch, shared_warehouse, ESELON1_05)
    offered = echelon.selectbox(key="tl_perhatian_pilih").options
    assert offered and all(o.split()[0].split(".")[0] in (S2, S3) for o in offered)  # unit 05's rows only
    kpa = _attention_page(monkeypatch, shared_warehouse, Viewer(name="kpa-s3", role="kpa", satkers=(S3,)))
    assert not [s for s in kpa.selectbox if s.key == "tl_perhatian_pilih"]
    assert not [b for b in kpa.button if b.label == "Catat tindak lanjut"]


def test_the_follow_up_page_records_an_ro_volume_and_shows_its_history(shared_warehouse, monkeypatch):
    written = record_downloads(monkeypatch)
    at = open_page(monkeypatch, shared_warehouse, "pages/tindak_lanjut.py", tahun=str(THANG), sampai="9")

    def fill(ro):
        at.selectbox(key="tl_satker").set_value(S2)
        at.radio(key="tl_ukuran").set_value("volume")
        at.text_input(key="tl_target").set_value("500")
        at.text_input(key="tl_ro").set_value(ro)
        at.selectbox(key="tl_batas").set_value(9)
        at.text_input(key="tl_pj").set_value("Dedi")
        at.text_input(key="tl_rakor").set_value("Rakor RO uji")
        [button] = [b for b in at.button if b.label == "Simpan"]
        button.click().run()

    before = set(store.listed(access.app_engine(), THANG)["id"])
    fill("6201.QDB.999")
    assert "RO 6201.QDB.999 tidak ada pada satker" in at.error[0].value.replace("\\", "")  # markdown-escaped
    assert set(store.listed(access.app_engine(), THANG)["id"]) == before
    fill("6201.QDB.001")
    assert not at.exception and not at.error
    rows = store.listed(access.app_engine(), THANG)
    [new] = list(rows.loc[~rows["id"].isin(before), "id"])
    shown = _table(at, "komitmen")
    assert shown.loc[shown["id"] == new, "realisasi_volume"].iloc[0] == "600"  # as shown: Indonesian text

    at.selectbox(key="tl_riwayat").set_value(new).run()
    history = _table(at, "posisi_bulan")
    assert list(history["posisi_bulan"]) == list(range(1, 10))  # made after its fiscal year: from January
    assert list(history["status"]) == ["Berjalan"] * 5 + ["Tercapai"] * 4
    assert history["realisasi_volume"].tolist() == ["0", "0", "250,5", "250,5", "250,5", "600", "600", "600", "600"]
    assert f"tindak_lanjut_{new}_per_bulan_{THANG}_09" in written


def test_a_commitment_is_cancelled_from_the_page_with_a_reason_kept_and_audited(shared_warehouse, monkeypatch):
    """Cancelling needs a reason; the commitment stays in the database, marked, leaves the list,
    and the audit says who cancelled it and why. A KPA, who may not record, is offered no cancel."""
    made = _add(S2, "05")
    kpa = open_page(monkeypatch, shared_warehouse, "pages/tindak_lanjut.py",
                    viewer=Viewer(name="kpa-s2", role="kpa", satkers=(S2,)), tahun=str(THANG), sampai="9")
    kpa.selectbox(key="tl_riwayat").set_value(made).run()
    assert not kpa.exception and not [b for b in kpa.button if b.label.startswith("Batalkan tindak lanjut")]

    at = open_page(monkeypatch, shared_warehouse, "pages/tindak_lanjut.py", viewer=ESELON1_05,
                   tahun=str(THANG), sampai="9")
    at.selectbox(key="tl_riwayat").set_value(made).run()
    [cancel] = [b for b in at.button if b.label == f"Batalkan tindak lanjut {made}"]
    cancel.click().run()  # no reason given
    assert "Tuliskan alasan pembatalan" in at.error[0].value
    assert made in set(store.listed(access.app_engine(), THANG)["id"])

    at.text_input(key="tl_alasan_batal").set_value("Digabung dengan komitmen TW IV")
    [cancel] = [b for b in at.button if b.label == f"Batalkan tindak lanjut {made}"]
    cancel.click().run()
    assert not at.exception and not at.error
    assert f"Tindak lanjut {made} dibatalkan" in at.success[0].value
    assert not [d for d in at.dataframe if "komitmen" in d.value and made in set(d.value["id"])]  # left the list
    kept = store.listed(access.app_engine(), THANG, include_cancelled=True)
    assert kept.loc[kept["id"] == made, "dibatalkan_pada"].notna().all()
    assert made not in set(store.listed(access.app_engine(), THANG)["id"])
    entry = audit.entries(access.app_engine(), events=["tindak_lanjut_batal"], limit=1).iloc[0]
    assert (entry["who"], entry["page"]) == (at.session_state[access.VIEWER].name, "tindak_lanjut")  # the echelon I
    assert json.loads(entry["detail"]) == {"id": made, "alasan": "Digabung dengan komitmen TW IV"}


def test_the_kpa_ppk_page_shows_a_commitment_recorded_or_cancelled_on_its_next_run(shared_warehouse, monkeypatch):
    """The page's judged commitments are cached (tindak_lanjut_form.commitments_judged), keyed by the
    year's stamp: a commitment recorded or cancelled elsewhere (another session, another process)
    shows on the very next run, and the cache never hands one viewer's scope to another."""
    first = _add(S2, "05")
    at = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", tahun=str(THANG), sampai="9")
    assert not at.exception and first in set(_table(at, "komitmen")["id"])

    second = _add(S1, "01")
    at.run()
    assert {first, second} <= set(_table(at, "komitmen")["id"])

    store.cancel(access.app_engine(), first, "uji-admin", "uji cache")
    at.run()
    shown = set(_table(at, "komitmen")["id"])
    assert second in shown and first not in shown

    # the same stamp, another scope: the echelon I official of unit 05 does not get the admin's rows
    theirs = open_page(monkeypatch, shared_warehouse, "pages/kpa_ppk.py", viewer=ESELON1_05, tahun=str(THANG),
                       sampai="9")
    assert not theirs.exception
    assert second not in {i for d in theirs.dataframe if "komitmen" in d.value for i in d.value["id"]}


def test_the_stamp_moves_with_every_record_and_cancel(shared_warehouse):
    engine = access.app_engine()
    seen = [store.stamp(engine, THANG)]
    made = _add(S2, "05")
    seen.append(store.stamp(engine, THANG))
    store.cancel(engine, made, "uji-admin", "uji")
    seen.append(store.stamp(engine, THANG))
    _add(S2, "05")
    seen.append(store.stamp(engine, THANG))
    assert len(set(seen)) == 4
    assert store.stamp(engine, THANG + 1) == (0, None, 0, "None")  # another year's commitments do not move it
