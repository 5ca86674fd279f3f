/// The words of the SCIM wire format that identify nobody, derived once from the schemas this service implements:
/// what redaction may keep and what quirk detection compares against.
enum SCIMWireVocabulary {
    /// Every resource attribute definition, top level, from the core and extension schemas plus the common ones.
    static let topLevelAttributes: [SCIMAttribute] =
        SCIMSchemas.all.flatMap(\.attributes) + SCIMSchemas.commonAttributes

    /// Lower-cased names of top-level and sub-attributes, with their canonical spelling.
    static let canonicalNames: [String: String] = {
        var names: [String: String] = ["schemas": "schemas"]
        for attribute in topLevelAttributes {
            names[attribute.name.lowercased()] = attribute.name
            for sub in attribute.subAttributes { names[sub.name.lowercased()] = sub.name }
        }
        return names
    }()

    /// Lower-cased names of boolean attributes (`active`, `primary`; RFC 7643 §4.1).
    static let booleanNames: Set<String> = {
        var names: Set<String> = []
        for attribute in topLevelAttributes {
            if attribute.type == .boolean { names.insert(attribute.name.lowercased()) }
            for sub in attribute.subAttributes where sub.type == .boolean { names.insert(sub.name.lowercased()) }
        }
        return names
    }()

    /// Lower-cased names of multi-valued attributes (`emails`, `members`, …).
    static let multiValuedNames: Set<String> = Set(
        topLevelAttributes.filter(\.multiValued).map { $0.name.lowercased() })

    /// Lower-cased names of top-level attributes the client cannot write (RFC 7643 §7 `readOnly`).
    static let readOnlyNames: Set<String> = Set(
        topLevelAttributes.filter { $0.mutability == .readOnly }.map { $0.name.lowercased() })

    /// Attributes whose `value` is one of this service's resource ids, which redaction keeps.
    static let referenceNames: Set<String> = ["members", "groups", "manager"]

    /// Canonical `type` values (`work`, `home`, `User`, …), lower-cased.
    static let typeValues: Set<String> = {
        var values: Set<String> = []
        for attribute in topLevelAttributes {
            for sub in attribute.subAttributes where sub.name == "type" {
                values.formUnion(sub.canonicalValues.map { $0.lowercased() })
            }
        }
        return values
    }()

    /// URNs this service defines: resource schemas and RFC 7644 message schemas.
    static let knownSchemaURNs: Set<String> = Set(
        (SCIMSchemas.all.map(\.id) + [
            SCIMSchemas.listResponseURN, SCIMSchemas.patchOpURN, SCIMSchemas.searchRequestURN, SCIMSchemas.errorURN,
            SCIMSchemas.bulkRequestURN, SCIMSchemas.bulkResponseURN, SCIMSchemas.serviceProviderConfigURN,
            SCIMSchemas.resourceTypeURN, SCIMSchemas.schemaURN,
        ]).map { $0.lowercased() })

    /// Endpoint names in their canonical case (RFC 7644 §3.2).
    static let endpointNames: [String] = [
        "Users", "Groups", "Schemas", "ResourceTypes", "ServiceProviderConfig", "Bulk", "Me", ".search",
    ]

    static let patchOps: Set<String> = ["add", "replace", "remove"]

    static let comparisonOperators: Set<String> = ["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"]

    /// RFC 7644 §3.12 `scimType` values.
    static let errorTypes: Set<String> = [
        "invalidfilter", "toomany", "uniqueness", "mutability", "invalidsyntax", "invalidpath", "notarget",
        "invalidvalue", "invalidvers", "sensitive",
    ]

    /// Keys whose numbers describe a message, not a person (RFC 7644 §3.4.2, §5).
    static let countingKeys: Set<String> = [
        "totalresults", "itemsperpage", "startindex", "count", "failonerrors", "maxoperations", "maxpayloadsize",
        "maxresults",
    ]

    /// Fragments of key names whose values are secrets: dropped without even a length.
    static let secretKeyFragments = [
        "password", "secret", "token", "credential", "apikey", "api_key", "authorization", "cookie", "privatekey",
    ]

    /// Entra's flag for the compliant PATCH format (Microsoft Learn, "Known issues … SCIM 2.0 compliance").
    static let entraFlag = "aadoptscim062020"

    private static let secretKeyFragmentBytes = secretKeyFragments.map { Array($0.utf8) }

