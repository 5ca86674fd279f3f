import Foundation

/// Recognises which client sent a request: first by the `User-Agent` an IdP sets, then by the shape of the request,
/// and `unknown` when neither says anything. Pure and table-driven; each row names its source.
///
/// Shape signals from different IdPs in one request cancel out to `unknown` rather than a guess. A client that
/// names itself but matches no row is `generic`.
public enum SCIMDialectRecognizer {
    /// A `User-Agent` fragment (compared lower-cased) and the IdP that sends it.
    struct AgentRow {
        let fragment: String
        let dialect: SCIMDialect
    }

    static let agents: [AgentRow] = [
        // Okta's docs: `User-Agent: Okta SCIM Client 1.0.0`; Runscope runs Okta's SPEC test suite.
        AgentRow(fragment: "okta scim client", dialect: .okta),
        AgentRow(fragment: "runscope", dialect: .okta),
        // Seen in public SCIM servers' tests of Entra traffic: `Microsoft Azure AD SCIM provisioning 1.0.0`.
        AgentRow(fragment: "azure ad scim", dialect: .entra),
        // Scimitar (RIPA Global) recognises Google's pushes by `Google-Auto-Provisioning`.
        AgentRow(fragment: "google-auto-provisioning", dialect: .google),
        // authentik's HTTP session sends `authentik@<version>` (authentik/lib/utils/http.py).
        AgentRow(fragment: "authentik@", dialect: .authentik),
        // No capture of these vendors' agents was found; their own names in it are still their mark.
        AgentRow(fragment: "onelogin", dialect: .onelogin),
        AgentRow(fragment: "jumpcloud", dialect: .jumpcloud),
        AgentRow(fragment: "pingfederate", dialect: .pingfederate),
        AgentRow(fragment: "pingidentity", dialect: .pingfederate),
    ]

    /// A shape signal: a request trait and the IdP family known to produce it (IDP_BEHAVIOUR.md §0.7, §8).
    struct ShapeRow {
        let dialect: SCIMDialect
        let matches: @Sendable (SCIMObservedRequest, Set<SCIMQuirk>) -> Bool
    }

    static let shapes: [ShapeRow] = [
        // Entra without the flag: capitalised ops, boolean strings, bare manager ids, `displayName` on members.
        ShapeRow(dialect: .entra) { _, quirks in
            !quirks.isDisjoint(with: [.opCase, .booleanAsString, .managerBareString, .memberDisplayName])
        },
        // Entra with the flag: path-less values keyed by attribute paths.
        ShapeRow(dialect: .entra) { _, quirks in
            !quirks.isDisjoint(with: [.pathlessDottedKeys, .pathlessURNKeys])
        },
        // Entra's flag in the query, wherever the admin pasted it.
        ShapeRow(dialect: .entra) { request, _ in hasEntraFlag(request) },
        // Entra's group create declares Microsoft's ADSCIM schema.
        ShapeRow(dialect: .entra) { request, _ in
            schemas(of: request).contains { $0.hasPrefix("http://schemas.microsoft.com/") }
        },
        // OneLogin's JSON templates: the SCIM 1.1 core URN, `emails` as one object.
        ShapeRow(dialect: .onelogin) { request, quirks in
            quirks.contains(.legacySchemaURN) || request.body?.member(named: "emails")?.value.objectValue != nil
        },
        // Okta's group push renames with a path-less replace carrying the group's `id` on every membership update.
        ShapeRow(dialect: .okta) { request, _ in
            pathlessValues(of: request).contains { value in
                request.resourceType == .group && value.member(named: "id") != nil
                    && value.member(named: "displayName") != nil
            }
        },
        // authentik updates a group with a path-less replace of the whole group, `schemas` included.
        ShapeRow(dialect: .authentik) { request, _ in
            pathlessValues(of: request).contains { value in
                request.resourceType == .group && value.member(named: "schemas") != nil
                    && value.member(named: "displayName") != nil
            }
        },
        // PingOne's filter-expression templates write operators in title case: `username Eq "%s"`.
        ShapeRow(dialect: .pingfederate) { request, _ in
            request.query.contains { $0.name.lowercased() == "filter" && SCIMFilterText($0.value).hasTitleCaseOperator }
        },
    ]

    /// The dialect of `request`, given the quirks `SCIMQuirkDetector` found in it.
    public static func recognize(_ request: SCIMObservedRequest, quirks: [SCIMQuirk]) -> SCIMDialect {
        let quirkSet = Set(quirks)
        let agent = request.userAgent?.lowercased() ?? ""
        let named = agents.first { agent.contains($0.fragment) }?.dialect
        let shaped = Set(shapes.filter { $0.matches(request, quirkSet) }.map(\.dialect))
        let family: SCIMDialect
        if let named {
            family = named
        } else if shaped.count == 1, let only = shaped.first {
            family = only
        } else if shaped.isEmpty, !agent.trimmingCharacters(in: .whitespaces).isEmpty {
            return .generic
        } else {
            return .unknown
        }
        return family == .entra ? entraFormat(request, quirks: quirkSet) : family
    }

    /// Entra speaks two PATCH formats, and "Provision on demand" ignores the flag (Microsoft Learn), so the body
    /// decides before the URL does.
    static func entraFormat(_ request: SCIMObservedRequest, quirks: Set<SCIMQuirk>) -> SCIMDialect {
        if !quirks.isDisjoint(with: [.opCase, .booleanAsString]) { return .entra }
        if !quirks.isDisjoint(with: [.pathlessDottedKeys, .pathlessURNKeys]) { return .entraCompliant }
        return hasEntraFlag(request) ? .entraCompliant : .entra
    }

    static func hasEntraFlag(_ request: SCIMObservedRequest) -> Bool {
        let flag = SCIMWireVocabulary.entraFlag
        let occurs = SCIMWireVocabulary.occurs
        return request.query.contains { occurs(flag, $0.name.lowercased()) || occurs(flag, $0.value.lowercased()) }
            || occurs(flag, request.path.lowercased())
    }

    private static func schemas(of request: SCIMObservedRequest) -> [String] {
        (request.body?.member(named: "schemas")?.value.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() }
    }

    private static func pathlessValues(of request: SCIMObservedRequest) -> [JSONValue] {
        guard request.upperMethod == "PATCH" else { return [] }
        return (request.body?.member(named: "Operations")?.value.arrayValue ?? []).compactMap { operation in
            let path = operation.member(named: "path")?.value.stringValue ?? ""
            guard path.isEmpty, let value = operation.member(named: "value")?.value, value.objectValue != nil else {
                return nil
            }
            return value
        }
    }
}
