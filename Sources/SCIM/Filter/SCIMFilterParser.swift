/// Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar:
///
///     FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
///     logExp    = FILTER SP ("and" / "or") SP FILTER        ; "and" binds tighter than "or"
///     attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
///     valuePath = attrPath "[" valFilter "]"
///
/// Also accepted, because IdPs send them: `emails[type eq "work"].value eq "x"` (Entra's matching filter,
/// read as a value filter with both conditions), `emails[type eq "work"] eq "x"` (printed in Microsoft's
/// docs, read as comparing `value`), and bare unquoted values (Entra).
struct SCIMFilterParser {
    private let bytes: [UInt8]
    private let resourceType: SCIMResourceType
    private let maxDepth: Int
    private var position = 0
    private var depth = 0

    init(text: String, resourceType: SCIMResourceType, maxDepth: Int) {
        self.bytes = Array(text.utf8)
        self.resourceType = resourceType
        self.maxDepth = maxDepth
    }

    mutating func parseFilter() throws -> SCIMFilter {
        skipWhitespace()
        guard position < bytes.count else { throw SCIMError.invalidFilter("The filter is empty") }
        let filter = try parseOr(scope: nil)
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected '\(upcomingText())'") }
        return filter
    }

    /// Parses a bare attribute path followed by an optional value filter and sub-attribute, as PATCH
    /// paths are written (RFC 7644 §3.5.2: `attrPath / valuePath [subAttr]`).
    mutating func parsePatchPath() throws -> (path: SCIMAttributePath, filter: SCIMFilter?, subAttribute: String?) {
        skipWhitespace()
        let path = try resolvePath(readName(), scope: nil)
        guard peek() == UInt8(ascii: "[") else {
            guard position == bytes.count else { throw failure("unexpected '\(upcomingText())'") }
            return (path, nil, nil)
        }
        let filter = try parseValueFilter(of: path)
        var subAttribute: String?
        if peek() == UInt8(ascii: ".") {
            position += 1
            let name = readName()
            guard let sub = path.appending(subAttribute: name) else {
                throw failure("'\(path.attribute)' has no sub-attribute '\(name)'")
            }
            subAttribute = sub.subAttribute
        }
        guard position == bytes.count else { throw failure("unexpected '\(upcomingText())'") }
        return (path, filter, subAttribute)
    }

    // MARK: - Logical expressions

    private mutating func parseOr(scope: SCIMAttributePath?) throws -> SCIMFilter {
        var left = try parseAnd(scope: scope)
        while consumeKeyword("or") {
            left = .or(left, try parseAnd(scope: scope))
        }
        return left
    }

    private mutating func parseAnd(scope: SCIMAttributePath?) throws -> SCIMFilter {
        var left = try parseFactor(scope: scope)
        while consumeKeyword("and") {
            left = .and(left, try parseFactor(scope: scope))
        }
        return left
    }

    private mutating func parseFactor(scope: SCIMAttributePath?) throws -> SCIMFilter {
        skipWhitespace()
        if consumeKeyword("not") {
            skipWhitespace()
            guard peek() == UInt8(ascii: "(") else { throw failure("'not' must be followed by '('") }
            return .not(try parseParenthesised(scope: scope))
        }
        if peek() == UInt8(ascii: "(") { return try parseParenthesised(scope: scope) }
        return try parseAttributeExpression(scope: scope)
    }

    private mutating func parseParenthesised(scope: SCIMAttributePath?) throws -> SCIMFilter {
        position += 1
        try enterNesting()
        let inner = try parseOr(scope: scope)
        skipWhitespace()
        guard peek() == UInt8(ascii: ")") else { throw failure("expected ')'") }
        position += 1
        depth -= 1
        return inner
    }

    // MARK: - Attribute expressions

    private mutating func parseAttributeExpression(scope: SCIMAttributePath?) throws -> SCIMFilter {
        let nameStart = position
        let name = readName()
        guard !name.isEmpty else {
            let found = position < bytes.count ? "'\(upcomingText())'" : "the end of the filter"
            throw failure("expected an attribute name but found \(found)")
        }
        var path = try resolvePath(name, scope: scope, at: nameStart)

        if peek() == UInt8(ascii: "[") {
            guard scope == nil else { throw failure("value filters cannot be nested") }
            let inner = try parseValueFilter(of: path)
            if peek() == UInt8(ascii: ".") {
                position += 1
                let subName = readName()
                guard let subPath = path.appending(subAttribute: subName) else {
                    throw failure("'\(path.attribute)' has no sub-attribute '\(subName)'")
                }
                return .valuePath(path, .and(inner, try parseComparison(on: subPath)))
            }
            let mark = position
            skipWhitespace()
            if peekOperatorWord() != nil, let valuePath = path.appending(subAttribute: "value") {
                return .valuePath(path, .and(inner, try parseComparison(on: valuePath)))
            }
            position = mark
            return .valuePath(path, inner)
        }

        skipWhitespace()
        if path.definition.type == .complex, let word = peekOperatorWord(), word != "pr" {
            // RFC 7644 §3.4.2.2: comparing a complex attribute compares its `value` (emails co "x").
            guard let valuePath = path.appending(subAttribute: "value") else {
                throw failure("'\(path)' is complex: compare one of its sub-attributes instead")
            }
            path = valuePath
        }
        return try parseComparison(on: path)
    }

