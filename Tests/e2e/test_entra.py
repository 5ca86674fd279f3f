"""Microsoft Entra ID's habits that differ from Okta's (IDP_BEHAVIOUR.md §0.3, §0.7, §2)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from support import (
    ENTERPRISE_USER_SCHEMA,
    GROUP_SCHEMA,
    MICROSOFT_GROUP_SCHEMA,
    USER_SCHEMA,
    ScimClient,
    assert_at_most_one_primary,
    assert_list_response,
    assert_no_nulls,
    assert_patched,
    assert_scim_error,
    by_type,
    describe,
    eq_filter,
    member_ids,
    okta_user,
    unique,
)

FLAG = "aadOptscim062020"


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


def entra_user(user_name: str, external_id: str) -> dict[str, Any]:
    """The create body of §2.2 step 4: enterprise schema listed, read-only `meta`, empty `roles`."""
    return {
        "schemas": [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        "externalId": external_id,
        "userName": user_name,
        "active": True,
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "Alice Ng", "familyName": "Ng", "givenName": "Alice"},
        "roles": [],
    }


def entra_group(display_name: str) -> dict[str, Any]:
    """The group create body of §2.2 step 14, with Microsoft's own schema URN."""
    return {
        "schemas": [GROUP_SCHEMA, MICROSOFT_GROUP_SCHEMA],
        "externalId": str(uuid.uuid4()),
        "displayName": display_name,
        "meta": {"resourceType": "Group"},
    }


