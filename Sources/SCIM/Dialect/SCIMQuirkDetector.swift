/// Finds the non-standard input in one request (IDP_BEHAVIOUR.md §0.3 and §0.7). Pure: the same request always
/// yields the same codes, sorted.
public enum SCIMQuirkDetector {
    public static func quirks(in request: SCIMObservedRequest) -> [SCIMQuirk] {
        var found: Set<SCIMQuirk> = []
        inspectPath(request, into: &found)
        inspectQuery(request, into: &found)
        if request.bodyByteCount > 0, let contentType = request.contentType,
            SCIMRedactor.mediaType(of: contentType) == "application/json"
        {
            found.insert(.applicationJSON)
        }
        if let body = request.body { inspectBody(body, of: request, into: &found) }
        return found.sorted()
    }

    private static func inspectPath(_ request: SCIMObservedRequest, into found: inout Set<SCIMQuirk>) {
        if request.path.count > 1, request.path.hasSuffix("/") { found.insert(.trailingSlash) }
        if SCIMWireVocabulary.occurs("//", in: request.path) { found.insert(.doubleSlash) }
        if let endpoint = request.endpointSegment,
            let canonical = SCIMWireVocabulary.endpointNames.first(where: { $0.lowercased() == endpoint.lowercased() }),
            canonical != endpoint
        {
            found.insert(.lowercaseResource)
        }
        if request.segments.contains(where: {
            SCIMWireVocabulary.occurs(SCIMWireVocabulary.entraFlag, in: $0.lowercased())
        }) {
            found.insert(.flagOnWrongSegment)
        }
    }

    private static func inspectQuery(_ request: SCIMObservedRequest, into found: inout Set<SCIMQuirk>) {
        for (name, value) in request.query {
            let folded = name.lowercased()
            let flag = SCIMWireVocabulary.entraFlag
            if (SCIMWireVocabulary.occurs(flag, in: folded) && folded != flag)
                || SCIMWireVocabulary.occurs(flag, in: value.lowercased())
            {
                found.insert(.flagOnWrongSegment)
            }
            if folded == "filter", SCIMFilterText(value).hasUnquotedValue { found.insert(.unquotedFilterValue) }
        }
    }

    private static func inspectBody(
        _ body: JSONValue, of request: SCIMObservedRequest, into found: inout Set<SCIMQuirk>
    ) {
        guard case .object(let members) = body else { return }
        inspectSchemas(members, into: &found)
        let endpoint = request.endpointSegment?.lowercased()
        let isSearch = request.segments.last?.lowercased() == ".search"
        switch request.upperMethod {
        case "PATCH":
            inspectPatch(body, resourceType: request.resourceType, into: &found)
        case "POST" where isSearch:
            if let filter = body.member(named: "filter")?.value.stringValue, SCIMFilterText(filter).hasUnquotedValue {
                found.insert(.unquotedFilterValue)
            }
        case "POST" where endpoint == "bulk":
            inspectBulk(body, into: &found)
        case "POST", "PUT":
            guard let resourceType = request.resourceType else { return }
            let readOnly = SCIMWireVocabulary.readOnlyNames.subtracting(request.upperMethod == "PUT" ? ["id"] : [])
            if members.keys.contains(where: { readOnly.contains($0.lowercased()) }) {
                found.insert(.readOnlyAttributesSent)
            }
            inspectAttributes(members, resourceType: resourceType, into: &found)
        default:
            return
        }
    }

    /// Bulk operations (RFC 7644 §3.7) are inspected as the requests they stand for.
    private static func inspectBulk(_ body: JSONValue, into found: inout Set<SCIMQuirk>) {
        for operation in body.member(named: "Operations")?.value.arrayValue ?? [] {
            guard let method = operation.member(named: "method")?.value.stringValue,
                let path = operation.member(named: "path")?.value.stringValue,
                let data = operation.member(named: "data")?.value
            else { continue }
            let inner = SCIMObservedRequest(method: method, path: "/scim/v2" + (path.hasPrefix("/") ? "" : "/") + path)
            inspectBody(data, of: inner, into: &found)
        }
    }

    private static func inspectSchemas(_ members: [String: JSONValue], into found: inout Set<SCIMQuirk>) {
        guard let schemas = members.first(where: { $0.key.lowercased() == "schemas" })?.value.arrayValue else { return }
        for urn in schemas.compactMap(\.stringValue) {
            let folded = urn.lowercased()
            if folded.hasPrefix("urn:scim:schemas:") {
                found.insert(.legacySchemaURN)
            } else if !SCIMWireVocabulary.knownSchemaURNs.contains(folded) {
                found.insert(.unknownSchemaURN)
            }
        }
    }

    private static func inspectPatch(
        _ body: JSONValue, resourceType: SCIMResourceType?, into found: inout Set<SCIMQuirk>
    ) {
        for operation in body.member(named: "Operations")?.value.arrayValue ?? [] {
            let op = operation.member(named: "op")?.value.stringValue ?? ""
            if SCIMWireVocabulary.patchOps.contains(op.lowercased()), op != op.lowercased() { found.insert(.opCase) }
            let value = operation.member(named: "value")?.value
            if let path = operation.member(named: "path")?.value.stringValue, !path.isEmpty {
                inspectPathOperation(op: op.lowercased(), path: path, value: value, into: &found)
            } else if case .object(let members)? = value {
                inspectPathlessValue(members, resourceType: resourceType, into: &found)
            }
        }
    }