    private mutating func parseValueFilter(of path: SCIMAttributePath) throws -> SCIMFilter {
        guard path.subAttribute == nil, path.attributeDefinition.type == .complex else {
            throw failure("'\(path)' is not a complex attribute and cannot take a value filter")
        }
        position += 1
        try enterNesting()
        let inner = try parseOr(scope: path)
        skipWhitespace()
        guard peek() == UInt8(ascii: "]") else { throw failure("expected ']' to close the value filter") }
        position += 1
        depth -= 1
        return inner
    }

    private mutating func parseComparison(on path: SCIMAttributePath) throws -> SCIMFilter {
        skipWhitespace()
        let operatorStart = position
        let word = readWord().lowercased()
        if word == "pr" { return .present(path) }
        guard let comparison = SCIMComparison(rawValue: word) else {
            position = operatorStart
            throw failure(word.isEmpty ? "expected an operator after '\(path)'" : "unknown operator '\(word)'")
        }
        skipWhitespace()
        let literal = try readLiteral(after: word)
        let value = try SCIMFilterLiteralCoercion.coerce(literal, to: path, comparison: comparison)
        return .compare(path, comparison, value)
    }

    /// Resolves a name in filter context: inside a value filter the name is a sub-attribute of the
    /// outer attribute ("type" in `emails[type eq "work"]`); "emails.type" is tolerated there too.
    private func resolvePath(_ name: String, scope: SCIMAttributePath?, at offset: Int? = nil) throws
        -> SCIMAttributePath
    {
        if let scope {
            if let sub = scope.appending(subAttribute: name) { return sub }
            if let full = SCIMAttributePath.resolve(name, resourceType: resourceType),
                full.attribute == scope.attribute, full.schemaURN == scope.schemaURN, full.subAttribute != nil
            {
                return full
            }
            throw SCIMError.invalidFilter(
                "Invalid filter at offset \(offset ?? position): '\(scope.attribute)' has no sub-attribute '\(name)'")
        }
        do {
            return try SCIMAttributePath.resolving(name, in: resourceType)
        } catch let failure as AttributePathFailure {
            throw SCIMError.invalidFilter("Invalid filter at offset \(offset ?? position): \(failure.reason)")
        }
    }

    // MARK: - Literals

    /// A comparison value as written, before coercion to the attribute's type.
    enum Literal {
        case quoted(String)
        case bare(String)
        case number(JSONValue, text: String)
        case boolean(Bool)
        case null
    }

    private mutating func readLiteral(after operatorWord: String) throws -> Literal {
        guard let byte = peek(), byte != UInt8(ascii: ")"), byte != UInt8(ascii: "]") else {
            throw failure("expected a value after '\(operatorWord)'")
        }
        if byte == UInt8(ascii: "\"") { return .quoted(try readQuotedString()) }
        let start = position
        while let next = peek(), !Self.isWhitespace(next), next != UInt8(ascii: ")"), next != UInt8(ascii: "]") {
            position += 1
        }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        switch token.lowercased() {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "null": return .null
        default: break
        }
        if let number = try? JSONValue.parse(token), number.doubleValue != nil { return .number(number, text: token) }
        return .bare(token)
    }

    /// Reads a JSON string (RFC 8259 escapes, any Unicode) starting at the opening quote.
    private mutating func readQuotedString() throws -> String {
        let start = position
        position += 1
        while let byte = peek(), byte != UInt8(ascii: "\"") {
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        guard position < bytes.count else { throw failure("unterminated string starting at offset \(start)") }
        position += 1
        do {
            guard let text = try JSONValue.parse(Array(bytes[start..<position])).stringValue else {
                throw failure("invalid string")
            }
            return text
        } catch let error as SCIMError {
            throw SCIMError.invalidFilter(
                "Invalid filter at offset \(start): the string is not valid JSON: \(error.detail)")
        }
    }

    // MARK: - Lexical helpers

    private mutating func enterNesting() throws {
        depth += 1
        guard depth <= maxDepth else {
            throw SCIMError.invalidFilter("The filter nests deeper than the limit of \(maxDepth)")
        }
    }

    /// Consumes `keyword` (any case) when it is the next whole word.
    private mutating func consumeKeyword(_ keyword: String) -> Bool {
        let mark = position
        skipWhitespace()
        if readWord().lowercased() == keyword { return true }
        position = mark
        return false
    }

    /// The next word, lower-cased, without consuming it.
    private mutating func peekOperatorWord() -> String? {
        let mark = position
        defer { position = mark }
        let word = readWord().lowercased()
        return word == "pr" || SCIMComparison(rawValue: word) != nil ? word : nil
    }

    /// Letters only: operators and keywords.
    private mutating func readWord() -> String {
        let start = position
        while let byte = peek(), Self.isLetter(byte) { position += 1 }
        if let byte = peek(), Self.isNameCharacter(byte), position > start {
            position = start
            return ""
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// An attribute reference: letters, digits, '-', '_', '$', and the ':' and '.' of URNs and sub-attributes.
    private mutating func readName() -> String {
        let start = position
        while let byte = peek(), Self.isNameCharacter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), Self.isWhitespace(byte) { position += 1 }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func upcomingText() -> String {
        String(decoding: bytes[position..<min(bytes.count, position + 20)], as: UTF8.self)
    }

    private func failure(_ message: String) -> SCIMError {
        SCIMError.invalidFilter("Invalid filter at offset \(position): \(message)")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }
}