def test_entra_default_mode_conversation(scim: ScimClient) -> None:
    # §2.2 step 1: Test Connection queries a user that cannot exist and fetches any user and group.
    probe = scim.get("Users", params={"filter": eq_filter("userName", str(uuid.uuid4()))})
    assert assert_list_response(probe) == []
    assert probe.json()["totalResults"] == 0 and probe.json()["startIndex"] == 1
    assert_list_response(scim.get("Users", params={"count": 1}))
    assert_list_response(scim.get("Groups", params={"count": 1}))

    # Step 2: schema discovery returns a ListResponse of schemas, without nulls.
    schemas = scim.get("Schemas")
    resources = assert_list_response(schemas)
    assert {USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA} <= {item["id"] for item in resources}
    assert_no_nulls(schemas.json())
    allowed = {
        "mutability": {"readOnly", "readWrite", "immutable", "writeOnly"},
        "returned": {"always", "never", "default", "request"},
        "uniqueness": {"none", "server", "global"},
    }

    def check(attributes: list[dict[str, Any]], where: str) -> None:
        for attribute in attributes:
            for key, values in allowed.items():
                if key in attribute:
                    assert attribute[key] in values, f"{where}.{attribute['name']}.{key} = {attribute[key]!r}"
            check(attribute.get("subAttributes") or [], f"{where}.{attribute['name']}")

    for schema in resources:
        check(schema["attributes"], schema["id"])

    # Step 3: matching by userName, externalId and work email finds nothing yet.
    user_name = f"{unique('alice')}@example.com"
    external_id = str(uuid.uuid4())
    matches = (
        eq_filter("userName", user_name),
        eq_filter("externalId", external_id),
        f'emails[type eq "work"].value eq {json.dumps(user_name)}',
    )
    for expression in matches:
        assert scim.find("Users", expression) == [], expression

    # Step 4: create; the read-only meta and empty roles are ignored.
    created = scim.post("Users", entra_user(user_name, external_id))
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"
    assert created.headers.get("Location") == scim.url(path)
    for expression in matches:
        assert [item["id"] for item in scim.find("Users", expression)] == [user_id], expression

    # Step 5: the read returns what was written, so Entra sees no difference to PATCH next cycle.
    user = scim.read(path)
    assert user["userName"] == user_name and user["externalId"] == external_id and user["active"] is True
    assert user["emails"] == [{"primary": True, "type": "work", "value": user_name}]
    assert user["name"] == {"formatted": "Alice Ng", "familyName": "Ng", "givenName": "Alice"}
    assert not user.get("roles"), user

    # Step 6 and 8: the default PATCH format, capitalised ops, filtered paths, a missing address created.
    new_mail = f"{unique('alice.ng')}@example.com"
    patched = scim.patch(
        path,
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": new_mail},
        {"op": "Replace", "path": "name.familyName", "value": "Ng-Park"},
        {"op": "Add", "path": f"{ENTERPRISE_USER_SCHEMA}:department", "value": "Finance"},
        {"op": "Replace", "path": 'addresses[type eq "work"].formatted', "value": "1 Main St"},
        {"op": "Add", "path": "nickName", "value": "Ally"},
    )
    assert_patched(patched)
    user = scim.read(path)
    assert user["emails"] == [{"primary": True, "type": "work", "value": new_mail}], user["emails"]
    assert user["name"] == {"formatted": "Alice Ng", "familyName": "Ng-Park", "givenName": "Alice"}
    assert user[ENTERPRISE_USER_SCHEMA]["department"] == "Finance"
    assert user["addresses"] == [{"type": "work", "formatted": "1 Main St"}], user.get("addresses")
    assert user["nickName"] == "Ally"
    assert ENTERPRISE_USER_SCHEMA in user["schemas"], "an extension that holds data is listed in schemas"

    # Step 9: the manager as a bare id string (observed), then in the documented array form.
    boss = scim.create_user(f"{unique('boss')}@example.com")
    other_boss = scim.create_user(f"{unique('boss2')}@example.com")
    assert_patched(scim.patch(path, {"op": "Add", "path": f"{ENTERPRISE_USER_SCHEMA}:manager", "value": boss["id"]}))
    assert scim.read(path)[ENTERPRISE_USER_SCHEMA]["manager"]["value"] == boss["id"]
    documented = {"$ref": scim.url(f"Users/{other_boss['id']}"), "value": other_boss["id"]}
    assert_patched(scim.patch(path, {"op": "Add", "path": "manager", "value": [documented]}))
    user = scim.read(path)
    assert user[ENTERPRISE_USER_SCHEMA]["manager"]["value"] == other_boss["id"], user[ENTERPRISE_USER_SCHEMA]
    assert user[ENTERPRISE_USER_SCHEMA]["department"] == "Finance", "setting the manager keeps the department"

    # The manager check (reconstructed): the user if the manager matches, never an empty 200 when it does.
    check = scim.get(
        "Users", params={"filter": f'id eq "{user_id}" and manager eq "{other_boss["id"]}"', "attributes": "id"}
    )
    if check.status_code == 400:
        assert_scim_error(check, 400, "invalidFilter")
    else:
        found = assert_list_response(check)
        assert [item["id"] for item in found] == [user_id], describe(check)
        assert "userName" not in found[0], "attributes=id returns only id (and always-returned attributes)"

    # Step 10: app roles arrive as JSON text inside value; they are kept as sent.
    role = json.dumps({"id": str(uuid.uuid4()), "value": "Admin", "displayName": "Admin"})
    assert_patched(scim.patch(path, {"op": "Add", "path": "roles", "value": [{"value": role}]}))
    roles = scim.read(path).get("roles") or []
    assert [item.get("value") for item in roles] in ([role], ["Admin"]), roles

    # Steps 11 and 12: disable with the string "False", still readable and matchable; re-enable with "True".
    assert_patched(scim.patch(path, {"op": "Replace", "path": "active", "value": "False"}))
    assert scim.read(path)["active"] is False
    assert [(i["id"], i["active"]) for i in scim.find("Users", eq_filter("userName", user_name))] == [(user_id, False)]
    assert_patched(scim.patch(path, {"op": "Replace", "path": "active", "value": "True"}))
    assert scim.read(path)["active"] is True

    # Steps 14 to 16: create a group (Microsoft's schema URN tolerated), read and match it without members.
    name = unique("Engineering")
    made = scim.post("Groups", entra_group(name))
    assert made.status_code == 201, describe(made)
    assert made.json().get("members") in (None, []), describe(made)
    group_id = made.json()["id"]
    group_path = f"Groups/{group_id}"
    read = scim.get(group_path, params={"excludedAttributes": "members"})
    assert read.status_code == 200 and "members" not in read.json(), describe(read)
    matched = scim.get(
        "Groups", params={"excludedAttributes": "members", "filter": eq_filter("displayName", name.upper())}
    )
    assert [item["id"] for item in assert_list_response(matched)] == [group_id]
    assert "members" not in matched.json()["Resources"][0]

    # Step 17: rename.
    assert_patched(scim.patch(group_path, {"op": "Replace", "path": "displayName", "value": f"{name} EU"}))
    assert scim.read(group_path)["displayName"] == f"{name} EU"

    # Step 18: several members in one Add, with "$ref": null.
    bob = scim.create_user(f"{unique('bob')}@example.com")
    both = [{"$ref": None, "value": user_id}, {"$ref": None, "value": bob["id"]}]
    added = scim.patch(group_path, {"op": "Add", "path": "members", "value": both})
    assert_patched(added)
    assert member_ids(scim.read(group_path)) == {user_id, bob["id"]}

    # Step 19 (no flag): remove one member by a value array.
    removed = scim.patch(group_path, {"op": "Remove", "path": "members", "value": [{"$ref": None, "value": bob["id"]}]})
    assert_patched(removed)
    assert member_ids(scim.read(group_path)) == {user_id}

    # §2.1 deprovisioning: a hard delete answers 204, then 404; the person leaves lists and groups.
    gone = scim.delete(path)
    assert gone.status_code == 204, describe(gone)
    assert_scim_error(scim.get(path), 404)
    for expression in matches:
        assert scim.find("Users", expression) == [], expression
    assert member_ids(scim.read(group_path)) == set()

    # Step 20: delete the group.
    assert scim.delete(group_path).status_code == 204
    assert_scim_error(scim.get(group_path), 404)
    assert scim.find("Groups", eq_filter("displayName", f"{name} EU")) == []


