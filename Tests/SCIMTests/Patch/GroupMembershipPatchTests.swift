import Testing

@testable import SCIM

@Suite("PATCH: group membership changes")
struct GroupMembershipPatchTests {
    let group: JSONValue = ["displayName": "Eng"]

    @Test("remove of members with neither filter nor value removes everyone")
    func removeEveryone() throws {
        let result = try patchGroup(group, patchBody(#"[{"op":"remove","path":"members"}]"#))
        #expect(result.membership == SCIMMembershipChange(removeAll: true))
    }

    @Test("Entra's members with $ref null and displayName instead of display")
    func entraMemberShapes() throws {
        let result = try patchGroup(
            group,
            patchBody(
                #"""
                [{"op":"Add","path":"members","value":[{"$ref":null,"value":"u-1","displayName":"Alice"},
                {"value":"g-2","type":"group"}]}]
                """#
            ))
        #expect(
            result.membership.add == [
                SCIMMember(value: "u-1", type: "User", display: "Alice"), SCIMMember(value: "g-2", type: "Group"),
            ])
    }

    @Test("a single member object where a list is expected is accepted")
    func singleMemberObject() throws {
        let result = try patchGroup(group, patchBody(#"[{"op":"add","path":"members","value":{"value":"u-1"}}]"#))
        #expect(result.membership.add == [SCIMMember(value: "u-1")])
    }

    @Test("a path-less add or replace may carry members next to attributes")
    func pathlessMembers() throws {
        let added = try patchGroup(
            group, patchBody(#"[{"op":"add","value":{"displayName":"Engineering","members":[{"value":"u-1"}]}}]"#))
        #expect(added.attributes["displayName"] == "Engineering")
        #expect(added.membership.add == [SCIMMember(value: "u-1")])
        let replaced = try patchGroup(group, patchBody(#"[{"op":"replace","value":{"Members":[{"value":"u-2"}]}}]"#))
        #expect(replaced.membership.replaceAll == [SCIMMember(value: "u-2")])
        #expect(replaced.attributes["displayName"] == "Eng")
    }

    @Test(
        "operations compose in request order",
        arguments: [
            (
                #"""
                [{"op":"add","path":"members","value":[{"value":"a"}]},{"op":"remove",
                "path":"members[value eq \"a\"]"}]
                """#,
                SCIMMembershipChange(remove: ["a"])
            ),
            (
                #"""
                [{"op":"remove","path":"members[value eq \"a\"]"},{"op":"add","path":"members",
                "value":[{"value":"a"}]}]
                """#,
                SCIMMembershipChange(add: [SCIMMember(value: "a")])
            ),
            (
                #"[{"op":"add","path":"members","value":[{"value":"a"}]},{"op":"remove","path":"members"}]"#,
                SCIMMembershipChange(removeAll: true)
            ),
            (
                #"[{"op":"remove","path":"members"},{"op":"add","path":"members","value":[{"value":"b"}]}]"#,
                SCIMMembershipChange(add: [SCIMMember(value: "b")], removeAll: true)
            ),
            (
                #"""
                [{"op":"replace","path":"members","value":[{"value":"a"}]},{"op":"add","path":"members",
                "value":[{"value":"b"}]},{"op":"remove","path":"members[value eq \"a\"]"}]
                """#,
                SCIMMembershipChange(replaceAll: [SCIMMember(value: "b")])
            ),
            (
                #"[{"op":"replace","path":"members","value":[{"value":"a"}]},{"op":"remove","path":"members"}]"#,
                SCIMMembershipChange(replaceAll: [])
            ),
            (
                #"[{"op":"add","path":"members","value":[{"value":"a"},{"value":"a","display":"A"}]}]"#,
                SCIMMembershipChange(add: [SCIMMember(value: "a", display: "A")])
            ),
        ] as [(String, SCIMMembershipChange)])
    func composition(operations: String, expected: SCIMMembershipChange) throws {
        #expect(try patchGroup(group, patchBody(operations)).membership == expected)
    }

    @Test("applying a change to a membership gives the final membership")
    func applied() {
        let current = [SCIMMember(value: "a"), SCIMMember(value: "b"), SCIMMember(value: "c")]
        var change = SCIMMembershipChange()
        change.remove(["b"])
        change.add([SCIMMember(value: "d"), SCIMMember(value: "a", display: "A")])
        #expect(
            change.applied(to: current) == [
                SCIMMember(value: "a", display: "A"), SCIMMember(value: "c"), SCIMMember(value: "d"),
            ])
    }

    @Test(
        "member operations the engine cannot answer without loading members are refused",
        arguments: [
            (#"[{"op":"remove","path":"members[type eq \"Group\"]"}]"#, SCIMErrorType.invalidPath),
            (#"[{"op":"remove","path":"members[value co \"u\"]"}]"#, .invalidPath),
            (#"[{"op":"replace","path":"members[value eq \"a\"].display","value":"A"}]"#, .mutability),
            (#"[{"op":"add","path":"members[value eq \"a\"]","value":{"value":"b"}}]"#, .invalidPath),
            (#"[{"op":"add","path":"members","value":[{"display":"no id"}]}]"#, .invalidValue),
            (#"[{"op":"add","path":"members","value":[{"value":"a","type":"Robot"}]}]"#, .invalidValue),
            (#"[{"op":"remove","path":"displayName"}]"#, .mutability),
            (#"[{"op":"add","value":{"members[value eq \"a\"].display":"A"}}]"#, .invalidPath),
        ] as [(String, SCIMErrorType)])
    func refused(operations: String, type: SCIMErrorType) throws {
        let error = scimError { _ = try patchGroup(group, patchBody(operations)) }
        #expect(error?.scimType == type, "\(operations): \(String(describing: error))")
    }

    @Test("members inside the core Group URN object are membership changes, never attributes")
    func membersUnderCoreURN() throws {
        let result = try patchGroup(
            group,
            patchBody(
                #"""
                [{"op":"add","value":{"urn:ietf:params:scim:schemas:core:2.0:Group":{"displayName":"E",
                "members":[{"value":"u-1"}]}}}]
                """#))
        #expect(result.attributes["displayName"] == "E")
        #expect(result.attributes["members"] == nil)
        #expect(result.membership.add == [SCIMMember(value: "u-1")])
        let created = try SCIMResourceNormalizer.normalizeGroup(
            json(#"{"urn:ietf:params:scim:schemas:core:2.0:Group":{"displayName":"E","Members":[{"value":"u-2"}]}}"#))
        #expect(created.attributes == ["schemas": [.string(SCIMSchemas.groupURN)], "displayName": "E"])
        #expect(created.members == [SCIMMember(value: "u-2")])
    }

    @Test("a full push of 20,000 members is read and composed in linear time")
    func largePush() throws {
        let members = (0..<20_000).map { #"{"value":"u-\#($0)"}"# }.joined(separator: ",")
        let operations =
            #"[{"op":"replace","path":"members","value":[\#(members)]},"#
            + #"{"op":"remove","path":"members[value eq \"u-7\"]"}]"#
        let body = patchBody(operations)
        let clock = ContinuousClock()
        let started = clock.now
        let result = try patchGroup(group, body)
        #expect(clock.now - started < .seconds(5))
        #expect(result.membership.replaceAll?.count == 19_999)
        #expect(result.membership.replaceAll?.contains { $0.value == "u-7" } == false)
    }

    @Test("a remove on members with an empty value list removes nobody")
    func emptyRemovalList() throws {
        let result = try patchGroup(group, patchBody(#"[{"op":"remove","path":"members","value":[]}]"#))
        #expect(result.membership.isEmpty)
    }

    @Test("stored members in the group resource are ignored, never echoed into the attributes")
    func storedMembersIgnored() throws {
        let result = try patchGroup(
            ["displayName": "Eng", "members": [["value": "x"]]],
            patchBody(#"[{"op":"replace","path":"displayName","value":"E"}]"#))
        #expect(result.attributes["members"] == nil)
    }
}
