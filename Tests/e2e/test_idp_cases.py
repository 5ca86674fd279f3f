"""Every row of ../shared/cases/idp-bug-cases.tsv as a named regression test.

Each test builds the row's precondition with real API calls in a tenant of its own, sends the row's minimal
request (only the made-up ids such as u-alice are replaced by the ids the server assigned), and checks the
expected answer and every read-back the row implies. Where a row allows alternatives ("204 or 200"), both pass.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from conftest import Gateway, Provisioned
from support import (
    ENTERPRISE_USER_SCHEMA,
    ERROR_SCHEMA,
    GROUP_SCHEMA,
    LIST_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_at_most_one_primary,
    assert_list_response,
    assert_patched,
    assert_scim_content_type,
    assert_scim_error,
    by_type,
    describe,
    eq_filter,
    member_ids,
    members_by_id,
)


def _user(scim: ScimClient, user_name: str, **overrides: Any) -> dict[str, Any]:
    return scim.create_user(user_name, **overrides)


def _alice_and_bob_in_engineering(scim: ScimClient) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The recurring precondition "[group g-eng has members u-alice and u-bob]"."""
    alice = _user(scim, "alice@example.com")
    bob = _user(scim, "bob@example.com", name={"givenName": "Bob", "familyName": "Stone"})
    group = scim.create_group("Engineering", member_ids=[alice["id"], bob["id"]])
    assert member_ids(scim.read(f"Groups/{group['id']}")) == {alice["id"], bob["id"]}
    return alice, bob, group


# --- Group membership removes (B01, B02, B20) -----------------------------------------------------------


def test_B01_entra_remove_member_with_value_array_removes_only_that_member(scim: ScimClient) -> None:
    alice, bob, group = _alice_and_bob_in_engineering(scim)
    path = f"Groups/{group['id']}"

    response = scim.patch(path, {"op": "Remove", "path": "members", "value": [{"value": alice["id"]}]})

    assert_patched(response)
    members = scim.read(path).get("members") or []
    assert [member["value"] for member in members] == [bob["id"]], f"only u-alice may be removed: {members}"


def test_B02_entra_remove_with_value_is_not_rejected_as_invalid_value(scim: ScimClient) -> None:
    alice, bob, group = _alice_and_bob_in_engineering(scim)
    path = f"Groups/{group['id']}"

    response = scim.patch(path, {"op": "Remove", "path": "members", "value": [{"value": bob["id"]}]})

    assert response.status_code != 400, f"remove with a value must not be 400 invalidValue: {describe(response)}"
    assert_patched(response)
    assert member_ids(scim.read(path)) == {alice["id"]}


def test_B20_okta_remove_by_filtered_path_without_value_removes_the_member(scim: ScimClient) -> None:
    alice, bob, group = _alice_and_bob_in_engineering(scim)
    path = f"Groups/{group['id']}"

    response = scim.patch(path, {"op": "remove", "path": f'members[value eq "{bob["id"]}"]'})

    assert_patched(response)
    assert member_ids(scim.read(path)) == {alice["id"]}


# --- Entra's PATCH dialects on users (B03–B09) ----------------------------------------------------------


