/// Applies add/replace/remove to one resource's canonical attributes (RFC 7644 §3.5.2), keeping the
/// multi-valued invariants after every write. Used by the PATCH engine and, with `replace`, by the
/// POST/PUT normaliser, so both accept the same values.
struct SCIMPatchApplier {
    var document: SCIMResourceDocument

    init(document: SCIMResourceDocument) {
        self.document = document
    }

    var resourceType: SCIMResourceType { document.resourceType }

    // MARK: - Entry points

    mutating func apply(_ operation: SCIMPatchOperation) throws {
        guard let pathText = operation.path else {
            // RFC 7644 §3.5.2.2: a remove without a path has no target.
            guard operation.op != .remove else {
                throw SCIMError.noTarget("A remove operation needs a \"path\"")
            }
            try applyWithoutPath(operation.op, value: operation.value ?? .null)
            return
        }
        // The core schema's URN as the path names the resource itself: its value is applied as a path-less one.
        if pathText.lowercased() == resourceType.coreSchema.id.lowercased() {
            guard operation.op != .remove else {
                throw SCIMError.noTarget("A remove cannot target the whole resource")
            }
            try applyWithoutPath(operation.op, value: operation.value ?? .null)
            return
        }
        let target: SCIMPatchTarget
        do {
            target = try SCIMPatchTarget.parse(pathText, resourceType: resourceType)
        } catch let error as SCIMError {
            guard applyToUnknownExtension(operation, path: pathText) else { throw error }
            return
        }
        if operation.op == .remove {
            try remove(target, value: operation.value)
        } else {
            try write(operation.op, target: target, value: operation.value ?? .null, pathless: false)
        }
    }

    /// A path-less add/replace: each member of `value` is an attribute to write. A key may be any PATCH
    /// path: dotted ("name.givenName") or URN-qualified ("urn:…:enterprise:2.0:User:employeeNumber") as
    /// Entra sends them with aadOptscim062020 (scim-for-keycloak #26, scimitar #123), filtered
    /// (`emails[type eq "work"].value`), or an extension URN carrying the extension object. `schemas` is
    /// ignored (authentik sends it); unknown-extension keys are written verbatim; any other key naming
    /// nothing known is ignored, like an unknown attribute in a POST body.
    mutating func applyWithoutPath(_ kind: SCIMPatchOperation.Kind, value: JSONValue) throws {
        guard case .object(let fields) = value else {
            throw SCIMError.invalidValue("An \(kind.rawValue) without a path needs an object value")
        }
        for key in Self.orderedKeys(fields) {
            let fieldValue = fields[key]!
            if key.lowercased() == "schemas" { continue }
            if key.lowercased() == resourceType.coreSchema.id.lowercased() {
                try applyWithoutPath(kind, value: fieldValue)
                continue
            }
            guard let target = try? SCIMPatchTarget.parse(key, resourceType: resourceType) else {
                _ = applyToUnknownExtension(SCIMPatchOperation(op: kind, path: key, value: fieldValue), path: key)
                continue
            }
            try write(kind, target: target, value: fieldValue, pathless: true)
        }
    }

    /// Extensions this service does not define are stored verbatim (RFC 7643 §3.3 lets resources carry any
    /// extension): a path or path-less key naming a stored unknown extension object, or "urn:…:attr" naming
    /// one of its attributes (Entra's custom extension attributes), is written without type checks. A
    /// whole-extension path for an extension not stored yet cannot be told from an attribute path and is
    /// read as one. Returns false when `path` is not of either form.
    private mutating func applyToUnknownExtension(_ operation: SCIMPatchOperation, path: String) -> Bool {
        let value = operation.op == .remove ? nil : operation.value
        if let stored = document.rawMember(named: path), !document.isKnownKey(stored.key) {
            let merged = operation.op == .add ? Self.merge(stored.value, value ?? .null) : value
            document.setRawMember(merged, named: stored.key)
            return true
        }
        guard let target = document.unknownExtensionPath(path) else { return false }
        var newValue = value
        if operation.op == .add, target.subAttribute == nil, let value {
            let current = document.rawMember(named: target.urn)?.value.member(named: target.attribute)?.value
            newValue = Self.merge(current, value)
        }
        document.setUnknownExtensionAttribute(
            urn: target.urn, attribute: target.attribute, subAttribute: target.subAttribute, value: newValue)
        return true
    }

