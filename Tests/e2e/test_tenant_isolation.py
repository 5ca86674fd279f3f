"""A tenant's token sees and changes nothing of another tenant's, in both directions (PRODUCT.md, Tenant)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from support import (
    GROUP_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_scim_error,
    describe,
    eq_filter,
    member_ids,
    okta_user,
)


@dataclass
class TenantWorld:
    client: ScimClient
    user: dict[str, Any]
    group: dict[str, Any]


@pytest.fixture
def two_tenants(provision: Callable[..., Any]) -> dict[str, TenantWorld]:
    worlds = {}
    for label in ("A", "B"):
        client = provision(name=f"tenant-{label}").client()
        user = client.create_user()
        worlds[label] = TenantWorld(client, user, client.create_group(member_ids=[user["id"]]))
    return worlds


DIRECTIONS = [pytest.param("A", "B", id="A-looks-at-B"), pytest.param("B", "A", id="B-looks-at-A")]


@pytest.mark.parametrize(("own_label", "other_label"), DIRECTIONS)
def test_reads_see_nothing_of_the_other_tenant(
    two_tenants: dict[str, TenantWorld], own_label: str, other_label: str
) -> None:
    own, other = two_tenants[own_label], two_tenants[other_label]

    assert_scim_error(own.client.get(f"Users/{other.user['id']}"), 404)
    assert_scim_error(own.client.get(f"Groups/{other.group['id']}"), 404)
    assert own.client.find("Users", eq_filter("userName", other.user["userName"])) == []
    assert own.client.find("Users", eq_filter("externalId", other.user["externalId"])) == []
    assert own.client.find("Users", eq_filter("id", other.user["id"])) == []
    assert own.client.find("Groups", eq_filter("displayName", other.group["displayName"])) == []

    users = assert_list_response(own.client.get("Users", params={"count": 200}))
    assert {item["id"] for item in users} == {own.user["id"]}
    groups = assert_list_response(own.client.get("Groups", params={"count": 200}))
    assert {item["id"] for item in groups} == {own.group["id"]}
    assert member_ids(groups[0]) <= {own.user["id"]}


@pytest.mark.parametrize(("own_label", "other_label"), DIRECTIONS)
def test_writes_cannot_reach_the_other_tenant(
    two_tenants: dict[str, TenantWorld], own_label: str, other_label: str
) -> None:
    own, other = two_tenants[own_label], two_tenants[other_label]
    user_path, group_path = f"Users/{other.user['id']}", f"Groups/{other.group['id']}"

    assert_scim_error(own.client.put(user_path, okta_user(other.user["userName"], given="Mallory")), 404)
    assert_scim_error(own.client.patch(user_path, {"op": "replace", "value": {"active": False}}), 404)
    assert_scim_error(own.client.delete(user_path), 404)
    assert_scim_error(
        own.client.patch(group_path, {"op": "add", "path": "members", "value": [{"value": own.user["id"]}]}), 404
    )
    assert_scim_error(own.client.delete(group_path), 404)

    # The other tenant's data is exactly as it was.
    user = other.client.read(user_path)
    assert user["active"] is True and user["name"]["givenName"] == other.user["name"]["givenName"]
    assert member_ids(other.client.read(group_path)) == {other.user["id"]}


@pytest.mark.parametrize(("own_label", "other_label"), DIRECTIONS)
def test_a_group_cannot_take_the_other_tenants_user(
    two_tenants: dict[str, TenantWorld], own_label: str, other_label: str
) -> None:
    own, other = two_tenants[own_label], two_tenants[other_label]
    group_path = f"Groups/{own.group['id']}"

    # The answer may refuse (400/404) or ignore the unknown member; it must never add it nor crash.
    response = own.client.patch(group_path, {"op": "add", "path": "members", "value": [{"value": other.user["id"]}]})
    assert response.status_code in (200, 204, 400, 404), describe(response)
    assert member_ids(own.client.read(group_path)) == {own.user["id"]}

    created = own.client.post(
        "Groups", {"schemas": [GROUP_SCHEMA], "displayName": "borrowed", "members": [{"value": other.user["id"]}]}
    )
    assert created.status_code in (201, 400, 404), describe(created)
    if created.status_code == 201:
        assert member_ids(own.client.read(f"Groups/{created.json()['id']}")) == set()


def test_user_names_are_unique_per_tenant_only(two_tenants: dict[str, TenantWorld]) -> None:
    a, b = two_tenants["A"], two_tenants["B"]

    twin = a.client.post("Users", okta_user(b.user["userName"]))
    assert twin.status_code == 201, describe(twin)
    assert twin.json()["id"] != b.user["id"]
    assert [item["id"] for item in b.client.find("Users", eq_filter("userName", b.user["userName"]))] == [b.user["id"]]
