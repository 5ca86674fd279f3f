import Testing

@testable import SCIM

/// Requests Okta's OIN connector sends (IDP_BEHAVIOUR.md §1).
@Suite("PATCH: Okta")
struct OktaPatchTests {
    @Test("deactivate and reactivate by path-less replace of active")
    func deactivate() throws {
        let stored = try storedUser(#""active":true"#)
        let inactive = try patchUser(stored, patchBody(#"[{"op":"replace","value":{"active":false}}]"#))
        #expect(inactive["active"] == false)
        let active = try patchUser(inactive, patchBody(#"[{"op":"replace","value":{"active":true}}]"#))
        #expect(active["active"] == true)
        #expect(active["userName"] == "alice@example.com")
    }

    @Test("password sync by path-less replace is accepted and the password never stored")
    func passwordSync() throws {
        let result = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","value":{"password":"X9f2!"}}]"#))
        #expect(result["password"] == nil)
        let withPath = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","path":"password","value":"X"}]"#))
        #expect(withPath["password"] == nil)
    }

    @Test("group rename carries the group's id, which is ignored when unchanged")
    func groupRenameWithID() throws {
        let stored: JSONValue = ["id": "g-1", "displayName": "Eng"]
        let result = try patchGroup(
            stored, patchBody(#"[{"op":"replace","value":{"id":"g-1","displayName":"Engineering"}}]"#))
        #expect(result.attributes["displayName"] == "Engineering")
        #expect(result.membership.isEmpty)
        let withoutStoredID = try patchGroup(
            ["displayName": "Eng"], patchBody(#"[{"op":"replace","value":{"id":"g-1","displayName":"Engineering"}}]"#))
        #expect(withoutStoredID.attributes["displayName"] == "Engineering")
        #expect(withoutStoredID.attributes["id"] == nil)
    }

    @Test("a path-less value with a different id than the stored one is a mutability error")
    func differentID() {
        let error = scimError {
            _ = try patchGroup(
                ["id": "g-1", "displayName": "Eng"], patchBody(#"[{"op":"replace","value":{"id":"g-2"}}]"#))
        }
        #expect(error?.scimType == .mutability)
    }

    @Test("remove by members[value eq \"id\"] with no value removes that member only")
    func filteredMemberRemove() throws {
        let result = try patchGroup(
            ["displayName": "Eng"], patchBody(#"[{"op":"remove","path":"members[value eq \"u-bob\"]"}]"#))
        #expect(result.membership == SCIMMembershipChange(remove: ["u-bob"]))
    }

    @Test("add members without type defaults the type to User and keeps display")
    func addWithoutType() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(#"[{"op":"add","path":"members","value":[{"value":"u-alice","display":"alice@example.com"}]}]"#))
        #expect(result.membership.add == [SCIMMember(value: "u-alice", type: "User", display: "alice@example.com")])
    }

    @Test("a membership change of remove then add in one request keeps both effects")
    func removeThenAdd() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(
                #"""
                [{"op":"remove","path":"members[value eq \"u-bob\"]"},{"op":"add","path":"members",
                "value":[{"value":"u-alice","display":"alice@example.com"}]}]
                """#
            ))
        #expect(result.membership.remove == ["u-bob"])
        #expect(result.membership.add.map(\.value) == ["u-alice"])
        #expect(
            result.membership.applied(to: [SCIMMember(value: "u-bob"), SCIMMember(value: "u-carol")]).map(\.value)
                == ["u-carol", "u-alice"])
    }

    @Test("replace members pushes the full membership")
    func replaceAll() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(#"[{"op":"replace","path":"members","value":[{"value":"u-alice"},{"value":"u-carol"}]}]"#))
        #expect(result.membership.replaceAll?.map(\.value) == ["u-alice", "u-carol"])
        #expect(result.membership.add.isEmpty && result.membership.remove.isEmpty)
    }
}
