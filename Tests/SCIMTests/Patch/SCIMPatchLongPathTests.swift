import Testing

@testable import SCIM

/// Regression for issue 8: `PATCH /Groups/{id}` with `members[value eq "0" or value eq "1" or … ]` of 20,000 ids
/// (390 KB, well under the body limit) parsed into a filter 20,000 levels deep, and walking it overflowed the worker's
/// stack: the whole server died. Found by the hostile-input tests; PATCH paths are now bounded like query filters.
@Suite("PATCH paths too long to walk safely")
struct SCIMPatchLongPathTests {
    static func memberFilter(ids: Int, attribute: String = "members") -> String {
        attribute + "[" + (0..<ids).map { #"value eq "\#($0)""# }.joined(separator: " or ") + "]"
    }

    @Test("the member filter that crashed the server is refused as invalidPath, for groups and users alike")
    func crashingPathIsRefused() {
        let operations = [SCIMPatchOperation(op: .remove, path: Self.memberFilter(ids: 20_000))]
        let groupError = scimError { _ = try SCIMPatchEngine.applyToGroup(operations, to: ["displayName": "Eng"]) }
        #expect(groupError?.scimType == .invalidPath)
        #expect(groupError?.detail.contains("\(SCIMPatchTarget.maxLength) bytes") == true)

        let emails = [SCIMPatchOperation(op: .remove, path: Self.memberFilter(ids: 20_000, attribute: "emails"))]
        let userError = scimError { _ = try SCIMPatchEngine.applyToUser(emails, to: try storedUser()) }
        #expect(userError?.scimType == .invalidPath)
    }

    @Test("a path one byte over the limit is refused and one at the limit is read")
    func boundary() throws {
        let base = #"members[value eq ""#
        let atLimit = base + String(repeating: "a", count: SCIMPatchTarget.maxLength - base.utf8.count - 2) + #""]"#
        #expect(atLimit.utf8.count == SCIMPatchTarget.maxLength)
        let result = try SCIMPatchEngine.applyToGroup(
            [SCIMPatchOperation(op: .remove, path: atLimit)], to: ["displayName": "Eng"])
        #expect(result.membership.remove.count == 1)
        let overLimit = base + String(repeating: "a", count: SCIMPatchTarget.maxLength - base.utf8.count - 1) + #""]"#
        let error = scimError {
            _ = try SCIMPatchEngine.applyToGroup(
                [SCIMPatchOperation(op: .remove, path: overLimit)], to: ["displayName": "Eng"])
        }
        #expect(error?.scimType == .invalidPath)
    }

    @Test("a member filter of 150 ids, as JumpCloud or-s them, still removes every one")
    func manyIDsWithinTheLimit() throws {
        let ids = (100_000_000_000..<100_000_000_150).map { "2819c223-7f76-453a-919d-\($0)" }
        let path = "members[" + ids.map { #"value eq "\#($0)""# }.joined(separator: " or ") + "]"
        #expect(path.utf8.count <= SCIMPatchTarget.maxLength)
        let result = try SCIMPatchEngine.applyToGroup(
            [SCIMPatchOperation(op: .remove, path: path)], to: ["displayName": "Eng"])
        #expect(result.membership.remove == ids)
    }

    @Test("an over-long path-less key is ignored like any unknown key, without walking it")
    func longPathlessKey() throws {
        let key = Self.memberFilter(ids: 20_000, attribute: "emails") + ".value"
        let result = try SCIMPatchEngine.applyToUser(
            [SCIMPatchOperation(op: .add, value: .object([key: "x", "title": "T"]))], to: try storedUser())
        #expect(result["title"] == "T")
    }
}
