import Foundation
import Testing

@testable import Gateway

@Suite("When a provider's log is pruned")
struct ProvisioningLogPruneScheduleTests {
    @Test("on its first write, then after every interval writes, counted per provider")
    func cadence() {
        var schedule = ProvisioningLogPruneSchedule(interval: 3)
        let first = ProvisioningLogPruneSchedule.Provider(tenantID: UUID(), providerID: UUID())
        let second = ProvisioningLogPruneSchedule.Provider(tenantID: first.tenantID, providerID: UUID())
        let due = [
            schedule.recordWrites(1, for: first), schedule.recordWrites(1, for: first),
            schedule.recordWrites(1, for: second), schedule.recordWrites(1, for: first),
            schedule.recordWrites(1, for: first), schedule.recordWrites(2, for: first),
            schedule.recordWrites(5, for: first),
        ]
        #expect(due == [true, false, true, false, true, false, true])
    }

    @Test("a batch that reaches the interval is due at once")
    func largeBatch() {
        var schedule = ProvisioningLogPruneSchedule(interval: 50)
        let provider = ProvisioningLogPruneSchedule.Provider(tenantID: UUID(), providerID: UUID())
        let due = [
            schedule.recordWrites(1, for: provider), schedule.recordWrites(49, for: provider),
            schedule.recordWrites(64, for: provider),
        ]
        #expect(due == [true, false, true])
    }
}
