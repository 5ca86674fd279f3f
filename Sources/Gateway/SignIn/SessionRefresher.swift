import Crypto
import Foundation
import OIDC
import Postgres
import Storage
import Synchronization

/// Refreshes due sessions against their IdP every `SESSION_REFRESH_SECONDS`; one replica at a time, through a
/// PostgreSQL advisory lock. A person suspended by SCIM, or whom the IdP no longer accepts, loses every session.
final class SessionRefresher: Sendable {
    /// Fixed key of the advisory lock shared by every replica.
    static let lockKey: Int64 = 0x5E55_1015
    static let batchSize = 100
    /// Expired sessions and abandoned sign-ins deleted per round, at most, so a backlog never makes one round long.
    static let deletionBatchSize = 1000

    private let pool: PostgresPool
    private let configuration: GatewayConfiguration
    private let clients: OIDCClients
    private let logger: JSONLogger
    private let metrics: MetricsRegistry
    private let stopped = Mutex(false)

    init(
        pool: PostgresPool, configuration: GatewayConfiguration, clients: OIDCClients, logger: JSONLogger,
        metrics: MetricsRegistry
    ) {
        self.pool = pool
        self.configuration = configuration
        self.clients = clients
        self.logger = logger
        self.metrics = metrics
    }

    /// Checks for due sessions every few seconds on a thread of its own, until `stop()`.
    func start() {
        let pause = min(max(configuration.sessionRefreshInterval / 10, 1), 30)
        let thread = Thread { [self] in
            while !stopped.withLock({ $0 }) {
                _ = runOnce()
                Thread.sleep(forTimeInterval: pause)
            }
        }
        thread.name = "session-refresher"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
    }

    /// Refreshes the sessions due now, if this replica holds the lock; returns how many it looked at.
    @discardableResult
    func runOnce(now: Date = Date()) -> Int {
        do {
            return try pool.withTransaction { connection in
                let locked = try connection.query(
                    "SELECT pg_try_advisory_xact_lock(\(Self.lockKey)::bigint) AS locked"
                ).rows[0].decode("locked", as: Bool.self)
                guard locked else { return 0 }
                let directory = SessionDirectory(pool: pool)
                let due = try directory.dueSessions(before: now, limit: Self.batchSize)
                for (tenantID, sessionID) in due { refresh(tenantID: tenantID, sessionID: sessionID, now: now) }
                let deleted = try directory.deleteExpired(limit: Self.deletionBatchSize)
                if deleted > 0 { logger.info("expired sessions deleted", ["count": .integer(deleted)]) }
                return due.count
            }
        } catch {
            logger.warning("session refresh round failed", ["cause": .string(String(describing: error))])
            return 0
        }
    }

    private func refresh(tenantID: UUID, sessionID: UUID, now: Date) {
        let database = TenantDatabase(pool: pool, tenantID: tenantID)
        do {
            let found = try database.transaction { tenant -> (StoredSession, StoredUser?)? in
                guard let session = try tenant.sessions.find(id: sessionID) else { return nil }
                return (session, try tenant.users.find(id: session.userID))
            }
            guard let (session, user) = found else { return }
            guard let user, user.active else {
                try end(session, database: database, reason: "suspended")
                return
            }
            let nextDue = now.addingTimeInterval(configuration.sessionRefreshInterval)
            guard let sealed = session.refreshTokenEncrypted, let key = configuration.secretKey,
                let settings = try SignInSettingsRepository(pool: pool).settings(providerID: session.providerID)
            else {
                try database.transaction {
                    try $0.sessions.markRefreshed(id: sessionID, refreshTokenEncrypted: nil, nextDueAt: nextDue)
                }
                return
            }
            let box = try AESGCM(key: key)
            let binding = SignInEndpoints.refreshBinding(sessionID)
            let refreshToken = String(decoding: try box.open(sealed, associatedData: binding), as: UTF8.self)
            let client = try clients.client(for: settings, redirectURI: redirectURI())
            do {
                let tokens = try BlockingTask.run { try await client.refresh(refreshToken: refreshToken) }
                let resealed = try tokens.refreshToken.map { try box.seal(Array($0.utf8), associatedData: binding) }
                try database.transaction {
                    try $0.sessions.markRefreshed(id: sessionID, refreshTokenEncrypted: resealed, nextDueAt: nextDue)
                }
            } catch let error as OIDCError where error.code == .grantRejected {
                try end(session, database: database, reason: "idp_refused")
            }
        } catch {
            // The IdP or the database could not answer: try this session again in a minute, keep it meanwhile.
            logger.warning(
                "session refresh failed",
                ["tenant": .string(tenantID.uuidString.lowercased()), "cause": .string("\(type(of: error))")])
            _ = try? database.transaction {
                try $0.sessions.markRefreshed(
                    id: sessionID, refreshTokenEncrypted: nil, nextDueAt: now.addingTimeInterval(60))
            }
        }
    }

    private func end(_ session: StoredSession, database: TenantDatabase, reason: String) throws {
        let ended = try database.transaction { try $0.sessions.endAll(for: session.userID) }
        metrics.increment("scim_gateway_sessions_ended_total", .init([("reason", reason)]), by: Double(ended))
        logger.info("sessions ended", ["reason": .string(reason), "count": .integer(ended)])
    }

    private func redirectURI() throws -> URL {
        let base = configuration.publicBaseURL ?? "http://\(configuration.listenHost):\(configuration.listenPort)"
        guard let url = URL(string: base + "/auth/oidc/callback") else { throw SignInFailure.notConfigured }
        return url
    }
}
