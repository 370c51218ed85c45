"""The page menu follows the chosen language, as a browser shows it: with English chosen by the
language control every page title in the sidebar menu is English in the same run, and back; a link
shared with `?lang=en` opens its page in English (the sign-in form, the menu, the page) and the
language stays when the viewer moves on to another page."""
from __future__ import annotations

from e2e import FORM, chromium, main_text, settle

from monev.i18n.texts import text

import test_e2e_browser as signed
from apptest import app_pages
from test_e2e_browser import app_db, open_signed_in, pytestmark, server  # noqa: F401


def _menu(page) -> list[str]:
    # each link reads "<icon name>\n\n<title>"
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    return [link.strip().split("\n")[-1].strip() for link in links]


def test_the_menu_is_in_the_chosen_language(server):  # noqa: F811
    """The menu an admin sees (every page, the admin pages too) in the language chosen by the control."""

    keys = app_pages()  # the url paths are the text keys of the titles
    english, indonesian = [text(k, "en") for k in keys], [text(k, "id") for k in keys]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_signed_in(page, server)
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").first.click()
        settle(page)
        chosen_first = _menu(page)
        page.locator('[data-testid="stSidebar"] label').filter(has_text="Indonesia").first.click()
        settle(page)
        chosen_back = _menu(page)
        page.locator('[data-testid="stSidebar"] label').filter(has_text="English").first.click()
        settle(page)
        chosen = _menu(page)
    assert chosen_first == english
    assert chosen_back == indonesian
    assert chosen == english


def test_a_link_with_lang_en_opens_the_page_in_english_and_the_language_stays(server):  # noqa: F811
    """A colleague's link to the output-achievement page with ?lang=en: the sign-in form, then the
    menu and the page are English; moving to the yearly trends by the menu keeps English."""

    keys = app_pages()
    english, indonesian = [text(k, "en") for k in keys], [text(k, "id") for k in keys]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/capaian?lang=en", wait_until="domcontentloaded")
        settle(page, FORM)  # a new browser session asks who is looking, in the link's language
        page.get_by_label(text("akses_nama", "en"), exact=True).fill(signed.ADMIN)
        page.get_by_label(text("akses_sandi", "en"), exact=True).fill(signed.PASSWORD)
        page.get_by_role("button", name=text("akses_tombol", "en"), exact=True).click()
        settle(page)
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)  # the page's figures, whatever language
        linked_menu, linked_page, linked_url = _menu(page), main_text(page), page.url
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=text("tren", "en")).first.click()
        settle(page)
        moved_menu, moved_page, moved_url = _menu(page), main_text(page), page.url
    assert linked_menu == english and "/capaian" in linked_url
    assert text("capaian", "en") in linked_page and text("capaian_output", "en") in linked_page
    assert text("capaian_output", "id") not in linked_page
    assert moved_menu == english and "/tren" in moved_url and "lang=en" in moved_url
    assert moved_page.splitlines()[0].strip() == text("tren", "en"), moved_page[:200]
    assert text("tren", "id") not in moved_page
    assert moved_menu != indonesian  # the two languages' menus differ, so the check above means something
