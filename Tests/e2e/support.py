"""SCIM client and assertions shared by the end-to-end tests.

Everything here talks HTTP to a server that scripts/test started on loopback; nothing is mocked.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import requests

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
# Entra posts groups with this extra schema URN (IDP_BEHAVIOUR.md §2.2 step 14).
MICROSOFT_GROUP_SCHEMA = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"
SCIM_JSON = "application/scim+json"

# Okta gives up after 60 s; a local server that needs more than this is broken, not slow.
REQUEST_TIMEOUT = 20


def loopback_session() -> requests.Session:
    """A session that ignores proxy variables and ~/.netrc: the server is on loopback and sets its own auth."""
    session = requests.Session()
    session.trust_env = False
    return session


def unique(prefix: str) -> str:
    """A name no other test (or earlier run against the same database) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def eq_filter(attribute: str, value: str) -> str:
    """`attribute eq "value"` with the value quoted as a JSON string, as RFC 7644 §3.4.2.2 requires."""
    return f"{attribute} eq {json.dumps(value)}"


def okta_user(user_name: str, given: str = "Alice", family: str = "Ng") -> dict[str, Any]:
    """The user body Okta's connector posts (IDP_BEHAVIOUR.md §1.2 step 3), password placeholder included."""
    return {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": given, "familyName": family},
        "emails": [{"primary": True, "value": user_name, "type": "work"}],
        "displayName": f"{given} {family}",
        "locale": "en-US",
        "externalId": unique("00u"),
        "groups": [],
        "password": "X9f2-placeholder-Okta-sends",
        "active": True,
    }


def patch_body(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [PATCH_SCHEMA], "Operations": list(operations)}


