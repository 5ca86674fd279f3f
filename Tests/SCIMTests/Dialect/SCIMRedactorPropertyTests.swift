import SCIM
import Testing

/// Random SCIM-shaped messages, with values placed wherever an IdP could put them (including the positions whose
/// values redaction may keep when they are protocol words), must never reach the stored form.
@Suite("Redaction never keeps an input value, over random bodies, paths and filters")
struct SCIMRedactorPropertyTests {
    /// Builds random messages and remembers every value it wrote.
    struct MessageGenerator {
        var random: SeededGenerator
        var words: [String] = []
        var numbers: [String] = []

        static let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789@.+-_")
        static let keys = [
            "userName", "displayName", "nickName", "externalId", "id", "value", "display", "type", "primary",
            "active", "op", "path", "schemas", "status", "scimType", "detail", "title", "manager", "members",
            "emails", "roles", "password", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "name.givenName",
            "resourceType", "method", "$ref", "Operations", "Resources", "bulkId", "data",
        ]
        static let attributes = ["userName", "emails.value", "externalId", "members.value", "id", "displayName"]

        init(seed: UInt64) {
            random = SeededGenerator(seed: seed)
        }

        mutating func word() -> String {
            let length = Int.random(in: 4...10, using: &random)
            let text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &random)! })
            words.append(text)
            return text
        }

        mutating func text() -> String {
            let count = Int.random(in: 1...3, using: &random)
            let separators = [" ", "@", ".", " \\\" ", ","]
            return (0..<count).map { _ in word() }.joined(separator: separators.randomElement(using: &random)!)
        }

        mutating func filter() -> String {
            let attribute = Self.attributes.randomElement(using: &random)!
            let comparison = ["eq", "Eq", "co", "sw", "gt"].randomElement(using: &random)!
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return "\(attribute) \(comparison) \"\(text())\""
            case 1: return "\(attribute) \(comparison) \(word())"
            case 2: return "emails[type eq \"\(word())\"].value \(comparison) \"\(text())\""
            case 3: return "\(word()) \(comparison) \(attribute) and \(attribute) pr"
            default: return "\(attribute) \(comparison) \"\(text())\" or not (\(attribute) ne \(word()) \(word()))"
            }
        }

        mutating func number() -> JSONValue {
            if Bool.random(using: &random) {
                let value = Int64.random(in: 100_000...9_999_999_999, using: &random)
                numbers.append(String(value))
                return .integer(value)
            }
            let value = Double(Int.random(in: 100_000...9_999_999, using: &random)) + 0.5
            numbers.append(String(Int(value)))
            return .double(value)
        }

        mutating func value(depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &random) {
            case 0, 1: return .string(text())
            case 2: return number()
            case 3: return .string(filter())
            case 4, 5: return object(depth: depth + 1)
            default: return .array((0..<Int.random(in: 1...4, using: &random)).map { _ in value(depth: depth + 1) })
            }
        }

        mutating func object(depth: Int) -> JSONValue {
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                members[Self.keys.randomElement(using: &random)!] = value(depth: depth)
            }
            return .object(members)
        }

        mutating func patch() -> JSONValue {
            let operations = (0..<Int.random(in: 1...4, using: &random)).map { _ -> JSONValue in
                var operation: [String: JSONValue] = [
                    "op": .string(["add", "Replace", "remove", word()].randomElement(using: &random)!),
                    "value": value(depth: 1),
                ]
                if Bool.random(using: &random) {
                    operation["path"] = .string(
                        Bool.random(using: &random) ? "members[\(filter())]" : filter())
                }
                return .object(operation)
            }
            return .object([
                "schemas": .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp"), .string(word())]),
                "Operations": .array(operations),
            ])
        }

        /// Every input value that must not appear in `stored`.
        func leaks(in stored: String) -> [String] {
            words.filter { stored.contains($0) } + numbers.filter { stored.contains($0) }
        }
    }

    @Test("no value of a random resource or PATCH body appears in its redacted form", arguments: 0..<200)
    func bodies(seed: Int) {
        var generator = MessageGenerator(seed: UInt64(seed) &* 7919)
        let body = seed.isMultiple(of: 2) ? generator.patch() : generator.object(depth: 0)
        let stored = SCIMRedactor().redact(body: body).serializedString
        #expect(generator.leaks(in: stored) == [], "seed \(seed): \(stored)")
    }

    @Test("no value of a random query or path appears in the redacted request", arguments: 0..<100)
    func requests(seed: Int) {
        var generator = MessageGenerator(seed: UInt64(seed) &+ 1_000_003)
        let query: [(name: String, value: String)] = [
            ("filter", generator.filter()), ("count", generator.word()), ("sortBy", generator.text()),
            (generator.text(), generator.text()), ("attributes", "userName,\(generator.text())"),
        ]
        let request = SCIMObservedRequest(
            method: "GET", path: "/scim/v2/Users/\(generator.text())", query: query,
            userAgent: "client \(generator.word())@\(generator.word()).example", body: generator.object(depth: 0))
        let stored = SCIMRedactor().redact(request: request).serializedString
        #expect(generator.leaks(in: stored) == [], "seed \(seed): \(stored)")
    }
}
