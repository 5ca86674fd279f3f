import Foundation
import Synchronization

/// Providers' JWK Sets, cached per `jwks_uri`.
///
/// A set is reused for `timeToLive`, then fetched again. When a token names a key the cached set lacks (a
/// rotation), `refreshedKeys(for:)` fetches once more, but never sooner than `minimumRefetchInterval` after
/// the previous attempt, so forged tokens cannot make the gateway hammer a provider. Concurrent callers share
/// one fetch per URI. Only public keys are held: a key the provider withdraws stays usable here for at most
/// `timeToLive`, which is why nothing that must end at once (sessions, tokens) depends on this cache.
///
/// Thread-safe: state sits in a `Mutex`, held only to read or change it, never across a fetch.
public final class JWKSCache: Sendable {
    private struct Entry {
        var keys: JWKSet?
        var fetchedAt: ContinuousClock.Instant?
        var attemptedAt: ContinuousClock.Instant?
        var inFlight: Task<JWKSet, any Error>?
    }

    private enum Step {
        case cached(JWKSet)
        case wait(Task<JWKSet, any Error>)
    }

    public let timeToLive: Duration
    public let minimumRefetchInterval: Duration
    private let client: any OIDCHTTPClient
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[URL: Entry]>([:])

    public init(
        client: any OIDCHTTPClient, timeToLive: Duration = .seconds(600),
        minimumRefetchInterval: Duration = .seconds(5),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.client = client
        self.timeToLive = timeToLive
        self.minimumRefetchInterval = minimumRefetchInterval
        self.now = now
    }

    /// The cached set when younger than `timeToLive`, otherwise a freshly fetched one.
    public func keys(for jwksURI: URL) async throws -> JWKSet {
        let step = entries.withLock { all -> Step in
            let instant = now()
            if let entry = all[jwksURI], let keys = entry.keys, let fetchedAt = entry.fetchedAt,
                instant - fetchedAt < timeToLive
            {
                return .cached(keys)
            }
            return .wait(startFetch(jwksURI, at: instant, in: &all))
        }
        return try await run(step)
    }

    /// A set fetched after a token named an unknown key or no cached key verified it. Returns the cached set
    /// unchanged when the last attempt is younger than `minimumRefetchInterval`.
    public func refreshedKeys(for jwksURI: URL) async throws -> JWKSet {
        let step = entries.withLock { all -> Step in
            let instant = now()
            if let entry = all[jwksURI], let keys = entry.keys, entry.inFlight == nil,
                let attemptedAt = entry.attemptedAt, instant - attemptedAt < minimumRefetchInterval
            {
                return .cached(keys)
            }
            return .wait(startFetch(jwksURI, at: instant, in: &all))
        }
        return try await run(step)
    }

    /// Forgets every cached set.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    private func run(_ step: Step) async throws -> JWKSet {
        switch step {
        case .cached(let keys): return keys
        case .wait(let task): return try await task.value
        }
    }

    /// Joins the fetch already running for `jwksURI` or starts one. Called with the lock held; the task runs
    /// after the lock is released.
    private func startFetch(
        _ jwksURI: URL, at instant: ContinuousClock.Instant, in all: inout [URL: Entry]
    ) -> Task<JWKSet, any Error> {
        var entry = all[jwksURI] ?? Entry()
        if let running = entry.inFlight { return running }
        let task = Task { try await self.fetch(jwksURI) }
        entry.inFlight = task
        entry.attemptedAt = instant
        all[jwksURI] = entry
        return task
    }

    private func fetch(_ jwksURI: URL) async throws -> JWKSet {
        let result: Result<JWKSet, any Error>
        do {
            let response = try await client.send(.json(jwksURI))
            guard response.status == 200 else {
                throw OIDCError(
                    .unexpectedStatus, detail: "the JWKS endpoint answered \(response.status)",
                    status: response.status)
            }
            result = .success(try JWKSet.parse(response.body))
        } catch {
            result = .failure(error)
        }
        let finished = now()
        entries.withLock { all in
            all[jwksURI]?.inFlight = nil
            if case .success(let keys) = result {
                all[jwksURI]?.keys = keys
                all[jwksURI]?.fetchedAt = finished
            }
        }
        return try result.get()
    }
}
