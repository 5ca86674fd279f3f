"""The admin API (/api/v1) against the live server: keys made by the CLI, the setup flow the dashboard will drive,
manual grants that SCIM syncs keep, tenant isolation both ways, and the OpenAPI document kept in the repository."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from conftest import Gateway
from support import REQUEST_TIMEOUT, ScimClient, loopback_session, unique

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


class AdminClient:
    """One admin API key's view of the gateway."""

    def __init__(self, gateway: Gateway, key: str | None) -> None:
        self.base = f"{gateway.base_url}/api/v1"
        self.key = key
        self.session = loopback_session()

    def request(self, method: str, path: str, body: Any = None) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        response = self.session.request(
            method, f"{self.base}{path}", json=body, headers=headers, timeout=REQUEST_TIMEOUT
        )
        assert response.headers.get("Cache-Control") == "no-store", response.headers
        if response.content:
            assert response.headers["Content-Type"].startswith("application/json"), response.headers
        return response

    def ok(self, method: str, path: str, body: Any = None, status: int = 200) -> dict[str, Any]:
        response = self.request(method, path, body)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()


def error_code(response: requests.Response, status: int) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert isinstance(error["message"], str) and error["message"]
    return error["code"]


@pytest.fixture(scope="module")
def deployment(gateway: Gateway) -> AdminClient:
    """A deployment-wide key: `admin-key create` without --tenant runs as the schema owner."""
    created = gateway.cli("admin-key", "create", "--name", unique("ops"))
    assert created["key"].startswith("scimgw_admin_")
    return AdminClient(gateway, created["key"])


@pytest.fixture
def tenant_admin(gateway: Gateway, deployment: AdminClient) -> Callable[[], tuple[str, AdminClient]]:
    """A new tenant made through the API, and a key that reaches only it."""

    def make() -> tuple[str, AdminClient]:
        tenant_id = deployment.ok("POST", "/tenants", {"name": unique("acme")}, status=201)["id"]
        key = gateway.cli("admin-key", "create", "--tenant", tenant_id, "--name", unique("tenant"))["key"]
        return tenant_id, AdminClient(gateway, key)

    return make


def test_keys_are_required_and_reach_only_their_tenant(
    gateway: Gateway, deployment: AdminClient, tenant_admin: Callable[[], tuple[str, AdminClient]]
) -> None:
    first_id, first = tenant_admin()
    second_id, second = tenant_admin()
    assert error_code(AdminClient(gateway, None).request("GET", f"/tenants/{first_id}"), 401) == "unauthorized"
    assert error_code(AdminClient(gateway, "scimgw_admin_wrong").request("GET", f"/tenants/{first_id}"), 401)
    for caller, other in ((first, second_id), (second, first_id)):
        assert error_code(caller.request("GET", f"/tenants/{other}/users"), 404) == "not_found"
        assert error_code(caller.request("POST", f"/tenants/{other}/teams", {"name": "x"}), 404) == "not_found"
    assert error_code(first.request("GET", "/tenants"), 403) == "forbidden"
    assert first.ok("GET", f"/tenants/{first_id}")["id"] == first_id
    listed = deployment.ok("GET", "/tenants?limit=200")
    assert "items" in listed and "next_cursor" in listed


def test_revoked_key_fails_at_once(gateway: Gateway, tenant_admin: Callable[[], tuple[str, AdminClient]]) -> None:
    tenant_id, _ = tenant_admin()
    created = gateway.cli("admin-key", "create", "--tenant", tenant_id, "--name", unique("temp"))
    client = AdminClient(gateway, created["key"])
    client.ok("GET", f"/tenants/{tenant_id}/roles")
    assert gateway.cli("admin-key", "revoke", "--id", created["id"], "--tenant", tenant_id)["revoked"] is True
    assert error_code(client.request("GET", f"/tenants/{tenant_id}/roles"), 401) == "unauthorized"


