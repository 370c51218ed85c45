"""A Rakor follow-up recorded in one click from the needs-attention list, end to end in headless
Chromium against `streamlit run app.py`: an admin opens the IKPA page by link, its needs-attention
tab, picks a row and records; the commitment is then on the follow-up page and on the KPA/PPK page.
An echelon I official is offered his own unit's rows only, never another unit's; a KPA no button."""
from __future__ import annotations

import pytest
from e2e import ROOT, app_server, main_text, needs_chromium, settle, sign_in

import builders as b

pytestmark = needs_chromium
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
PASSWORDS = {"admin-tl": "sandi-admin-tindak-1", "es1-tl": "sandi-eselon-tindak-22", "kpa-tl": "sandi-kpa-tindak-333"}
PICK = "Satker atau PPK dari daftar perlu perhatian"
LINK = f"/ikpa?tahun={b.THANG}&sampai=9"


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    from monev.access import passwords
    from monev.appdb import db as appdb
    from monev.appdb import users

    path = tmp_path_factory.mktemp("appdb") / "app.sqlite"
    engine = appdb.engine(path)
    users.add(engine, "admin-tl", "admin", password_hash=passwords.hash_password(PASSWORDS["admin-tl"]))
    users.add(engine, "es1-tl", "eselon1", units=("05",), password_hash=passwords.hash_password(PASSWORDS["es1-tl"]))
    users.add(engine, "kpa-tl", "kpa", satkers=(b.S3,), password_hash=passwords.hash_password(PASSWORDS["kpa-tl"]))
    appdb.dispose(path)
    return path



def _attention_tab(page, url: str, who: str) -> None:
    """The IKPA page by link, signed in, on its needs-attention tab."""
    page.goto(url + LINK, wait_until="domcontentloaded")
    sign_in(page, who, PASSWORDS[who])
    page.get_by_role("tab", name="Perlu perhatian").click()
    settle(page)


def _offered(page) -> list[str]:
    """The rows the picker offers (opened, read, closed again)."""
    page.get_by_label(PICK).click()
    page.wait_for_selector('[role="option"]', timeout=30_000)
    options = [o.inner_text() for o in page.locator('[role="option"]').all()]
    page.keyboard.press("Escape")
    return options


def _go(page, title: str) -> None:
    """Another page through the sidebar's menu, in the same session (and with the same filters)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    settle(page)


def test_a_follow_up_in_one_click_from_the_needs_attention_list(shared_warehouse, app_db, browser):
    from monev.appdb import audit, tindak_lanjut
    from monev.appdb import db as appdb

    env = {"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(env) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        _attention_tab(page, url, "admin-tl")
        offered = _offered(page)
        assert any(o.startswith(b.S1) for o in offered) and any(o.startswith(b.S3) for o in offered)
        page.get_by_label(PICK).click()
        page.get_by_role("option", name=f"{b.S3} Dinas Sosial Provinsi Jawa Barat").click()
        settle(page)
        # prefilled from the row: the KPA's name, the Rakor; one click records it
        assert page.get_by_label("Penanggung jawab (nama KPA atau PPK)").input_value() == "Gita"
        assert page.get_by_label("Rakor asal").input_value() == "Rakor TW III 2024"
        page.get_by_role("button", name="Catat tindak lanjut").click()
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "tindak_lanjut_satu_klik.png"), full_page=True)
        engine = appdb.engine(app_db)
        recorded = tindak_lanjut.listed(engine, b.THANG)
        assert len(recorded) == 1
        row = recorded.iloc[0]
        assert (row["kdsatker"], row["penanggung_jawab"], row["dibuat_oleh"]) == (b.S3, "Gita", "admin-tl")
        assert f"Tindak lanjut {row['id']} dicatat." in main_text(page)
        entry = audit.entries(engine, events=["tindak_lanjut_catat"])
        assert len(entry) == 1 and entry["who"].iloc[0] == "admin-tl" and entry["page"].iloc[0] == "ikpa"

        # on the follow-up page: listed, and its status at each data position when picked
        _go(page, "Tindak lanjut Rakor")
        assert "Penilaian di setiap posisi data" in main_text(page)
        listed = _cells(page.locator('[data-testid="stDataFrame"]').first)
        assert b.S3 in listed and "realisasi ≥ 99,24% pagu s.d. Desember" in listed and "Gita" in listed
        page.get_by_label("Tindak lanjut", exact=True).click()
        page.get_by_role("option", name=f"{row['id']}: {b.S3} · realisasi ≥ 99,24% pagu s.d. Desember").click()
        page.locator('[data-testid="stDataFrame"]').nth(1).wait_for(timeout=30_000)  # the list and the history
        settle(page)
        months = _cells(page.locator('[data-testid="stDataFrame"]').last)
        assert "Januari" in months and "September" in months and "Tidak tercapai" not in months

        # on the KPA/PPK page: in the follow-ups of the viewer's scope
        _go(page, "KPA dan PPK")
        assert "Tindak lanjut Rakor: cakupan Anda, dinilai s.d. September 2024" in main_text(page)
        shown = _cells(page.locator('[data-testid="stDataFrame"]').last)
        assert b.S3 in shown and "realisasi ≥ 99,24% pagu s.d. Desember" in shown
        page.close()

        # an echelon I official of unit 05 is offered unit 05's rows, none of unit 01's
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        _attention_tab(page, url, "es1-tl")
        offered = _offered(page)
        assert offered and all(o.split()[0].split(".")[0] in (b.S2, b.S3) for o in offered)
        page.close()

        # a KPA sees the list and records nothing from it
        page = browser.new_page(viewport={"width": 1400, "height": 1400})
        _attention_tab(page, url, "kpa-tl")
        assert "Perlu perhatian" in main_text(page) and page.get_by_label(PICK).count() == 0
        assert page.get_by_role("button", name="Catat tindak lanjut").count() == 0
        page.close()


def _cells(grid) -> list[str]:
    """The cells of a data grid: drawn on a canvas, with an accessible table behind it."""
    grid.scroll_into_view_if_needed()
    grid.locator('[role="gridcell"]').first.wait_for(state="attached", timeout=30_000)  # drawn once in view
    return grid.locator('[role="gridcell"]').all_inner_texts()
