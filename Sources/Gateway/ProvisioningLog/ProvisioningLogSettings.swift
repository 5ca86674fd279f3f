import Foundation

/// The provisioning log's limits. The two retention limits come from the environment (README configuration table);
/// the queue bounds are fixed because they only trade memory against entries dropped under overload.
public struct ProvisioningLogSettings: Sendable, Equatable {
    /// Entries kept per provider (`PROVISIONING_LOG_LIMIT`, default 1000); 0 turns the log off.
    public var entriesPerProvider: Int
    /// Days an entry is kept at most (`PROVISIONING_LOG_DAYS`, default 30).
    public var maxAgeDays: Int
    /// Captured requests waiting for the writer; beyond it new ones are dropped and counted.
    public var queueCapacity: Int
    /// Request and response bytes waiting for the writer, at most.
    public var queueByteBudget: Int
    /// Captures the writer redacts and writes per round.
    public var batchSize: Int
    /// A provider's log is pruned on its first write after start and then after every this many writes, so it
    /// holds at most `entriesPerProvider + pruneInterval - 1` rows per replica between prunes.
    public var pruneInterval: Int

    public init(
        entriesPerProvider: Int = 1000, maxAgeDays: Int = 30, queueCapacity: Int = 1000,
        queueByteBudget: Int = 16 << 20, batchSize: Int = 64, pruneInterval: Int = 50
    ) {
        self.entriesPerProvider = entriesPerProvider
        self.maxAgeDays = maxAgeDays
        self.queueCapacity = queueCapacity
        self.queueByteBudget = queueByteBudget
        self.batchSize = batchSize
        self.pruneInterval = pruneInterval
    }

    public var isEnabled: Bool { entriesPerProvider > 0 }

    /// Reads `PROVISIONING_LOG_LIMIT` (0…100000) and `PROVISIONING_LOG_DAYS` (1…3650); a bad value throws
    /// `GatewayConfiguration.Invalid` naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ProvisioningLogSettings {
        let reader = EnvironmentReader(environment: environment)
        return ProvisioningLogSettings(
            entriesPerProvider: try reader.integer("PROVISIONING_LOG_LIMIT", default: 1000, in: 0...100_000),
            maxAgeDays: try reader.integer("PROVISIONING_LOG_DAYS", default: 30, in: 1...3650))
    }
}