def test_setup_flow_and_manual_grants_survive_scim(
    gateway: Gateway, tenant_admin: Callable[[], tuple[str, AdminClient]]
) -> None:
    tenant_id, admin = tenant_admin()
    base = f"/tenants/{tenant_id}"
    provider = admin.ok("POST", f"{base}/providers", {"name": "Okta", "issuer": "https://idp.example.com"}, 201)
    provider_path = f"{base}/providers/{provider['id']}"

    # A rule through the CLI, another through the API; a rule that could never match is a 400.
    unit_rule = ["--kind", "business-unit", "--attribute", "enterprise.department", "--value", "*", "--target", "*"]
    gateway.cli("mapping", "add", "--provider", provider["id"], *unit_rule)
    role_rule = {"kind": "role", "attribute": "title", "value": "*", "target": "Viewer"}
    admin.ok("POST", f"{provider_path}/mapping-rules", role_rule, 201)
    invalid = admin.request("POST", f"{provider_path}/mapping-rules", {**role_rule, "target": "Overlord"})
    assert error_code(invalid, 400) == "unknown_role"
    assert [rule["kind"] for rule in admin.ok("GET", f"{provider_path}/mapping-rules")["items"]] == [
        "business_unit",
        "role",
    ]

    enabled = admin.ok("POST", f"{provider_path}/scim/enable")
    assert enabled["endpoint"] == gateway.scim_endpoint
    assert error_code(admin.request("POST", f"{provider_path}/scim/enable"), 409) == "scim_already_enabled"
    scim = ScimClient(enabled["endpoint"], enabled["token"], tenant_id, provider["id"])
    user = scim.create_user(
        title="Engineer",
        **{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Research"}},
    )
    group = scim.create_group("Platform", [user["id"]])

    user_path = f"{base}/users/{user['id']}"
    person = admin.ok("GET", user_path)
    assert person["role"] == {"id": person["role"]["id"], "name": "Viewer", "source": "scim"}
    assert [(team["name"], [g["source"] for g in team["grants"]]) for team in person["teams"]] == [
        ("Platform", ["scim"])
    ]
    assert [unit["name"] for unit in person["business_units"]] == ["Research"]

    admin.ok("POST", f"{user_path}/teams", {"name": "Platform"}, 201)
    admin.ok("PUT", f"{user_path}/role", {"role_id": "00000000-0000-0000-0000-000000000001"})

    # The IdP removes the person from the group and rotates nothing: SCIM's grant goes, the manual one stays.
    response = scim.patch(f"Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{user["id"]}"]'})
    assert response.status_code in (200, 204), response.text
    person = admin.ok("GET", user_path)
    assert [(team["name"], [g["source"] for g in team["grants"]]) for team in person["teams"]] == [
        ("Platform", ["manual"])
    ]
    assert person["role"]["name"] == "Admin" and person["role"]["source"] == "manual"

    # Rotation through the API: the old token fails at once, the new one works.
    rotated = admin.ok("POST", f"{provider_path}/scim/rotate-token")["token"]
    assert scim.get("Users").status_code == 401
    assert scim.get("Users", token=rotated).status_code == 200

    found = admin.ok("GET", f"{base}/users?search={user['userName'][:6]}")["items"]
    assert [item["id"] for item in found] == [user["id"]]
    events = admin.ok("GET", f"{base}/provisioning-events?resource_id={user['id']}")["items"]
    assert "create" in [event["operation"] for event in events]


def test_openapi_document_is_served_and_equals_the_repository_file(gateway: Gateway) -> None:
    response = loopback_session().get(f"{gateway.base_url}/api/v1/openapi.json", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200
    assert response.content == OPENAPI_FILE.read_bytes()
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert "/tenants/{tenantId}/users" in document["paths"]


def test_client_mistakes_are_json_4xx(gateway: Gateway, tenant_admin: Callable[[], tuple[str, AdminClient]]) -> None:
    tenant_id, admin = tenant_admin()
    response = admin.session.post(
        f"{admin.base}/tenants/{tenant_id}/teams",
        data=b"{not json",
        headers={"Authorization": f"Bearer {admin.key}", "Content-Type": "application/json"},
        timeout=REQUEST_TIMEOUT,
    )
    assert error_code(response, 400) == "invalid_json"
    assert error_code(admin.request("GET", f"/tenants/{tenant_id}/users/not-an-id"), 404) == "not_found"
    assert error_code(admin.request("DELETE", f"/tenants/{tenant_id}/roles"), 405) == "method_not_allowed"
    system = admin.request("DELETE", f"/tenants/{tenant_id}/roles/00000000-0000-0000-0000-000000000001")
    assert error_code(system, 409) == "system_role_immutable"


def cli_failure(gateway: Gateway, *arguments: str) -> dict[str, Any]:
    """Runs a command that must fail; returns its JSON error after checking it names no SQL internals."""
    completed = subprocess.run(
        [gateway.binary, *arguments, "--json"], env=gateway.environment, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert completed.returncode != 0, f"{arguments} was accepted: {completed.stdout}"
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    assert lines, f"{arguments} printed nothing on stdout; stderr: {completed.stderr}"
    error = json.loads(lines[-1])
    assert "Usage" not in error["error"], error
    assert "constraint" not in json.dumps(error).lower() and "23514" not in json.dumps(error), error
    return error


def test_the_command_line_refuses_what_the_admin_api_refuses(gateway: Gateway) -> None:
    tenant = gateway.cli("tenant", "create", unique("cli-checks"))["id"]
    assert "name" in cli_failure(gateway, "tenant", "create", "   ")["error"]
    assert "issuer" in cli_failure(
        gateway, "provider", "create", "--tenant", tenant, "--name", "Bad", "--issuer", "not a url"
    )["error"]
    provider = gateway.cli("provider", "create", "--tenant", tenant, "--name", "Good")["id"]
    misspelt = cli_failure(gateway, "provider", "configure", "--provider", provider, "--isuer", "https://x.example")
    assert "--isuer" in misspelt["error"]
    assert "scopes" in cli_failure(gateway, "provider", "configure", "--provider", provider, "--scopes", "")["error"]
    configured = gateway.cli(
        "provider", "configure", "--provider", provider, "--issuer", "https://idp.example.com/", "--audience", "api"
    )  # fmt: skip
    assert configured["issuer"] == "https://idp.example.com"
    gateway.cli("provider", "configure", "--provider", provider, "--audience", "")
    stored = gateway.sql("SELECT coalesce(audience, '<null>') FROM oidc_providers WHERE id = :'id'", id=provider)
    assert stored == "<null>"
