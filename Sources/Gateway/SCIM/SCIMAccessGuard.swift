import Foundation
import HTTPServer
import Identity
import SCIM
import Storage

/// Counts SCIM traffic in PostgreSQL, so the budgets hold across replicas: a rate limit per provisioning token, and a
/// throttle on failed authentication per client address and per token prefix.
///
/// A valid token is always admitted, within its rate limit: failures, whoever made them, only turn further failures
/// into 429s. So nobody can lock an IdP out, neither a tenant sharing its egress address (Entra's are shared across
/// tenants; behind a load balancer every client has one address) nor someone who knows its token's prefix (shown to
/// administrators). Failures are counted per client address and token prefix (an IdP with a wrong token gets its 401s
/// and then 429s of its own), per token prefix at ten times the limit (guessing from many addresses), and per client
/// address whatever the prefix at fifty times (varying the prefix). Tokens carry 256 random bits, so the throttle
/// protects the service (the writes each failure costs) more than the tokens.
struct SCIMAccessGuard: Sendable {
    /// A refusal with the seconds after which the client may try again.
    struct Refused: Error {
        let error: SCIMError
        let retryAfter: Int
    }

    let counters: RequestCounters
    let ratePerSecond: Int
    let failuresPerMinute: Int

    /// Authenticates a presented token in one round trip (`RequestCounters.admit`): a valid token is admitted unless
    /// it is over its rate limit; an unknown one is refused with 429 once its client or prefix failed too often this
    /// minute, and otherwise with 401, counted as a failure.
    func authenticate(_ request: HTTPRequest, presented: String?) throws -> ProvisioningPrincipal {
        let keys = Self.failureKeys(request, presented)
        // A malformed token is looked up as an empty hash, which no token has, so every request costs the same.
        let usable = presented.flatMap { $0.utf8.count <= 512 ? $0 : nil }
        let admission = try counters.admit(
            tokenHash: usable.map(ProvisioningTokenSecret.hash(of:)) ?? [],
            throttleKeys: [keys.client, keys.prefix, keys.address], countRequest: ratePerSecond > 0)
        if let principal = admission.principal {
            if let count = admission.requestsThisSecond, count > ratePerSecond {
                throw Refused(
                    error: SCIMError(
                        status: 429, detail: "Rate limit of \(ratePerSecond) requests per second exceeded."),
                    retryAfter: 1)
            }
            return principal
        }
        guard (admission.failures[keys.client] ?? 0) < failuresPerMinute,
            (admission.failures[keys.prefix] ?? 0) < failuresPerMinute * 10,
            (admission.failures[keys.address] ?? 0) < failuresPerMinute * 50
        else {
            throw Refused(
                error: SCIMError(status: 429, detail: "Too many failed authentications; wait a minute and retry."),
                retryAfter: 60)
        }
        // Best effort: a failure that cannot be counted is still refused.
        _ = try? counters.increment([keys.client, keys.prefix, keys.address], windowSeconds: 60)
        throw SCIMError(status: 401, detail: "A valid provisioning token is required (Authorization: Bearer).")
    }

    /// The first characters of the presented token (the scanner prefix and four more, as stored for audit) with the
    /// client address, alone, and the address alone.
    private static func failureKeys(
        _ request: HTTPRequest, _ presented: String?
    ) -> (client: String, prefix: String, address: String) {
        let prefix = String((presented ?? "").prefix(11))
        return (
            "authfail:client:\(request.remoteAddress)|\(prefix)", "authfail:prefix:\(prefix)",
            "authfail:address:\(request.remoteAddress)"
        )
    }
}