@dataclass
class ScimClient:
    """One IdP's view of the gateway: a SCIM endpoint and the bearer token of one provider."""

    endpoint: str
    token: str
    tenant_id: str = ""
    provider_id: str = ""
    session: requests.Session = field(default_factory=lambda: loopback_session(), repr=False)

    def url(self, path: str) -> str:
        """`path` relative to the endpoint; an absolute URL is used as it is (for odd path shapes)."""
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.endpoint.rstrip('/')}/{path.lstrip('/')}"

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        content_type: str = SCIM_JSON,
    ) -> requests.Response:
        """Sends one request; `token` overrides the client's, `headers` may replace Authorization."""
        sent = {"Accept": SCIM_JSON, "Authorization": f"Bearer {token or self.token}"}
        data = None
        if body is not None:
            sent["Content-Type"] = content_type
            data = json.dumps(body).encode()
        sent.update(headers or {})
        sent = {name: value for name, value in sent.items() if value is not None}
        return self.session.request(
            method, self.url(path), data=data, params=params, headers=sent, timeout=REQUEST_TIMEOUT
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, body=body, **kwargs)

    def put(self, path: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, body=body, **kwargs)

    def patch(self, path: str, *operations: dict[str, Any], **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, body=patch_body(*operations), **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    # Shortcuts that assert success, for setting up the state a test is about.

    def create_user(self, user_name: str | None = None, **overrides: Any) -> dict[str, Any]:
        body = okta_user(user_name or f"{unique('user')}@example.com")
        body.update(overrides)
        response = self.post("Users", body)
        assert response.status_code == 201, describe(response)
        return response.json()

    def create_group(self, display_name: str | None = None, member_ids: Sequence[str] = ()) -> dict[str, Any]:
        body = {
            "schemas": [GROUP_SCHEMA],
            "displayName": display_name or unique("group"),
            "members": [{"value": member_id} for member_id in member_ids],
        }
        response = self.post("Groups", body)
        assert response.status_code == 201, describe(response)
        return response.json()

    def read(self, path: str) -> dict[str, Any]:
        response = self.get(path)
        assert response.status_code == 200, describe(response)
        return response.json()

    def find(self, resource: str, filter_expression: str) -> list[dict[str, Any]]:
        """Resources matching a filter, after checking the ListResponse shape."""
        response = self.get(resource, params={"filter": filter_expression})
        return assert_list_response(response)

    def page(self, resource: str, **params: Any) -> dict[str, Any]:
        """The whole ListResponse body (`totalResults`, `startIndex`…) after checking its shape."""
        response = self.get(resource, params=params)
        assert_list_response(response)
        return response.json()

    def ids(self, resource: str, **params: Any) -> list[str]:
        """The ids of one page, in the server's order."""
        return [item["id"] for item in self.page(resource, **params)["Resources"]]

    def version(self, path: str) -> str:
        """`meta.version` of a resource, after checking the ETag header carries the same value."""
        response = self.get(path)
        assert response.status_code == 200, describe(response)
        version = response.json()["meta"]["version"]
        assert response.headers.get("ETag") == version, describe(response)
        return version


def describe(response: requests.Response) -> str:
    """The request and answer in one line, for assertion messages."""
    request = response.request
    return (
        f"{request.method} {request.url} -> {response.status_code} "
        f"[{response.headers.get('Content-Type')}] {response.text[:800]}"
    )


def assert_scim_content_type(response: requests.Response) -> None:
    content_type = response.headers.get("Content-Type", "")
    assert content_type.split(";")[0].strip().lower() == SCIM_JSON, describe(response)


def assert_scim_error(response: requests.Response, status: int, scim_type: str | None = None) -> dict[str, Any]:
    """RFC 7644 §3.12: Error schema, `status` as a string, a detail, and the scimType when one applies."""
    assert response.status_code == status, describe(response)
    assert_scim_content_type(response)
    body = response.json()
    assert ERROR_SCHEMA in body.get("schemas", []), describe(response)
    assert body.get("status") == str(status), describe(response)
    assert isinstance(body.get("detail"), str) and body["detail"], describe(response)
    if scim_type is not None:
        assert body.get("scimType") == scim_type, describe(response)
    return body


def assert_list_response(response: requests.Response) -> list[dict[str, Any]]:
    """RFC 7644 §3.4.2 ListResponse with integer paging fields and `Resources` always present (Okta, Entra)."""
    assert response.status_code == 200, describe(response)
    assert_scim_content_type(response)
    body = response.json()
    assert LIST_SCHEMA in body.get("schemas", []), describe(response)
    for key in ("totalResults", "startIndex", "itemsPerPage"):
        assert type(body.get(key)) is int, f"{key} must be an integer: {describe(response)}"
    resources = body.get("Resources")
    assert isinstance(resources, list), describe(response)
    assert body["itemsPerPage"] == len(resources), describe(response)
    assert body["totalResults"] >= len(resources), describe(response)
    return resources


def assert_patched(response: requests.Response) -> None:
    """RFC 7644 §3.5.2: 200 with the resource or 204 without a body; both are accepted by Okta and Entra."""
    assert response.status_code in (200, 204), describe(response)
    if response.status_code == 200:
        assert_scim_content_type(response)
        assert "id" in response.json(), describe(response)


def member_ids(group: dict[str, Any]) -> set[str]:
    return {member["value"] for member in group.get("members") or []}


def members_by_id(group: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {member["value"]: member for member in group.get("members") or []}


def by_type(values: Sequence[dict[str, Any]] | None) -> dict[str, list[dict[str, Any]]]:
    """Elements of a multi-valued attribute (emails, addresses…) grouped by their `type`."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for value in values or []:
        grouped.setdefault(value.get("type"), []).append(value)
    return grouped


def assert_at_most_one_primary(resource: dict[str, Any], attribute: str) -> None:
    """RFC 7643 §2.4: `primary: true` appears no more than once in a multi-valued attribute."""
    primaries = [value for value in resource.get(attribute) or [] if value.get("primary") is True]
    assert len(primaries) <= 1, f"{attribute} has {len(primaries)} primary values: {resource.get(attribute)}"


def assert_no_nulls(value: Any, where: str = "$") -> None:
    """RFC 7643 §2.5: a server returns unassigned attributes by omitting them, never as null."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert item is not None, f"{where}.{key} is null"
            assert_no_nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert item is not None, f"{where}[{index}] is null"
            assert_no_nulls(item, f"{where}[{index}]")


def written_attributes(resource: dict[str, Any]) -> dict[str, Any]:
    """What an IdP wrote and expects to read back: the resource without server-assigned and write-only data."""
    ignored = {"id", "meta", "groups", "password"}
    kept = {key: value for key, value in resource.items() if key not in ignored}
    if "schemas" in kept:
        kept["schemas"] = sorted(kept["schemas"])
    return kept
