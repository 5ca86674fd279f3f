/// Applies PATCH operations (RFC 7644 §3.5.2) to stored resources. Pure: takes the canonical attributes
/// and returns new ones; all-or-nothing, since any failing operation throws before a result exists.
public enum SCIMPatchEngine {
    /// Applies operations to a user's canonical attributes (as `SCIMResourceNormalizer.normalizeUser`
    /// produces them) and returns the new canonical attributes. If `resource` also carries `id`, a
    /// path-less value repeating that id is accepted and a different one is a `mutability` error.
    public static func applyToUser(_ operations: [SCIMPatchOperation], to resource: JSONValue) throws -> JSONValue {
        var applier = try applier(for: .user, resource: resource)
        for operation in operations {
            try applier.apply(operation)
        }
        return try applier.finish()
    }

    /// Applies operations to a group. Attribute changes apply to `resource` (the stored attributes, without
    /// members); every operation on `members` becomes part of the returned membership change, so storage
    /// changes only the affected rows.
    public static func applyToGroup(_ operations: [SCIMPatchOperation], to resource: JSONValue) throws
        -> (attributes: JSONValue, membership: SCIMMembershipChange)
    {
        var applier = try applier(for: .group, resource: resource)
        var membership = SCIMMembershipChange()
        for operation in operations {
            if let pathText = operation.path {
                let target = try SCIMPatchTarget.parse(pathText, resourceType: .group)
                if case .attribute(let path, let filter, let sub) = target, path.attribute == "members" {
                    try applyMembers(operation, filter: filter, sub: sub, to: &membership)
                } else {
                    try applier.apply(operation)
                }
                continue
            }
            guard operation.op != .remove else { throw SCIMError.noTarget("A remove operation needs a \"path\"") }
            // A path-less value may carry members next to the group's attributes.
            guard case .object(let value) = operation.value ?? .null else {
                throw SCIMError.invalidValue("An \(operation.op.rawValue) without a path needs an object value")
            }
            let (fields, members) = SCIMMember.splitMembers(from: value)
            if let members {
                let membersOperation = SCIMPatchOperation(op: operation.op, path: "members", value: members)
                try applyMembers(membersOperation, filter: nil, sub: nil, to: &membership)
            }
            try applier.applyWithoutPath(operation.op, value: .object(fields))
        }
        return (try applier.finish(), membership)
    }

    private static func applier(for resourceType: SCIMResourceType, resource: JSONValue) throws -> SCIMPatchApplier {
        guard var members = resource.objectValue else {
            throw SCIMError.invalidValue("The stored \(resourceType.rawValue) is not a JSON object")
        }
        if resourceType == .group, let stored = resource.member(named: "members") {
            members.removeValue(forKey: stored.key)
        }
        return SCIMPatchApplier(document: SCIMResourceDocument(resourceType: resourceType, members: members))
    }

    /// Member operations, tolerating every form the IdPs send:
    /// - `add` `members` with a list (Okta, Entra; `type` defaults to "User", `displayName` means `display`).
    /// - `replace` `members` with a list: the membership becomes exactly that list (Okta full push).
    /// - `remove` `members[value eq "id"]`, also `or`-ed ids (Okta, Entra with aadOptscim062020).
    /// - `remove` `members` with a `value` list: only those members (Entra default mode, authentik,
    ///   JumpCloud; Azure docs #30826, SCIM-SDK #167).
    /// - `remove` `members` with neither: every member.
    /// Member sub-attributes are immutable, and other filters cannot be answered without loading the
    /// membership, so both are refused with a detail saying what to send instead.
    private static func applyMembers(
        _ operation: SCIMPatchOperation, filter: SCIMFilter?, sub: SCIMAttribute?,
        to membership: inout SCIMMembershipChange
    ) throws {
        if let sub {
            throw SCIMError.mutability(
                "members.\(sub.name) is immutable: remove the member and add it again instead")
        }
        switch operation.op {
        case .add, .replace:
            guard filter == nil else {
                throw SCIMError.invalidPath(
                    "\(operation.op.rawValue) on members takes the path \"members\" with a list of members")
            }
            let members = try SCIMMember.list(from: operation.value ?? .null)
            if operation.op == .add {
                membership.add(members)
            } else {
                membership.replace(with: members)
            }
        case .remove:
            if let filter {
                guard let ids = filter.memberIDs() else {
                    throw SCIMError.invalidPath(
                        "members can be removed only by id, as members[value eq \"id\"] or a list of values")
                }
                membership.remove(ids)
            } else if let value = operation.value, !value.isNull {
                membership.remove(try SCIMMember.list(from: value).map(\.value))
            } else {
                membership.removeEverything()
            }
        }
    }
}
