"""Microsoft Entra ID's habits that differ from Okta's (IDP_BEHAVIOUR.md §0.3, §0.7, §2)."""

from __future__ import annotations

from support import (
    ScimClient,
    assert_list_response,
    assert_patched,
    describe,
    eq_filter,
    member_ids,
    okta_user,
    unique,
)


def test_the_aad_opt_flag_is_ignored(scim: ScimClient) -> None:
    # Admins append ?aadOptscim062020 to the Tenant URL; Entra keeps it on every request.
    user_name = f"{unique('flag')}@example.com"
    created = scim.request("POST", "Users?aadOptscim062020", body=okta_user(user_name))
    assert created.status_code == 201, describe(created)

    response = scim.get("Users", params={"aadOptscim062020": "", "filter": eq_filter("userName", user_name)})
    assert [item["id"] for item in assert_list_response(response)] == [created.json()["id"]]

    read = scim.get(f"Users/{created.json()['id']}?aadOptscim062020")
    assert read.status_code == 200, describe(read)


def test_excluded_members_are_left_out(scim: ScimClient) -> None:
    user = scim.create_user()
    group = scim.create_group(member_ids=[user["id"]])

    one = scim.get(f"Groups/{group['id']}", params={"excludedAttributes": "members"})
    assert one.status_code == 200, describe(one)
    assert "members" not in one.json()
    assert one.json()["id"] == group["id"] and one.json()["displayName"] == group["displayName"]

    listed = scim.get("Groups", params={"excludedAttributes": "members", "filter": eq_filter("id", group["id"])})
    resources = assert_list_response(listed)
    assert len(resources) == 1 and "members" not in resources[0]


def test_capitalised_ops_and_string_booleans(scim: ScimClient) -> None:
    user = scim.create_user()
    path = f"Users/{user['id']}"

    # Entra without the flag: "Replace" and "False" as a string.
    assert_patched(scim.patch(path, {"op": "Replace", "path": "active", "value": "False"}))
    assert scim.read(path)["active"] is False

    assert_patched(scim.patch(path, {"op": "Replace", "path": "active", "value": "True"}))
    assert scim.read(path)["active"] is True

    # Entra with the flag: path-less, dotted and URN keys in one value object.
    assert_patched(
        scim.patch(
            path,
            {
                "op": "replace",
                "value": {
                    "name.givenName": "Alicia",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Research",
                    "active": False,
                },
            },
        )
    )
    after = scim.read(path)
    assert after["name"]["givenName"] == "Alicia" and after["name"]["familyName"] == user["name"]["familyName"]
    assert after["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["department"] == "Research"
    assert after["active"] is False


def test_members_removed_with_a_value_array(scim: ScimClient) -> None:
    alice, bob, carol = (scim.create_user() for _ in range(3))
    group = scim.create_group()
    path = f"Groups/{group['id']}"

    # Entra adds several members in one PATCH, with capitalised ops.
    added = scim.patch(
        path, {"op": "Add", "path": "members", "value": [{"value": u["id"]} for u in (alice, bob, carol)]}
    )
    assert_patched(added)
    assert member_ids(scim.read(path)) == {alice["id"], bob["id"], carol["id"]}

    removed = scim.patch(
        path, {"op": "Remove", "path": "members", "value": [{"value": alice["id"]}, {"value": carol["id"]}]}
    )
    assert_patched(removed)
    assert member_ids(scim.read(path)) == {bob["id"]}


def test_lookup_by_external_id(scim: ScimClient) -> None:
    user = scim.create_user()
    found = scim.find("Users", eq_filter("externalId", user["externalId"]))
    assert [item["id"] for item in found] == [user["id"]]
