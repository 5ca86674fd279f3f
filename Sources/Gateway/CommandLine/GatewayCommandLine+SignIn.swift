import Crypto
import Foundation
import Identity
import Postgres
import SCIM
import Storage

extension GatewayCommandLine {
    /// `provider configure --provider ID [--issuer URL] [--client-id ID] [--client-secret SECRET] [--scopes S]
    /// [--audience A] [--mode both|scim] [--claim-user-id C] [--claim-email C] [--claim-name C]`:
    /// options not given keep their value; the secret is sealed with SECRET_KEY.
    static func configureProvider(_ arguments: CommandLineArguments) throws -> JSONValue {
        guard let providerID = UUID(uuidString: try arguments.required("provider")) else {
            throw CommandLineArguments.UsageError(description: "--provider must be an id (UUID).")
        }
        let configuration = try GatewayConfiguration.fromEnvironment()
        let pool = PostgresPool(
            configuration: PostgresConfiguration(connectionString: configuration.databaseURL, poolSize: 1))
        defer { pool.close() }
        let repository = SignInSettingsRepository(pool: pool)
        guard var settings = try repository.settings(providerID: providerID) else {
            throw AdministrationError.providerNotFound(providerID)
        }
        if let issuer = arguments.option("issuer") { settings.issuer = try Self.issuer(issuer) }
        if let clientID = arguments.option("client-id") { settings.clientID = clientID.isEmpty ? nil : clientID }
        let hadSecret = settings.clientSecretSealed != nil
        settings.clientSecretSealed = nil  // nil keeps the stored secret; a new one replaces it
        if let secret = arguments.option("client-secret") {
            guard let key = configuration.secretKey else {
                throw GatewayConfiguration.Invalid(
                    variable: "SECRET_KEY", reason: "is needed to store a client secret (it is kept encrypted).")
            }
            settings.clientSecretSealed = try AESGCM(key: key).seal(
                Array(secret.utf8), associatedData: settings.secretBinding)
        }
        settings.scopes = try Self.nonEmpty(arguments, "scopes") ?? settings.scopes
        // The audience is optional: an empty value clears it, and the client ID is the audience again.
        if let audience = arguments.option("audience") { settings.audience = audience.isEmpty ? nil : audience }
        if let mode = arguments.option("mode") {
            guard let parsed = ProvisioningMode(rawValue: mode) else {
                throw CommandLineArguments.UsageError(description: "--mode must be both or scim.")
            }
            settings.provisioningMode = parsed
        }
        settings.claims.userID = try Self.nonEmpty(arguments, "claim-user-id") ?? settings.claims.userID
        settings.claims.email = try Self.nonEmpty(arguments, "claim-email") ?? settings.claims.email
        settings.claims.name = try Self.nonEmpty(arguments, "claim-name") ?? settings.claims.name
        try repository.configure(settings)
        return .object([
            "id": .string(providerID.uuidString.lowercased()), "issuer": settings.issuer.map(JSONValue.string) ?? .null,
            "clientId": settings.clientID.map(JSONValue.string) ?? .null,
            "clientSecretStored": .bool(hadSecret || settings.clientSecretSealed != nil),
        ])
    }

    /// `--issuer`, as every other way of configuring a provider checks it.
    static func issuer(_ text: String) throws -> String {
        guard let issuer = IssuerURL.normalized(text) else {
            throw CommandLineArguments.UsageError(description: "--issuer must be an http(s) URL without query.")
        }
        return issuer
    }

    /// An option that has no meaning when empty (scopes, claim names).
    private static func nonEmpty(_ arguments: CommandLineArguments, _ name: String) throws -> String? {
        guard let value = arguments.option(name) else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandLineArguments.UsageError(description: "--\(name) must not be empty.")
        }
        return value
    }
}
