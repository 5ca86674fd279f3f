"""JumpCloud's Custom SCIM Identity Management (IDP_BEHAVIOUR.md §4), replayed.

Its Test Connection is destructive (it creates and deletes a user and a group), bodies use the core schemas
only, and both member-removal forms have been reported.
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
    eq_filter,
    member_ids,
    unique,
)


def jumpcloud_user(user_name: str, **changes: Any) -> dict[str, Any]:
    """Core-schema attributes only: JumpCloud expects no extension schemas."""
    body: dict[str, Any] = {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": "Test", "familyName": "User"},
        "displayName": "Test User",
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "active": True,
    }
    body.update(changes)
    return body


def test_destructive_test_connection_creates_and_deletes_a_user_and_a_group(scim: ScimClient) -> None:
    test_email = f"{unique('jc-test')}@example.com"

    user = scim.post("Users", jumpcloud_user(test_email))
    assert user.status_code == 201, describe(user)
    user_path = f"Users/{user.json()['id']}"
    group = scim.post(
        "Groups", {"schemas": [GROUP_SCHEMA], "displayName": unique("JumpCloud Test Group"), "members": []}
    )
    assert group.status_code == 201, describe(group)
    group_path = f"Groups/{group.json()['id']}"
    added = scim.patch(group_path, {"op": "add", "path": "members", "value": [{"value": user.json()["id"]}]})
    assert_patched(added)

    deleted_user = scim.delete(user_path)
    assert deleted_user.status_code == 204 and deleted_user.content == b"", describe(deleted_user)
    assert member_ids(scim.read(group_path)) == set(), "a deleted user leaves its groups"
    deleted_group = scim.delete(group_path)
    assert deleted_group.status_code == 204 and deleted_group.content == b"", describe(deleted_group)

    assert_scim_error(scim.get(user_path), 404)
    assert_scim_error(scim.get(group_path), 404)
    assert scim.find("Users", eq_filter("userName", test_email)) == []
    for resource in ("Users", "Groups"):
        body = scim.page(resource)
        assert body["totalResults"] == 0 and body["Resources"] == [], body

    # The next Test Connection uses the same test email again: the deleted one must not block it.
    again = scim.post("Users", jumpcloud_user(test_email))
    assert again.status_code == 201, describe(again)
    assert scim.delete(f"Users/{again.json()['id']}").status_code == 204


def test_provisioning_with_both_member_removal_forms(scim: ScimClient) -> None:
    alice_name = f"{unique('alice')}@example.com"
    assert scim.find("Users", eq_filter("userName", alice_name)) == []
    alice = scim.post("Users", jumpcloud_user(alice_name, name={"givenName": "Alice", "familyName": "Ng"}))
    assert alice.status_code == 201, describe(alice)
    alice_id = alice.json()["id"]
    bob_id = scim.create_user()["id"]
    carol_id = scim.create_user()["id"]

    created = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": unique("Bound Group")})
    assert created.status_code == 201, describe(created)
    path = f"Groups/{created.json()['id']}"
    added = scim.patch(
        path, {"op": "add", "path": "members", "value": [{"value": i} for i in (alice_id, bob_id, carol_id)]}
    )
    assert_patched(added)
    assert member_ids(scim.read(path)) == {alice_id, bob_id, carol_id}

    # The vendor KB's Azure-style form: a value array, no filter.
    assert_patched(scim.patch(path, {"op": "remove", "path": "members", "value": [{"value": alice_id}]}))
    assert member_ids(scim.read(path)) == {bob_id, carol_id}

    # Windmill PR #7495's RFC 7644 form: a filtered path.
    assert_patched(scim.patch(path, {"op": "remove", "path": f'members[value eq "{bob_id}"]'}))
    assert member_ids(scim.read(path)) == {carol_id}

    # Deactivation by PATCH and by PUT, then DELETE.
    user_path = f"Users/{alice_id}"
    assert_patched(scim.patch(user_path, {"op": "replace", "path": "active", "value": False}))
    assert scim.read(user_path)["active"] is False
    put = scim.put(user_path, jumpcloud_user(alice_name, name={"givenName": "Alice", "familyName": "Ng"}))
    assert put.status_code == 200 and put.json()["active"] is True, describe(put)
    put = scim.put(user_path, jumpcloud_user(alice_name, name={"givenName": "Alice", "familyName": "Ng"}, active=False))
    assert put.status_code == 200, describe(put)
    user = scim.read(user_path)
    assert user["active"] is False and user["name"] == {"givenName": "Alice", "familyName": "Ng"}
    assert scim.delete(user_path).status_code == 204
    assert_scim_error(scim.get(user_path), 404)
    assert [item["id"] for item in assert_list_response(scim.get("Users"))].count(alice_id) == 0
