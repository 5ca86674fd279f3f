import Testing

@testable import Gateway

@Suite("Provisioning log settings from the environment")
struct ProvisioningLogSettingsTests {
    @Test("defaults keep 1000 entries for 30 days")
    func defaults() throws {
        let settings = try ProvisioningLogSettings.fromEnvironment([:])
        #expect(settings.entriesPerProvider == 1000)
        #expect(settings.maxAgeDays == 30)
        #expect(settings.isEnabled)
    }

    @Test("PROVISIONING_LOG_LIMIT and PROVISIONING_LOG_DAYS are read, and 0 turns the log off")
    func configured() throws {
        let settings = try ProvisioningLogSettings.fromEnvironment(
            ["PROVISIONING_LOG_LIMIT": "0", "PROVISIONING_LOG_DAYS": "7"])
        #expect(settings.entriesPerProvider == 0)
        #expect(settings.maxAgeDays == 7)
        #expect(!settings.isEnabled)
    }

    @Test(
        "a bad value names its variable",
        arguments: [
            ("PROVISIONING_LOG_LIMIT", "lots"), ("PROVISIONING_LOG_LIMIT", "-1"), ("PROVISIONING_LOG_DAYS", "0"),
        ])
    func invalid(variable: String, value: String) {
        #expect {
            try ProvisioningLogSettings.fromEnvironment([variable: value])
        } throws: { error in
            (error as? GatewayConfiguration.Invalid)?.variable == variable
        }
    }
}