def test_entra_flag_mode_conversation_with_the_flag_on_every_request(scim: ScimClient) -> None:
    # The admin appended ?aadOptscim062020 to the Tenant URL, so it rides on every request.
    user_name = f"{unique('flag')}@example.com"
    external_id = str(uuid.uuid4())
    probe = scim.get(f"Users?{FLAG}", params={"filter": eq_filter("userName", user_name)})
    assert assert_list_response(probe) == []

    created = scim.post(f"Users?{FLAG}", entra_user(user_name, external_id))
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}?{FLAG}"
    found = scim.get(f"Users?{FLAG}", params={"filter": eq_filter("externalId", external_id)})
    assert [item["id"] for item in assert_list_response(found)] == [user_id]

    # §2.2 step 7: a filtered op plus one path-less replace with dotted and URN keys, lower-case ops.
    patched = scim.patch(
        path,
        {"op": "replace", "path": 'emails[type eq "work"].value', "value": f"new.{user_name}"},
        {
            "op": "replace",
            "value": {
                "displayName": "Alice Ng",
                "name.givenName": "Alicia",
                "name.familyName": "Ng",
                f"{ENTERPRISE_USER_SCHEMA}:employeeNumber": "E-1001",
                f"{ENTERPRISE_USER_SCHEMA}:department": "Research",
            },
        },
    )
    assert_patched(patched)
    user = scim.read(path)
    assert user["emails"] == [{"primary": True, "type": "work", "value": f"new.{user_name}"}]
    assert user["displayName"] == "Alice Ng"
    assert user["name"] == {"formatted": "Alice Ng", "givenName": "Alicia", "familyName": "Ng"}
    assert user[ENTERPRISE_USER_SCHEMA] == {"employeeNumber": "E-1001", "department": "Research"}

    # The flag also sends a path-less add with the same kind of keys.
    assert_patched(
        scim.patch(path, {"op": "add", "value": {"title": "Analyst", f"{ENTERPRISE_USER_SCHEMA}:costCenter": "CC-7"}})
    )
    user = scim.read(path)
    assert user["title"] == "Analyst" and user[ENTERPRISE_USER_SCHEMA]["costCenter"] == "CC-7"
    assert user[ENTERPRISE_USER_SCHEMA]["employeeNumber"] == "E-1001"

    # Steps 11-12 with the flag: real booleans.
    assert_patched(scim.patch(path, {"op": "replace", "path": "active", "value": False}))
    assert scim.read(path)["active"] is False
    assert_patched(scim.patch(path, {"op": "replace", "path": "active", "value": True}))
    assert scim.read(path)["active"] is True

    # "Provision on demand" ignores the flag: the same day brings the default dialect on the same user.
    assert_patched(scim.patch(path, {"op": "Replace", "path": "title", "value": "Lead"}))
    assert scim.read(path)["title"] == "Lead"

    # Groups with the flag: add, then remove by a filtered path.
    bob = scim.create_user(f"{unique('bob')}@example.com")
    made = scim.post(f"Groups?{FLAG}", entra_group(unique("Flagged")))
    assert made.status_code == 201, describe(made)
    group_path = f"Groups/{made.json()['id']}?{FLAG}"
    added = scim.patch(
        group_path, {"op": "add", "path": "members", "value": [{"value": user_id}, {"value": bob["id"]}]}
    )
    assert_patched(added)
    assert member_ids(scim.read(group_path)) == {user_id, bob["id"]}
    assert_patched(scim.patch(group_path, {"op": "remove", "path": f'members[value eq "{user_id}"]'}))
    assert member_ids(scim.read(group_path)) == {bob["id"]}
    excluded = scim.get(group_path, params={"excludedAttributes": "members"})
    assert excluded.status_code == 200 and "members" not in excluded.json(), describe(excluded)

    assert scim.delete(path).status_code == 204
    assert_scim_error(scim.get(path), 404)
    assert scim.delete(group_path).status_code == 204
    assert_scim_error(scim.get(group_path), 404)


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param("{endpoint}/Users?aadOptscim062020", id="flag-on-resource"),
        pytest.param("{endpoint}/Users?aadOptscim062020=", id="flag-with-empty-value"),
        pytest.param("{endpoint}/Users/?aadOptscim062020", id="trailing-slash"),
        pytest.param("{endpoint}//Users?aadOptscim062020", id="doubled-slash"),
        pytest.param("{endpoint}/users?aadOptscim062020", id="lower-case-resource"),
    ],
)
def test_tenant_url_shapes_with_the_flag(scim: ScimClient, shape: str) -> None:
    # §0.3: the flag is noise wherever it lands; trailing or doubled slashes and the resource's case are tolerated.
    user = scim.create_user()
    url = shape.format(endpoint=scim.endpoint.rstrip("/"))
    response = scim.get(url, params={"filter": eq_filter("userName", user["userName"])})
    assert [item["id"] for item in assert_list_response(response)] == [user["id"]], describe(response)


