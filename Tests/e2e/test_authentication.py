"""Bearer-token authentication (RFC 6750) and the 401 answers IdPs expect (IDP_BEHAVIOUR.md §0.2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from support import ScimClient, assert_list_response, assert_scim_content_type, assert_scim_error, describe, okta_user

# Every SCIM resource route, read and write, must refuse an unauthenticated caller.
PROTECTED = [
    ("GET", "Users", None),
    ("GET", "Users/2819c223-7f76-453a-919d-413861904646", None),
    ("POST", "Users", okta_user("intruder@example.com")),
    ("GET", "Groups", None),
    ("POST", "Groups", {"displayName": "intruders"}),
    ("DELETE", "Groups/2819c223-7f76-453a-919d-413861904646", None),
]


def assert_unauthorized(response: Any) -> None:
    assert_scim_error(response, 401)
    # RFC 7235 §3.1: a 401 carries a challenge; RFC 6750 §3 names the Bearer scheme.
    assert response.headers.get("WWW-Authenticate", "").lower().startswith("bearer"), describe(response)


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED])
def test_missing_token_is_refused(scim: ScimClient, method: str, path: str, body: Any) -> None:
    assert_unauthorized(scim.request(method, path, body=body, headers={"Authorization": None}))


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED, ids=[f"{m} {p}" for m, p, _ in PROTECTED])
def test_wrong_token_is_refused(scim: ScimClient, method: str, path: str, body: Any) -> None:
    # Same shape and prefix as a real token, different secret.
    forged = scim.token[:-6] + ("AAAAAA" if not scim.token.endswith("AAAAAA") else "BBBBBB")
    assert_unauthorized(scim.request(method, path, body=body, token=forged))


MALFORMED = {
    "scheme only": lambda token: "Bearer",
    "scheme and blank": lambda token: "Bearer   ",
    "no scheme": lambda token: token,
    "basic scheme": lambda token: "Basic dXNlcjpwYXNzd29yZA==",
    "other scheme, valid token": lambda token: f"Token {token}",
    "token with trailing junk": lambda token: f"Bearer {token} extra",
    "token glued to scheme": lambda token: f"Bearer{token}",
    "not a token at all": lambda token: "Bearer \u00e9\u00e9\u00e9",
}


@pytest.mark.parametrize("header", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_authorization_is_refused(scim: ScimClient, header: Callable[[str], str]) -> None:
    response = scim.get("Users", headers={"Authorization": header(scim.token).encode("utf-8")})
    assert_unauthorized(response)


def test_scheme_name_is_case_insensitive(scim: ScimClient) -> None:
    # RFC 7235 §2.1: the auth-scheme is case-insensitive.
    assert_list_response(scim.get("Users", headers={"Authorization": f"bearer {scim.token}"}))


def test_every_answer_is_scim_json(scim: ScimClient) -> None:
    user = scim.create_user()
    answers = [
        scim.get("Users"),
        scim.get(f"Users/{user['id']}"),
        scim.post("Users", okta_user(user["userName"])),  # 409
        scim.get("Users/does-not-exist"),  # 404
        scim.get("Users", headers={"Authorization": None}),  # 401
        scim.get("Users", params={"filter": "userName eq"}),  # 400
        scim.get("ServiceProviderConfig"),
        scim.get("ResourceTypes"),
        scim.get("Schemas"),
    ]
    for response in answers:
        assert_scim_content_type(response)


def test_malformed_filter_is_an_error_not_an_empty_list(scim: ScimClient) -> None:
    # An empty 200 here makes Entra create duplicates (IDP_BEHAVIOUR.md §0.4).
    assert_scim_error(scim.get("Users", params={"filter": "userName eq"}), 400, "invalidFilter")
    assert_scim_error(scim.get("Users", params={"filter": 'userName zz "a"'}), 400, "invalidFilter")