    private static func inspectPathOperation(
        op: String, path: String, value: JSONValue?, into found: inout Set<SCIMQuirk>
    ) {
        if SCIMFilterText(path).hasUnquotedValue { found.insert(.unquotedFilterValue) }
        let head = SCIMWireVocabulary.headAttribute(ofPath: path)
        let leaf = SCIMWireVocabulary.leafAttribute(ofPath: path)
        let isPlain =
            !path.contains("[") && !path.contains(".")
            || path.lowercased().hasPrefix("urn:") && !path.contains("[")
        guard let value, !value.isNull else { return }
        if op == "remove", head == "members", !path.contains("[") { found.insert(.removeMembersWithValue) }
        if isPlain, SCIMWireVocabulary.multiValuedNames.contains(head), value.arrayValue == nil {
            found.insert(.singleObjectForList)
        }
        inspectValue(value, named: leaf, into: &found)
        if head == "members" { inspectMembers(value, into: &found) }
        if head == "roles" { inspectRoles(value, into: &found) }
    }

    /// A path-less `add`/`replace` (RFC 7644 §3.5.2.1): its keys should be attribute names, or a schema URN holding
    /// an object; Entra with the flag sends attribute paths instead.
    private static func inspectPathlessValue(
        _ members: [String: JSONValue], resourceType: SCIMResourceType?, into found: inout Set<SCIMQuirk>
    ) {
        var attributes: [String: JSONValue] = [:]
        for (key, value) in members {
            let folded = key.lowercased()
            if folded.hasPrefix("urn:") {
                let isSchema = SCIMWireVocabulary.knownSchemaURNs.contains(folded)
                let isAttributeOfKnownSchema = SCIMSchemas.all.contains { folded.hasPrefix($0.id.lowercased() + ":") }
                if isAttributeOfKnownSchema || (!isSchema && value.objectValue == nil) {
                    found.insert(.pathlessURNKeys)
                    inspectPathOperation(op: "replace", path: key, value: value, into: &found)
                    continue
                }
            } else if key.contains(".") {
                found.insert(.pathlessDottedKeys)
                inspectPathOperation(op: "replace", path: key, value: value, into: &found)
                continue
            }
            if ["id", "meta", "schemas"].contains(folded) || (folded == "groups" && resourceType == .user) {
                found.insert(.readOnlyAttributesSent)
                continue
            }
            attributes[key] = value
        }
        inspectAttributes(attributes, resourceType: resourceType, into: &found)
    }

    /// The top-level attributes of a resource body or path-less value.
    private static func inspectAttributes(
        _ members: [String: JSONValue], resourceType: SCIMResourceType?, into found: inout Set<SCIMQuirk>
    ) {
        for (key, value) in members {
            let folded = key.lowercased()
            if SCIMWireVocabulary.knownSchemaURNs.contains(folded), case .object(let extensionMembers) = value {
                inspectAttributes(extensionMembers, resourceType: resourceType, into: &found)
                continue
            }
            if folded == "schemas" { continue }
            if SCIMWireVocabulary.multiValuedNames.contains(folded), !value.isNull, value.arrayValue == nil {
                found.insert(.singleObjectForList)
            }
            inspectName(key, into: &found)
            inspectValue(value, named: folded, into: &found)
            if folded == "members" { inspectMembers(value, into: &found) }
            if folded == "roles" { inspectRoles(value, into: &found) }
        }
    }

    /// Checks that apply at every level: boolean strings, empty strings, the manager's shape, attribute name case.
    private static func inspectValue(_ value: JSONValue, named name: String, into found: inout Set<SCIMQuirk>) {
        switch value {
        case .string(let text):
            if text.isEmpty {
                found.insert(.emptyStringAsUnset)
            } else if SCIMWireVocabulary.booleanNames.contains(name), SCIMRedactor.isBooleanWord(text.lowercased()) {
                found.insert(.booleanAsString)
            } else if name == "manager" {
                found.insert(.managerBareString)
            }
        case .object(let members):
            for (key, member) in members {
                inspectName(key, into: &found)
                inspectValue(member, named: key.lowercased(), into: &found)
            }
        case .array(let elements):
            for element in elements { inspectValue(element, named: name, into: &found) }
        default:
            return
        }
    }

    /// `"UserName"`: a schema attribute name starting with a capital where the schema's name does not.
    private static func inspectName(_ key: String, into found: inout Set<SCIMQuirk>) {
        guard let first = key.first, first.isUppercase,
            let canonical = SCIMWireVocabulary.canonicalNames[key.lowercased()], canonical != key
        else { return }
        found.insert(.pascalCaseAttributes)
    }

    private static func inspectMembers(_ value: JSONValue, into found: inout Set<SCIMQuirk>) {
        for member in value.arrayValue ?? [value] {
            guard case .object(let fields) = member else { continue }
            let names = Set(fields.keys.map { $0.lowercased() })
            if !names.contains("type") { found.insert(.memberWithoutType) }
            if names.contains("displayname") { found.insert(.memberDisplayName) }
        }
    }

    private static func inspectRoles(_ value: JSONValue, into found: inout Set<SCIMQuirk>) {
        for role in value.arrayValue ?? [value] {
            guard let text = role.member(named: "value")?.value.stringValue else { continue }
            if text.hasPrefix("{"), (try? JSONValue.parse(text))?.objectValue != nil { found.insert(.rolesJSONString) }
        }
    }
}