def _keys(value: Any) -> set[str]:
    """Every JSON member name in a document, at any depth."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in _keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in _keys(item)}
    return set()


def test_postman_collection_pascal_case_attributes(scim: ScimClient) -> None:
    # Microsoft's provisioning Postman collection (§0.7): attribute names in PascalCase, matched ignoring case
    # (RFC 7643 §2.1) and returned in canonical camelCase.
    boss = scim.create_user()
    user_name = unique("UserName")
    body = {
        "UserName": user_name,
        "Active": True,
        "DisplayName": "BobIsAmazing",
        "schemas": [ENTERPRISE_USER_SCHEMA, USER_SCHEMA],
        "externalId": uuid.uuid4().hex,
        "name": {"formatted": "Ryan Leenay", "familyName": "Leenay", "givenName": "Ryan"},
        "emails": [
            {"Primary": True, "type": "work", "value": "testing@bob.example"},
            {"Primary": False, "type": "home", "value": "testinghome@bob.example"},
        ],
        ENTERPRISE_USER_SCHEMA: {"Department": "bob", "Manager": {"Value": boss["id"]}},
    }
    created = scim.post("Users", body)
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"

    user = scim.read(path)
    pascal = {key for key in _keys(user) if key[:1].isupper() and key != "Resources"} - {ENTERPRISE_USER_SCHEMA}
    assert not pascal, f"attribute names must be emitted in camelCase, found {pascal}: {user}"
    assert user["userName"] == user_name and user["active"] is True and user["displayName"] == "BobIsAmazing"
    assert by_type(user["emails"])["work"][0]["primary"] is True
    assert by_type(user["emails"])["home"][0].get("primary") in (False, None)
    assert user[ENTERPRISE_USER_SCHEMA]["department"] == "bob"
    assert user[ENTERPRISE_USER_SCHEMA]["manager"]["value"] == boss["id"]

    # "Get User Filters": a PascalCase attribute name in a filter.
    found = scim.find("Users", 'DisplayName eq "BobIsAmazing"')
    assert [item["id"] for item in found] == [user_id]

    # "Patch user1", then "User 2 replace test" with PascalCase keys and the id in the body.
    renamed = unique("ryan")
    assert_patched(scim.patch(path, {"op": "replace", "path": "userName", "value": renamed}))
    assert scim.read(path)["userName"] == renamed
    replaced = scim.put(
        path,
        {
            **body,
            "UserName": renamed,
            "id": user_id,
            "name": {"formatted": "NewName", "familyName": "Leenay", "givenName": "Ryan"},
        },
    )
    assert replaced.status_code == 200, describe(replaced)
    user = scim.read(path)
    assert user["name"]["formatted"] == "NewName" and user["userName"] == renamed

    assert scim.delete(path).status_code == 204
    assert_scim_error(scim.get(path), 404)


def garbage_user(user_name: str, **changes: Any) -> dict[str, Any]:
    """The Postman collection's "garbage" user: nulls, read-only meta, empty roles."""
    body: dict[str, Any] = {
        "userName": user_name,
        "active": True,
        "addresses": [
            {
                "country": "Bermuda",
                "formatted": "9132 Jennifer Way Suite 040\nSouth Nancy, MI 55645",
                "locality": "West Mercedes",
                "postalCode": "99265",
                "region": "Montana",
                "streetAddress": "4939 Hess Fork",
                "type": "work",
                "primary": False,
            },
            {
                "country": None,
                "formatted": "18522 Lisa Unions\nEast Gregory, CT 52311",
                "locality": None,
                "postalCode": None,
                "region": None,
                "streetAddress": None,
                "type": "other",
                "primary": False,
            },
        ],
        "displayName": "Kimberly Baker",
        "emails": [
            {"type": "work", "primary": True, "value": "anna33@example.com"},
            {"type": "other", "primary": False, "value": "anna33@mail.example"},
        ],
        "meta": {
            "created": "2019-09-18T18:15:26.5788954+00:00",
            "lastModified": "2019-09-18T18:15:26.5788976+00:00",
            "resourceType": "User",
        },
        "name": {
            "formatted": "Daniel Mcgee",
            "familyName": "OMalley",
            "givenName": "Darl",
            "honorificPrefix": None,
            "honorificSuffix": None,
        },
        "phoneNumbers": [
            {"type": "fax", "primary": False, "value": "312-320-0500"},
            {"type": "mobile", "primary": None, "value": "312-320-1707"},
            {"type": "work", "primary": True, "value": "312-320-0932"},
        ],
        "preferredLanguage": "xh",
        "roles": [],
        "title": "Site engineer",
        "externalId": "22fbc523-6032-4c5f-939d-5d4850cf3e52",
        "schemas": [USER_SCHEMA],
    }
    body.update(changes)
    return body


