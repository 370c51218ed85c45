"""The page menu follows the chosen language, as a browser shows it: with English chosen by the
language control every page title in the sidebar menu is English in the same run, and back."""
from __future__ import annotations

from e2e import settle

from monev.i18n.texts import text

from apptest import app_pages
from test_e2e_browser import CHROMIUM, CHROMIUM_FLAGS, app_db, open_signed_in, pytestmark, server  # noqa: F401


def _menu(page) -> list[str]:
    # each link reads "<icon name>\n\n<title>"
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    return [link.strip().split("\n")[-1].strip() for link in links]


def test_the_menu_is_in_the_chosen_language(server):  # noqa: F811
    """The menu an admin sees (every page, the admin pages too) in the language chosen by the control."""
    from playwright.sync_api import sync_playwright

    keys = app_pages()  # the url paths are the text keys of the titles
    english, indonesian = [text(k, "en") for k in keys], [text(k, "id") for k in keys]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
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
        browser.close()
    assert chosen_first == english
    assert chosen_back == indonesian
    assert chosen == english
