"""Okta's conversation with a SCIM server (IDP_BEHAVIOUR.md §1), replayed request by request.

OIN apps PATCH activation, passwords and groups and PUT profiles; App Integration Wizard (AIW) apps PUT
everything, group membership included (§1.1).
"""

from __future__ import annotations

from typing import Any

from support import (
    GROUP_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_list_response,
    assert_patched,
    assert_scim_content_type,
    assert_scim_error,
    describe,
    eq_filter,
    member_ids,
    members_by_id,
    okta_user,
    unique,
    written_attributes,
)


def test_user_lifecycle_as_okta_drives_it(scim: ScimClient) -> None:
    user_name = f"{unique('alice')}@example.com"

    # §1.2 step 2: the existence check, here with different case, finds nothing yet.
    assert scim.find("Users", eq_filter("userName", user_name.upper())) == []

    # Step 3: create. Runscope R6 posts it as application/json.
    created = scim.post("Users", okta_user(user_name), content_type="application/json")
    assert created.status_code == 201, describe(created)
    assert_scim_content_type(created)
    user = created.json()
    user_id = user["id"]
    assert created.headers.get("Location") == user["meta"]["location"] == scim.url(f"Users/{user_id}")
    assert USER_SCHEMA in user["schemas"]
    assert user["userName"] == user_name
    assert user["name"]["givenName"] == "Alice" and user["name"]["familyName"] == "Ng"
    assert user["emails"][0]["value"] == user_name and user["emails"][0]["primary"] is True
    assert user["active"] is True
    assert user["meta"]["resourceType"] == "User"
    for key in ("created", "lastModified", "version"):
        assert user["meta"].get(key), f"meta.{key} missing: {user['meta']}"
    assert "password" not in user, "a write-only password must never be returned"

    # Runscope R9: the lookup with the upper-cased userName finds the user.
    found = scim.find("Users", eq_filter("userName", user_name.upper()))
    assert [item["id"] for item in found] == [user_id]

    # Step 4: read one.
    assert scim.read(f"Users/{user_id}")["userName"] == user_name

    # Step 5: PUT the whole object just read back (id, meta, groups included) with one change.
    read_back = scim.read(f"Users/{user_id}")
    read_back["name"]["givenName"] = "Alicia"
    replaced = scim.put(f"Users/{user_id}", read_back)
    assert replaced.status_code == 200, describe(replaced)
    assert replaced.json()["name"]["givenName"] == "Alicia"
    after_put = scim.read(f"Users/{user_id}")
    assert after_put["name"]["givenName"] == "Alicia"
    assert after_put["userName"] == user_name and after_put["emails"][0]["value"] == user_name
    assert after_put["meta"]["version"] != user["meta"]["version"], "meta.version must change with the resource"

    # Step 6: deactivate with a path-less PATCH; the user stays readable and listable.
    assert_patched(scim.patch(f"Users/{user_id}", {"op": "replace", "value": {"active": False}}))
    assert scim.read(f"Users/{user_id}")["active"] is False
    listed = scim.find("Users", eq_filter("userName", user_name))
    assert [(item["id"], item["active"]) for item in listed] == [(user_id, False)]
    all_ids = {item["id"] for item in assert_list_response(scim.get("Users", params={"count": 200}))}
    assert user_id in all_ids

    # Step 7: reactivate.
    assert_patched(scim.patch(f"Users/{user_id}", {"op": "replace", "value": {"active": True}}))
    assert scim.read(f"Users/{user_id}")["active"] is True


def test_duplicate_create_is_a_uniqueness_conflict(scim: ScimClient) -> None:
    user_name = f"{unique('dup')}@example.com"
    scim.create_user(user_name)

    # Runscope R8, then the same userName in another case: userName is unique case-insensitively.
    for attempt in (user_name, user_name.upper()):
        response = scim.post("Users", okta_user(attempt), content_type="application/json")
        assert_scim_error(response, 409, "uniqueness")

    assert len(scim.find("Users", eq_filter("userName", user_name))) == 1


def test_deleted_user_answers_404_everywhere(scim: ScimClient) -> None:
    user = scim.create_user()
    path = f"Users/{user['id']}"

    deleted = scim.delete(path)
    assert deleted.status_code == 204, describe(deleted)
    assert deleted.content == b""

    assert_scim_error(scim.get(path), 404)
    assert_scim_error(scim.delete(path), 404)
    assert_scim_error(scim.put(path, okta_user(user["userName"])), 404)
    assert_scim_error(scim.patch(path, {"op": "replace", "value": {"active": True}}), 404)
    assert scim.find("Users", eq_filter("userName", user["userName"])) == []


