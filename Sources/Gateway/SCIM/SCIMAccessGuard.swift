import Foundation
import HTTPServer
import Identity
import SCIM
import Storage

/// Counts SCIM traffic in PostgreSQL, so the budgets hold across replicas: a rate limit per provisioning token, and a
/// throttle on failed authentication per client address and per token prefix.
///
/// The throttle refuses whatever token is presented, keyed on the client address together with the token's first
/// characters, and on the prefix alone at ten times the limit (guessing from many addresses). An address alone is
/// not a key: IdPs share egress addresses across tenants (Entra), so one tenant's attacker must not lock out another
/// tenant's IdP. Tokens carry 256 random bits, so the throttle protects the service more than the tokens.
struct SCIMAccessGuard: Sendable {
    /// A refusal with the seconds after which the client may try again.
    struct Refused: Error {
        let error: SCIMError
        let retryAfter: Int
    }

    let counters: RequestCounters
    let ratePerSecond: Int
    let failuresPerMinute: Int

    /// Authenticates a presented token in one round trip (`RequestCounters.admit`) and applies the budgets in a fixed
    /// order: a client that failed too often this minute is refused whatever it presents now, then an unknown token
    /// is refused (and counted as a failure), then a token over its rate limit.
    func authenticate(_ request: HTTPRequest, presented: String?) throws -> ProvisioningPrincipal {
        let keys = Self.failureKeys(request, presented)
        // A malformed token is looked up as an empty hash, which no token has, so every request costs the same.
        let usable = presented.flatMap { $0.utf8.count <= 512 ? $0 : nil }
        let admission = try counters.admit(
            tokenHash: usable.map(ProvisioningTokenSecret.hash(of:)) ?? [], throttleKeys: [keys.client, keys.prefix],
            countRequest: ratePerSecond > 0)
        guard (admission.failures[keys.client] ?? 0) < failuresPerMinute,
            (admission.failures[keys.prefix] ?? 0) < failuresPerMinute * 10
        else {
            throw Refused(
                error: SCIMError(status: 429, detail: "Too many failed authentications; wait a minute and retry."),
                retryAfter: 60)
        }
        guard let principal = admission.principal else {
            recordFailure(request, presented: presented)
            throw SCIMError(status: 401, detail: "A valid provisioning token is required (Authorization: Bearer).")
        }
        if let count = admission.requestsThisSecond, count > ratePerSecond {
            throw Refused(
                error: SCIMError(status: 429, detail: "Rate limit of \(ratePerSecond) requests per second exceeded."),
                retryAfter: 1)
        }
        return principal
    }

    private func recordFailure(_ request: HTTPRequest, presented: String?) {
        let keys = Self.failureKeys(request, presented)
        for key in [keys.client, keys.prefix] {
            _ = try? counters.increment(key, windowSeconds: 60)
        }
    }

    /// The first characters of the presented token (the scanner prefix and four more, as stored for audit), alone
    /// and with the client address.
    private static func failureKeys(_ request: HTTPRequest, _ presented: String?) -> (client: String, prefix: String) {
        let prefix = String((presented ?? "").prefix(11))
        return ("authfail:client:\(request.remoteAddress)|\(prefix)", "authfail:prefix:\(prefix)")
    }
}
