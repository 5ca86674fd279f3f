"""authentik's outbound SCIM provider (IDP_BEHAVIOUR.md §7.1), replayed from its client code's behaviour.

authentik reads /ServiceProviderConfig first and acts on it: `patch.supported` chooses PATCH or PUT for groups,
`bulk.maxOperations` caps the operations of one PATCH, `filter.supported` decides whether a 409 on group create
is followed by a displayName lookup. Group updates are a path-less replace of the whole group without members,
then a GET and one operation per member to add or remove (removes carry a value array).
"""

from __future__ import annotations

from typing import Any

from support import (
    GROUP_SCHEMA,
    SERVICE_PROVIDER_CONFIG_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_scim_content_type,
    assert_scim_error,
    describe,
    eq_filter,
    member_ids,
    patch_body,
    unique,
)


def service_provider_config(scim: ScimClient) -> dict[str, Any]:
    response = scim.get("ServiceProviderConfig")
    assert response.status_code == 200, describe(response)
    assert_scim_content_type(response)
    config = response.json()
    assert SERVICE_PROVIDER_CONFIG_SCHEMA in config["schemas"], config
    for feature in ("patch", "bulk", "filter", "changePassword", "sort", "etag"):
        assert type(config[feature]["supported"]) is bool, f"{feature}.supported: {config}"
    assert type(config["bulk"]["maxOperations"]) is int, config
    assert type(config["filter"]["maxResults"]) is int and config["filter"]["maxResults"] > 0, config
    return config


def authentik_user(uid: str) -> dict[str, Any]:
    return {
        "schemas": [USER_SCHEMA],
        "userName": f"{uid}@example.com",
        "externalId": uid,
        "name": {"formatted": "Ada Kent", "givenName": "Ada", "familyName": "Kent"},
        "displayName": "Ada Kent",
        "active": True,
        "emails": [{"value": f"{uid}@example.com", "type": "other", "primary": True}],
    }


def patch_chunked(scim: ScimClient, config: dict[str, Any], path: str, operations: list[dict[str, Any]]) -> None:
    """authentik's _patch_chunked: at most bulk.maxOperations operations per PATCH (all at once if below 1)."""
    size = config["bulk"]["maxOperations"]
    size = size if size >= 1 else len(operations)
    for start in range(0, len(operations), size):
        response = scim.request("PATCH", path, body=patch_body(*operations[start : start + size]))
        assert 200 <= response.status_code < 300, describe(response)


def test_users_are_created_replaced_and_deleted(scim: ScimClient) -> None:
    service_provider_config(scim)
    uid = unique("ak")
    created = scim.post("Users", authentik_user(uid))
    assert created.status_code == 201 and created.json()["id"], describe(created)
    path = f"Users/{created.json()['id']}"

    body = authentik_user(uid)
    body["name"]["familyName"] = "Kent-Lee"
    body["active"] = False
    replaced = scim.put(path, body)
    assert replaced.status_code == 200, describe(replaced)
    user = scim.read(path)
    assert user["name"]["familyName"] == "Kent-Lee" and user["active"] is False and user["externalId"] == uid

    deleted = scim.delete(path)
    assert deleted.status_code == 204, describe(deleted)
    assert_scim_error(scim.get(path), 404)


