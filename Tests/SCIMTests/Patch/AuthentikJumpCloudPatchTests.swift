import Testing

@testable import SCIM

/// authentik's outbound provider and JumpCloud (IDP_BEHAVIOUR.md §4, §7.1).
@Suite("PATCH: authentik and JumpCloud")
struct AuthentikJumpCloudPatchTests {
    @Test("authentik's path-less replace of the whole group ignores schemas and keeps members untouched")
    func wholeGroupReplace() throws {
        let result = try patchGroup(
            ["displayName": "Eng", "externalId": "old"],
            patchBody(
                #"""
                [{"op":"replace","value":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName":"Engineering","externalId":"ak-1"}}]
                """#
            ))
        #expect(
            result.attributes
                == ["schemas": [.string(SCIMSchemas.groupURN)], "displayName": "Engineering", "externalId": "ak-1"])
        #expect(result.membership.isEmpty)
    }

    @Test("remove on members with a value array removes only the listed members (authentik, JumpCloud)")
    func removeWithValue() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(#"[{"op":"remove","path":"members","value":[{"value":"u-1"},{"value":"u-2"}]}]"#))
        #expect(result.membership == SCIMMembershipChange(remove: ["u-1", "u-2"]))
        #expect(!result.membership.removeAll)
    }

    @Test("JumpCloud's RFC form members[value eq \"a\" or value eq \"b\"] removes both")
    func removeDisjunction() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(#"[{"op":"remove","path":"members[value eq \"a\" or value eq \"b\"]"}]"#))
        #expect(result.membership.remove == ["a", "b"])
    }

    @Test("authentik adds one member per operation; all of them are collected")
    func oneAddPerOperation() throws {
        let result = try patchGroup(
            ["displayName": "Eng"],
            patchBody(
                #"""
                [{"op":"add","path":"members","value":[{"value":"u-1"}]},{"op":"add","path":"members",
                "value":[{"value":"u-2"}]}]
                """#
            ))
        #expect(result.membership.add.map(\.value) == ["u-1", "u-2"])
    }
}
