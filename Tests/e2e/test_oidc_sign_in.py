"""OIDC sign-in against a real IdP process: oidc-provider-mock, started by scripts/test on loopback.

A requests.Session plays the browser: it follows our 302 to the mock, posts the mock's approval form, and brings the
code back to our callback. The mock issues ID tokens without `kid` and with `aud` as an array, and approves any
`sub`; its `PUT /users/{sub}` sets the claims and `POST /users/{sub}/revoke-tokens` makes refreshes fail.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from conftest import Gateway, Provisioned

CLIENT_ID = "scim-gateway-e2e"
CLIENT_SECRET = "e2e-client-secret"


def mock_url() -> str:
    url = os.environ.get("OIDC_MOCK_URL", "")
    if not url:
        pytest.fail("OIDC_MOCK_URL is not set: run the suite with scripts/test, which starts oidc-provider-mock")
    return url.rstrip("/")


def set_claims(subject: str, claims: dict[str, Any]) -> None:
    response = requests.put(f"{mock_url()}/users/{subject}", json=claims, timeout=10)
    assert response.status_code == 204, response.text


def configure(gateway: Gateway, provisioned: Provisioned, *extra: str) -> None:
    gateway.cli(
        "provider", "configure", "--provider", provisioned.provider_id, "--issuer", mock_url(),
        "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, *extra,
    )  # fmt: skip


def add_rule(gateway: Gateway, provisioned: Provisioned, kind: str, attribute: str, value: str, target: str) -> None:
    gateway.cli(
        "mapping", "add", "--provider", provisioned.provider_id, "--kind", kind, "--attribute", attribute,
        "--value", value, "--target", target,
    )  # fmt: skip


def sign_in(gateway: Gateway, provider_id: str, subject: str, path: str = "login") -> tuple[requests.Session, requests.Response]:
    """Drives one sign-in like a browser; returns the browser and our callback's answer."""
    browser, callback = approved_callback(gateway, provider_id, subject, path)
    answer = browser.get(callback, allow_redirects=False, timeout=30)
    answer.callback_url = callback  # type: ignore[attr-defined]
    return browser, answer


def approved_callback(
    gateway: Gateway, provider_id: str, subject: str, path: str = "login"
) -> tuple[requests.Session, str]:
    """Starts a sign-in in a new browser and approves it at the mock; returns the browser and the callback URL the
    IdP sends it to, not yet opened."""
    browser = requests.Session()
    start = browser.get(f"{gateway.base_url}/auth/oidc/{provider_id}/{path}", allow_redirects=False, timeout=30)
    assert start.status_code == 302, f"login answered {start.status_code}: {start.text[:300]}"
    authorize = start.headers["Location"]
    assert authorize.startswith(mock_url()), authorize
    assert "code_challenge_method=S256" in authorize and "nonce=" in authorize and "state=" in authorize
    approved = browser.post(authorize, data={"sub": subject}, allow_redirects=False, timeout=30)
    assert approved.status_code in (302, 303), approved.text[:300]
    callback = urljoin(authorize, approved.headers["Location"])
    assert callback.startswith(f"{gateway.base_url}/auth/oidc/callback"), callback
    return browser, callback


def session_of(gateway: Gateway, browser: requests.Session) -> requests.Response:
    return browser.get(f"{gateway.base_url}/api/v1/session", timeout=30)


@pytest.fixture
def provider(gateway: Gateway, provision: Callable[..., Provisioned]) -> Provisioned:
    provisioned = provision(name="oidc")
    configure(gateway, provisioned)
    add_rule(gateway, provisioned, "role", "claims.email", "*", "Developer")
    add_rule(gateway, provisioned, "team", "claims.groups", "*", "*")
    add_rule(gateway, provisioned, "business-unit", "claims.department", "Eng: ${*} Unit", "${*}")
    return provisioned


def test_sign_in_creates_the_person_with_mapped_role_teams_and_units(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"ada-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject, "name": "Ada L", "groups": ["eng", "ops"], "department": "Eng: Core Unit"})
    browser, answer = sign_in(gateway, provider.provider_id, subject)
    assert answer.status_code == 200, answer.text[:500]
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "scimgw_session=" in cookie
    session = session_of(gateway, browser)
    assert session.status_code == 200, session.text
    body = session.json()
    assert body["userName"] == subject
    assert body["role"] == "Developer"
    assert sorted(body["teams"]) == ["eng", "ops"]
    assert body["businessUnits"] == ["Core"]
    assert body["providerId"] == provider.provider_id

    # The provider's SCIM lookup finds the signed-in person; a POST is 409; the next PATCH merges them.
    scim = provider.client()
    found = scim.find("Users", f'userName eq "{subject}"')
    assert [user["userName"] for user in found] == [subject]
    duplicate = scim.post("Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": subject})
    assert duplicate.status_code == 409 and duplicate.json()["scimType"] == "uniqueness"
    merged = scim.patch(f"Users/{found[0]['id']}", {"op": "replace", "value": {"displayName": "Ada Lovelace"}})
    assert merged.status_code == 200
    assert len(scim.find("Users", f'userName eq "{subject}"')) == 1