def test_group_push_as_okta_drives_it(scim: ScimClient) -> None:
    alice = scim.create_user()
    bob = scim.create_user()
    name = unique("Engineering")

    # §1.2 step 10: Group Push create.
    created = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": name, "members": []})
    assert created.status_code == 201, describe(created)
    group = created.json()
    group_id = group["id"]
    path = f"Groups/{group_id}"
    assert created.headers.get("Location") == group["meta"]["location"] == scim.url(path)
    assert group["displayName"] == name and group["meta"]["resourceType"] == "Group"
    assert member_ids(scim.read(path)) == set()

    # Step 13: add members. Okta sends no `type` on members.
    added = scim.patch(
        path,
        {
            "op": "add",
            "path": "members",
            "value": [{"value": alice["id"], "display": alice["userName"]}, {"value": bob["id"]}],
        },
    )
    assert_patched(added)
    assert member_ids(scim.read(path)) == {alice["id"], bob["id"]}

    # Step 12: the "rename" Okta sends on every membership update carries the group's own id.
    assert_patched(scim.patch(path, {"op": "replace", "value": {"id": group_id, "displayName": name}}))
    renamed = scim.read(path)
    assert renamed["displayName"] == name and member_ids(renamed) == {alice["id"], bob["id"]}

    # Step 13: remove one member by a filtered path and no value.
    assert_patched(scim.patch(path, {"op": "remove", "path": f'members[value eq "{bob["id"]}"]'}))
    assert member_ids(scim.read(path)) == {alice["id"]}

    # Okta may push the full membership in one replace.
    assert_patched(scim.patch(path, {"op": "replace", "path": "members", "value": [{"value": bob["id"]}]}))
    assert member_ids(scim.read(path)) == {bob["id"]}

    assert [item["id"] for item in scim.find("Groups", eq_filter("displayName", name))] == [group_id]

    # Step 14: delete the pushed group.
    deleted = scim.delete(path)
    assert deleted.status_code == 204, describe(deleted)
    assert_scim_error(scim.get(path), 404)
    assert scim.read(f"Users/{bob['id']}")["id"] == bob["id"], "deleting a group must not delete its members"


def test_runscope_spec_checks(scim: ScimClient) -> None:
    scim.create_user()

    # R1: the connector test, with integer paging fields and a complete first user.
    users = assert_list_response(scim.get("Users", params={"count": 1, "startIndex": 1}))
    assert len(users) == 1
    first = users[0]
    assert first["id"] and first["userName"] and first["active"] is True
    assert first["name"]["givenName"] and first["name"]["familyName"] and first["emails"][0]["value"]

    # R3/R5: a filter with no match is a 200 empty ListResponse, never a 404.
    assert scim.find("Users", eq_filter("userName", f"{unique('nobody')}@example.com")) == []

    # R4/R12: an unknown id is a 404 SCIM error.
    assert_scim_error(scim.get("Users/010101001010101011001010101011"), 404)

    # R10: groups list.
    assert_list_response(scim.get("Groups"))

    # The Runscope suite sends these exact headers.
    response = scim.get(
        "Users",
        params={"filter": eq_filter("userName", first["userName"])},
        headers={
            "Accept": "application/scim+json",
            "Accept-Charset": "utf-8",
            "User-Agent": "Okta SCIM Client 1.0.0",
        },
    )
    assert [item["id"] for item in assert_list_response(response)] == [first["id"]]


def test_pages_are_stable_and_complete(scim: ScimClient) -> None:
    created = {scim.create_user()["id"] for _ in range(5)}

    seen: list[str] = []
    start = 1
    for _ in range(10):  # bounded: a server that never returns an empty page must fail, not hang
        response = scim.get("Users", params={"startIndex": start, "count": 2})
        page = assert_list_response(response)
        assert response.json()["totalResults"] == 5
        assert response.json()["startIndex"] == start
        if not page:
            break
        seen.extend(item["id"] for item in page)
        start += len(page)

    assert len(seen) == 5 and set(seen) == created, "each user exactly once across pages"

    # RFC 7644 §3.4.2.4: count=0 returns no resources but the real total.
    empty = scim.get("Users", params={"count": 0})
    assert assert_list_response(empty) == [] and empty.json()["totalResults"] == 5


def test_oin_password_sync_and_one_patch_membership_change(scim: ScimClient) -> None:
    alice = scim.create_user(f"{unique('alice')}@example.com")
    bob = scim.create_user(f"{unique('bob')}@example.com")
    user_path = f"Users/{alice['id']}"
    before = written_attributes(scim.read(user_path))

    # §1.2 step 8: password sync is a path-less replace; the password is accepted and never returned.
    synced = scim.patch(user_path, {"op": "replace", "value": {"password": "N3w-Okta-Password!"}})
    assert_patched(synced)
    assert "password" not in synced.text, describe(synced)
    after = scim.read(user_path)
    assert "password" not in after and written_attributes(after) == before

    # §1.2 step 13: one PATCH removes by a filtered path (no value) and adds members without `type`.
    group = scim.create_group(unique("Engineering"), member_ids=[bob["id"]])
    group_path = f"Groups/{group['id']}"
    changed = scim.patch(
        group_path,
        {"op": "remove", "path": f'members[value eq "{bob["id"]}"]'},
        {"op": "add", "path": "members", "value": [{"value": alice["id"], "display": alice["userName"]}]},
    )
    assert_patched(changed)
    members = members_by_id(scim.read(group_path))
    assert set(members) == {alice["id"]}, members
    assert members[alice["id"]].get("display") == alice["userName"], f"display is echoed as sent: {members}"

    # The full-membership push with nobody left empties the group.
    assert_patched(scim.patch(group_path, {"op": "replace", "path": "members", "value": []}))
    assert member_ids(scim.read(group_path)) == set()


