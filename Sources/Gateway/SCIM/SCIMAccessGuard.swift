import Foundation
import HTTPServer
import Identity
import SCIM
import Storage

/// Counts SCIM traffic in PostgreSQL, so the budgets hold across replicas: a rate limit per provisioning token, and a
/// throttle on failed authentication per client address and per token prefix.
///
/// The throttle refuses before the token is looked up, keyed on the client address together with the token's first
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

    /// Refuses a client that failed authentication too often this minute, before its token is even looked at; two
    /// indexed reads of an unlogged table.
    func refuseIfThrottled(_ request: HTTPRequest, presented: String?) throws {
        let keys = Self.failureKeys(request, presented)
        let counts = try counters.current([keys.client, keys.prefix], windowSeconds: 60)
        let fromClient = counts[keys.client] ?? 0
        let forPrefix = counts[keys.prefix] ?? 0
        guard fromClient < failuresPerMinute, forPrefix < failuresPerMinute * 10 else {
            throw Refused(
                error: SCIMError(status: 429, detail: "Too many failed authentications; wait a minute and retry."),
                retryAfter: 60)
        }
    }

    func recordFailure(_ request: HTTPRequest, presented: String?) {
        let keys = Self.failureKeys(request, presented)
        for key in [keys.client, keys.prefix] {
            _ = try? counters.increment(key, windowSeconds: 60)
        }
    }

    /// Counts a request against its token's budget (Entra asks for at least 25 requests per second per tenant).
    func admit(_ principal: ProvisioningPrincipal) throws {
        guard ratePerSecond > 0 else { return }
        let count = try counters.increment("token:\(principal.tokenID.uuidString.lowercased())", windowSeconds: 1)
        guard count <= ratePerSecond else {
            throw Refused(
                error: SCIMError(status: 429, detail: "Rate limit of \(ratePerSecond) requests per second exceeded."),
                retryAfter: 1)
        }
    }

    /// The first characters of the presented token (the scanner prefix and four more, as stored for audit), alone
    /// and with the client address.
    private static func failureKeys(_ request: HTTPRequest, _ presented: String?) -> (client: String, prefix: String) {
        let prefix = String((presented ?? "").prefix(11))
        return ("authfail:client:\(request.remoteAddress)|\(prefix)", "authfail:prefix:\(prefix)")
    }
}
