/// A tolerant lexical view of a SCIM filter (RFC 7644 §3.4.2.2) or PATCH path (§3.5.2): every token labelled with
/// its role, also in text the parser would refuse, so that values can be redacted and quirks spotted without
/// trusting the text to be well-formed. Anything in a position where only a value or garbage can stand is a value.
struct SCIMFilterText {
    enum Role: Equatable {
        /// `userName`, `emails`, `.value` after a value path, `urn:…:User:manager`.
        case attribute
        /// `and`, `or`, `not`.
        case keyword
        /// `eq`, `ne`, `co`, `sw`, `ew`, `gt`, `lt`, `ge`, `le`.
        case comparison
        /// `pr`.
        case presence
        /// `"…"`, quotes included.
        case quotedValue
        /// An unquoted word in a value position: `jyoung`, `42`.
        case bareValue
        /// `true`, `false` or `null` in a value position.
        case literal
        /// `(`, `)`, `[`, `]`.
        case punctuation
        case space
        /// A word where none may stand; handled like a value.
        case unexpected
    }

    struct Token: Equatable {
        let role: Role
        let text: String
        /// For values: the attribute they are compared with, e.g. `emails.value` or `members.value`.
        let comparedAttribute: String?
    }

    private enum Expectation {
        case attribute, comparison, value, logical, afterValuePath
    }

    let tokens: [Token]

    init(_ text: String) {
        var tokens: [Token] = []
        var expectation = Expectation.attribute
        var attribute: String?
        var bracketOwners: [String?] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                while index < characters.count, characters[index].isWhitespace { index += 1 }
                tokens.append(Token(role: .space, text: String(characters[start..<index]), comparedAttribute: nil))
                continue
            }
            switch character {
            case "\"":
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    index += characters[index] == "\\" ? 2 : 1
                }
                index = min(index + 1, characters.count)
                tokens.append(
                    Token(role: .quotedValue, text: String(characters[start..<index]), comparedAttribute: attribute))
                expectation = .logical
            case "(", ")", "[", "]":
                index += 1
                tokens.append(Token(role: .punctuation, text: String(character), comparedAttribute: nil))
                switch character {
                case "[":
                    bracketOwners.append(attribute)
                    expectation = .attribute
                case "]":
                    attribute = bracketOwners.popLast() ?? attribute
                    expectation = .afterValuePath
                case "(":
                    expectation = .attribute
                default:
                    expectation = .logical
                }
            default:
                while index < characters.count, !characters[index].isWhitespace,
                    !"()[]\"".contains(characters[index])
                {
                    index += 1
                }
                let word = String(characters[start..<index])
                let role = Self.classify(word, expectation: &expectation)
                if role == .attribute {
                    let owner = bracketOwners.last ?? nil
                    if word.hasPrefix(".") {
                        attribute = (attribute ?? "") + word
                    } else {
                        attribute = owner.map { "\($0).\(word)" } ?? word
                    }
                }
                tokens.append(Token(role: role, text: word, comparedAttribute: attribute))
            }
        }
        self.tokens = tokens
    }

    private static func classify(_ word: String, expectation: inout Expectation) -> Role {
        let folded = word.lowercased()
        switch expectation {
        case .attribute:
            if folded == "not" { return .keyword }
            if SCIMWireVocabulary.isAttributePath(word) {
                expectation = .comparison
                return .attribute
            }
            expectation = .logical
            return .unexpected
        case .comparison:
            return comparisonOrPresence(folded, expectation: &expectation) ?? unexpected(&expectation)
        case .value:
            expectation = .logical
            return ["true", "false", "null"].contains(folded) ? .literal : .bareValue
        case .logical:
            if folded == "and" || folded == "or" {
                expectation = .attribute
                return .keyword
            }
            return .unexpected
        case .afterValuePath:
            if word.hasPrefix("."), SCIMWireVocabulary.isAttributePath(word.dropFirst()) {
                expectation = .comparison
                return .attribute
            }
            if folded == "and" || folded == "or" {
                expectation = .attribute
                return .keyword
            }
            return comparisonOrPresence(folded, expectation: &expectation) ?? unexpected(&expectation)
        }
    }

    private static func comparisonOrPresence(_ folded: String, expectation: inout Expectation) -> Role? {
        if SCIMWireVocabulary.comparisonOperators.contains(folded) {
            expectation = .value
            return .comparison
        }
        if folded == "pr" {
            expectation = .logical
            return .presence
        }
        return nil
    }

    private static func unexpected(_ expectation: inout Expectation) -> Role {
        expectation = .logical
        return .unexpected
    }

    /// True when a value is compared without quotes (RFC 7644 §3.4.2.2 wants a JSON string, number or literal);
    /// numbers count as quoted, as the grammar allows them.
    var hasUnquotedValue: Bool {
        tokens.contains { $0.role == .bareValue && Double($0.text) == nil }
    }

    /// Comparison operators written in title case (`Eq`, `Co`), as PingOne's filter-expression templates do.
    var hasTitleCaseOperator: Bool {
        tokens.contains { token in
            token.role == .comparison && token.text.first?.isUppercase == true
                && token.text.dropFirst().allSatisfy(\.isLowercase)
        }
    }
}
