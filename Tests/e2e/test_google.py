"""Google Workspace automated user provisioning (IDP_BEHAVIOUR.md §5), replayed.

Set-up probes `GET /Users?count=1`; suspension arrives as `active=false` by PUT or by PATCH (the verb is not
documented, so both), and deletion as DELETE.
"""

from __future__ import annotations

from typing import Any

from support import (
    USER_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_patched,
    assert_scim_error,
    describe,
    eq_filter,
    unique,
    written_attributes,
)


def google_user(user_name: str, active: bool = True) -> dict[str, Any]:
    return {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": "Gia", "familyName": "Gee"},
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "active": active,
    }


def test_probe_then_suspend_by_put_and_patch_then_delete(scim: ScimClient) -> None:
    # The set-up probe on an empty tenant: a 200 ListResponse, not a 404.
    probe = scim.get("Users", params={"count": 1})
    assert assert_list_response(probe) == [] and probe.json()["totalResults"] == 0

    user_name = f"{unique('gia')}@example.com"
    created = scim.post("Users", google_user(user_name))
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"
    scim.create_user()
    probe = scim.get("Users", params={"count": 1})
    assert len(assert_list_response(probe)) == 1 and probe.json()["totalResults"] == 2

    # Suspended in Workspace → PUT active=false; the person stays readable and listed.
    suspended = scim.put(path, google_user(user_name, active=False))
    assert suspended.status_code == 200 and suspended.json()["active"] is False, describe(suspended)
    user = scim.read(path)
    assert written_attributes(user) == written_attributes(google_user(user_name, active=False))
    assert [(i["id"], i["active"]) for i in scim.find("Users", eq_filter("userName", user_name))] == [(user_id, False)]
    restored = scim.put(path, google_user(user_name))
    assert restored.status_code == 200 and scim.read(path)["active"] is True, describe(restored)

    # The same by PATCH, with a path and without one.
    assert_patched(scim.patch(path, {"op": "replace", "path": "active", "value": False}))
    assert scim.read(path)["active"] is False
    assert_patched(scim.patch(path, {"op": "replace", "value": {"active": True}}))
    assert scim.read(path)["active"] is True
    assert_patched(scim.patch(path, {"op": "replace", "value": {"active": False}}))
    assert scim.read(path)["active"] is False
    assert scim.read(path)["name"] == {"givenName": "Gia", "familyName": "Gee"}

    # Deleted in Workspace → DELETE; 404 afterwards and gone from lists.
    deleted = scim.delete(path)
    assert deleted.status_code == 204 and deleted.content == b"", describe(deleted)
    assert_scim_error(scim.get(path), 404)
    assert scim.find("Users", eq_filter("userName", user_name)) == []
    assert scim.page("Users", count=1)["totalResults"] == 1
