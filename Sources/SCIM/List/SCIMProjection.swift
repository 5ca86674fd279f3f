import Foundation

/// Which attributes a response carries (RFC 7644 §3.4.2.5 with RFC 7643 §7 "returned").
///
/// `returned: always` attributes (`id`, plus `schemas`) are always kept and cannot be excluded; `never`
/// (`password`) are always dropped; `request` are returned only when named in `attributes`. With
/// `attributes`, only the named attributes (or named sub-attributes) and the `always` ones are returned;
/// `excludedAttributes` then removes attributes or sub-attributes from what remains. Names compare
/// ignoring case, may be URN-qualified, and a bare extension URN names the whole extension. A name that
/// matches nothing is ignored.
public struct SCIMProjection: Sendable {
    public let resourceType: SCIMResourceType
    private let included: [Selector]
    private let excluded: [Selector]

    /// One parsed attribute name.
    private enum Selector: Sendable, Equatable {
        case attribute(schemaURN: String, name: String, subAttribute: String?)
        case extensionObject(schemaURN: String)
        case verbatim(key: String)
    }

    public init(attributes: [String], excludedAttributes: [String], resourceType: SCIMResourceType) {
        self.resourceType = resourceType
        included = attributes.map { Self.selector(for: $0, in: resourceType) }
        excluded = excludedAttributes.map { Self.selector(for: $0, in: resourceType) }
    }

    /// Whether a response would carry this top-level attribute of the core schema, so storage can skip
    /// loading data nobody asked for (a group's members under `excludedAttributes=members`).
    public func returns(attribute name: String) -> Bool {
        let coreURN = resourceType.coreSchema.id
        guard let attribute = resourceType.coreSchema.attribute(named: name) ?? SCIMSchemas.commonAttribute(named: name)
        else { return included.isEmpty }
        switch attribute.returned {
        case .never: return false
        case .always: return true
        case .default, .request: break
        }
        if excluded.contains(.attribute(schemaURN: coreURN, name: attribute.name, subAttribute: nil)) { return false }
        if included.isEmpty { return attribute.returned == .default }
        return included.contains { selector in
            switch selector {
            case .attribute(coreURN, attribute.name, _), .extensionObject(coreURN): true
            default: false
            }
        }
    }

    public func apply(to resource: JSONValue) -> JSONValue {
        guard case .object(let fields) = resource else { return resource }
        var output: [String: JSONValue] = [:]
        for (key, value) in fields {
            if key.lowercased() == "schemas" {
                output[key] = value
            } else if let schema = resourceType.extensionSchema(withURN: key) {
                if let projected = projectExtension(schema, value: value) { output[key] = projected }
            } else if let attribute = resourceType.coreSchema.attribute(named: key)
                ?? SCIMSchemas.commonAttribute(named: key)
            {
                let schemaURN = resourceType.coreSchema.id
                let whole = included.contains(.extensionObject(schemaURN: schemaURN))
                if let projected = project(attribute, schemaURN: schemaURN, value: value, wholeIncluded: whole) {
                    output[key] = projected
                }
            } else if let projected = projectVerbatim(key, value: value) {
                output[key] = projected
            }
        }
        return .object(output)
    }

    private func projectExtension(_ schema: SCIMSchema, value: JSONValue) -> JSONValue? {
        guard case .object(let fields) = value else { return nil }
        if excluded.contains(.extensionObject(schemaURN: schema.id)) { return nil }
        let whole = included.contains(.extensionObject(schemaURN: schema.id))
        var output: [String: JSONValue] = [:]
        for (key, attributeValue) in fields {
            guard let attribute = schema.attribute(named: key) else {
                if included.isEmpty || whole { output[key] = attributeValue }
                continue
            }
            if let projected = project(attribute, schemaURN: schema.id, value: attributeValue, wholeIncluded: whole) {
                output[key] = projected
            }
        }
        return output.isEmpty ? nil : .object(output)
    }

