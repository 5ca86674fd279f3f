"""PingFederate's SCIM Provisioner (IDP_BEHAVIOUR.md §6), replayed.

Users are never PATCHed: every update is a PUT of the full mapped resource. Lookups come from a filter template
such as `username Eq "%s"`, in mixed case. Groups are found by reading every group, page by page.
"""

from __future__ import annotations

from typing import Any

from support import (
    GROUP_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_patched,
    assert_scim_error,
    describe,
    member_ids,
    unique,
    written_attributes,
)


def ping_user(user_name: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "externalId": unique("pf"),
        "name": {"givenName": "Pat", "familyName": "Ping", "formatted": "Pat Ping"},
        "displayName": "Pat Ping",
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "phoneNumbers": [{"value": "+1 555 0100", "type": "work"}],
        "active": True,
    }
    body.update(changes)
    return body


def test_users_are_matched_with_mixed_case_filters_and_updated_only_by_put(scim: ScimClient) -> None:
    user_name = f"{unique('pat')}@ping.example"
    lookup = f'username Eq "{user_name}"'
    assert scim.find("Users", lookup) == []

    # "Provision disabled users": the create already carries active=false.
    body = ping_user(user_name, active=False)
    created = scim.post("Users", body)
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"
    assert created.json()["active"] is False
    assert [item["id"] for item in scim.find("Users", lookup)] == [user_id]
    assert [item["id"] for item in scim.find("Users", f'USERNAME eQ "{user_name.upper()}"')] == [user_id]
    assert [item["id"] for item in scim.find("Users", 'emails Co "@ping.example"')] == [user_id]
    # PingOne's `email Co "%s"` template names no SCIM attribute: an error, never an empty 200.
    unknown = scim.get("Users", params={"filter": 'email Co "@ping.example"'})
    if unknown.status_code == 400:
        assert_scim_error(unknown, 400, "invalidFilter")
    else:
        assert [item["id"] for item in assert_list_response(unknown)] == [user_id], describe(unknown)
    assert written_attributes(scim.read(path)) == written_attributes(body)

    # Enable, then a profile change: the full mapped resource each time; the read-back is exactly it.
    for changes in ({"active": True}, {"active": True, "displayName": "Patricia Ping", "title": "Engineer"}):
        body = ping_user(user_name, externalId=body["externalId"], **changes)
        replaced = scim.put(path, body)
        assert replaced.status_code == 200, describe(replaced)
        assert written_attributes(replaced.json()) == written_attributes(body)
        assert written_attributes(scim.read(path)) == written_attributes(body)

    # A PUT onto another person's userName is a uniqueness conflict and changes nothing (§0.4).
    other = scim.create_user(f"{unique('other')}@ping.example")
    conflict = scim.put(path, ping_user(other["userName"].upper(), externalId=body["externalId"]))
    assert_scim_error(conflict, 409, "uniqueness")
    assert scim.read(path)["userName"] == user_name

    # A PUT that leaves out an attribute removes it (the full resource is sent every time).
    body = ping_user(user_name, externalId=body["externalId"])
    del body["phoneNumbers"]
    assert scim.put(path, body).status_code == 200
    assert "phoneNumbers" not in scim.read(path) and "title" not in scim.read(path)

    # Deprovisioning as disable (PUT active=false), then as delete.
    disabled = scim.put(path, {**body, "active": False})
    assert disabled.status_code == 200 and disabled.json()["active"] is False, describe(disabled)
    assert [item["active"] for item in scim.find("Users", lookup)] == [False]
    assert scim.delete(path).status_code == 204
    assert_scim_error(scim.get(path), 404)
    assert scim.find("Users", lookup) == []


def test_groups_are_found_by_reading_every_group_and_changed_by_patch(scim: ScimClient) -> None:
    alice, bob = scim.create_user(), scim.create_user()
    names = {unique(f"Ping Group {index}") for index in range(7)}
    created = {}
    for name in names:
        response = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": name})
        assert response.status_code == 201, describe(response)
        created[response.json()["id"]] = name

    # Unfiltered GET /Groups, page after page until totalResults; every group has its displayName.
    seen: dict[str, str] = {}
    start = 1
    for _ in range(10):
        body = scim.page("Groups", startIndex=start, count=3)
        assert body["totalResults"] == 7 and body["startIndex"] == start, body
        for group in body["Resources"]:
            assert group["id"] not in seen, f"{group['id']} returned twice"
            seen[group["id"]] = group["displayName"]
        start += len(body["Resources"])
        if start > body["totalResults"] or not body["Resources"]:
            break
    assert seen == created

    # The same scan without count: the server's default page.
    body = scim.page("Groups")
    assert body["totalResults"] == 7 and {g["id"]: g["displayName"] for g in body["Resources"]} == created

    # Update and membership through PATCH.
    group_id = next(iter(created))
    path = f"Groups/{group_id}"
    assert_patched(scim.patch(path, {"op": "replace", "path": "displayName", "value": "Renamed by Ping"}))
    assert_patched(
        scim.patch(path, {"op": "add", "path": "members", "value": [{"value": alice["id"]}, {"value": bob["id"]}]})
    )
    group = scim.read(path)
    assert group["displayName"] == "Renamed by Ping" and member_ids(group) == {alice["id"], bob["id"]}
    assert_patched(scim.patch(path, {"op": "remove", "path": f'members[value eq "{alice["id"]}"]'}))
    assert member_ids(scim.read(path)) == {bob["id"]}

    assert scim.delete(path).status_code == 204
    assert_scim_error(scim.get(path), 404)
    assert scim.page("Groups", count=0)["totalResults"] == 6
