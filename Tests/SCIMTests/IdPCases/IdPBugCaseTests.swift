import Testing

@testable import SCIM

/// One test per row of shared/cases/idp-bug-cases.tsv whose fault lies in the protocol layer (parsing,
/// PATCH, normalising, projection, list shape). Rows that also need storage or HTTP behaviour test the
/// protocol half here; the rest of the row belongs to those layers' tests.
@Suite("IdP fault cases (idp-bug-cases.tsv)")
struct IdPBugCaseTests {
    let engineering: JSONValue = ["displayName": "Engineering"]

    @Test("B01 Entra's remove on members with a value removes only that member")
    func b01() throws {
        let result = try patchGroup(
            engineering,
            patchBody(#"[{"op":"Remove","path":"members","value":[{"value":"u-alice"}]}]"#))
        #expect(result.membership == SCIMMembershipChange(remove: ["u-alice"]))
        let after = result.membership.applied(to: [SCIMMember(value: "u-alice"), SCIMMember(value: "u-bob")])
        #expect(after == [SCIMMember(value: "u-bob")])
    }

    @Test("B02 a remove carrying a value is accepted, not refused as invalidValue")
    func b02() throws {
        let result = try patchGroup(
            engineering,
            patchBody(#"[{"op":"Remove","path":"members","value":[{"value":"u-bob"}]}]"#))
        #expect(result.membership.remove == ["u-bob"])
        #expect(!result.membership.removeAll)
    }

    @Test("B03 active \"False\" as a string disables the user")
    func b03() throws {
        let result = try patchUser(
            try storedUser(#""active":true"#),
            patchBody(#"[{"op":"Replace","path":"active","value":"False"}]"#))
        #expect(result["active"] == false)
    }

    @Test("B04 a path-less replace applies dotted and extension-URN keys")
    func b04() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"replace","value":{"displayName":"Alice Ng","name.givenName":"Alice","name.familyName":"Ng",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"E-1001"}}]
                """#
            ))
        #expect(result["name"]?["givenName"] == "Alice")
        #expect(result["name"]?["familyName"] == "Ng")
        #expect(result[enterpriseURN]?["employeeNumber"] == "E-1001")
        #expect(result["displayName"] == "Alice Ng")
    }

    @Test("B05 a path-less add expands dotted name keys")
    func b05() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"add","value":{"displayName":"Alice Ng","title":"Analyst","name.givenName":"Alice",
                "name.familyName":"Ng","name.formatted":"Alice Ng"}}]
                """#
            ))
        #expect(result["name"] == ["givenName": "Alice", "familyName": "Ng", "formatted": "Alice Ng"])
        #expect(result["title"] == "Analyst")
    }

    @Test("B06 the manager as a bare id string becomes {value}")
    func b06() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                "value":"u-0042"}]
                """#
            ))
        #expect(result[enterpriseURN] == ["manager": ["value": "u-0042"]])
    }

    @Test("B07 replacing the work email when the stored email has no type creates it instead of noTarget")
    func b07() throws {
        let stored = try storedUser(#""emails":[{"value":"alice@example.com","primary":true}]"#)
        let result = try patchUser(
            stored,
            patchBody(#"[{"op":"replace","path":"emails[type eq \"work\"].value","value":"alice.ng@example.com"}]"#))
        let emails = result["emails"]?.arrayValue ?? []
        #expect(emails.contains { $0["type"] == "work" && $0["value"] == "alice.ng@example.com" })
        #expect(emails.filter { $0["primary"] == true }.count == 1)
    }

    @Test("B08 a filtered replace of the work email leaves the home email untouched")
    func b08() throws {
        let stored = try storedUser(
            #"""
            "emails":[{"value":"alice@example.com","type":"work","primary":true},{"value":"alice@home.example",
            "type":"home"}]
            """#
        )
        let result = try patchUser(
            stored,
            patchBody(#"[{"op":"replace","path":"emails[type eq \"work\"].value","value":"alice.ng@example.com"}]"#))
        #expect(
            result["emails"] == [
                ["type": "work", "value": "alice.ng@example.com", "primary": true],
                ["type": "home", "value": "alice@home.example"],
            ])
    }

    @Test("B09 one add per sub-attribute of the same filtered element fills one address")
    func b09() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"add","path":"addresses[type eq \"work\"].formatted","value":"1 Main St, Springfield"},
                {"op":"add","path":"addresses[type eq \"work\"].locality","value":"Springfield"},{"op":"add",
                "path":"addresses[type eq \"work\"].region","value":"IL"}]
                """#
            ))
        #expect(
            result["addresses"] == [
                ["type": "work", "formatted": "1 Main St, Springfield", "locality": "Springfield", "region": "IL"]
            ])
    }

    @Test("B10 userName eq compares without case: the path says caseExact false and evaluation agrees")
    func b10() throws {
        let filter = try SCIMFilter.parse(#"userName eq "ALICE@EXAMPLE.COM""#, resourceType: .user)
        guard case .compare(let path, .eq, _) = filter else {
            Issue.record("unexpected \(filter)")
            return
        }
        #expect(path.definition.caseExact == false)
        #expect(filter.matches(["userName": "alice@example.com"]))
    }

    @Test("B11 an upper-case operator and differently cased attribute name parse like the canonical filter")
    func b11() throws {
        #expect(
            try SCIMFilter.parse(#"UserName EQ "alice@example.com""#, resourceType: .user)
                == SCIMFilter.parse(#"userName eq "alice@example.com""#, resourceType: .user))
    }

    @Test("B12 excludedAttributes=members removes members from a group")
    func b12() throws {
        let query = try SCIMListQuery(
            queryItems: [(name: "excludedAttributes", value: "members")], resourceType: .group, maxResults: 100)
        let projection = query.projection(for: .group)
        let group: JSONValue = [
            "id": "g-eng", "displayName": "Engineering", "members": [["value": "u-1"]],
            "meta": ["resourceType": "Group"],
        ]
        let result = projection.apply(to: group)
        #expect(result["members"] == nil)
        #expect(result["id"] == "g-eng" && result["displayName"] == "Engineering")
        #expect(result["meta"] == ["resourceType": "Group"])
        #expect(!projection.returns(attribute: "members"))
    }

    @Test("B13 a uniqueness conflict body has scimType uniqueness and status 409")
    func b13() {
        let body = SCIMError.uniqueness("userName alice@example.com is already taken").json
        #expect(body["scimType"] == "uniqueness")
        #expect(body["status"] == "409")
        #expect(body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
    }

    @Test("B15 externalId eq parses and compares case-exactly")
    func b15() throws {
        let filter = try SCIMFilter.parse(
            #"externalId eq "2a69c9a6-1708-45b7-0000-a7b4c8fb1000""#, resourceType: .user)
        guard case .compare(let path, .eq, "2a69c9a6-1708-45b7-0000-a7b4c8fb1000") = filter else {
            Issue.record("unexpected \(filter)")
            return
        }
        #expect(path.isCommonAttribute && path.definition.caseExact)
        #expect(!filter.matches(["externalId": "2A69C9A6-1708-45B7-0000-A7B4C8FB1000"]))
    }

    @Test("B16 an unquoted externalId value is read as a string")
    func b16() throws {
        let filter = try SCIMFilter.parse("externalId eq jdoe-0001", resourceType: .user)
        #expect(filter == .compare(SCIMAttributePath.resolve("externalId", resourceType: .user)!, .eq, "jdoe-0001"))
        #expect(filter.matches(["externalId": "jdoe-0001"]))
    }

    @Test("B17 the group displayName filter matches one group without case, and members are excluded")
    func b17() throws {
        let query = try SCIMListQuery(
            queryItems: [
                (name: "excludedAttributes", value: "members"),
                (name: "filter", value: #"displayName eq "engineering""#),
            ], resourceType: .group, maxResults: 100)
        let groups: [JSONValue] = ["Engineering", "Sales", "Ops"].map { ["displayName": .string($0), "members": []] }
        let matching = groups.filter { query.filter!.matches($0) }
        #expect(matching.map { $0["displayName"] } == ["Engineering"])
        #expect(!query.projection(for: .group).returns(attribute: "members"))
    }

    @Test("B18 a group PUT yields exactly the members it lists")
    func b18() throws {
        let put = try SCIMResourceNormalizer.normalizeGroup(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g-eng","displayName":"Engineering",
                "members":[{"value":"u-carol"}]}
                """#
            ))
        #expect(put.members == [SCIMMember(value: "u-carol")])
        var change = SCIMMembershipChange()
        change.replace(with: put.members)
        #expect(change.applied(to: [SCIMMember(value: "u-alice"), SCIMMember(value: "u-bob")]) == put.members)
    }

    @Test("B19 adding one member to a large group is a change of one row, not a rewrite")
    func b19() throws {
        let result = try patchGroup(
            ["displayName": "All"], patchBody(#"[{"op":"add","path":"members","value":[{"value":"u-0151"}]}]"#))
        #expect(result.membership == SCIMMembershipChange(add: [SCIMMember(value: "u-0151")]))
        let existing = (1...150).map { SCIMMember(value: "u-\($0)") }
        #expect(result.membership.applied(to: existing).count == 151)
    }

    @Test("B20 Okta's filtered remove without a value removes that member")
    func b20() throws {
        let result = try patchGroup(
            engineering, patchBody(#"[{"op":"remove","path":"members[value eq \"u-bob\"]"}]"#))
        #expect(result.membership.remove == ["u-bob"])
        #expect(
            result.membership.applied(to: [SCIMMember(value: "u-alice"), SCIMMember(value: "u-bob")])
                == [SCIMMember(value: "u-alice")])
    }

    @Test("B21 Okta members without type default to User")
    func b21() throws {
        let result = try patchGroup(
            engineering,
            patchBody(#"[{"op":"add","path":"members","value":[{"value":"u-alice","display":"alice@example.com"}]}]"#))
        #expect(result.membership.add == [SCIMMember(value: "u-alice", type: "User", display: "alice@example.com")])
    }

    @Test("B22 a list request without startIndex or count uses startIndex 1 and the default page size")
    func b22() throws {
        let query = try SCIMListQuery(queryItems: [], resourceType: .user, maxResults: 100)
        #expect(query.startIndex == 1)
        #expect(query.count == nil)
        #expect(query.filter == nil)
    }

    @Test("B23 startIndex 4 and count 3 are passed through unchanged")
    func b23() throws {
        let query = try SCIMListQuery(
            queryItems: [(name: "startIndex", value: "4"), (name: "count", value: "3")], resourceType: .user,
            maxResults: 100)
        #expect(query.startIndex == 4)
        #expect(query.count == 3)
        let page = SCIMListResponse(
            totalResults: 8, startIndex: 4, resources: [["id": "u4"], ["id": "u5"], ["id": "u6"]])
        #expect(page.json["startIndex"] == 4 && page.json["itemsPerPage"] == 3 && page.json["totalResults"] == 8)
    }

    @Test("B24 totalResults is the number of matches, not the page size")
    func b24() {
        let page = SCIMListResponse(totalResults: 6, startIndex: 1, resources: [["id": "u1"], ["id": "u2"]]).json
        #expect(page["totalResults"] == 6)
        #expect(page["itemsPerPage"] == 2)
        #expect(page["startIndex"] == 1)
    }
}