    private func project(
        _ attribute: SCIMAttribute, schemaURN: String, value: JSONValue, wholeIncluded: Bool
    ) -> JSONValue? {
        switch attribute.returned {
        case .never: return nil
        case .always: return value
        case .default, .request: break
        }
        let name = attribute.name
        let selectedWhole =
            wholeIncluded || included.contains(.attribute(schemaURN: schemaURN, name: name, subAttribute: nil))
        let selectedSubs = included.compactMap { selector -> String? in
            guard case .attribute(schemaURN, name, let sub?) = selector else { return nil }
            return sub
        }
        var result: JSONValue
        if included.isEmpty {
            guard attribute.returned == .default else { return nil }
            result = value
        } else if selectedWhole {
            result = value
        } else if !selectedSubs.isEmpty {
            result = Self.keepingSubAttributes(selectedSubs, of: value, attribute: attribute)
        } else {
            return nil
        }
        if excluded.contains(.attribute(schemaURN: schemaURN, name: name, subAttribute: nil)) { return nil }
        let excludedSubs = excluded.compactMap { selector -> String? in
            guard case .attribute(schemaURN, name, let sub?) = selector else { return nil }
            return sub
        }
        if !excludedSubs.isEmpty {
            result = Self.droppingSubAttributes(excludedSubs, of: result, attribute: attribute)
        }
        return SCIMFilter.isPresent(result) ? result : nil
    }

    /// An extension this service does not define: selected whole by its URN, or attribute by attribute
    /// by "urn:…:attr".
    private func projectVerbatim(_ key: String, value: JSONValue) -> JSONValue? {
        let folded = key.lowercased()
        if excluded.contains(.verbatim(key: folded)) { return nil }
        let attributeNames = { (selectors: [Selector]) -> Set<String> in
            Set(
                selectors.compactMap { selector in
                    guard case .verbatim(let text) = selector, text.hasPrefix(folded + ":") else { return nil }
                    return String(text.dropFirst(folded.count + 1))
                })
        }
        var result = value
        if !included.isEmpty, !included.contains(.verbatim(key: folded)) {
            let wanted = attributeNames(included)
            guard !wanted.isEmpty, let members = value.objectValue else { return nil }
            result = .object(members.filter { wanted.contains($0.key.lowercased()) })
        }
        let unwanted = attributeNames(excluded)
        if !unwanted.isEmpty, let members = result.objectValue {
            result = .object(members.filter { !unwanted.contains($0.key.lowercased()) })
        }
        return SCIMFilter.isPresent(result) ? result : nil
    }

    private static func keepingSubAttributes(_ names: [String], of value: JSONValue, attribute: SCIMAttribute)
        -> JSONValue
    {
        let alwaysReturned = attribute.subAttributes.filter { $0.returned == .always }.map(\.name)
        let kept = Set(names + alwaysReturned)
        return transformElements(of: value) { members in members.filter { kept.contains($0.key) } }
    }

    private static func droppingSubAttributes(_ names: [String], of value: JSONValue, attribute: SCIMAttribute)
        -> JSONValue
    {
        let removable = Set(names.filter { attribute.subAttribute(named: $0)?.returned != .always })
        return transformElements(of: value) { members in members.filter { !removable.contains($0.key) } }
    }

    /// Applies `transform` to the object, or to each element of an array, dropping emptied elements.
    private static func transformElements(
        of value: JSONValue, _ transform: ([String: JSONValue]) -> [String: JSONValue]
    ) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(transform(members))
        case .array(let elements):
            return .array(
                elements.compactMap { element in
                    guard case .object(let members) = element else { return element }
                    let kept = transform(members)
                    return kept.isEmpty ? nil : .object(kept)
                })
        default:
            return value
        }
    }

    private static func selector(for text: String, in resourceType: SCIMResourceType) -> Selector {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let schema = SCIMAttributePath.knownSchema(named: trimmed, in: resourceType) {
            return .extensionObject(schemaURN: schema.id)
        }
        if let path = SCIMAttributePath.resolve(trimmed, resourceType: resourceType) {
            return .attribute(schemaURN: path.schemaURN, name: path.attribute, subAttribute: path.subAttribute)
        }
        return .verbatim(key: trimmed.lowercased())
    }
}