def test_group_sync_as_authentik_drives_it(scim: ScimClient) -> None:
    config = service_provider_config(scim)
    alice, bob, carol = (scim.create_user() for _ in range(3))
    uid = unique("ak-group")

    # create(): members are left out when PATCH is supported, sent whole otherwise.
    group_body: dict[str, Any] = {"schemas": [GROUP_SCHEMA], "displayName": "authentik Admins", "externalId": uid}
    if not config["patch"]["supported"]:
        group_body["members"] = [{"value": alice["id"]}, {"value": bob["id"]}]
    created = scim.post("Groups", group_body)
    assert created.status_code == 201 and created.json()["id"], describe(created)
    group_id = created.json()["id"]
    path = f"Groups/{group_id}"
    if config["patch"]["supported"]:
        # _patch_add_users: one add per user.
        patch_chunked(
            scim, config, path, [{"op": "add", "path": "members", "value": [{"value": u["id"]}]} for u in (alice, bob)]
        )
    assert member_ids(scim.read(path)) == {alice["id"], bob["id"]}

    # update(): a path-less replace of the whole group (schemas, id, displayName, externalId), no members.
    renamed = {"schemas": [GROUP_SCHEMA], "id": group_id, "displayName": "authentik Admins EU", "externalId": uid}
    if config["patch"]["supported"]:
        response = scim.request("PATCH", path, body=patch_body({"op": "replace", "value": renamed}))
        assert 200 <= response.status_code < 300, describe(response)
    else:
        renamed["members"] = [{"value": alice["id"]}, {"value": bob["id"]}]
        assert scim.put(path, renamed).status_code == 200
    group = scim.read(path)
    assert group["displayName"] == "authentik Admins EU" and group["externalId"] == uid
    # patch_compare_users(): the GET must list members, or authentik never adds anyone again.
    assert "members" in group, f"members missing from GET, authentik would skip adds: {group}"
    assert member_ids(group) == {alice["id"], bob["id"]}, "the path-less replace must keep the members"

    # The diff: alice leaves, carol joins; one operation per user, removes carry a value array.
    should = {bob["id"], carol["id"]}
    current = member_ids(group)
    operations = [{"op": "add", "path": "members", "value": [{"value": x}]} for x in sorted(should - current)]
    operations += [{"op": "remove", "path": "members", "value": [{"value": x}]} for x in sorted(current - should)]
    patch_chunked(scim, config, path, operations)
    assert member_ids(scim.read(path)) == should

    # compatibility_mode "aws" updates by one replace per attribute path instead (_update_patch_aws).
    aws = [
        {"op": "replace", "path": "displayName", "value": "authentik Admins AWS"},
        {"op": "replace", "path": "externalId", "value": uid},
    ]
    patch_chunked(scim, config, path, aws)
    group = scim.read(path)
    assert group["displayName"] == "authentik Admins AWS" and group["externalId"] == uid
    assert member_ids(group) == should

    deleted = scim.delete(path)
    assert deleted.status_code == 204, describe(deleted)
    assert_scim_error(scim.get(path), 404)


def test_group_create_conflict_is_adopted_through_the_filter(scim: ScimClient) -> None:
    config = service_provider_config(scim)
    name = unique("Existing Group")
    first = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": name, "externalId": unique("ak")})
    assert first.status_code == 201, describe(first)

    second = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": name, "externalId": unique("ak")})
    if second.status_code == 201:
        # No uniqueness on group names: authentik simply links the new group.
        assert second.json()["id"] != first.json()["id"]
        return
    assert_scim_error(second, 409, "uniqueness")
    assert config["filter"]["supported"], "a 409 without filter support leaves authentik stuck"
    found = scim.find("Groups", eq_filter("displayName", name))
    assert [item["id"] for item in found] == [first.json()["id"]]


def test_group_discovery_loop_reaches_total_results(scim: ScimClient) -> None:
    # discover(): GET /Groups, then GET /Groups?startIndex=seen+1 (no count) until seen >= totalResults.
    config = service_provider_config(scim)
    first_page = scim.page("Groups", startIndex=1)
    assert first_page["totalResults"] == 0
    default_page = config["filter"]["maxResults"]
    total = default_page + 5  # more than one default page
    created = {scim.create_group(f"Discovered {index:04d}")["id"] for index in range(total)}

    response = scim.page("Groups")
    expected = response["totalResults"]
    assert expected == total, response["totalResults"]
    seen: list[str] = []
    for _ in range(total + 2):  # bounded: a server whose pages never add up must fail, not hang
        assert response["Resources"], f"an empty page after {len(seen)} of {expected} groups"
        seen.extend(group["id"] for group in response["Resources"])
        if len(seen) >= expected:
            break
        response = scim.page("Groups", startIndex=len(seen) + 1)
        assert response["totalResults"] == expected and response["startIndex"] == len(seen) + 1, response
    assert len(seen) == total and set(seen) == created, "each group exactly once"
