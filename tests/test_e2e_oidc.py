"""Single sign-on end to end: a real OpenID Connect provider (npm `oidc-provider` on Node.js,
tests/oidc/provider.mjs, installed by .ci/run) on localhost, the app under `streamlit run` with an
`[auth]` section in a secrets.toml of the test's own (`--secrets.files`), and headless Chromium
going through the provider's sign-in pages and back through Streamlit's st.login.

A registered e-mail opens the app with the role and scope of its account; an identity whose
e-mail has no account sees a clear message and no figure; signing out ends the identity.
"""
from __future__ import annotations

import contextlib
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from e2e import app_server, chromium, free_port, main_text, needs_chromium, settle, wait_healthy

import builders as b

OIDC = Path(__file__).resolve().parent / "oidc"
NODE = shutil.which("node")

pytestmark = [
    needs_chromium,
    pytest.mark.skipif(NODE is None, reason="Node.js tidak terpasang (apt-get install nodejs)"),
    pytest.mark.skipif(not (OIDC / "node_modules" / "oidc-provider").is_dir(),
                       reason="oidc-provider belum dipasang: npm ci --prefix tests/oidc (dijalankan .ci/run)"),
]

SSO_BUTTON = "Masuk dengan akun kementerian (SSO)"


@contextlib.contextmanager
def oidc_provider(client_id: str, client_secret: str, redirect_uri: str):
    port = free_port()
    process = subprocess.Popen([NODE, str(OIDC / "provider.mjs"), str(port), client_id, client_secret, redirect_uri],
                               cwd=OIDC, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(issuer + "/.well-known/openid-configuration", process, seconds=30)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def sso_app(shared_warehouse, tmp_path_factory):
    """The app with SSO configured; accounts: a KPA by e-mail (no local password)."""
    from monev.appdb import db as appdb
    from monev.appdb import users

    base = tmp_path_factory.mktemp("sso")
    app_db = base / "app.sqlite"
    users.add(appdb.engine(app_db), "kpa-sso", "kpa", email="kpa.sso@kemensos.example", satkers=(b.S1,))
    appdb.dispose(app_db)

    app_port = free_port()
    # the app on "localhost", the provider on "127.0.0.1": two hosts, so their cookies stay apart
    redirect_uri = f"http://localhost:{app_port}/oauth2callback"
    client_id, client_secret = "monev-anggaran", secrets.token_urlsafe(24)
    with oidc_provider(client_id, client_secret, redirect_uri) as issuer:
        secrets_file = base / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "{redirect_uri}"\n'
            f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
            f'client_id = "{client_id}"\n'
            f'client_secret = "{client_secret}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            # Streamlit asks prompt=select_account by default, which this provider (like Keycloak) does not offer
            'client_kwargs = { prompt = "login" }\n', encoding="utf-8")
        env = {"MONEV_DB": str(shared_warehouse), "MONEV_APP_DB": str(app_db)}
        with app_server(env, log=base / "server.log", args=("--secrets.files", str(secrets_file)),
                        host="localhost", port=app_port) as url:
            yield {"url": url, "app_db": app_db, "log": base / "server.log"}


def _only_local_traffic(route) -> None:
    """The provider's pages import a web font: nothing leaves this machine."""
    host = route.request.url.split("/")[2].split(":")[0]
    (route.continue_ if host in ("127.0.0.1", "localhost") else route.abort)()


def _sign_in_at_provider(page, url: str, login: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    settle(page, f'button:has-text("{SSO_BUTTON}")')
    page.get_by_role("button", name=SSO_BUTTON).click()
    page.wait_for_selector('input[name="login"]', timeout=60_000)  # the provider's own sign-in page
    assert page.url.startswith("http://127.0.0.1:")
    page.fill('input[name="login"]', login)
    page.fill('input[name="password"]', "apa-saja")
    page.locator('button[type="submit"]').click()
    page.wait_for_load_state("domcontentloaded")
    consent = page.locator('button:has-text("Continue")')
    if page.url.startswith("http://127.0.0.1:") and consent.count():
        consent.click()


@pytest.fixture
def page(sso_app):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.route("**/*", _only_local_traffic)
        yield context.new_page()


def test_a_registered_email_opens_the_app_with_its_role_and_scope_and_signs_out(sso_app, page, tmp_path):
    from monev.appdb import audit
    from monev.appdb import db as appdb

    _sign_in_at_provider(page, sso_app["url"], "kpa.sso@kemensos.example")
    settle(page)  # back in the app, with the filters of a signed-in viewer
    # then the page's figures: under load the first page may still be drawing when the sidebar is
    settle(page, '[data-testid="stMetric"]')
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "kpa.sso@kemensos.example" in sidebar and "KPA (satker)" in sidebar and b.S1 in sidebar
    assert "Muat data" not in sidebar
    assert page.locator('[data-testid="stMetric"]').count() > 0
    page.screenshot(path=str(tmp_path / "sso.png"), full_page=True)

    page.get_by_role("button", name="Keluar").click()
    # the provider asks to confirm ending its session, then sends the browser back to the app
    page.wait_for_url("http://127.0.0.1:*/**", timeout=60_000)
    page.locator('button:has-text("Yes, sign me out"), button[autofocus]').first.click()
    page.wait_for_url("http://localhost:*/**", timeout=60_000)
    settle(page, f'button:has-text("{SSO_BUTTON}")')
    assert page.locator('[data-testid="stMetric"]').count() == 0

    trail = audit.entries(appdb.engine(sso_app["app_db"]), who="kpa-sso")
    assert {"masuk", "lihat_halaman", "keluar"} <= set(trail["event"])
    assert '"cara": "sso"' in " ".join(trail["detail"].dropna())


def test_an_identity_without_an_account_sees_a_message_and_no_figures(sso_app, page):
    from monev.appdb import audit
    from monev.appdb import db as appdb

    _sign_in_at_provider(page, sso_app["url"], "orang.asing@kemensos.example")
    page.wait_for_url("http://localhost:*/**", timeout=60_000)
    settle(page, '[data-testid="stAlertContentError"]')
    assert "orang.asing@kemensos.example" in main_text(page).replace("\\", "")
    assert "belum terdaftar" in main_text(page)
    assert page.locator('[data-testid="stMetric"], [data-testid="stPlotlyChart"], '
                        '[data-testid="stDataFrame"]').count() == 0
    assert "Ringkasan" not in page.locator('[data-testid="stSidebar"]').inner_text()
    trail = audit.entries(appdb.engine(sso_app["app_db"]), who="orang.asing@kemensos.example")
    assert list(trail["event"]) == ["gagal_masuk"]
