import Foundation
import Testing

@testable import Gateway

@Suite("Configuration from the environment")
struct GatewayConfigurationTests {
    @Test(
        "a bad value stops start-up with a message naming the variable",
        arguments: [
            ("DATABASE_URL", ""), ("LISTEN_ADDRESS", "nonsense"), ("LISTEN_ADDRESS", "host:99999"),
            ("DB_POOL_SIZE", "0"), ("HTTP_WORKERS", "many"), ("MAX_BODY_BYTES", "-1"),
            ("PUBLIC_BASE_URL", "ftp://x"), ("SCIM_MAX_RESULTS", "100000"), ("SQL_DIR", "/no/such/folder"),
            ("LISTEN_ADDRESS", ":8080"), ("LISTEN_ADDRESS", "localhost:8080"), ("LISTEN_ADDRESS", "::1:8080"),
            ("LISTEN_ADDRESS", "[127.0.0.1]:8080"), ("LOG_LEVEL", "verbose"), ("DATABASE_URL", "mysql://x/db"),
            ("DATABASE_URL", "just-a-name"), ("MIGRATION_DATABASE_URL", "https://x/db"),
        ])
    func invalidValues(variable: String, value: String) {
        var environment = ["DATABASE_URL": "postgres://localhost/db"]
        environment[variable] = value
        do {
            _ = try GatewayConfiguration.fromEnvironment(environment)
            Issue.record("\(variable)=\(value) was accepted")
        } catch let error as GatewayConfiguration.Invalid {
            #expect(error.variable == variable)
            #expect(error.description.contains(variable))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("defaults and listen addresses")
    func defaults() throws {
        let configuration = try GatewayConfiguration.fromEnvironment(
            ["DATABASE_URL": "postgres://localhost/db", "PUBLIC_BASE_URL": "https://scim.example.com/"])
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8080)
        #expect(configuration.publicBaseURL == "https://scim.example.com")
        #expect(try GatewayConfiguration.parseListenAddress("[::1]:9000", "X") == ("::1", 9000))
        #expect(try GatewayConfiguration.parseListenAddress("0.0.0.0:9000", "X") == ("0.0.0.0", 9000))
        #expect(configuration.logLevel == .info)
        let conninfo = try GatewayConfiguration.fromEnvironment(
            ["DATABASE_URL": "host=/run/postgresql dbname=scim", "LOG_LEVEL": "WARNING"])
        #expect(conninfo.databaseURL == "host=/run/postgresql dbname=scim")
        #expect(conninfo.logLevel == .warning)
    }

    @Test("command-line options take values, flags do not")
    func commandLineArguments() throws {
        let parsed = try CommandLineArguments(["provider", "create", "--tenant", "abc", "--name=Okta", "--json"])
        #expect(parsed.words == ["provider", "create"])
        #expect(parsed.option("tenant") == "abc")
        #expect(parsed.option("name") == "Okta")
        #expect(parsed.has("json"))
        #expect(throws: CommandLineArguments.UsageError.self) { try CommandLineArguments(["--tenant"]) }
    }
}
