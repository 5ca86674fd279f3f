import Crypto
import Foundation
import Identity
import Postgres

extension RequestCounters {
    /// Reads the failure counts of `throttleKeys`, finds the token with SHA-256 `tokenHash` and, when `countRequest`,
    /// counts this request against the token's one-second window: one statement, so authenticating a SCIM request
    /// costs one round trip. The caller decides in this order: throttled, then unknown token, then rate limited.
    public func admit(tokenHash: [UInt8], throttleKeys: [String], countRequest: Bool) throws -> TokenAdmission {
        let rows = try pool.withConnection { connection in
            // The token lookup goes through the one function allowed to look across tenants; the counter's key is
            // the token's id, never anything derived from the secret.
            try connection.query(
                """
                WITH principal AS (
                    SELECT tenant_id, provider_id, token_id, token_hash
                    FROM scim_gateway_authenticate_token(\(tokenHash))
                ), counted AS (
                    INSERT INTO request_counters AS c (key, window_start, count)
                    SELECT 'token:' || p.token_id::text, to_timestamp(floor(extract(epoch FROM now()))), 1
                    FROM principal p WHERE \(countRequest)
                    ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
                    RETURNING c.count
                )
                SELECT 'failures' AS kind, c.key, c.count, NULL::uuid AS tenant_id, NULL::uuid AS provider_id,
                    NULL::uuid AS token_id, NULL::bytea AS token_hash
                FROM request_counters c
                WHERE c.key = ANY(\(throttleKeys))
                    AND c.window_start = to_timestamp(floor(extract(epoch FROM now()) / 60) * 60)
                UNION ALL
                SELECT 'principal', NULL, (SELECT count FROM counted), p.tenant_id, p.provider_id, p.token_id,
                    p.token_hash
                FROM principal p
                """
            ).rows
        }
        var failures: [String: Int] = [:]
        var principal: ProvisioningPrincipal?
        var requestsThisSecond: Int?
        for row in rows {
            guard try row.decode("kind", as: String.self) == "principal" else {
                failures[try row.decode("key")] = try row.decode("count", as: Int.self)
                continue
            }
            // The index lookup already matched; comparing again in constant time keeps the decision itself free of
            // early exits on secret-derived bytes.
            guard ConstantTime.equals(try row.decode("token_hash", as: [UInt8].self), tokenHash) else { continue }
            principal = ProvisioningPrincipal(
                tenantID: try row.decode("tenant_id"), providerID: try row.decode("provider_id"),
                tokenID: try row.decode("token_id"))
            requestsThisSecond = try row.decodeIfPresent("count", as: Int.self)
        }
        if countRequest, Int.random(in: 0..<1000) == 0 { try prune() }
        return TokenAdmission(failures: failures, principal: principal, requestsThisSecond: requestsThisSecond)
    }
}
