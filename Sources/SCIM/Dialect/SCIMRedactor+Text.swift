import Foundation

/// Redaction of the text around a body: filters, PATCH paths, URL paths and the client's name.
extension SCIMRedactor {
    /// A filter or PATCH path with attributes, operators, literals and brackets kept, and every compared value
    /// replaced: `userName eq "<string:17>"`, `externalId eq <string:6>` (an unquoted value stays visibly
    /// unquoted). Canonical `type` words and this service's resource ids compared with `value` or `id` stay.
    public static func redact(filter text: String) -> String {
        var output = ""
        for token in SCIMFilterText(text).tokens {
            switch token.role {
            case .quotedValue:
                var inner = token.text.dropFirst()
                if inner.hasSuffix("\"") { inner = inner.dropLast() }
                let value = String(inner)
                output +=
                    keepsComparedValue(value, token.comparedAttribute)
                    ? token.text : "\"<string:\(unescapedLength(of: value))>\""
            case .bareValue, .unexpected:
                if keepsComparedValue(token.text, token.comparedAttribute) {
                    output += token.text
                } else {
                    output += Double(token.text) != nil ? "<number>" : marker(for: token.text)
                }
            case .attribute:
                output +=
                    SCIMWireVocabulary.isKnownAttributePath(token.text) ? token.text : "<attribute:\(token.text.count)>"
            default:
                output += token.text
            }
        }
        return output
    }

    /// The length of a JSON string's content, each `\\x` escape counted as one character.
    private static func unescapedLength(of text: String) -> Int {
        var length = 0
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
                continue
            }
            length += 1
        }
        return length
    }

    private static func keepsComparedValue(_ value: String, _ attribute: String?) -> Bool {
        guard let attribute else { return false }
        let leaf = SCIMWireVocabulary.leafAttribute(ofPath: attribute)
        if leaf == "type" { return SCIMWireVocabulary.typeValues.contains(value.lowercased()) }
        return (leaf == "value" || leaf == "id") && SCIMWireVocabulary.isResourceID(value)
    }

    /// A URL path with its shape kept (doubled and trailing slashes, the case of endpoint names) and every segment
    /// that is neither a SCIM word nor one of this service's resource ids replaced by `<segment:N>`.
    public static func redact(urlPath path: String) -> String {
        let known = Set(["scim", "v2"] + SCIMWireVocabulary.endpointNames.map { $0.lowercased() })
        return path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment.isEmpty || known.contains(segment.lowercased()) { return String(segment) }
            if SCIMWireVocabulary.isResourceID(String(segment)) { return String(segment) }
            if SCIMWireVocabulary.isSchemaURI(String(segment)) && !segment.contains("/") { return String(segment) }
            return "<segment:\(segment.count)>"
        }.joined(separator: "/")
    }

    /// The `User-Agent` as the client names itself: printable ASCII, at most 160 characters, any word holding an `@`
    /// (a contact address) replaced, and any word that looks like a credential (one of our tokens, or a long run of
    /// letters and digits such as a key) replaced too: a client may put anything there.
    public static func redact(userAgent: String) -> String {
        let printable = String(userAgent.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
        let words = printable.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            if looksLikeSecret(word) { return marker(for: String(word)) }
            guard let at = word.firstIndex(of: "@"), !word.lowercased().hasPrefix("authentik@") else {
                return String(word)
            }
            let domain = word[word.index(after: at)...]
            return domain.contains(where: \.isLetter) ? marker(for: String(word)) : String(word)
        }
        return String(words.joined(separator: " ").prefix(160))
    }

    /// A provisioning token (`scimgw_…`), or 20 or more letters, digits, `-` and `_` with both letters and digits:
    /// product names and versions (`Okta/1.0`, `Microsoft.Identity.Client`) carry dots or slashes, keys do not.
    /// Each part of a `name=value` or `name:value` word is judged on its own.
    private static func looksLikeSecret(_ word: Substring) -> Bool {
        word.split(whereSeparator: { "=:".contains($0) }).contains { part in
            let core = part.trimmingCharacters(in: CharacterSet(charactersIn: "()[]<>;,\"'"))
            if core.lowercased().hasPrefix("scimgw_") { return true }
            return core.count >= 20 && core.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                && core.contains(where: \.isLetter) && core.contains(where: \.isNumber)
        }
    }

    /// The media type of a `Content-Type`, lower-cased, without parameters.
    public static func mediaType(of contentType: String) -> String {
        let type = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.count <= 80,
            trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/+.-".contains($0)) })
        else { return marker(for: trimmed) }
        return trimmed
    }
}