    static func isSecretKey(_ key: String) -> Bool {
        let folded = Array(key.lowercased().utf8)
        return secretKeyFragmentBytes.contains { occurs($0, in: folded) }
    }

    /// Whether `fragment` occurs in `text`, comparing UTF-8 bytes: the generic `String.contains` substring search
    /// costs microseconds per call, and redaction asks for every value.
    static func occurs(_ fragment: String, in text: String) -> Bool {
        occurs(Array(fragment.utf8), in: Array(text.utf8))
    }

    private static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// `2819c223-7f76-453a-919d-413861904646`: the lower-case UUID form this service gives its resource ids.
    static func isResourceID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
                guard isHex else { return false }
            }
        }
        return true
    }

    /// An attribute path without filter (RFC 7644 §3.10): `name.givenName`, `$ref`, `urn:…:User:manager`.
    static func isAttributePath<Text: StringProtocol>(_ text: Text) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 256 else { return false }
        if hasURNPrefix(bytes) {
            return bytes.last != UInt8(ascii: ":") && bytes.allSatisfy { isWordByte($0, or: ":._-$") }
        }
        guard isLetterByte(first) || first == UInt8(ascii: "$") || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isWordByte($0, or: "._-$") }
    }

    /// An attribute path whose names all belong to the schemas (`emails.value`, `userName`, `.value`), or one
    /// qualified by a URN; anything else in an attribute position may be data the client misplaced.
    static func isKnownAttributePath(_ text: String) -> Bool {
        let path = text.hasPrefix(".") ? text.dropFirst() : Substring(text)
        guard isAttributePath(path) else { return false }
        if path.lowercased().hasPrefix("urn:") { return true }
        return path.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            canonicalNames[$0.lowercased()] != nil
        }
    }

    /// A schema URN as clients write it in `schemas`: `urn:…` or Microsoft's `http://schemas.microsoft.com/…`.
    static func isSchemaURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 256 else { return false }
        if hasURNPrefix(bytes) { return bytes.allSatisfy { isWordByte($0, or: ":._-") } }
        let folded = text.lowercased()
        guard folded.hasPrefix("http://") || folded.hasPrefix("https://") else { return false }
        return bytes.allSatisfy { isWordByte($0, or: ":._-/") }
    }

    /// ASCII letters only: `Character.isLetter` consults Unicode tables, which costs more than the whole check.
    static func isLetterByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isWordByte(_ byte: UInt8, or punctuation: StaticString) -> Bool {
        if isLetterByte(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) { return true }
        return punctuation.withUTF8Buffer { $0.contains(byte) }
    }

    private static func hasURNPrefix(_ bytes: [UInt8]) -> Bool {
        bytes.count > 4 && bytes[0] | 0x20 == UInt8(ascii: "u") && bytes[1] | 0x20 == UInt8(ascii: "r")
            && bytes[2] | 0x20 == UInt8(ascii: "n") && bytes[3] == UInt8(ascii: ":")
    }

    /// The last attribute name of a path: `manager` for `urn:…:User:manager`, `value` for `emails[…].value`,
    /// `members` for `members[value eq "…"]`. Lower-cased.
    static func leafAttribute(ofPath path: String) -> String {
        var text = Substring(path)
        if let close = text.lastIndex(of: "]") {
            let after = text[text.index(after: close)...]
            if after.hasPrefix(".") {
                text = after.dropFirst()
            } else if let open = text.firstIndex(of: "[") {
                text = text[..<open]
            }
        }
        let afterColon = text.split(separator: ":", omittingEmptySubsequences: false).last ?? text
        let leaf = afterColon.split(separator: ".", omittingEmptySubsequences: false).last ?? afterColon
        return leaf.lowercased()
    }

    /// The first attribute name of a path, before any filter or sub-attribute: `members` for `members[…]`,
    /// `name` for `name.givenName`, `manager` for `urn:…:User:manager`. Lower-cased.
    static func headAttribute(ofPath path: String) -> String {
        var text = Substring(path)
        if let open = text.firstIndex(of: "[") { text = text[..<open] }
        if text.lowercased().hasPrefix("urn:") {
            let folded = text.lowercased()
            if let schema = SCIMSchemas.all.first(where: { folded.hasPrefix($0.id.lowercased() + ":") }) {
                text = text.dropFirst(schema.id.count + 1)
            } else if let last = text.split(separator: ":").last {
                text = last
            }
        }
        return (text.split(separator: ".").first ?? text).lowercased()
    }
}
