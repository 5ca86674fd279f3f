import Foundation
import Identity
import Postgres
import SCIM
import Storage

/// The `scim-gateway` command: `serve`, `migrate`, `tenant`, `provider`, `scim`, `mapping`, `admin-key` and
/// `openapi` subcommands.
///
/// Every subcommand reads `DATABASE_URL`; with `--json` it prints exactly one JSON object on standard output.
public enum GatewayCommandLine {
    static let usage = """
        Usage: scim-gateway <command> [options]   (DATABASE_URL names the database)

          serve [--listen HOST:PORT]                        serve HTTP (SCIM at /scim/v2)
          migrate [--json]                                  apply pending migrations (as MIGRATION_DATABASE_URL)
          tenant create NAME [--json]                       create a tenant
          provider create --tenant ID --name NAME [--issuer URL] [--client-id ID] [--mode both|scim] [--json]
          provider configure --provider ID [--issuer URL] [--client-id ID] [--client-secret SECRET] [--scopes S]
                   [--audience A] [--mode both|scim] [--claim-user-id C] [--claim-email C] [--claim-name C] [--json]
          scim enable --provider ID [--json]                enable SCIM; prints the endpoint and the token (once)
          scim rotate-token --provider ID [--json]          issue a new token; the old one fails at once
          scim disable --provider ID [--json]               disable SCIM and revoke the token
          mapping add --provider ID --kind role|team|business-unit --attribute PATH --value VALUE --target NAME
                   [--position N] [--json]                  add a mapping rule
          admin-key create [--tenant ID] --name NAME [--json]
                                                            admin API key, shown once; without --tenant it reaches
                                                            every tenant and needs MIGRATION_DATABASE_URL (the owner)
          admin-key revoke --id ID [--tenant ID] [--json]   revoke an admin API key
          dashboard link --tenant ID [--json]               one-time dashboard sign-in link for the first
                                                            administrator (works once, within 15 minutes)
          openapi                                           print the admin API's OpenAPI document
        """

