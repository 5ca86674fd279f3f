import Dispatch
import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage
import Synchronization

/// Records every authenticated SCIM request, with our answer, in its provider's provisioning log, off the
/// request's path.
///
/// `record` appends the request and response (copy-on-write buffers, not copied) to a bounded queue under a lock
/// and returns. One writer on a private serial queue recognises the dialect, redacts, writes a batch in one short
/// transaction per tenant, and prunes providers that are due. Asynchronous because a synchronous insert would add
/// a transaction, and a wait for a pool connection whenever the pool is busy, to every SCIM answer; the writer
/// holds at most one connection. The log is diagnostic, so under overload it drops entries (counted and logged)
/// rather than slowing provisioning, and a failed write is logged, never thrown. Entries still queued when the
/// process exits are lost unless shutdown calls `waitUntilIdle` before closing the pool.
final class ProvisioningLogRecorder: Sendable {
    let settings: ProvisioningLogSettings
    private let pool: PostgresPool
    private let logger: JSONLogger
    private let redactor: SCIMRedactor
    private let queue: Mutex<ProvisioningLogQueue<ProvisioningLogCapture>>
    private let schedule: Mutex<ProvisioningLogPruneSchedule>
    private let dropped = Atomic<Int>(0)
    private let writer = DispatchQueue(label: "scim-gateway.provisioning-log", qos: .utility)

    init(
        pool: PostgresPool, settings: ProvisioningLogSettings, logger: JSONLogger,
        redactor: SCIMRedactor = SCIMRedactor()
    ) {
        self.pool = pool
        self.settings = settings
        self.logger = logger
        self.redactor = redactor
        queue = Mutex(
            ProvisioningLogQueue(
                capacity: settings.queueCapacity, byteBudget: settings.queueByteBudget,
                batchSize: settings.batchSize))
        schedule = Mutex(ProvisioningLogPruneSchedule(interval: settings.pruneInterval))
    }

    /// Hands one answered SCIM request to the log. Never blocks on I/O and never fails.
    func record(
        request: HTTPRequest, response: HTTPResponse, principal: ProvisioningPrincipal, route: String,
        durationMilliseconds: Double, requestID: String
    ) {
        guard settings.isEnabled else { return }
        let capture = ProvisioningLogCapture(
            request: request, response: response, principal: principal, route: route,
            durationMilliseconds: durationMilliseconds, requestID: requestID,
            occurredAt: Date(timeIntervalSinceNow: -durationMilliseconds / 1000))
        let action = queue.withLock { $0.enqueue(capture, bytes: capture.byteCount) }
        switch action {
        case .startWriter: writer.async { self.drain() }
        case .queued: break
        case .dropped: dropped.add(1, ordering: .relaxed)
        }
    }

    /// Captures dropped because the queue was full, since start.
    var droppedCount: Int { dropped.load(ordering: .relaxed) }

    /// Waits until every capture handed over so far is written (or has failed); false after `timeout` seconds.
    /// For tests, and for shutdown before the pool closes.
    func waitUntilIdle(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !queue.withLock({ $0.isIdle }) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return true
    }

    private func drain() {
        while true {
            let (batch, droppedSinceReport) = queue.withLock { $0.nextBatch() }
            if droppedSinceReport > 0 {
                logger.warning("provisioning log entries dropped: queue full", ["count": .integer(droppedSinceReport)])
            }
            guard !batch.isEmpty else { return }
            write(batch)
        }
    }

    private func write(_ batch: [ProvisioningLogCapture]) {
        let byTenant = Dictionary(grouping: batch, by: \.principal.tenantID)
        for (tenantID, captures) in byTenant {
            let repository = ProvisioningLogRepository(database: TenantDatabase(pool: pool, tenantID: tenantID))
            do {
                try repository.record(captures.map { $0.record(redactor: redactor) })
            } catch {
                logger.warning(
                    "provisioning log write failed",
                    [
                        "tenant": .string(tenantID.uuidString.lowercased()), "entries": .integer(captures.count),
                        "cause": .string(String(describing: error)),
                    ])
                continue
            }
            prune(captures, in: repository)
        }
    }

    private func prune(_ captures: [ProvisioningLogCapture], in repository: ProvisioningLogRepository) {
        let counts = Dictionary(grouping: captures, by: \.principal.providerID).mapValues(\.count)
        let cutoff = Date(timeIntervalSinceNow: -Double(settings.maxAgeDays) * 86_400)
        for (providerID, count) in counts {
            let provider = ProvisioningLogPruneSchedule.Provider(
                tenantID: repository.database.tenantID, providerID: providerID)
            guard schedule.withLock({ $0.recordWrites(count, for: provider) }) else { continue }
            do {
                try repository.prune(providerID: providerID, keep: settings.entriesPerProvider, olderThan: cutoff)
            } catch {
                logger.warning(
                    "provisioning log prune failed",
                    [
                        "tenant": .string(repository.database.tenantID.uuidString.lowercased()),
                        "provider": .string(providerID.uuidString.lowercased()),
                        "cause": .string(String(describing: error)),
                    ])
            }
        }
    }
}
