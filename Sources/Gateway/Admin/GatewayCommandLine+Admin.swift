import Foundation
import Identity
import Postgres
import SCIM
import Storage

extension GatewayCommandLine {
    /// `admin-key create [--tenant ID] --name NAME`: a tenant key is written as the service role (`DATABASE_URL`);
    /// a deployment-wide key, which reaches every tenant, only as the schema owner (`MIGRATION_DATABASE_URL`), since
    /// row-level security refuses the service role a key without a tenant. The key is printed once; only its
    /// SHA-256 hash is stored.
    static func createAdminKey(_ arguments: CommandLineArguments) throws -> (id: UUID, key: String) {
        let name = try arguments.required("name")
        let tenantID = try arguments.option("tenant").map { try adminUUID($0, "--tenant") }
        let pool = try adminPool(owner: tenantID == nil)
        defer { pool.close() }
        let keys = AdminKeyRepository(pool: pool)
        let created =
            try tenantID.map { try keys.createTenantKey(tenantID: $0, name: name) }
            ?? keys.createDeploymentKey(name: name)
        return (created.id, created.secret.text)
    }

    /// `admin-key revoke --id ID [--tenant ID]`: the key fails from the next request on; as for creation, a
    /// deployment key needs the owner's connection.
    static func revokeAdminKey(_ arguments: CommandLineArguments) throws -> Bool {
        let keyID = try adminUUID(try arguments.required("id"), "--id")
        let tenantID = try arguments.option("tenant").map { try adminUUID($0, "--tenant") }
        let pool = try adminPool(owner: tenantID == nil)
        defer { pool.close() }
        return try AdminKeyRepository(pool: pool).revoke(keyID: keyID, tenantID: tenantID)
    }

    /// `mapping add --provider ID --kind role|team|business-unit --attribute PATH --value VALUE --target NAME
    /// [--position N]`: validated as the admin API validates it (`MappingRule.validate`).
    static func addMappingRule(_ arguments: CommandLineArguments) throws -> UUID {
        let providerID = try adminUUID(try arguments.required("provider"), "--provider")
        let kindText = try arguments.required("kind")
        guard let kind = MappingKind(rawValue: kindText.replacingOccurrences(of: "-", with: "_")) else {
            throw CommandLineArguments.UsageError(description: "--kind must be role, team or business-unit.")
        }
        let position = try arguments.option("position").map { text in
            guard let number = Int(text), (0...1_000_000).contains(number) else {
                throw CommandLineArguments.UsageError(description: "--position must be an integer from 0.")
            }
            return number
        }
        let pool = try adminPool(owner: false)
        defer { pool.close() }
        guard let provider = try AdministrationRepository(pool: pool).provider(id: providerID) else {
            throw AdministrationError.providerNotFound(providerID)
        }
        let rule = try TenantDatabase(pool: pool, tenantID: provider.tenantID).transaction { tenant in
            try tenant.adminMappingRules.create(
                providerID: providerID, kind: kind, attribute: try arguments.required("attribute"),
                value: try arguments.required("value"), target: try arguments.required("target"), position: position)
        }
        return rule.id
    }

    private static func adminPool(owner: Bool) throws -> PostgresPool {
        let configuration = try GatewayConfiguration.fromEnvironment()
        let url = owner ? configuration.migrationDatabaseURL : configuration.databaseURL
        return PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 1))
    }

    private static func adminUUID(_ text: String, _ option: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw CommandLineArguments.UsageError(description: "\(option) must be an id (UUID), got '\(text)'.")
        }
        return id
    }
}
