"""Okta's and Entra's conversations again, now asserting the governance they produce (issue 4): the role, teams and
business units the mapping rules give, with provenance, read back through the admin API after every step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from conftest import Gateway, Provisioned
from support import USER_SCHEMA, GROUP_SCHEMA, unique

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


def rule(gateway: Gateway, provisioned: Provisioned, kind: str, attribute: str, value: str, target: str) -> None:
    gateway.cli(
        "mapping", "add", "--provider", provisioned.provider_id, "--kind", kind, "--attribute", attribute,
        "--value", value, "--target", target,
    )  # fmt: skip


class Governance:
    """Reads a person's role, teams and units through the admin API with a key of the tenant."""

    def __init__(self, gateway: Gateway, provisioned: Provisioned) -> None:
        self.base = f"{gateway.base_url}/api/v1/tenants/{provisioned.tenant_id}"
        key = gateway.cli("admin-key", "create", "--tenant", provisioned.tenant_id, "--name", unique("gov"))["key"]
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {key}"

    def of(self, user_id: str) -> dict[str, Any]:
        response = self.session.get(f"{self.base}/users/{user_id}", timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        return {
            "role": (body["role"] or {}).get("name"),
            "role_source": (body["role"] or {}).get("source"),
            "teams": {team["name"]: sorted(grant["source"] for grant in team["grants"]) for team in body["teams"]},
            "units": {unit["name"]: sorted(grant["source"] for grant in unit["grants"]) for unit in body["business_units"]},
            "status": body["status"],
        }


def setup(gateway: Gateway, provision: Callable[..., Provisioned]) -> tuple[Provisioned, Governance]:
    provisioned = provision(name="governance")
    rule(gateway, provisioned, "business-unit", "department", "*", "*")
    rule(gateway, provisioned, "role", "title", "Engineer", "Developer")
    rule(gateway, provisioned, "role", "groups", "Admins", "Admin")
    rule(gateway, provisioned, "team", "groups", "Eng: ${*} Team", "${*}")
    return provisioned, Governance(gateway, provisioned)


def test_okta_conversation_yields_units_teams_and_roles(gateway: Gateway, provision: Callable[..., Provisioned]) -> None:
    provisioned, governance = setup(gateway, provision)
    scim = provisioned.client()
    user_name = f"{unique('okta-gov')}@example.com"
    created = scim.post(
        "Users",
        {
            "schemas": [USER_SCHEMA, ENTERPRISE], "userName": user_name, "title": "Engineer",
            "name": {"givenName": "Ada", "familyName": "L"}, "emails": [{"value": user_name, "primary": True}],
            ENTERPRISE: {"department": "Research"}, "active": True,
        },
    )  # fmt: skip
    assert created.status_code == 201, created.text
    user = created.json()
    state = governance.of(user["id"])
    assert state["role"] == "Developer" and state["role_source"] == "scim"
    assert state["units"] == {"Research": ["scim"]}

    # Okta's profile update: PUT the whole object read back, with a new department.
    read = scim.read(f"Users/{user['id']}")
    read[ENTERPRISE] = {"department": "Sales"}
    replaced = scim.put(f"Users/{user['id']}", read)
    assert replaced.status_code == 200, replaced.text
    assert governance.of(user["id"])["units"] == {"Sales": ["scim"]}

    # Push Groups: "Eng: Core Team" gives team "Core" by rule and the group's own team by default; "Admins" the role.
    core = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Eng: Core Team"}).json()
    admins = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Admins"}).json()
    for group in (core, admins):
        added = scim.patch(f"Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": user["id"]}]})
        assert added.status_code in (200, 204), added.text
    state = governance.of(user["id"])
    assert state["teams"] == {"Core": ["scim"], "Eng: Core Team": ["scim"], "Admins": ["scim"]}
    assert state["role"] == "Admin"

    # Leaving "Admins" by Okta's filtered remove drops the role back to what the title gives, and the team.
    removed = scim.patch(f"Groups/{admins['id']}", {"op": "remove", "path": f'members[value eq "{user["id"]}"]'})
    assert removed.status_code in (200, 204), removed.text
    state = governance.of(user["id"])
    assert state["role"] == "Developer"
    assert "Admins" not in state["teams"]

    # Deactivation suspends; the person keeps their data for audit.
    deactivated = scim.patch(f"Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    assert deactivated.status_code == 200
    assert governance.of(user["id"])["status"] == "suspended"


def test_entra_conversation_yields_the_same_and_keeps_manual_grants(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    provisioned, governance = setup(gateway, provision)
    scim = provisioned.client()
    user_name = f"{unique('entra-gov')}@example.com"
    created = scim.post(
        "Users?aadOptscim062020",
        {"schemas": [USER_SCHEMA, ENTERPRISE], "userName": user_name, "active": True, "displayName": "Grace"},
    )
    user = created.json()
    assert governance.of(user["id"])["role"] is None  # a provisioned person without a role is normal

    # Entra's flag mode: a path-less replace with dotted and URN keys.
    patched = scim.patch(
        f"Users/{user['id']}?aadOptscim062020",
        {"op": "replace", "value": {"title": "engineer", f"{ENTERPRISE}:department": "Platform"}},
    )
    assert patched.status_code == 200, patched.text
    state = governance.of(user["id"])
    assert state["role"] == "Developer" and state["units"] == {"Platform": ["scim"]}

    # An administrator grants a team by hand; SCIM must never take it away.
    grant = governance.session.post(f"{governance.base}/users/{user['id']}/teams", json={"name": "On-call"}, timeout=30)
    assert grant.status_code in (200, 201), grant.text

    # Entra's default mode: group with members added, then removed with a value array.
    group = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": "On-call"}).json()
    added = scim.patch(
        f"Groups/{group['id']}", {"op": "Add", "path": "members", "value": [{"value": user["id"]}]}
    )
    assert added.status_code in (200, 204)
    assert governance.of(user["id"])["teams"]["On-call"] == ["manual", "scim"]
    removed = scim.patch(
        f"Groups/{group['id']}", {"op": "Remove", "path": "members", "value": [{"value": user["id"]}]}
    )
    assert removed.status_code in (200, 204)
    assert governance.of(user["id"])["teams"] == {"On-call": ["manual"]}

    # Entra disables with the string "False"; deleting keeps the manual grant's row for audit but hides the person.
    disabled = scim.patch(f"Users/{user['id']}", {"op": "Replace", "path": "active", "value": "False"})
    assert disabled.status_code == 200
    assert governance.of(user["id"])["status"] == "suspended"