def test_postman_garbage_nulls_are_unset_and_meta_is_read_only(scim: ScimClient) -> None:
    # "Post user OMalley": nulls are unset (RFC 7643 §2.5), never echoed as null; meta is ignored.
    created = scim.post("Users", garbage_user("OMalley"))
    assert created.status_code == 201, describe(created)
    user = scim.read(f"Users/{created.json()['id']}")
    assert_no_nulls(user)
    assert user["meta"]["created"] != "2019-09-18T18:15:26.5788954+00:00", "meta is read-only"
    other = by_type(user["addresses"])["other"]
    assert other == [{"formatted": "18522 Lisa Unions\nEast Gregory, CT 52311", "type": "other", "primary": False}]
    assert user["name"] == {"formatted": "Daniel Mcgee", "familyName": "OMalley", "givenName": "Darl"}
    assert by_type(user["phoneNumbers"])["mobile"] == [{"type": "mobile", "value": "312-320-1707"}]
    assert not user.get("roles"), user


def test_postman_garbage_string_true_on_post_is_a_boolean(scim: ScimClient) -> None:
    created = scim.post("Users", garbage_user("emp1", active="True"))
    assert created.status_code == 201, describe(created)
    assert created.json()["active"] is True, describe(created)
    assert scim.read(f"Users/{created.json()['id']}")["active"] is True