    /// Runs the command and returns the process exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let parsed: CommandLineArguments
        do {
            parsed = try CommandLineArguments(arguments)
        } catch {
            return fail("\(error)", json: arguments.contains("--json"), status: 2)
        }
        if parsed.has("help") || parsed.words.isEmpty {
            print(usage)
            return parsed.words.isEmpty && !parsed.has("help") ? 2 : 0
        }
        do {
            return try dispatch(parsed)
        } catch let error as CommandLineArguments.UsageError {
            // A script reading --json output wants the mistake, not the manual.
            let json = parsed.has("json")
            return fail(json ? error.description : "\(error.description)\n\n\(usage)", json: json, status: 2)
        } catch let error as PostgresError {
            let server = error.serverMessage.map { ": \($0)" } ?? ""
            return fail("\(error.description)\(server)", json: parsed.has("json"), status: 1)
        } catch {
            return fail("\(error)", json: parsed.has("json"), status: 1)
        }
    }

    /// The options each command takes, by its first two words (one for `serve`, `migrate` and `openapi`).
    static let acceptedOptions: [String: Set<String>] = [
        "serve": ["listen"], "migrate": [], "openapi": [], "tenant create": [],
        "provider create": ["tenant", "name", "issuer", "client-id", "mode"],
        "provider configure": [
            "provider", "issuer", "client-id", "client-secret", "scopes", "audience", "mode", "claim-user-id",
            "claim-email", "claim-name",
        ],
        "scim enable": ["provider"], "scim rotate-token": ["provider"], "scim disable": ["provider"],
        "mapping add": ["provider", "kind", "attribute", "value", "target", "position"],
        "admin-key create": ["tenant", "name"], "admin-key revoke": ["id", "tenant"], "dashboard link": ["tenant"],
    ]

    private static func dispatch(_ arguments: CommandLineArguments) throws -> Int32 {
        let words = arguments.words
        let json = arguments.has("json")
        let command = words.prefix(1).joined()
        let twoWords = words.prefix(2).joined(separator: " ")
        if let accepted = acceptedOptions[twoWords] ?? acceptedOptions[command] {
            try arguments.checkOptions(
                accepted: accepted, command: acceptedOptions[twoWords] == nil ? command : twoWords)
        }
        switch (words.first, words.dropFirst().first) {
        case ("serve", _):
            var environment = ProcessInfo.processInfo.environment
            if let listen = arguments.option("listen") { environment["LISTEN_ADDRESS"] = listen }
            let configuration = try GatewayConfiguration.fromEnvironment(environment)
            try GatewayServer(configuration: configuration, logger: JSONLogger(minimumLevel: configuration.logLevel))
                .runUntilSignalled()
        case ("migrate", _):
            // Migrations run as the schema's owner, which may differ from the service's role.
            let (configuration, pool) = try connect(ownerURL: true)
            defer { pool.close() }
            let applied = try MigrationRunner(pool: pool, directory: configuration.sqlDirectory).run()
            emit(
                json, ["applied": .array(applied.map(JSONValue.string))],
                applied.isEmpty ? "Database is up to date." : "Applied migrations: \(applied.joined(separator: ", ")).")
        case ("tenant", "create"):
            guard words.count == 3 else { throw CommandLineArguments.UsageError(description: "tenant create NAME") }
            let (_, pool) = try connect()
            defer { pool.close() }
            let tenant = try AdministrationRepository(pool: pool).createTenant(name: words[2])
            emit(json, ["id": .string(tenant.id.lowercasedString)], "Created tenant \(tenant.id.lowercasedString).")
        case ("provider", "create"):
            let tenantID = try uuid(arguments.required("tenant"), "--tenant")
            let mode =
                try arguments.option("mode").map {
                    guard let mode = ProvisioningMode(rawValue: $0) else {
                        throw CommandLineArguments.UsageError(description: "--mode must be both or scim.")
                    }
                    return mode
                } ?? .both
            let (_, pool) = try connect()
            defer { pool.close() }
            let provider = try AdministrationRepository(pool: pool).createProvider(
                tenantID: tenantID, name: try arguments.required("name"),
                issuer: try arguments.option("issuer").map(issuer),
                clientID: arguments.option("client-id").flatMap { $0.isEmpty ? nil : $0 }, mode: mode)
            emit(
                json, ["id": .string(provider.id.lowercasedString)], "Created provider \(provider.id.lowercasedString)."
            )
        case ("provider", "configure"):
            let result = try configureProvider(arguments)
            emit(json, result.objectValue ?? [:], "Provider \(result["id"]?.stringValue ?? "") configured.")
        case ("scim", "enable"):
            let providerID = try uuid(arguments.required("provider"), "--provider")
            let (configuration, pool) = try connect()
            defer { pool.close() }
            let secret = try AdministrationRepository(pool: pool).enableSCIM(providerID: providerID)
            let endpoint = scimEndpoint(configuration)
            emit(
                json, ["endpoint": .string(endpoint), "token": .string(secret.text)],
                """
                SCIM endpoint URL:  \(endpoint)
                Provisioning token: \(secret.text)
                The token is shown only this once; store it now.
                """)
        case ("scim", "rotate-token"):
            let providerID = try uuid(arguments.required("provider"), "--provider")
            let (_, pool) = try connect()
            defer { pool.close() }
            let secret = try AdministrationRepository(pool: pool).rotateToken(providerID: providerID)
            emit(
                json, ["token": .string(secret.text)],
                "New provisioning token: \(secret.text)\nThe previous token no longer works. This one is shown once.")
        case ("scim", "disable"):
            let providerID = try uuid(arguments.required("provider"), "--provider")
            let (_, pool) = try connect()
            defer { pool.close() }
            try AdministrationRepository(pool: pool).disableSCIM(providerID: providerID)
            emit(json, ["disabled": .bool(true)], "SCIM disabled; the provider's token no longer works.")
        case ("admin-key", "create"):
            let (id, key) = try createAdminKey(arguments)
            emit(
                json, ["id": .string(id.lowercasedString), "key": .string(key)],
                "Admin API key \(id.lowercasedString): \(key)\nThe key is shown only this once; store it now.")
        case ("admin-key", "revoke"):
            let revoked = try revokeAdminKey(arguments)
            emit(json, ["revoked": .bool(revoked)], revoked ? "Key revoked." : "No active key has that id.")
            return revoked ? 0 : 1
        case ("mapping", "add"):
            let id = try addMappingRule(arguments)
            emit(json, ["id": .string(id.lowercasedString)], "Added mapping rule \(id.lowercasedString).")
        case ("dashboard", "link"):
            let link = try dashboardLink(arguments)
            emit(
                json, link,
                """
                One-time dashboard sign-in link (works once, until \(link["expiresAt"]?.stringValue ?? "")):
                \(link["url"]?.stringValue ?? "")
                """)
        case ("openapi", _):
            FileHandle.standardOutput.write(Data(AdminOpenAPI.documentBytes))
        default:
            throw CommandLineArguments.UsageError(description: "Unknown command '\(words.joined(separator: " "))'.")
        }
        return 0
    }

    private static func connect(ownerURL: Bool = false) throws -> (GatewayConfiguration, PostgresPool) {
        let configuration = try GatewayConfiguration.fromEnvironment()
        let url = ownerURL ? configuration.migrationDatabaseURL : configuration.databaseURL
        let pool = PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 2))
        return (configuration, pool)
    }

    /// Where IdPs reach SCIM: the public URL, else the listen address (a wildcard host shown as loopback).
    private static func scimEndpoint(_ configuration: GatewayConfiguration) -> String {
        if let base = configuration.publicBaseURL { return base + "/scim/v2" }
        var host = configuration.listenHost
        if host == "0.0.0.0" { host = "127.0.0.1" }
        if host == "::" { host = "::1" }
        if host.contains(":") { host = "[\(host)]" }
        return "http://\(host):\(configuration.listenPort)/scim/v2"
    }

    private static func uuid(_ text: String, _ option: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw CommandLineArguments.UsageError(description: "\(option) must be an id (UUID), got '\(text)'.")
        }
        return id
    }

    private static func emit(_ json: Bool, _ object: [String: JSONValue], _ text: String) {
        print(json ? JSONValue.object(object).serializedString : text)
    }

    private static func fail(_ message: String, json: Bool, status: Int32) -> Int32 {
        if json { print(JSONValue.object(["error": .string(message)]).serializedString) }
        FileHandle.standardError.write(Data(("scim-gateway: " + message + "\n").utf8))
        return status
    }
}
