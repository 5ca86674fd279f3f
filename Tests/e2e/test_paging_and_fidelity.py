"""Lists that IdPs can page through, and reads that return exactly what was written (IDP_BEHAVIOUR.md §0.6, §2.2).

Okta requires the same order for every count/startIndex combination; authentik and Okta stop paging on
`totalResults`; Entra re-sends a PATCH every cycle when the GET differs from what it wrote, so an identical
PATCH sent again must change nothing, not even `meta.version`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from support import (
    ENTERPRISE_USER_SCHEMA,
    GROUP_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_patched,
    describe,
    unique,
    written_attributes,
)

# --- Paging --------------------------------------------------------------------------------------------


def _make(scim: ScimClient, resource: str, name: str) -> str:
    if resource == "Users":
        return scim.create_user(f"{name}@example.com")["id"]
    return scim.create_group(name)["id"]


@pytest.mark.parametrize("resource", ["Users", "Groups"])
def test_every_count_and_start_index_gives_the_same_order(scim: ScimClient, resource: str) -> None:
    created = [_make(scim, resource, unique(f"page-{index}")) for index in range(7)]
    order = scim.ids(resource, startIndex=1, count=7)
    assert sorted(order) == sorted(created)

    # An update between pages must not move anyone (Keycloak #157: unsorted paging duplicated users).
    first = order[0]
    if resource == "Users":
        assert_patched(scim.patch(f"Users/{first}", {"op": "replace", "path": "displayName", "value": "Moved?"}))
    else:
        assert_patched(scim.patch(f"Groups/{first}", {"op": "replace", "path": "displayName", "value": "Moved?"}))

    for count in range(1, 9):
        for start in range(1, 10):
            body = scim.page(resource, startIndex=start, count=count)
            page = [item["id"] for item in body["Resources"]]
            assert page == order[start - 1 : start - 1 + count], f"{resource} startIndex={start} count={count}"
            assert body["startIndex"] == start and body["totalResults"] == 7 and body["itemsPerPage"] == len(page)


def test_total_results_is_the_filtered_total(scim: ScimClient) -> None:
    matching = [scim.create_user(f"match-{index}-{unique('u')}@example.com")["id"] for index in range(5)]
    for index in range(3):
        scim.create_user(f"other-{index}-{unique('u')}@example.com")
    expression = 'userName sw "match-"'

    seen: list[str] = []
    for start in (1, 3, 5, 7):
        body = scim.page("Users", filter=expression, startIndex=start, count=2)
        assert body["totalResults"] == 5, f"startIndex={start}: {body}"
        assert body["itemsPerPage"] == len(body["Resources"]) == min(2, max(0, 5 - start + 1)), body
        seen.extend(item["id"] for item in body["Resources"])
    assert sorted(seen) == sorted(matching), "the filtered pages cover every match exactly once"

    either = scim.page("Users", filter='userName sw "match-0" or userName sw "other-0"', count=1)
    assert either["totalResults"] == 2 and either["itemsPerPage"] == 1
    assert scim.page("Users", count=2)["totalResults"] == 8


@pytest.mark.parametrize("resource", ["Users", "Groups"])
def test_count_zero_returns_only_the_total(scim: ScimClient, resource: str) -> None:
    for index in range(3):
        _make(scim, resource, unique(f"zero-{index}"))

    for params in ({"count": 0}, {"count": 0, "startIndex": 2}, {"count": 0, "filter": "id pr"}):
        response = scim.get(resource, params=params)
        assert assert_list_response(response) == [], describe(response)
        body = response.json()
        assert body["totalResults"] == 3 and body["itemsPerPage"] == 0, f"{params}: {body}"
        assert body["Resources"] == [], "Resources is always present, [] when empty"


@pytest.mark.parametrize("start", [0, -1, -100])
def test_start_index_below_one_means_one(scim: ScimClient, start: int) -> None:
    for index in range(3):
        scim.create_user(f"{unique(f'low-{index}')}@example.com")
    expected = scim.ids("Users", startIndex=1, count=2)

    response = scim.get("Users", params={"startIndex": start, "count": 2})
    resources = assert_list_response(response)
    assert response.json()["startIndex"] == 1, describe(response)
    assert [item["id"] for item in resources] == expected and response.json()["totalResults"] == 3


def test_start_index_past_the_end_and_oversized_counts(scim: ScimClient) -> None:
    for index in range(3):
        scim.create_user(f"{unique(f'end-{index}')}@example.com")
    config = scim.read("ServiceProviderConfig")

    past = scim.page("Users", startIndex=10, count=5)
    assert past["Resources"] == [] and past["totalResults"] == 3 and past["startIndex"] == 10, past

    huge = scim.page("Users", count=10**6)
    assert huge["totalResults"] == 3 and huge["itemsPerPage"] == 3 <= config["filter"]["maxResults"], huge


# --- Echo fidelity -------------------------------------------------------------------------------------


def rich_user(user_name: str, manager_id: str) -> dict[str, Any]:
    """Everything Entra and Okta may write about a person, in the shapes they write it."""
    return {
        "schemas": [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        "userName": user_name,
        "externalId": unique("ext"),
        "name": {"formatted": "Zoë Ng", "givenName": "Zoë", "familyName": "Ng", "middleName": "Q"},
        "displayName": "Zoë Ng",
        "nickName": "Zo",
        "title": "Analyst",
        "userType": "Employee",
        "preferredLanguage": "en-GB",
        "locale": "en-GB",
        "timezone": "Europe/London",
        "active": True,
        "emails": [
            {"value": user_name, "type": "work", "primary": True},
            {"value": "zoe@home.example", "type": "home"},
        ],
        "phoneNumbers": [
            {"value": "+44 (0)20 7946 0000", "type": "work"},
            {"value": "07700 900000", "type": "mobile"},
        ],
        "addresses": [
            {"type": "work", "formatted": "1 Main St\nLondon", "locality": "London", "country": "GB", "primary": True}
        ],
        ENTERPRISE_USER_SCHEMA: {
            "employeeNumber": "E-1001",
            "department": "Finance",
            "costCenter": "CC-7",
            "organization": "Example",
            "division": "EMEA",
            "manager": {"value": manager_id},
        },
    }


def test_get_returns_exactly_what_was_written(scim: ScimClient) -> None:
    manager = scim.create_user()
    body = rich_user(f"{unique('zoe')}@example.com", manager["id"])
    created = scim.post("Users", body)
    assert created.status_code == 201, describe(created)
    path = f"Users/{created.json()['id']}"

    def without_manager_extras(user: dict[str, Any]) -> dict[str, Any]:
        # RFC 7643 §4.3 lets the server add manager.$ref and manager.displayName; value must be as written.
        user = dict(user)
        enterprise = dict(user.get(ENTERPRISE_USER_SCHEMA, {}))
        if "manager" in enterprise:
            enterprise["manager"] = {"value": enterprise["manager"].get("value")}
        user[ENTERPRISE_USER_SCHEMA] = enterprise
        return user

    expected = written_attributes(body)
    assert without_manager_extras(written_attributes(created.json())) == expected
    read = scim.read(path)
    assert without_manager_extras(written_attributes(read)) == expected
    listed = scim.find("Users", f'userName eq "{body["userName"]}"')
    assert [without_manager_extras(written_attributes(item)) for item in listed] == [expected]

    # Okta's round trip: PUT back exactly what was read; nothing changes.
    put = scim.put(path, read)
    assert put.status_code == 200, describe(put)
    assert written_attributes(scim.read(path)) == written_attributes(read)


def test_group_get_returns_exactly_what_was_written(scim: ScimClient) -> None:
    alice, bob = scim.create_user(), scim.create_user()
    body = {
        "schemas": [GROUP_SCHEMA],
        "displayName": unique("Echo"),
        "externalId": unique("ext"),
        "members": [{"value": alice["id"], "display": "Alice as the IdP calls her"}, {"value": bob["id"]}],
    }
    created = scim.post("Groups", body)
    assert created.status_code == 201, describe(created)
    group = scim.read(f"Groups/{created.json()['id']}")
    assert group["displayName"] == body["displayName"] and group["externalId"] == body["externalId"]
    assert group["schemas"] == [GROUP_SCHEMA]
    members = {member["value"]: member for member in group["members"]}
    assert set(members) == {alice["id"], bob["id"]}
    assert members[alice["id"]]["display"] == "Alice as the IdP calls her"


def _user_path(scim: ScimClient) -> tuple[str, dict[str, Any]]:
    user = scim.create_user(emails=[{"value": "x@example.com", "type": "work", "primary": True}])
    return f"Users/{user['id']}", {"user": user, "manager": scim.create_user()}


def _group_path(scim: ScimClient) -> tuple[str, dict[str, Any]]:
    alice = scim.create_user()
    group = scim.create_group(unique("Idempotent"), member_ids=[alice["id"]])
    return f"Groups/{group['id']}", {"alice": alice, "group": group}


Setup = Callable[[ScimClient], tuple[str, Any]]
Operations = Callable[[Any], list[dict[str, Any]]]

# Each PATCH dialect an IdP re-sends every cycle: (name, state it applies to, operations).
RESENT_PATCHES: list[tuple[str, Setup, Operations]] = [
    (
        "entra-default-filtered-replace",
        _user_path,
        lambda _: [
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "new@example.com"},
            {"op": "Replace", "path": "name.familyName", "value": "Ng-Park"},
            {"op": "Add", "path": f"{ENTERPRISE_USER_SCHEMA}:department", "value": "Finance"},
            {"op": "Replace", "path": 'addresses[type eq "work"].formatted', "value": "1 Main St"},
        ],
    ),
    (
        "entra-flag-pathless-dotted-keys",
        _user_path,
        lambda _: [
            {
                "op": "replace",
                "value": {
                    "displayName": "Alice Ng",
                    "name.givenName": "Alicia",
                    f"{ENTERPRISE_USER_SCHEMA}:employeeNumber": "E-1001",
                },
            }
        ],
    ),
    ("entra-string-boolean", _user_path, lambda _: [{"op": "Replace", "path": "active", "value": "False"}]),
    ("okta-pathless-active", _user_path, lambda _: [{"op": "replace", "value": {"active": False}}]),
    (
        "entra-manager-bare-string",
        _user_path,
        lambda ctx: [{"op": "Add", "path": f"{ENTERPRISE_USER_SCHEMA}:manager", "value": ctx["manager"]["id"]}],
    ),
    (
        "okta-group-rename-with-id",
        _group_path,
        lambda ctx: [{"op": "replace", "value": {"id": ctx["group"]["id"], "displayName": "Same Name"}}],
    ),
    (
        "group-add-existing-member",
        _group_path,
        lambda ctx: [{"op": "add", "path": "members", "value": [{"value": ctx["alice"]["id"]}]}],
    ),
    (
        "okta-group-replace-members",
        _group_path,
        lambda ctx: [{"op": "replace", "path": "members", "value": [{"value": ctx["alice"]["id"]}]}],
    ),
]


@pytest.mark.parametrize(
    ("setup", "operations"), [(s, o) for _, s, o in RESENT_PATCHES], ids=[n for n, _, _ in RESENT_PATCHES]
)
def test_resent_identical_patch_changes_nothing(scim: ScimClient, setup: Setup, operations: Operations) -> None:
    path, context = setup(scim)
    ops = operations(context)

    assert_patched(scim.patch(path, *ops))
    first = scim.read(path)
    first_version = scim.version(path)

    again = scim.patch(path, *ops)
    assert_patched(again)
    second = scim.read(path)
    assert second == first, f"the same PATCH again changed the resource:\n{first}\n{second}"
    assert scim.version(path) == first_version, "meta.version must not move when nothing changed"
    if again.status_code == 200:
        assert again.json()["meta"]["version"] == first_version, describe(again)