    /// Plain keys first, then dotted and URN-qualified keys, so `name.givenName` refines `name` whatever
    /// order the client's JSON object had.
    static func orderedKeys(_ fields: [String: JSONValue]) -> [String] {
        func rank(_ key: String) -> Int {
            key.contains(".") || key.contains(":") ? 1 : 0
        }
        return fields.keys.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    // MARK: - add / replace

    mutating func write(
        _ kind: SCIMPatchOperation.Kind, target: SCIMPatchTarget, value: JSONValue, pathless: Bool
    ) throws {
        switch target {
        case .extensionObject(let schema):
            try writeExtension(kind, schema: schema, value: value)
        case .attribute(let path, let filter, let sub):
            try refuseMembership(path)
            let attribute = path.attributeDefinition
            switch attribute.mutability {
            case .writeOnly:
                return  // `password`: accepted (Okta password sync) and never stored.
            case .readOnly:
                try checkUnchanged(path, sub: sub, value: value, pathless: pathless)
                return
            case .immutable, .readWrite:
                break
            }
            if let filter {
                try writeFiltered(kind, path: path, filter: filter, sub: sub, value: value)
            } else if let sub {
                try writeSubAttribute(path: path, sub: sub, value: value)
            } else {
                try writeAttribute(kind, path: path, value: value)
            }
        }
    }

    private mutating func writeExtension(_ kind: SCIMPatchOperation.Kind, schema: SCIMSchema, value: JSONValue) throws {
        if value.isNull {
            if kind == .replace { document.removeExtension(schema.id) }
            return
        }
        guard case .object(let fields) = value else {
            throw SCIMError.invalidValue("'\(schema.id)' must be an object of its attributes")
        }
        for key in Self.orderedKeys(fields) {
            guard let path = try? SCIMAttributePath.resolving("\(schema.id):\(key)", in: resourceType) else {
                continue
            }
            let sub = path.subAttribute != nil ? path.definition : nil
            try write(
                kind, target: .attribute(path.parent, filter: nil, subAttribute: sub), value: fields[key]!,
                pathless: true)
        }
    }

    /// RFC 7644 §3.5.2.1 and §3.5.2.3 on a whole attribute: `add` appends to a multi-valued attribute
    /// (equal values kept once) and `replace` swaps the list; both merge into a single complex attribute and
    /// set a simple one. A complex value naming a different `value` (a new manager) replaces the old object
    /// instead of merging into it, so the old manager's `displayName` does not linger.
    private mutating func writeAttribute(_ kind: SCIMPatchOperation.Kind, path: SCIMAttributePath, value: JSONValue)
        throws
    {
        let attribute = path.attributeDefinition
        let coerced = try SCIMValueCoercion.coerce(value, to: attribute, at: path.description)
        let current = document.value(of: path)
        try checkImmutable(path, current: current, new: coerced)
        if attribute.multiValued {
            guard let added = coerced?.arrayValue else {
                if kind == .replace { document.setValue(nil, of: path) }
                return
            }
            let existing = kind == .add ? (current?.arrayValue ?? []) : []
            let combined = existing + added
            let preferred = combined.indices.first {
                $0 >= existing.count && SCIMMultiValuedRules.isPrimary(combined[$0])
            }
            document.setValue(
                .array(try SCIMMultiValuedRules.normalize(combined, attribute: attribute, preferredPrimary: preferred)),
                of: path)
        } else if attribute.type == .complex {
            guard let newMembers = try complexPatchValue(value, attribute: attribute, path: path) else {
                document.setValue(nil, of: path)
                return
            }
            var merged = current?.objectValue ?? [:]
            if attribute.hasValueSubAttribute, let newID = newMembers["value"], merged["value"] != newID {
                merged = [:]
            }
            merged.merge(newMembers) { _, new in new }
            document.setValue(merged.isEmpty ? nil : .object(merged), of: path)
        } else {
            document.setValue(coerced, of: path)
        }
    }

    /// A complex value for merging: keeps objects without `value` (unlike a POST body element).
    private func complexPatchValue(_ value: JSONValue, attribute: SCIMAttribute, path: SCIMAttributePath) throws
        -> [String: JSONValue]?
    {
        let single: JSONValue
        if case .array(let elements) = value {
            guard elements.count <= 1 else {
                throw SCIMError.invalidValue("'\(path)' is single-valued but an array of \(elements.count) was given")
            }
            single = elements.first ?? .null
        } else {
            single = value
        }
        return try SCIMValueCoercion.coerceSingle(single, to: attribute, at: path.description, dropValueless: false)?
            .objectValue
    }

    /// `name.givenName`, `manager.value`, or (unusually) `emails.value` without a filter, which applies to
    /// every email, or creates one when there is none.
    private mutating func writeSubAttribute(path: SCIMAttributePath, sub: SCIMAttribute, value: JSONValue) throws {
        let attribute = path.attributeDefinition
        let label = "\(path).\(sub.name)"
        let coerced = try SCIMValueCoercion.coerceScalar(value, to: sub, at: label)
        let current = document.value(of: path)
        if !attribute.multiValued {
            var members = current?.objectValue ?? [:]
            if sub.name == "value", attribute.hasValueSubAttribute, members["value"] != coerced {
                members = [:]
            }
            members[sub.name] = coerced
            document.setValue(members.isEmpty ? nil : .object(members), of: path)
            return
        }
        var elements = current?.arrayValue ?? []
        if elements.isEmpty {
            guard let coerced else { return }
            var element: [String: JSONValue] = [sub.name: coerced]
            Self.markPrimaryIfCreatedWithValue(&element, sub: sub, among: elements, attribute: attribute)
            elements = [.object(element)]
        } else {
            elements = elements.map { Self.setting(sub.name, to: coerced, in: $0) }
        }
        document.setValue(.array(try SCIMMultiValuedRules.normalize(elements, attribute: attribute)), of: path)
    }

    /// `emails[type eq "work"].value`, `addresses[type eq "work"].locality`, `emails[type eq "work"]`.
    /// When nothing matches and the filter is a plain equality, the element is created from it (Entra;
    /// SCIM-SDK #416, scim-for-keycloak #73); later operations on the same filter fill in that one element
    /// (SCIM-SDK #680). Elements that do not match are never touched (SCIM-SDK #668). A matched element
    /// is merged with a complex value, for `replace` as for `add`, so sub-attributes not sent are kept.
    private mutating func writeFiltered(
        _ kind: SCIMPatchOperation.Kind, path: SCIMAttributePath, filter: SCIMFilter, sub: SCIMAttribute?,
        value: JSONValue
    ) throws {
        let attribute = path.attributeDefinition
        guard attribute.multiValued else {
            throw SCIMError.invalidPath("'\(path)' is single-valued; a value filter needs a multi-valued attribute")
        }
        var elements = document.value(of: path)?.arrayValue ?? []
        let matches = elements.indices.filter { filter.matches(element: elements[$0]) }
        var preferred: Int?
        let newMembers: [String: JSONValue]
        if let sub {
            let coerced = try SCIMValueCoercion.coerceScalar(value, to: sub, at: "\(path).\(sub.name)")
            guard let coerced else {
                for index in matches { elements[index] = Self.setting(sub.name, to: nil, in: elements[index]) }
                document.setValue(elements.isEmpty ? nil : .array(elements), of: path)
                return
            }
            newMembers = [sub.name: coerced]
        } else {
            guard let members = try complexPatchValue(value, attribute: attribute, path: path) else {
                if kind == .replace {
                    elements = elements.indices.filter { !matches.contains($0) }.map { elements[$0] }
                    document.setValue(elements.isEmpty ? nil : .array(elements), of: path)
                }
                return
            }
            newMembers = members
        }
        if matches.isEmpty {
            guard var element = filter.equalityTemplate() else {
                throw SCIMError.noTarget(
                    "No value of '\(path)' matches the filter, and only an equality filter can create one")
            }
            element.merge(newMembers) { _, new in new }
            if let sub {
                Self.markPrimaryIfCreatedWithValue(&element, sub: sub, among: elements, attribute: attribute)
            }
            elements.append(.object(element))
            if SCIMMultiValuedRules.isPrimary(.object(element)) { preferred = elements.count - 1 }
        } else {
            for index in matches {
                var members = elements[index].objectValue ?? [:]
                members.merge(newMembers) { _, new in new }
                elements[index] = .object(members)
                if SCIMMultiValuedRules.isPrimary(elements[index]), newMembers["primary"] != nil { preferred = index }
            }
        }
        document.setValue(
            .array(try SCIMMultiValuedRules.normalize(elements, attribute: attribute, preferredPrimary: preferred)),
            of: path)
    }

    // MARK: - remove

    /// RFC 7644 §3.5.2.2. A filter matching nothing succeeds without change: IdPs retry removals, and
    /// an idempotent answer lets a retry converge instead of failing with `noTarget`. A `value` on a
    /// multi-valued attribute removes only the listed values (Entra, authentik and JumpCloud send member
    /// removals this way; applied literally the RFC would clear the attribute).
    mutating func remove(_ target: SCIMPatchTarget, value: JSONValue?) throws {
        guard case .attribute(let path, let filter, let sub) = target else {
            if case .extensionObject(let schema) = target { document.removeExtension(schema.id) }
            return
        }
        try refuseMembership(path)
        let attribute = path.attributeDefinition
        switch attribute.mutability {
        case .writeOnly:
            return
        case .readOnly:
            throw SCIMError.mutability("'\(path)' is read-only and cannot be removed")
        case .immutable where document.value(of: path) != nil:
            throw SCIMError.mutability("'\(path)' is immutable and cannot be removed")
        default:
            break
        }
        let current = document.value(of: path)
        if let filter {
            guard attribute.multiValued else {
                throw SCIMError.invalidPath("'\(path)' is single-valued; a value filter needs a multi-valued attribute")
            }
            let elements = current?.arrayValue ?? []
            let kept: [JSONValue]
            if let sub {
                kept = elements.map { filter.matches(element: $0) ? Self.setting(sub.name, to: nil, in: $0) : $0 }
            } else {
                kept = elements.filter { !filter.matches(element: $0) }
            }
            document.setValue(kept.isEmpty ? nil : .array(kept), of: path)
        } else if let sub {
            guard let current else { return }
            if attribute.multiValued {
                let elements = (current.arrayValue ?? []).map { Self.setting(sub.name, to: nil, in: $0) }
                document.setValue(.array(elements), of: path)
            } else {
                let remaining = Self.setting(sub.name, to: nil, in: current)
                document.setValue(remaining.objectValue?.isEmpty == false ? remaining : nil, of: path)
            }
        } else if attribute.multiValued, let value, !value.isNull {
            guard let current else { return }
            let removals =
                try SCIMValueCoercion.coerce(value, to: attribute, at: path.description)?.arrayValue ?? []
            let kept = (current.arrayValue ?? []).filter { element in
                !removals.contains { Self.selects($0, element, attribute: attribute) }
            }
            document.setValue(kept.isEmpty ? nil : .array(kept), of: path)
        } else {
            if attribute.required {
                throw SCIMError.mutability("'\(path)' is required and cannot be removed")
            }
            document.setValue(nil, of: path)
        }
    }

    /// Whether a removal value names `element`: by `value` when the attribute has one, otherwise when every
    /// sub-attribute the removal gives is equal.
    private static func selects(_ removal: JSONValue, _ element: JSONValue, attribute: SCIMAttribute) -> Bool {
        if let valueAttribute = attribute.subAttribute(named: "value"), let wanted = removal["value"] {
            guard let actual = element["value"] else { return false }
            return SCIMFilter.equal(actual, wanted, valueAttribute)
        }
        guard let wanted = removal.objectValue else { return removal == element }
        return wanted.allSatisfy { key, value in
            guard let sub = attribute.subAttribute(named: key), let actual = element.member(named: key)?.value else {
                return false
            }
            return SCIMFilter.equal(actual, value, sub)
        }
    }

    // MARK: - Finishing

    /// The canonical attributes after all operations: multi-valued invariants re-checked and `schemas`
    /// rebuilt. A required attribute left unassigned is a `mutability` error (RFC 7644 §3.5.2.2).
    func finish() throws -> JSONValue {
        let final = try normalizedDocument()
        if let missing = final.requiredAttributeMissing() {
            throw SCIMError.mutability("'\(missing)' is required and cannot be removed or emptied")
        }
        return final.rendered
    }

    /// The document with every multi-valued attribute de-duplicated and holding at most one primary, and
    /// without elements that lost their `value` (Entra removes an email with `emails[type eq "work"].value`).
    func normalizedDocument() throws -> SCIMResourceDocument {
        var final = document
        for schema in [resourceType.coreSchema] + resourceType.extensionSchemas {
            for attribute in schema.attributes where attribute.multiValued {
                let path = SCIMAttributePath(schemaURN: schema.id, attribute: attribute)
                guard var elements = final.value(of: path)?.arrayValue else { continue }
                if attribute.hasValueSubAttribute { elements.removeAll { $0["value"] == nil } }
                let normalized = try SCIMMultiValuedRules.normalize(elements, attribute: attribute)
                final.setValue(normalized.isEmpty ? nil : .array(normalized), of: path)
            }
        }
        return final
    }

    // MARK: - Checks and helpers

    /// A read-only attribute may appear in a request only with its current value: Okta's group rename
    /// sends the group's `id` in a path-less replace (elimity special-cases it). In a path-less value, an
    /// attribute whose current value this document does not hold (`id`, `meta`, derived `groups`) is ignored.
    private func checkUnchanged(_ path: SCIMAttributePath, sub: SCIMAttribute?, value: JSONValue, pathless: Bool)
        throws
    {
        var current = document.value(of: path)
        if let sub { current = current?.member(named: sub.name)?.value }
        guard let current else {
            if pathless { return }
            throw SCIMError.mutability("'\(path)' is read-only")
        }
        if current != value {
            throw SCIMError.mutability("'\(path)' is read-only and cannot be changed")
        }
    }

    /// Group members are rows, never stored attributes; `SCIMPatchEngine` turns `members` operations into a
    /// membership change before they reach the applier, so anything arriving here used a form it cannot
    /// read (a filtered or dotted `members` key inside a path-less value).
    private func refuseMembership(_ path: SCIMAttributePath) throws {
        guard resourceType == .group, path.attribute == "members" else { return }
        throw SCIMError.invalidPath("Change members with the path \"members\" or members[value eq \"id\"]")
    }

    private func checkImmutable(_ path: SCIMAttributePath, current: JSONValue?, new: JSONValue?) throws {
        guard path.attributeDefinition.mutability == .immutable, let current, current != new else { return }
        throw SCIMError.mutability("'\(path)' is immutable and cannot be changed once set")
    }

    /// An element created because its `value` was written becomes primary when no other element is, so
    /// the first work email Entra creates is the primary one Okta and Entra expect.
    private static func markPrimaryIfCreatedWithValue(
        _ element: inout [String: JSONValue], sub: SCIMAttribute, among elements: [JSONValue],
        attribute: SCIMAttribute
    ) {
        guard sub.name == "value", attribute.hasPrimarySubAttribute, element["primary"] == nil,
            !elements.contains(where: SCIMMultiValuedRules.isPrimary)
        else { return }
        element["primary"] = .bool(true)
    }

    private static func setting(_ key: String, to value: JSONValue?, in element: JSONValue) -> JSONValue {
        guard var members = element.objectValue else { return element }
        members[key] = value
        return .object(members)
    }

    /// `add` on verbatim data: objects merge, arrays append, anything else replaces.
    private static func merge(_ existing: JSONValue?, _ new: JSONValue) -> JSONValue {
        switch (existing, new) {
        case (.some(.object(let old)), .object(let newMembers)):
            return .object(old.merging(newMembers) { _, new in new })
        case (.some(.array(let old)), .array(let newElements)):
            let kept = Set(old)  // a set: `old.contains` for each new element was quadratic (issue 8)
            return .array(old + newElements.filter { !kept.contains($0) })
        case (.some(.array(let old)), _) where !new.isNull:
            return .array(old.contains(new) ? old : old + [new])
        default:
            return new
        }
    }
}