def test_oin_import_pages_through_users_and_groups_by_100(scim: ScimClient) -> None:
    # §1.2 step 9: startIndex=1, 101, 201… with count=100 until totalResults; integers and a stable order.
    users = {scim.create_user(f"import-{index:03d}@example.com")["id"] for index in range(205)}
    groups = {scim.create_group(f"Import {index:03d}")["id"] for index in range(3)}

    for resource, expected in (("Users", users), ("Groups", groups)):
        seen: list[str] = []
        start = 1
        for _ in range(10):
            body = scim.page(resource, startIndex=start, count=100)
            assert body["totalResults"] == len(expected) and body["startIndex"] == start, body
            seen.extend(item["id"] for item in body["Resources"])
            start += 100
            if start > body["totalResults"]:
                break
        assert len(seen) == len(expected) and set(seen) == expected, f"{resource}: each one exactly once"


def _aiw_group(group: dict[str, Any], name: str, *members: dict[str, Any]) -> dict[str, Any]:
    """The group body an AIW app PUTs: the whole group with its full member list (no `type`)."""
    return {
        "schemas": [GROUP_SCHEMA],
        "id": group["id"],
        "displayName": name,
        "members": [{"value": member["id"], "display": member["userName"]} for member in members],
    }


def test_aiw_app_puts_everything(scim: ScimClient) -> None:
    user_name = f"{unique('aiw')}@example.com"
    assert scim.find("Users", eq_filter("userName", user_name)) == []
    # The Runscope suite's content type, with a charset.
    created = scim.post("Users", okta_user(user_name), content_type="application/scim+json; charset=utf-8")
    assert created.status_code == 201, describe(created)
    assert_scim_content_type(created)
    user = created.json()
    path = f"Users/{user['id']}"

    # Profile update: PUT the object just read with one change; everything else round-trips.
    read_back = scim.read(path)
    read_back["name"]["familyName"] = "Ng-Okafor"
    replaced = scim.put(path, read_back)
    assert replaced.status_code == 200, describe(replaced)
    expected = written_attributes(read_back)
    assert written_attributes(replaced.json()) == expected
    assert written_attributes(scim.read(path)) == expected

    # Deactivation is a PUT with active=false; the user stays readable and listable (never DELETE).
    read_back = scim.read(path)
    read_back["active"] = False
    deactivated = scim.put(path, read_back)
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False, describe(deactivated)
    assert scim.read(path)["active"] is False
    assert [(item["id"], item["active"]) for item in scim.find("Users", eq_filter("userName", user_name))] == [
        (user["id"], False)
    ]
    read_back = scim.read(path)
    read_back["active"] = True
    assert scim.put(path, read_back).status_code == 200
    assert scim.read(path)["active"] is True

    # Groups: create, then every membership change is a PUT of the full member list.
    bob = scim.create_user(f"{unique('bob')}@example.com")
    carol = scim.create_user(f"{unique('carol')}@example.com")
    name = unique("Engineering")
    created = scim.post("Groups", {"schemas": [GROUP_SCHEMA], "displayName": name, "members": []})
    assert created.status_code == 201, describe(created)
    group = created.json()
    group_path = f"Groups/{group['id']}"
    for members in ((user, bob), (user, bob, carol), (carol,), ()):
        put = scim.put(group_path, _aiw_group(group, name, *members))
        assert put.status_code == 200, describe(put)
        wanted = {member["id"] for member in members}
        assert member_ids(put.json()) == wanted, describe(put)
        read = scim.read(group_path)
        assert member_ids(read) == wanted and read["displayName"] == name
        assert {key: m.get("display") for key, m in members_by_id(read).items()} == {
            member["id"]: member["userName"] for member in members
        }

    # A rename is a PUT too, with the members it already has.
    renamed = scim.put(group_path, _aiw_group(group, f"{name} EU", bob))
    assert renamed.status_code == 200, describe(renamed)
    read = scim.read(group_path)
    assert read["displayName"] == f"{name} EU" and member_ids(read) == {bob["id"]}
    assert [item["id"] for item in scim.find("Groups", eq_filter("displayName", f"{name} eu"))] == [group["id"]]

    # A profile PUT carries the read-only `groups` it read (or an empty list): memberships stay as they are.
    bob_path = f"Users/{bob['id']}"
    bob_read = scim.read(bob_path)
    assert [item["value"] for item in bob_read.get("groups") or []] == [group["id"]], bob_read
    for groups in (bob_read["groups"], []):
        put = scim.put(bob_path, {**bob_read, "groups": groups, "title": "Engineer"})
        assert put.status_code == 200, describe(put)
        assert member_ids(scim.read(group_path)) == {bob["id"]}
    assert scim.read(bob_path)["title"] == "Engineer"
