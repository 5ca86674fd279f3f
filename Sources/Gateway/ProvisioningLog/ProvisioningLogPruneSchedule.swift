import Foundation

/// Counts writes per provider and says when a provider's log is due for pruning: on its first write after start,
/// so the age limit applies soon after a restart, and then after every `interval` writes. Pruning therefore costs
/// one indexed `DELETE` per `interval` entries instead of one per entry.
struct ProvisioningLogPruneSchedule {
    struct Provider: Hashable {
        let tenantID: UUID
        let providerID: UUID
    }

    let interval: Int
    /// Providers tracked at most; past it the counts restart, which only brings some prunes forward.
    let maxProviders: Int
    private var writesSincePrune: [Provider: Int] = [:]

    init(interval: Int, maxProviders: Int = 10_000) {
        self.interval = max(interval, 1)
        self.maxProviders = maxProviders
    }

    /// `count` entries of `provider` were written; true when it should be pruned now.
    mutating func recordWrites(_ count: Int, for provider: Provider) -> Bool {
        guard let written = writesSincePrune[provider] else {
            if writesSincePrune.count >= maxProviders { writesSincePrune.removeAll() }
            writesSincePrune[provider] = 0
            return true
        }
        guard written + count >= interval else {
            writesSincePrune[provider] = written + count
            return false
        }
        writesSincePrune[provider] = 0
        return true
    }
}