def test_postman_garbage_two_work_emails_are_deduplicated_or_refused(scim: ScimClient) -> None:
    # Entra's rule: `type` values within a multi-valued attribute are unique (§2.1, §0.7).
    two_work = [
        {"type": "work", "primary": True, "value": "anna33@mail.example"},
        {"type": "work", "primary": False, "value": "anna33@example.com"},
    ]
    created = scim.post("Users", garbage_user("emp1", emails=two_work))
    if created.status_code == 400:
        assert_scim_error(created, 400, "invalidValue")
        assert scim.find("Users", 'userName eq "emp1"') == []
        return
    assert created.status_code == 201, describe(created)
    user = scim.read(f"Users/{created.json()['id']}")
    assert len(by_type(user["emails"]).get("work", [])) == 1, f"two work emails kept: {user['emails']}"
    assert_at_most_one_primary(user, "emails")


def test_postman_garbage_bodies_are_refused(scim: ScimClient) -> None:
    # "Post no username".
    nameless = garbage_user("x")
    del nameless["userName"]
    assert_scim_error(scim.post("Users", nameless), 400)

    # "Post junk": JSON that does not parse.
    broken = scim.session.post(
        scim.url("Users"),
        data=b'{\r\n    "acve": tre,\r\n    "adadfdresses": [ {"coudftry": "Beruda"',
        headers={"Authorization": f"Bearer {scim.token}", "Content-Type": "application/json"},
        timeout=20,
    )
    assert_scim_error(broken, 400, "invalidSyntax")

    # "Post emp3 exists" twice: 409 with a detail both times.
    assert scim.post("Users", garbage_user("emp3")).status_code == 201
    for _ in range(2):
        assert_scim_error(scim.post("Users", garbage_user("emp3")), 409, "uniqueness")

    # "Put a user no username".
    user_id = scim.find("Users", 'userName eq "emp3"')[0]["id"]
    no_name = garbage_user("emp3", id=user_id, active=False)
    no_name["userame"] = no_name.pop("userName")
    assert_scim_error(scim.put(f"Users/{user_id}", no_name), 400)
    assert scim.read(f"Users/{user_id}")["active"] is True, "a refused PUT changes nothing"
    assert scim.page("Users")["totalResults"] == 1


def test_postman_garbage_put_misspelled_attribute_then_patches(scim: ScimClient) -> None:
    created = scim.post("Users", garbage_user("OMalley"))
    assert created.status_code == 201, describe(created)
    user_id = created.json()["id"]
    path = f"Users/{user_id}"
    scim.create_user()
    scim.create_user()

    # "Put a user misspelled attribute": the unknown name is ignored and, a PUT being a replace
    # (RFC 7644 §3.5.1), no addresses remain.
    misspelled = garbage_user("OMalley", id=user_id, active=False)
    misspelled["adreses"] = misspelled.pop("addresses")
    replaced = scim.put(path, misspelled)
    assert replaced.status_code == 200, describe(replaced)
    assert "adreses" not in replaced.text and "addresses" not in replaced.json(), describe(replaced)
    after = scim.read(path)
    assert "addresses" not in after and after["active"] is False

    # A rename onto someone else's userName (in another case) is a uniqueness conflict (§0.4).
    taken = scim.create_user(f"{unique('taken')}@example.com")
    conflict = scim.patch(path, {"op": "Replace", "path": "userName", "value": taken["userName"].upper()})
    assert_scim_error(conflict, 409, "uniqueness")
    assert scim.read(path)["userName"] == "OMalley"

    # "Patch user omalley new username" and "active with boolean".
    assert_patched(scim.patch(path, {"op": "Replace", "path": "userName", "value": "newusername"}))
    assert_patched(scim.patch(path, {"op": "Replace", "path": "active", "value": False}))
    user = scim.read(path)
    assert user["userName"] == "newusername" and user["active"] is False

    # "Put a user OMalley": a full replace back.
    put = scim.put(path, garbage_user("OMalley", id=user_id, active=False))
    assert put.status_code == 200, describe(put)
    assert put.json()["userName"] == "OMalley" and put.json()["active"] is False
    assert "Bermuda" in put.text

    # "Paginate".
    body = scim.page("Users", startIndex=1, count=2)
    assert (body["totalResults"], body["itemsPerPage"]) == (4, 2), body


