import Testing

@testable import SCIM

@Suite("Parsers on arbitrary input")
struct SCIMFilterRobustnessTests {
    static let filterTokens = [
        "userName", "emails", "emails.value", "name.familyName", "meta.lastModified", "active", "title", "type",
        "value", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "eq", "NE", "co",
        "sw", "pr", "gt", "and", "OR", "not", "(", ")", "[", "]", ".", "\"x\"", "\"\\u00e9\"", "\"", "true", "null",
        "42", "-1.5e3", "jyoung", " ", " ", " ", "\\", "ü", "😀",
    ]

    /// A random well-formed filter in varied spelling: operator and name case, spacing, quoting.
    static func wellFormed(depth: Int, using random: inout SeededGenerator) -> String {
        let comparisons: [(String, [String])] = [
            ("userName", [#""alice""#, #""Zoë \"Z\"""#, "bare-token"]),
            ("NAME.familyName", [#""Ng""#]),
            ("emails.value", [#""a@x.com""#]),
            ("Active", ["true", "False", #""True""#]),
            ("meta.lastModified", [#""2026-01-01T00:00:00Z""#]),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", ["1001", #""E-1""#]),
        ]
        let choice = depth <= 0 ? Int.random(in: 0...1, using: &random) : Int.random(in: 0...6, using: &random)
        switch choice {
        case 0:
            let (name, values) = comparisons.randomElement(using: &random)!
            let op =
                name == "Active"
                ? ["eq", "NE"].randomElement(using: &random)! : ["eq", "Ne", "GT", "le"].randomElement(using: &random)!
            return "\(name) \(op) \(values.randomElement(using: &random)!)"
        case 1:
            return "\(["title", "emails", "nickName"].randomElement(using: &random)!) pr"
        case 2:
            return "\(wellFormed(depth: depth - 1, using: &random)) and \(wellFormed(depth: depth - 1, using: &random))"
        case 3:
            return "\(wellFormed(depth: depth - 1, using: &random)) OR \(wellFormed(depth: depth - 1, using: &random))"
        case 4:
            return "not (\(wellFormed(depth: depth - 1, using: &random)))"
        case 5:
            return "(\(wellFormed(depth: depth - 1, using: &random)))"
        default:
            return #"emails[type eq "work" and (value co "@x" or primary eq true)]"#
        }
    }

    @Test("random well-formed filters parse, render canonically and parse back to the same filter")
    func roundTrips() throws {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<3_000 {
            let text = Self.wellFormed(depth: 4, using: &random)
            let filter = try SCIMFilter.parse(text, resourceType: .user, maxLength: 100_000)
            #expect(
                try SCIMFilter.parse(filter.description, resourceType: .user, maxLength: 100_000) == filter, "\(text)")
            _ = filter.matches(SCIMFilterEvaluationTests.alice)
        }
    }

    @Test("random token sequences either parse (and round-trip) or fail with invalidFilter")
    func randomFilters() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...12, using: &random)
            let text = (0..<length).map { _ in Self.filterTokens.randomElement(using: &random)! }.joined()
            do {
                let filter = try SCIMFilter.parse(text, resourceType: .user)
                #expect((try? SCIMFilter.parse(filter.description, resourceType: .user)) == filter, "\(text)")
                _ = filter.matches(SCIMFilterEvaluationTests.alice)
            } catch let error as SCIMError {
                #expect(error.scimType == .invalidFilter, "\(text): \(error)")
            } catch {
                Issue.record("unexpected error \(error) for \(text)")
            }
        }
    }

    @Test("random PATCH paths either apply or fail with a SCIM error")
    func randomPatchPaths() throws {
        var random = SeededGenerator(seed: 11)
        let stored = try storedUser(#""emails":[{"value":"a@x.com","type":"work"}],"name":{"givenName":"A"}"#)
        for _ in 0..<5_000 {
            let length = Int.random(in: 1...6, using: &random)
            let path = (0..<length).map { _ in Self.filterTokens.randomElement(using: &random)! }.joined()
            let operation = SCIMPatchOperation(
                op: [.add, .replace, .remove].randomElement(using: &random)!, path: path, value: "v")
            do {
                _ = try SCIMPatchEngine.applyToUser([operation], to: stored)
            } catch is SCIMError {
                continue
            } catch {
                Issue.record("unexpected error \(error) for \(path)")
            }
        }
    }

    @Test("mutated JSON documents either parse or fail with invalidSyntax")
    func mutatedJSON() throws {
        var random = SeededGenerator(seed: 3)
        let seed = Array(
            #"{"userName":"Zoë","emails":[{"value":"a@x.com","primary":true}],"n":-1.5e3,"z":null,"u":"\ud83d\ude00"}"#
                .utf8)
        let alphabet = Array(#"{}[]",:\\/"ub0123456789eE+-.tfnl "#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        for _ in 0..<20_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = alphabet.randomElement(using: &random)!
                case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            do {
                let value = try JSONValue.parse(bytes)
                #expect(try JSONValue.parse(value.serialized()) == value)
            } catch let error as SCIMError {
                #expect(error.scimType == .invalidSyntax)
            }
        }
    }
}
