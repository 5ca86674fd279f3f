"""The admin dashboard in a real browser: headless Chromium follows the setup guide (reference/setup-scim.md) click by
click against the live server, and saves a screenshot of each screen into docs/screenshots/.

Sign in with a one-time link from the command line, add an OIDC provider and its attribute mappings, open Provider
Configuration from the settings icon, switch on SCIM provisioning, Verify & Next, read the SCIM endpoint URL and the
token from the Setup Complete dialog, provision people and groups with that token, rotate it and see the old one
refused, read the provisioning log, Users, Teams and Business Units; then sign in again through the IdP
(oidc-provider-mock) as a person whose role is Admin.

Needs Debian's `chromium` (scripts/test installs it); set DASHBOARD_SCREENSHOT_DIR to write the screenshots
elsewhere.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import Gateway
from headless_chromium import HeadlessChromium, find_chromium
from support import GROUP_SCHEMA, ScimClient, loopback_session, okta_user, unique

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("DASHBOARD_SCREENSHOT_DIR") or ROOT / "docs" / "screenshots")
CLIENT_ID = "scim-gateway-dashboard-e2e"
CLIENT_SECRET = "dashboard-e2e-secret"


def mock_url() -> str:
    url = os.environ.get("OIDC_MOCK_URL", "")
    if not url:
        pytest.fail("OIDC_MOCK_URL is not set: run the suite with scripts/test, which starts oidc-provider-mock")
    return url.rstrip("/")


def set_claims(subject: str, claims: dict[str, object]) -> None:
    response = requests.put(f"{mock_url()}/users/{subject}", json=claims, timeout=10)
    assert response.status_code == 204, response.text


@pytest.fixture
def browser() -> Iterator[HeadlessChromium]:
    binary = find_chromium()
    if binary is None:
        pytest.fail("chromium is not installed: scripts/test installs the Debian package `chromium`")
    with HeadlessChromium(binary) as chromium:
        yield chromium


class Screens:
    """Saves numbered screenshots and checks each screen for script or policy errors on the way."""

    def __init__(self, browser: HeadlessChromium) -> None:
        self.browser = browser
        self.saved: list[str] = []

    def shoot(self, name: str, full_page: bool = True) -> None:
        problems = [problem for problem in self.browser.console_problems() if "favicon" not in problem]
        assert problems == [], f"the page {self.browser.url()} logged errors: {problems}"
        file = f"{len(self.saved) + 1:02d}-{name}.png"
        self.browser.screenshot(SCREENSHOTS / file, full_page=full_page)
        self.saved.append(file)


def scim_status(endpoint: str, token: str) -> int:
    response = loopback_session().get(
        f"{endpoint}/Users", headers={"Authorization": f"Bearer {token}"}, params={"count": "1"}, timeout=20
    )
    return response.status_code


def test_an_administrator_follows_the_setup_guide_in_a_browser(gateway: Gateway, browser: HeadlessChromium) -> None:
    screens = Screens(browser)
    base = gateway.base_url
    tenant_id = gateway.cli("tenant", "create", unique("dashboard"))["id"]
    admin = f"admin-{uuid.uuid4().hex[:8]}@example.test"
    viewer = f"viewer-{uuid.uuid4().hex[:8]}@example.test"

    # Sign in with the one-time link; the code travels in the fragment and the script moves it into the form.
    link = gateway.cli("dashboard", "link", "--tenant", tenant_id)
    assert link["url"].startswith(f"{base}/dashboard/sign-in#code=scimgw_link_")
    browser.goto(link["url"])
    assert browser.url() == f"{base}/dashboard/sign-in", "the code must leave the address bar"
    assert browser.value("#sign-in-code") == link["code"]
    screens.shoot("sign-in")
    browser.click_and_wait("form[action='/dashboard/sign-in'] button[type=submit]")
    assert browser.url() == f"{base}/dashboard/providers"
    assert "No identity provider yet" in browser.text("main")
    screens.shoot("user-provisioning-empty")

    # Governance → User Provisioning → Add provider.
    browser.click_and_wait("main a[href='/dashboard/providers/new']")
    browser.fill("#name", "Acme Okta")
    browser.fill("#issuer", mock_url())
    browser.fill("#client-id", CLIENT_ID)
    browser.fill("#client-secret", CLIENT_SECRET)
    screens.shoot("add-provider")
    browser.click_and_wait("form[action='/dashboard/providers'] button[type=submit]")
    created = rf"{re.escape(base)}/dashboard/providers/([0-9a-f-]{{36}})\?notice=provider-created"
    match = re.fullmatch(created, browser.url())
    assert match, browser.url()
    provider_id = match.group(1)
    provider_page = f"{base}/dashboard/providers/{provider_id}"
    assert CLIENT_SECRET not in browser.html(), "the client secret is write-only"

    # Attribute mappings: at sign-in Admin for one address and Viewer for everyone else; from SCIM, Developer for a
    # group, teams from groups, business units from the enterprise department.
    for kind, attribute, value, target in [
        ("role", "claims.email", admin, "Admin"),
        ("role", "claims.email", "*", "Viewer"),
        ("role", "groups", "Platform Team", "Developer"),
        ("team", "groups", "*", "*"),
        ("business_unit", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Eng: ${*}", "${*}"),
    ]:
        browser.evaluate(f"document.querySelector('#rule-kind').value = {kind!r}")
        browser.fill("#rule-attribute", attribute)
        browser.fill("#rule-value", value)
        browser.fill("#rule-target", target)
        browser.click_and_wait("form.rule-form button[type=submit]")
        assert "notice=rule-added" in browser.url(), browser.text("main")[:400]
    rules = browser.text("section[aria-labelledby=mappings] tbody")
    assert rules.count("claims.email") == 2 and "Platform Team" in rules and "Eng: ${*}" in rules
    screens.shoot("provider-dashboard")

    # Provider Configuration behind the settings icon: Enable SCIM Provisioning, Verify & Next.
    browser.click_and_wait("a.icon-button[aria-label='Provider configuration']")
    assert browser.text(".dialog h2") == "Provider Configuration"
    assert browser.evaluate("document.querySelector('.shell').inert") is True
    assert browser.evaluate("document.querySelector('#scim-enabled').checked") is False
    browser.click("#scim-enabled")
    assert browser.evaluate("document.querySelector('#scim-enabled').checked") is True
    screens.shoot("provider-configuration", full_page=False)
    browser.click_and_wait(".dialog button[type=submit]")

    # Setup Complete: the endpoint (no trailing slash) and the token, once, with copy buttons and the warning.
    assert browser.text(".dialog h2") == "Setup Complete"
    endpoint = browser.value("#scim-endpoint")
    token = browser.value("#provisioning-token")
    assert endpoint == f"{base}/scim/v2"
    assert token.startswith("scimgw_") and len(token) == len("scimgw_") + 43
    assert token not in browser.url()
    assert "shown only once" in browser.text(".dialog")
    assert browser.evaluate("document.querySelector('button[data-copy=provisioning-token]').hidden") is False
    browser.grant_clipboard(base)
    browser.click("button[data-copy=provisioning-token]")
    assert browser.evaluate("navigator.clipboard.readText()") == token
    screens.shoot("setup-complete", full_page=False)

    # The IdP's side: the token provisions people and a group.
    scim = ScimClient(endpoint, token, tenant_id, provider_id)
    assert scim.get("ServiceProviderConfig").status_code == 200
    people = []
    for given, department in [("Ada", "Eng: Platform"), ("Grace", "Eng: Compilers"), ("Linus", "Sales")]:
        body = okta_user(f"{given.lower()}-{uuid.uuid4().hex[:6]}@example.test", given=given, family="Example")
        body["schemas"].append("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = {"department": department}
        created = scim.post("Users", body)
        assert created.status_code == 201, created.text
        people.append(created.json())
    members = [{"value": person["id"]} for person in people[:2]]
    group = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Platform Team", "members": members})
    assert group.status_code == 201, group.text

    # Done, then Rotate Token: the confirmation says the old token stops working at once.
    browser.click_and_wait(".dialog a.button-primary")
    assert browser.url() == provider_page
    assert token not in browser.html(), "the token is never shown again"
    browser.click_and_wait(f"a[href='/dashboard/providers/{provider_id}/rotate-token']")
    assert "stops working immediately" in browser.text(".dialog")
    screens.shoot("rotate-token-confirmation", full_page=False)
    browser.click_and_wait(".dialog button.button-danger")
    assert browser.text(".dialog h2") == "Token Rotated"
    rotated = browser.value("#provisioning-token")
    assert rotated.startswith("scimgw_") and rotated != token
    screens.shoot("token-rotated", full_page=False)
    assert scim_status(endpoint, token) == 401, "the old token must fail at once"
    assert scim_status(endpoint, rotated) == 200

    # The provisioning log shows the requests, redacted.
    browser.goto(f"{provider_page}/log")
    log_text = browser.text("main")
    assert "POST /scim/v2/Users" in log_text and "POST /scim/v2/Groups" in log_text
    assert token not in browser.html() and rotated not in browser.html()
    browser.click(".log li:nth-child(2) summary")
    assert "<string:" in browser.text(".log li:nth-child(2) pre"), "values are stored redacted"
    screens.shoot("provisioning-log")

    # Governance → Users: role, teams, units, status, managing provider; search.
    browser.click_and_wait("nav a[href='/dashboard/users']")
    users_text = browser.text("main")
    for person in people:
        assert person["userName"] in users_text
    assert "Platform Team" in users_text and "Platform" in users_text and "Acme Okta" in users_text
    screens.shoot("users")
    browser.fill("#search", "grace")
    browser.click_and_wait("form.search button[type=submit]")
    searched = browser.text("tbody")
    assert people[1]["userName"] in searched and people[0]["userName"] not in searched
    browser.click_and_wait(f"a[href='/dashboard/users/{people[1]['id']}']")
    person_text = browser.text("main")
    assert "Compilers" in person_text and "Platform Team" in person_text and "via Acme Okta" in person_text
    screens.shoot("user")

    # Governance → Teams from the pushed group, with provenance; Business Units with how each was granted.
    browser.click_and_wait("nav a[href='/dashboard/teams']")
    assert "Platform Team" in browser.text("main")
    screens.shoot("teams")
    browser.click_and_wait("main tbody a")
    team_text = browser.text("main")
    assert people[0]["userName"] in team_text and "SCIM" in team_text and "via Acme Okta" in team_text
    screens.shoot("team")
    browser.click_and_wait("nav a[href='/dashboard/business-units']")
    units_text = browser.text("main")
    assert "Platform" in units_text and "Compilers" in units_text and "Sales" not in units_text
    screens.shoot("business-units")

    # Sign out; the one-time link does not work twice.
    browser.click_and_wait("form[action='/dashboard/sign-out'] button")
    assert browser.url() == f"{base}/dashboard/sign-in?notice=signed-out"
    browser.goto(link["url"])
    browser.click_and_wait("form[action='/dashboard/sign-in'] button[type=submit]")
    assert "already used" in browser.text("main")
    browser.console_problems()  # the refused code's page answered 400, as it should

    # A person whose role is Admin signs in through the IdP and lands on the dashboard.
    set_claims(admin, {"email": admin, "name": "Ada Admin"})
    browser.goto(f"{base}/auth/oidc/{provider_id}/login")
    assert browser.url().startswith(mock_url())
    browser.fill("input[name=sub]", admin)
    browser.click_and_wait("form button[type=submit]")
    browser.console_problems()  # the mock's page links a stylesheet outside loopback, which the browser cannot reach
    assert browser.url() == f"{base}/dashboard/providers", browser.text("body")[:300]
    assert "Ada Admin" in browser.text(".account") and "Admin" in browser.text(".account-role")
    screens.shoot("signed-in-through-the-idp")
    browser.click_and_wait("form[action='/dashboard/sign-out'] button")

    # A Viewer gets the signed-in page, not the dashboard.
    set_claims(viewer, {"email": viewer, "name": "Vic Viewer"})
    browser.goto(f"{base}/auth/oidc/{provider_id}/login")
    browser.fill("input[name=sub]", viewer)
    browser.click_and_wait("form button[type=submit]")
    assert "You are signed in as Vic Viewer" in browser.text("body")
    browser.goto(f"{base}/dashboard/providers")
    assert "does not include the permissions" in browser.text("body")

    # Neither token, the link's code nor the client secret reached the server's log.
    if gateway.log_path:
        log = Path(gateway.log_path).read_text(errors="replace")
        for secret in (token, rotated, link["code"], CLIENT_SECRET):
            assert secret not in log
    assert len(screens.saved) >= 12


def test_dashboard_pages_carry_a_strict_content_security_policy(gateway: Gateway) -> None:
    session = loopback_session()
    for path in ("/dashboard/sign-in", "/dashboard/assets/dashboard.css", "/dashboard/providers"):
        response = session.get(f"{gateway.base_url}{path}", allow_redirects=False, timeout=20)
        policy = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy, path
        assert response.headers.get("X-Frame-Options") == "DENY", path
    signed_out = session.get(f"{gateway.base_url}/dashboard/providers", allow_redirects=False, timeout=20)
    assert signed_out.status_code == 303 and signed_out.headers["Location"] == "/dashboard/sign-in"
    forged = session.post(f"{gateway.base_url}/dashboard/providers", data={"name": "x"}, timeout=20)
    assert forged.status_code == 403