def test_postman_collection_groups(scim: ScimClient) -> None:
    # The collection's group requests: members named with `displayName`, a per-operation `name`, a top-level
    # `id` in the PATCH body, a PUT with the full member list, and a remove of all members.
    vp, senior = scim.create_user(), scim.create_user()
    empty = scim.post(
        "Groups",
        {"externalId": uuid.uuid4().hex, "schemas": [GROUP_SCHEMA], "displayName": unique("Group1"), "members": []},
    )
    assert empty.status_code == 201, describe(empty)
    group_id = empty.json()["id"]
    path = f"Groups/{group_id}"
    filled = scim.post(
        "Groups",
        {
            "schemas": [GROUP_SCHEMA],
            "externalId": uuid.uuid4().hex,
            "displayName": unique("Group2"),
            "members": [{"value": vp["id"], "display": "VP"}],
        },
    )
    assert filled.status_code == 201, describe(filled)
    assert {m["value"]: m.get("display") for m in scim.read(f"Groups/{filled.json()['id']}")["members"]} == {
        vp["id"]: "VP"
    }

    # "Put replace group3".
    third = scim.create_group(unique("Group3"))
    put = scim.put(
        f"Groups/{third['id']}",
        {
            "schemas": [GROUP_SCHEMA],
            "id": third["id"],
            "displayName": "putName",
            "members": [{"value": vp["id"], "display": "VP"}, {"value": senior["id"], "display": "SenorVP"}],
        },
    )
    assert put.status_code == 200, describe(put)
    group = scim.read(f"Groups/{third['id']}")
    assert group["displayName"] == "putName"
    assert {m["value"]: m.get("display") for m in group["members"]} == {vp["id"]: "VP", senior["id"]: "SenorVP"}

    # "Patch add user4 to group1": the member's `displayName` maps to `display`; `name` is dropped.
    add = {
        "name": "addMember",
        "op": "add",
        "path": "members",
        "value": [{"displayName": "new User", "value": vp["id"]}],
    }
    assert_patched(scim.patch(path, add))
    assert {m["value"]: m.get("display") for m in scim.read(path)["members"]} == {vp["id"]: "new User"}

    # "Patch remove user4 from group1", then add again, with a top-level id in the body this time.
    assert_patched(scim.patch(path, {"op": "remove", "path": f'members[value eq "{vp["id"]}"]'}))
    assert member_ids(scim.read(path)) == set()
    with_id = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "id": group_id, "Operations": [add]}
    assert_patched(scim.request("PATCH", path, body=with_id))
    assert member_ids(scim.read(path)) == {vp["id"]}

    # "Patch remove all users": a remove on members with no value and no filter empties the group.
    assert_patched(scim.patch(path, {"op": "remove", "path": "members"}))
    assert member_ids(scim.read(path)) == set()
    assert "new User" not in scim.get(path).text

    for resource_path in (path, f"Groups/{filled.json()['id']}", f"Groups/{third['id']}"):
        assert scim.delete(resource_path).status_code == 204
        assert_scim_error(scim.get(resource_path), 404)