def test_B03_entra_string_boolean_false_disables_the_user(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    path = f"Users/{alice['id']}"

    response = scim.patch(path, {"op": "Replace", "path": "active", "value": "False"})

    assert_patched(response)
    if response.status_code == 200:
        assert response.json()["active"] is False, describe(response)
    assert scim.read(path)["active"] is False


def test_B04_entra_pathless_replace_applies_dotted_and_extension_urn_keys(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com", name={"givenName": "Al", "familyName": "Old"}, displayName="Al Old")
    path = f"Users/{alice['id']}"

    response = scim.patch(
        path,
        {
            "op": "replace",
            "value": {
                "displayName": "Alice Ng",
                "name.givenName": "Alice",
                "name.familyName": "Ng",
                f"{ENTERPRISE_USER_SCHEMA}:employeeNumber": "E-1001",
            },
        },
    )

    assert_patched(response)
    user = scim.read(path)
    assert user["displayName"] == "Alice Ng"
    assert user["name"]["givenName"] == "Alice" and user["name"]["familyName"] == "Ng", user["name"]
    assert user.get(ENTERPRISE_USER_SCHEMA, {}).get("employeeNumber") == "E-1001", user
    # The URN must not have been split on the dot in "2.0" (scimgateway #124), nor stored as a literal key.
    assert not [key for key in user if key.startswith("urn:") and key != ENTERPRISE_USER_SCHEMA], user
    assert "name.givenName" not in user and "name.familyName" not in user, user


def test_B05_entra_pathless_add_expands_dotted_name_keys(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com", name={"givenName": "Al", "familyName": "Old"})
    path = f"Users/{alice['id']}"

    response = scim.patch(
        path,
        {
            "op": "add",
            "value": {
                "displayName": "Alice Ng",
                "title": "Analyst",
                "name.givenName": "Alice",
                "name.familyName": "Ng",
                "name.formatted": "Alice Ng",
            },
        },
    )

    assert_patched(response)
    user = scim.read(path)
    assert user["name"] == {"givenName": "Alice", "familyName": "Ng", "formatted": "Alice Ng"}, user["name"]
    assert user["title"] == "Analyst" and user["displayName"] == "Alice Ng"
    assert not [key for key in user if key.startswith("name.")], user


def test_B06_entra_manager_as_bare_string_is_stored_as_manager_value(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    manager = _user(scim, "manager@example.com", name={"givenName": "Mia", "familyName": "Boss"})
    path = f"Users/{alice['id']}"

    response = scim.patch(path, {"op": "Add", "path": f"{ENTERPRISE_USER_SCHEMA}:manager", "value": manager["id"]})

    assert_patched(response)
    user = scim.read(path)
    assert user.get(ENTERPRISE_USER_SCHEMA, {}).get("manager", {}).get("value") == manager["id"], user


def test_B07_entra_filtered_email_replace_with_no_typed_email_creates_or_types_it(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com", emails=[{"value": "alice@example.com", "primary": True}])
    path = f"Users/{alice['id']}"
    assert scim.read(path)["emails"] == [{"value": "alice@example.com", "primary": True}]

    response = scim.patch(
        path, {"op": "replace", "path": 'emails[type eq "work"].value', "value": "alice.ng@example.com"}
    )

    assert response.status_code != 400, f"must not be 400 noTarget: {describe(response)}"
    assert_patched(response)
    user = scim.read(path)
    work = by_type(user["emails"]).get("work", [])
    assert [email["value"] for email in work] == ["alice.ng@example.com"], user["emails"]
    assert_at_most_one_primary(user, "emails")


def test_B08_entra_filtered_email_replace_leaves_the_home_email_untouched(scim: ScimClient) -> None:
    emails = [
        {"type": "work", "value": "alice@example.com", "primary": True},
        {"type": "home", "value": "alice@home.example"},
    ]
    alice = _user(scim, "alice@example.com", emails=emails)
    path = f"Users/{alice['id']}"

    response = scim.patch(
        path, {"op": "replace", "path": 'emails[type eq "work"].value', "value": "alice.ng@example.com"}
    )

    assert response.status_code == 200, describe(response)
    expected = [
        {"type": "work", "value": "alice.ng@example.com", "primary": True},
        {"type": "home", "value": "alice@home.example"},
    ]
    for label, user in (("PATCH response", response.json()), ("GET", scim.read(path))):
        assert sorted(user["emails"], key=lambda e: e["type"]) == sorted(expected, key=lambda e: e["type"]), (
            f"{label}: {user['emails']}"
        )


def test_B09_entra_adds_to_one_filtered_address_fill_a_single_element(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    path = f"Users/{alice['id']}"
    assert "addresses" not in scim.read(path)

    response = scim.patch(
        path,
        {"op": "add", "path": 'addresses[type eq "work"].formatted', "value": "1 Main St, Springfield"},
        {"op": "add", "path": 'addresses[type eq "work"].locality', "value": "Springfield"},
        {"op": "add", "path": 'addresses[type eq "work"].region', "value": "IL"},
    )

    assert_patched(response)
    addresses = scim.read(path).get("addresses")
    assert addresses == [
        {"type": "work", "formatted": "1 Main St, Springfield", "locality": "Springfield", "region": "IL"}
    ], addresses


# --- Filters (B10, B11, B15, B16, B17) -------------------------------------------------------------------


def test_B10_username_filter_ignores_case(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")

    response = scim.get("Users", params={"filter": 'userName eq "ALICE@EXAMPLE.COM"', "startIndex": 1, "count": 100})

    resources = assert_list_response(response)
    assert response.json()["totalResults"] == 1
    assert [item["id"] for item in resources] == [alice["id"]]
    assert resources[0]["userName"] == "alice@example.com"


def test_B11_filter_attribute_names_and_operators_ignore_case(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    _user(scim, "bob@example.com")

    response = scim.get("Users", params={"filter": 'UserName EQ "alice@example.com"'})

    resources = assert_list_response(response)
    assert response.json()["totalResults"] == 1
    assert [item["id"] for item in resources] == [alice["id"]]
    assert resources == scim.find("Users", 'userName eq "alice@example.com"')


def test_B15_entra_external_id_filter_is_supported_and_case_exact(scim: ScimClient) -> None:
    external_id = str(uuid.uuid4())
    alice = _user(scim, "alice@example.com", externalId=external_id)
    _user(scim, "bob@example.com")

    for value, expected in ((external_id, [alice["id"]]), (external_id.upper(), []), (str(uuid.uuid4()), [])):
        response = scim.get("Users", params={"filter": f'externalId eq "{value}"'})
        resources = assert_list_response(response)
        assert [item["id"] for item in resources] == expected, f"externalId eq {value}: {describe(response)}"
        assert response.json()["totalResults"] == len(expected)


def test_B16_entra_unquoted_filter_value_is_a_match_or_an_error_never_empty(scim: ScimClient) -> None:
    jdoe = _user(scim, "jdoe@example.com", externalId="jdoe-0001")

    response = scim.get("Users", params={"filter": "externalId eq jdoe-0001"})

    if response.status_code == 400:
        assert_scim_error(response, 400, "invalidFilter")
    else:
        resources = assert_list_response(response)
        assert response.json()["totalResults"] == 1, describe(response)
        assert [item["id"] for item in resources] == [jdoe["id"]]


def test_B17_group_display_name_filter_returns_only_the_match_without_members(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    engineering = scim.create_group("Engineering", member_ids=[alice["id"]])
    scim.create_group("Sales", member_ids=[alice["id"]])
    scim.create_group("Ops")

    response = scim.get("Groups", params={"excludedAttributes": "members", "filter": 'displayName eq "engineering"'})

    resources = assert_list_response(response)
    assert response.json()["totalResults"] == 1, describe(response)
    assert [(item["id"], item["displayName"]) for item in resources] == [(engineering["id"], "Engineering")]
    assert "members" not in resources[0], resources[0]


# --- Group reads and writes (B12, B18, B19, B21) ---------------------------------------------------------


def test_B12_group_read_honours_excluded_members(scim: ScimClient) -> None:
    alice, bob, group = _alice_and_bob_in_engineering(scim)

    response = scim.get(f"Groups/{group['id']}", params={"excludedAttributes": "members"})

    assert response.status_code == 200, describe(response)
    assert_scim_content_type(response)
    body = response.json()
    assert "members" not in body, body
    assert body["id"] == group["id"] and body["displayName"] == "Engineering"
    assert body["meta"]["resourceType"] == "Group" and body["meta"]["location"].endswith(group["id"])


def test_B18_group_put_replaces_the_member_list(scim: ScimClient) -> None:
    alice, bob, group = _alice_and_bob_in_engineering(scim)
    carol = _user(scim, "carol@example.com", name={"givenName": "Carol", "familyName": "Diaz"})
    path = f"Groups/{group['id']}"

    response = scim.put(
        path,
        {
            "schemas": [GROUP_SCHEMA],
            "id": group["id"],
            "displayName": "Engineering",
            "members": [{"value": carol["id"]}],
        },
    )

    assert response.status_code == 200, describe(response)
    assert [member["value"] for member in response.json().get("members") or []] == [carol["id"]], describe(response)
    after = scim.read(path)
    assert [member["value"] for member in after.get("members") or []] == [carol["id"]], after
    assert after["displayName"] == "Engineering"


def test_B19_adding_one_member_to_a_group_of_150_loses_nobody(scim: ScimClient) -> None:
    users = [_user(scim, f"u-{index:04d}@example.com")["id"] for index in range(1, 152)]
    group = scim.create_group("All", member_ids=users[:150])
    path = f"Groups/{group['id']}"
    assert member_ids(scim.read(path)) == set(users[:150])

    response = scim.patch(path, {"op": "add", "path": "members", "value": [{"value": users[150]}]})

    assert_patched(response)
    after = scim.read(path)
    assert len(after.get("members") or []) == 151, f"{len(after.get('members') or [])} members"
    assert member_ids(after) == set(users)


def test_B21_okta_member_without_type_is_added_as_a_user(scim: ScimClient) -> None:
    alice = _user(scim, "alice@example.com")
    group = scim.create_group("Engineering")
    path = f"Groups/{group['id']}"

    response = scim.patch(
        path, {"op": "add", "path": "members", "value": [{"value": alice["id"], "display": "alice@example.com"}]}
    )

    assert_patched(response)
    members = members_by_id(scim.read(path))
    assert set(members) == {alice["id"]}, members
    assert members[alice["id"]].get("type") == "User", members


# --- Conflicts and JIT accounts (B13, B14) ---------------------------------------------------------------


ALICE_POST = {
    "schemas": [USER_SCHEMA],
    "userName": "alice@example.com",
    "name": {"givenName": "Alice", "familyName": "Ng"},
    "emails": [{"value": "alice@example.com", "type": "work", "primary": True}],
    "active": True,
}


def test_B13_duplicate_create_is_409_with_scim_type_uniqueness(scim: ScimClient) -> None:
    existing = _user(scim, "alice@example.com", name={"givenName": "Alice", "familyName": "First"})

    response = scim.post("Users", ALICE_POST)

    body = assert_scim_error(response, 409, "uniqueness")
    assert body["schemas"] == [ERROR_SCHEMA], body
    found = scim.find("Users", eq_filter("userName", "alice@example.com"))
    assert [item["id"] for item in found] == [existing["id"]]
    assert found[0]["name"]["familyName"] == "First", "a refused create must not change the existing user"


def test_B14_user_created_by_oidc_sign_in_is_found_or_adopted_never_0_then_409(
    gateway: Gateway, provision: Callable[..., Provisioned]
) -> None:
    tenant = provision()
    scim = tenant.client()
    # OIDC just-in-time sign-in has no SCIM or CLI entry point, so the rows go in the way sign-in writes them:
    # origin 'oidc', managed by no provider, and linked to the provider it signed in through.
    jit_id = str(uuid.uuid4())
    gateway.sql(
        """
        SELECT set_config('app.tenant_id', :'tenant', false);
        INSERT INTO users (tenant_id, id, user_name, display_name, active, status, managing_provider_id, origin,
                           attributes)
        VALUES (:'tenant'::uuid, :'id'::uuid, 'alice@example.com', 'Alice Ng', true, 'active', NULL, 'oidc',
                :'attributes'::jsonb);
        INSERT INTO user_identities (tenant_id, provider_id, subject, user_id)
        VALUES (:'tenant'::uuid, :'provider'::uuid, 'alice-subject', :'id'::uuid);
        """,
        tenant=tenant.tenant_id,
        provider=tenant.provider_id,
        id=jit_id,
        attributes='{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "alice@example.com",'
        ' "displayName": "Alice Ng", "active": true}',
    )

    lookup = scim.get("Users", params={"filter": 'userName eq "alice@example.com"'})
    found = assert_list_response(lookup)
    created = scim.post("Users", ALICE_POST)

    if lookup.json()["totalResults"] == 0:
        # The lookup saw nothing, so the create must adopt the account rather than answer 409.
        assert created.status_code == 201, f"0 results followed by {describe(created)}"
        assert created.json()["id"] == jit_id, "the create must adopt the existing account, not make a second one"
    else:
        assert [item["id"] for item in found] == [jit_id], describe(lookup)
        # The IdP links to the found user and PATCHes it; a create (if sent) is a conflict or an adoption.
        assert created.status_code in (201, 409), describe(created)
        if created.status_code == 409:
            assert_scim_error(created, 409, "uniqueness")
        else:
            assert created.json()["id"] == jit_id, describe(created)
        linked = scim.patch(
            f"Users/{jit_id}", {"op": "replace", "value": {"name": {"givenName": "Alice", "familyName": "Ng"}}}
        )
        assert_patched(linked)
        assert scim.read(f"Users/{jit_id}")["name"] == {"givenName": "Alice", "familyName": "Ng"}
    again = scim.find("Users", 'userName eq "alice@example.com"')
    assert [item["id"] for item in again] == [jit_id], "exactly one alice, the one who signed in"


# --- Lists and paging (B22, B23, B24) --------------------------------------------------------------------


def test_B22_users_list_without_paging_parameters_returns_everyone(scim: ScimClient) -> None:
    created = [_user(scim, f"{name}@example.com")["id"] for name in ("alice", "bob", "carol")]

    response = scim.get("Users")

    resources = assert_list_response(response)
    body = response.json()
    assert body["schemas"] == [LIST_SCHEMA]
    assert (body["startIndex"], body["totalResults"], body["itemsPerPage"]) == (1, 3, 3), body
    assert sorted(item["id"] for item in resources) == sorted(created)


def test_B23_start_index_4_count_3_returns_the_4th_to_6th_users(scim: ScimClient) -> None:
    for index in range(1, 9):
        _user(scim, f"u{index}@example.com")
    order = scim.ids("Users", startIndex=1, count=8)
    assert len(order) == 8

    response = scim.get("Users", params={"startIndex": 4, "count": 3})

    resources = assert_list_response(response)
    body = response.json()
    assert [item["id"] for item in resources] == order[3:6], describe(response)
    assert (body["startIndex"], body["itemsPerPage"], body["totalResults"]) == (4, 3, 8), body


def test_B24_total_results_is_the_number_of_matches_not_the_page_size(scim: ScimClient) -> None:
    for index in range(1, 7):
        _user(scim, f"u{index}@example.com")

    response = scim.get("Users", params={"startIndex": 1, "count": 2})

    resources = assert_list_response(response)
    body = response.json()
    assert (body["totalResults"], body["itemsPerPage"], body["startIndex"]) == (6, 2, 1), body
    assert len(resources) == 2
