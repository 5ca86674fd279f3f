import Testing

@testable import SCIM

/// Entra's group requests (IDP_BEHAVIOUR.md §2.2, requests 17-19).
@Suite("PATCH: Microsoft Entra ID groups")
struct EntraGroupPatchTests {
    let group: JSONValue = ["displayName": "Engineering"]

    @Test("rename by Replace displayName")
    func rename() throws {
        let result = try patchGroup(
            group, patchBody(#"[{"op":"Replace","path":"displayName","value":"Engineering EU"}]"#))
        #expect(result.attributes["displayName"] == "Engineering EU")
        #expect(result.membership.isEmpty)
    }

    @Test("add several members in one operation with $ref null")
    func addMembers() throws {
        let result = try patchGroup(
            group,
            patchBody(
                #"[{"op":"Add","path":"members","value":[{"$ref":null,"value":"u-1"},{"$ref":null,"value":"u-2"}]}]"#))
        #expect(result.membership.add == [SCIMMember(value: "u-1"), SCIMMember(value: "u-2")])
    }

    @Test("remove without the flag (path members plus value) and with it (filtered path) remove the same member")
    func removeBothForms() throws {
        let unflagged = try patchGroup(
            group, patchBody(#"[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"u-1"}]}]"#))
        let flagged = try patchGroup(group, patchBody(#"[{"op":"remove","path":"members[value eq \"u-1\"]"}]"#))
        #expect(unflagged.membership == SCIMMembershipChange(remove: ["u-1"]))
        #expect(flagged.membership == unflagged.membership)
    }

    @Test("several membership updates in a single PATCH (gallery requirement)")
    func severalUpdates() throws {
        let result = try patchGroup(
            group,
            patchBody(
                #"""
                [{"op":"Add","path":"members","value":[{"value":"u-1"}]},
                 {"op":"Remove","path":"members","value":[{"value":"u-2"}]},
                 {"op":"Add","path":"members","value":[{"value":"u-3"}]}]
                """#))
        #expect(
            result.membership
                == SCIMMembershipChange(add: [SCIMMember(value: "u-1"), SCIMMember(value: "u-3")], remove: ["u-2"]))
    }
}