def test_the_configured_email_and_name_claims_fill_the_person(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision(name="oidc-claim-names")
    configure(gateway, provisioned, "--claim-email", "mail", "--claim-name", "nickname")
    add_rule(gateway, provisioned, "role", "claims.mail", "*", "Viewer")
    subject = f"claims-{uuid.uuid4().hex[:8]}"
    address = f"{subject}@example.test"
    set_claims(subject, {"mail": address, "nickname": "Nick", "name": "Not This One"})
    browser, answer = sign_in(gateway, provisioned.provider_id, subject)
    assert answer.status_code == 200, answer.text[:500]
    body = session_of(gateway, browser).json()
    assert body["userName"] == address
    assert body["displayName"] == "Nick"


def test_a_second_provider_cannot_sign_in_as_someone_another_provider_holds(
    gateway: Gateway, provider: Provisioned, provision: Callable[..., Provisioned]
) -> None:
    """Regression (found by a security review): the first sign-in matched by email across the whole tenant, so an
    account at any connected IdP with a chosen email became that person, Admin role included."""
    victim = f"victim-{uuid.uuid4().hex[:8]}@example.test"
    provider.client().create_user(victim)
    intruder = provision(tenant_id=provider.tenant_id, name="oidc-intruder")
    configure(gateway, intruder)
    add_rule(gateway, intruder, "role", "claims.email", "*", "Viewer")

    attacker = f"attacker-{uuid.uuid4().hex[:8]}"
    set_claims(attacker, {"email": victim})
    browser, answer = sign_in(gateway, intruder.provider_id, attacker)
    assert answer.status_code == 403 and "another identity provider" in answer.text
    assert session_of(gateway, browser).status_code == 401

    # A person who signed in through the first provider is not taken by the second either.
    signed_in = f"jit-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(signed_in, {"email": signed_in})
    assert sign_in(gateway, provider.provider_id, signed_in)[1].status_code == 200
    set_claims(attacker, {"email": signed_in})
    browser, answer = sign_in(gateway, intruder.provider_id, attacker)
    assert answer.status_code == 403 and session_of(gateway, browser).status_code == 401

    # Through the provider that holds them, the same person signs in; an unverified email is refused.
    set_claims(victim, {"email": victim, "email_verified": False})
    assert sign_in(gateway, provider.provider_id, victim)[1].status_code == 403
    set_claims(victim, {"email": victim, "email_verified": True})
    browser, answer = sign_in(gateway, provider.provider_id, victim)
    assert answer.status_code == 200, answer.text[:300]
    assert session_of(gateway, browser).json()["userName"] == victim


def test_scim_deactivation_ends_the_session_on_the_next_call(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"grace-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, answer = sign_in(gateway, provider.provider_id, subject)
    assert answer.status_code == 200
    assert session_of(gateway, browser).status_code == 200
    scim = provider.client()
    user = scim.find("Users", f'userName eq "{subject}"')[0]
    deactivated = scim.patch(f"Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    assert deactivated.status_code == 200
    assert session_of(gateway, browser).status_code == 401


def test_a_refused_refresh_ends_the_session(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"refresh-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, answer = sign_in(gateway, provider.provider_id, subject)
    assert answer.status_code == 200
    assert session_of(gateway, browser).status_code == 200
    revoked = requests.post(f"{mock_url()}/users/{subject}/revoke-tokens", timeout=10)
    assert revoked.status_code == 204
    # The server refreshes sessions every two seconds in this suite (SESSION_REFRESH_SECONDS=2).
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and session_of(gateway, browser).status_code == 200:
        time.sleep(0.5)
    assert session_of(gateway, browser).status_code == 401


def test_a_healthy_session_survives_refreshes(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"steady-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, _ = sign_in(gateway, provider.provider_id, subject)
    time.sleep(5)
    assert session_of(gateway, browser).status_code == 200


def test_no_matching_role_refuses_sign_in_and_creates_nobody(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    provisioned = provision(name="oidc-norole")
    configure(gateway, provisioned)
    subject = f"norole-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, answer = sign_in(gateway, provisioned.provider_id, subject)
    assert answer.status_code == 403
    assert "No role" in answer.text and "scimgw_session" not in answer.headers.get("Set-Cookie", "")
    assert session_of(gateway, browser).status_code == 401
    assert provisioned.client().find("Users", f'userName eq "{subject}"') == []


def test_scim_only_provider_refuses_unknown_people(gateway: Gateway, provision: Callable[..., Provisioned]) -> None:
    provisioned = provision(name="oidc-scim-only")
    configure(gateway, provisioned, "--mode", "scim")
    add_rule(gateway, provisioned, "role", "claims.email", "*", "Viewer")
    subject = f"unknown-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    _, answer = sign_in(gateway, provisioned.provider_id, subject)
    assert answer.status_code == 403 and "provisioned" in answer.text

    # Once SCIM provisions them, the same person gets in.
    created = provisioned.client().post(
        "Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": subject}
    )
    assert created.status_code == 201
    browser, again = sign_in(gateway, provisioned.provider_id, subject)
    assert again.status_code == 200, again.text[:300]
    assert session_of(gateway, browser).json()["role"] == "Viewer"


def test_a_replayed_callback_is_refused(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"replay-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, answer = sign_in(gateway, provider.provider_id, subject)
    assert answer.status_code == 200
    # Replayed with the state cookie the browser had: the pending sign-in is spent.
    state = parse_qs(urlsplit(answer.callback_url).query)["state"][0]  # type: ignore[attr-defined]
    replay = requests.get(
        answer.callback_url,  # type: ignore[attr-defined]
        cookies={"scimgw_sign_in_state": state}, allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert replay.status_code == 400 and "expired" in replay.text
    assert "scimgw_session" not in replay.headers.get("Set-Cookie", "")


def test_a_callback_opened_in_another_browser_signs_nobody_in(gateway: Gateway, provider: Provisioned) -> None:
    """Login CSRF (RFC 6749 §10.12): an attacker starts a sign-in, approves it at the IdP as themselves and sends the
    callback URL to a victim; opened in the victim's browser it must not sign the victim in as the attacker."""
    attacker = f"csrf-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(attacker, {"email": attacker})
    own, callback = approved_callback(gateway, provider.provider_id, attacker)
    assert "scimgw_sign_in_state" in own.cookies.keys()

    victim = requests.Session()
    answer = victim.get(callback, allow_redirects=False, timeout=30)
    assert answer.status_code == 400 and "started elsewhere" in answer.text
    assert "scimgw_session" not in answer.headers.get("Set-Cookie", "")
    assert session_of(gateway, victim).status_code == 401
    # The browser that started it still finishes it: the wrong browser spent nothing.
    assert own.get(callback, allow_redirects=False, timeout=30).status_code == 200


def test_a_token_for_another_audience_is_rejected(gateway: Gateway, provision: Callable[..., Provisioned]) -> None:
    provisioned = provision(name="oidc-audience")
    configure(gateway, provisioned, "--audience", "some-other-api")
    add_rule(gateway, provisioned, "role", "claims.email", "*", "Viewer")
    subject = f"aud-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, answer = sign_in(gateway, provisioned.provider_id, subject)
    assert answer.status_code == 401 and "Sign-in failed" in answer.text
    assert session_of(gateway, browser).status_code == 401
    # An empty --audience clears it: the client id is the audience again, and the same person signs in.
    configure(gateway, provisioned, "--audience", "")
    browser, answer = sign_in(gateway, provisioned.provider_id, subject)
    assert answer.status_code == 200, answer.text[:300]
    assert session_of(gateway, browser).status_code == 200


def test_discover_claims_shows_them_and_creates_no_session(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"discover-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject, "groups": ["discovered-group"]})
    browser, answer = sign_in(gateway, provider.provider_id, subject, path="discover-claims")
    assert answer.status_code == 200
    assert "discovered-group" in answer.text and "scimgw_session" not in answer.headers.get("Set-Cookie", "")
    assert session_of(gateway, browser).status_code == 401
    assert provider.client().find("Users", f'userName eq "{subject}"') == []


def test_logout_ends_the_session(gateway: Gateway, provider: Provisioned) -> None:
    subject = f"logout-{uuid.uuid4().hex[:8]}@example.test"
    set_claims(subject, {"email": subject})
    browser, _ = sign_in(gateway, provider.provider_id, subject)
    assert session_of(gateway, browser).status_code == 200
    assert browser.post(f"{gateway.base_url}/auth/logout", timeout=30).status_code == 200
    assert session_of(gateway, browser).status_code == 401


def test_an_unknown_provider_gets_a_page_not_a_500(gateway: Gateway) -> None:
    answer = requests.get(f"{gateway.base_url}/auth/oidc/{uuid.uuid4()}/login", allow_redirects=False, timeout=30)
    assert answer.status_code == 404 and "text/html" in answer.headers["Content-Type"]
