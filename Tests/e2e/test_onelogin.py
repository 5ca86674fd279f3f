"""OneLogin's "SCIM Provisioner with SAML" connector (IDP_BEHAVIOUR.md §3), replayed.

The user body is an admin-written JSON template, so it may declare the SCIM 1.1 core URN, send `emails` as one
object, render unset parameters as empty strings and send the manager as {"value": ""}.
"""

from __future__ import annotations

from typing import Any

from support import (
    ENTERPRISE_USER_SCHEMA,
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

LEGACY_CORE_SCHEMA = "urn:scim:schemas:core:1.0"


def template_user(user_name: str, first: str = "Alice", last: str = "Ng", **rendered: Any) -> dict[str, Any]:
    """A rendered Core Schema / v2 Enterprise template: one email object, empty unset parameters."""
    body: dict[str, Any] = {
        "schemas": [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": first, "familyName": last},
        "emails": {"value": user_name, "primary": True, "type": "work"},
        "title": "",
        "nickName": "",
        ENTERPRISE_USER_SCHEMA: {"department": "", "manager": {"value": ""}},
    }
    body.update(rendered)
    return body


def test_enable_probe_lists_users(scim: ScimClient) -> None:
    # Pressing "Enable" connects to the base URL with the token: an unfiltered list must work, empty or not.
    empty = scim.get("Users")
    assert assert_list_response(empty) == [] and empty.json()["totalResults"] == 0
    user = scim.create_user()
    assert [item["id"] for item in assert_list_response(scim.get("Users"))] == [user["id"]]


def test_legacy_core_urn_is_accepted_or_refused_clearly(scim: ScimClient) -> None:
    # The scim.dev guide's template declares the SCIM 1.1 URN against a v2 base URL.
    user_name = f"{unique('legacy')}@example.com"
    body = {
        "schemas": [LEGACY_CORE_SCHEMA],
        "userName": user_name,
        "name": {"givenName": "Lee", "familyName": "Gacy"},
        "emails": [{"value": user_name, "primary": True}],
    }
    response = scim.post("Users", body)
    if response.status_code == 400:
        assert_scim_error(response, 400, "invalidValue")
        assert scim.find("Users", eq_filter("userName", user_name)) == []
        return
    assert response.status_code == 201, describe(response)
    user = scim.read(f"Users/{response.json()['id']}")
    assert user["userName"] == user_name and user["name"] == {"givenName": "Lee", "familyName": "Gacy"}
    assert USER_SCHEMA in user["schemas"], f"a stored user is a SCIM 2.0 User: {user['schemas']}"
    assert LEGACY_CORE_SCHEMA not in user["schemas"], user["schemas"]


def test_template_user_lifecycle(scim: ScimClient) -> None:
    user_name = f"{unique('alice')}@example.com"

    # Lookup on userName (case-insensitively), then create from the template.
    assert scim.find("Users", eq_filter("userName", user_name.upper())) == []
    created = scim.post("Users", template_user(user_name))
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"

    # One email object is wrapped in an array; empty strings and an empty manager are "unset".
    user = scim.read(path)
    assert user["emails"] == [{"value": user_name, "primary": True, "type": "work"}], user.get("emails")
    assert "title" not in user and "nickName" not in user, f"empty strings are unset: {user}"
    enterprise = user.get(ENTERPRISE_USER_SCHEMA) or {}
    assert "manager" not in enterprise and "department" not in enterprise, f"empty values are unset: {user}"
    assert [item["id"] for item in scim.find("Users", eq_filter("userName", user_name.upper()))] == [user_id]

    # The next sync renders the template again with a manager and a title now set (PUT).
    manager = scim.create_user()
    rendered = template_user(
        user_name,
        last="Ng-Park",
        title="Analyst",
        **{ENTERPRISE_USER_SCHEMA: {"department": "Finance", "manager": {"value": manager["id"]}}},
    )
    replaced = scim.put(path, rendered)
    assert replaced.status_code == 200, describe(replaced)
    user = scim.read(path)
    assert user["name"] == {"givenName": "Alice", "familyName": "Ng-Park"}
    assert user["title"] == "Analyst" and "nickName" not in user
    assert user[ENTERPRISE_USER_SCHEMA]["department"] == "Finance"
    assert user[ENTERPRISE_USER_SCHEMA]["manager"]["value"] == manager["id"]
    assert user["emails"] == [{"value": user_name, "primary": True, "type": "work"}]

    # The manager removed in OneLogin renders as {"value": ""} again: the manager is cleared.
    cleared = scim.put(path, template_user(user_name, last="Ng-Park", title="Analyst"))
    assert cleared.status_code == 200, describe(cleared)
    user = scim.read(path)
    assert "manager" not in (user.get(ENTERPRISE_USER_SCHEMA) or {}), user
    assert user["title"] == "Analyst" and user["name"] == {"givenName": "Alice", "familyName": "Ng-Park"}

    # PATCH is supported too: deactivate, still readable and found; reactivate.
    assert_patched(scim.patch(path, {"op": "replace", "path": "active", "value": False}))
    assert scim.read(path)["active"] is False
    assert [(i["id"], i["active"]) for i in scim.find("Users", eq_filter("userName", user_name))] == [(user_id, False)]
    assert_patched(scim.patch(path, {"op": "replace", "path": "active", "value": True}))
    assert scim.read(path)["active"] is True

    assert scim.delete(path).status_code == 204
    assert_scim_error(scim.get(path), 404)


def test_role_groups_with_both_member_removal_forms(scim: ScimClient) -> None:
    # No wire capture of OneLogin's group PATCH exists: both removal forms must work (§3).
    alice, bob, carol = (scim.create_user() for _ in range(3))
    created = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": unique("Role Admins")})
    assert created.status_code == 201, describe(created)
    path = f"Groups/{created.json()['id']}"

    added = scim.patch(
        path, {"op": "add", "path": "members", "value": [{"value": u["id"]} for u in (alice, bob, carol)]}
    )
    assert_patched(added)
    assert member_ids(scim.read(path)) == {alice["id"], bob["id"], carol["id"]}

    assert_patched(scim.patch(path, {"op": "remove", "path": f'members[value eq "{alice["id"]}"]'}))
    assert member_ids(scim.read(path)) == {bob["id"], carol["id"]}

    assert_patched(scim.patch(path, {"op": "remove", "path": "members", "value": [{"value": bob["id"]}]}))
    assert member_ids(scim.read(path)) == {carol["id"]}
