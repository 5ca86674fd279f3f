import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/providers`: OIDC providers, their governance settings and SCIM provisioning.
///
/// The provisioning token is in the answer of enable and rotate only; it is stored as a hash and never shown again.
struct AdminProvidersEndpoint: Sendable {
    let pool: PostgresPool

    static let fields: Set<String> = [
        "name", "issuer", "client_id", "provisioning_mode", "role_strategy", "groups_become_teams",
    ]

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providers = try database(context).transaction { try $0.adminProviders.list() }
        return AdminResponse.json(AdminJSON.list(providers.map { render($0, context) }))
    }

    func create(_ context: AdminRequestContext) throws -> HTTPResponse {
        let changes = try Self.changes(context, creating: true)
        let provider = try database(context).transaction { try $0.adminProviders.create(changes) }
        return AdminResponse.json(render(provider, context), status: 201)
    }

    func get(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "OIDC provider")
        guard let provider = try database(context).transaction({ try $0.adminProviders.find(id: id) }) else {
            throw AdminAPIError(.notFound, "No OIDC provider has the id \(id.uuidString.lowercased()).")
        }
        return AdminResponse.json(render(provider, context))
    }

    func update(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "OIDC provider")
        let changes = try Self.changes(context, creating: false)
        let provider = try database(context).transaction { try $0.adminProviders.update(id: id, changes) }
        return AdminResponse.json(render(provider, context))
    }

    /// Switches SCIM on; the answer holds the endpoint and the token, shown this once.
    func enableSCIM(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "OIDC provider")
        let (provider, secret) = try database(context).transaction { try $0.adminProviders.enableSCIM(id: id) }
        return AdminResponse.json(
            [
                "endpoint": .string(Self.scimEndpoint(context)), "token": .string(secret.text),
                "provider": render(provider, context),
            ])
    }

    func rotateToken(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "OIDC provider")
        let secret = try database(context).transaction { try $0.adminProviders.rotateToken(id: id) }
        return AdminResponse.json(["token": .string(secret.text)])
    }

    func disableSCIM(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "OIDC provider")
        let provider = try database(context).transaction { try $0.adminProviders.disableSCIM(id: id) }
        return AdminResponse.json(render(provider, context))
    }

    private func render(_ provider: AdminProviderRecord, _ context: AdminRequestContext) -> JSONValue {
        AdminJSON.provider(provider, scimEndpoint: Self.scimEndpoint(context))
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }

    /// Where IdPs reach SCIM, without a trailing slash (Entra and Okta append paths to it).
    static func scimEndpoint(_ context: AdminRequestContext) -> String {
        context.baseURL + SCIMRouter.prefix
    }

    private static func changes(_ context: AdminRequestContext, creating: Bool) throws -> AdminProviderChanges {
        let body = try context.body(allowed: fields)
        let limits = context.limits
        var changes = AdminProviderChanges()
        changes.name =
            creating
            ? try body.requiredString("name", maxLength: limits.maxNameLength)
            : try body.string("name", maxLength: limits.maxNameLength)
        changes.issuer = try body.clearableString("issuer", maxLength: limits.maxTextLength)
        if let issuer = changes.issuer ?? nil {
            guard let normalized = IssuerURL.normalized(issuer) else {
                throw AdminAPIError.field("issuer", "an http(s) URL without query or fragment")
            }
            changes.issuer = .some(normalized)
        }
        changes.clientID = try body.clearableString("client_id", maxLength: limits.maxTextLength)
        changes.provisioningMode = try body.choice("provisioning_mode", ProvisioningMode.self)
        changes.roleStrategy = try body.choice("role_strategy", RoleStrategy.self)
        changes.groupsBecomeTeams = try body.bool("groups_become_teams")
        return changes
    }
}
