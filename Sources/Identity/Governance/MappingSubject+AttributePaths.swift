import SCIM

extension MappingSubject {
    /// The values a rule's `attribute` path finds on this person, trimmed, without empties, in document order.
    ///
    /// Paths, compared ignoring case:
    /// - `groups`: the names of the SCIM groups the person is in.
    /// - `claims.<dotted path>`: the ID token claims (`claims.groups`, `claims.realm_access.roles`,
    ///   `claims.https://example.com/roles`); nothing when there are no claims. An object at the end contributes
    ///   its member names (ZITADEL's `urn:zitadel:iam:org:project:roles`).
    /// - `urn:<schema>:<attribute path>`: the attribute under that extension; the URN is the longest extension key
    ///   of the person prefixing the path before a `:`, so `…:enterprise:2.0:User:department` is never split on
    ///   the dot of "2.0" (RFC 7644 §3.10). The core User URN addresses the top-level attributes.
    /// - `enterprise.<attribute path>`: short for the enterprise extension (RFC 7643 §4.3).
    /// - anything else: a dotted path into the core attributes (`title`, `name.givenName`, `emails.value`);
    ///   when the core attributes yield nothing, the enterprise extension, then the other extensions in URN order,
    ///   and the first that yields a value is used, so `department` and `costCenter` work unqualified.
    ///
    /// Arrays at any level contribute each element; an object at the end of a SCIM path contributes its `value`.
    public func values(at attribute: String) -> [String] {
        guard let path = GovernanceNames.normalized(attribute) else { return [] }
        return rawValues(at: Substring(path)).compactMap(GovernanceNames.normalized)
    }

    private func rawValues(at path: Substring) -> [String] {
        if GovernanceNames.equal(path, "groups") {
            return groupNames
        }
        if let rest = path.droppingPrefix("claims.") {
            return claims?.mappingValues(at: rest, objects: .memberNames) ?? []
        }
        if let rest = path.droppingPrefix("enterprise.") {
            let enterprise = attributes.member(named: SCIMSchemas.enterpriseUserURN)?.value
            return enterprise?.mappingValues(at: rest, objects: .valueMember) ?? []
        }
        if let rest = path.droppingPrefix(SCIMSchemas.userURN + ":") {
            return attributes.mappingValues(at: rest, objects: .valueMember)
        }
        if GovernanceNames.hasPrefix(path, "urn:") {
            return qualifiedValues(at: path)
        }
        for container in [attributes] + extensionObjects() {
            let found = container.mappingValues(at: path, objects: .valueMember)
            if found.contains(where: { GovernanceNames.normalized($0) != nil }) { return found }
        }
        return []
    }

    /// Values under the extension whose URN is the longest one prefixing `path` before a colon.
    private func qualifiedValues(at path: Substring) -> [String] {
        let urns = (attributes.objectValue ?? [:]).keys.filter { GovernanceNames.hasPrefix(path, $0 + ":") }.sorted()
        guard let urn = urns.max(by: { $0.count < $1.count }), let rest = path.droppingPrefix(urn + ":") else {
            return []
        }
        return attributes[urn]?.mappingValues(at: rest, objects: .valueMember) ?? []
    }

    /// The enterprise extension first, then every other extension in URN order.
    private func extensionObjects() -> [JSONValue] {
        let members = attributes.objectValue ?? [:]
        let urns = members.keys.filter { GovernanceNames.hasPrefix($0, "urn:") }.sorted { lhs, rhs in
            let lhsEnterprise = GovernanceNames.equal(lhs, SCIMSchemas.enterpriseUserURN)
            let rhsEnterprise = GovernanceNames.equal(rhs, SCIMSchemas.enterpriseUserURN)
            return lhsEnterprise != rhsEnterprise ? lhsEnterprise : lhs < rhs
        }
        return urns.compactMap { members[$0] }
    }
}

extension Substring {
    /// The rest after `prefix` when the text starts with it ignoring case.
    fileprivate func droppingPrefix(_ prefix: String) -> Substring? {
        guard GovernanceNames.hasPrefix(self, prefix) else { return nil }
        return dropFirst(prefix.count)
    }
}
