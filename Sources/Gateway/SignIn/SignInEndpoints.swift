import Crypto
import Foundation
import HTTPServer
import Identity
import OIDC
import Postgres
import SCIM
import Storage

/// OIDC sign-in (authorization code with PKCE, state and nonce), logout, and the session endpoint the rest of a
/// gateway calls. Every failure ends on a clear page or a JSON error, never a 500.
struct SignInEndpoints: Sendable {
    let pool: PostgresPool
    let configuration: GatewayConfiguration
    let clients: OIDCClients
    let logger: JSONLogger
    let metrics: MetricsRegistry

    /// A pending sign-in lives this long (seconds).
    static let attemptLifetime: Double = 600

    /// `GET /auth/oidc/{provider}/login` (or `/discover-claims`): 302 to the IdP.
    func login(_ request: HTTPRequest, provider: String, discoverOnly: Bool, baseURL: String, requestID: String)
        -> HTTPResponse
    {
        do {
            guard let providerID = UUID(uuidString: provider),
                let settings = try SignInSettingsRepository(pool: pool).settings(providerID: providerID)
            else { throw SignInFailure.unknownProvider }
            let box = try sealingBox()
            let client = try clients.client(for: settings, redirectURI: try redirectURI(baseURL))
            let authorization = try client.makeAuthorizationRequest()
            let stateHash = Digest.sha256(authorization.state)
            let sealedVerifier = try box.seal(
                Array(authorization.codeVerifier.utf8), associatedData: Self.verifierBinding(stateHash))
            try TenantDatabase(pool: pool, tenantID: settings.tenantID).transaction { tenant in
                try tenant.sessions.beginSignIn(
                    stateHash: stateHash, providerID: providerID, nonce: authorization.nonce,
                    codeVerifierEncrypted: sealedVerifier, discoverOnly: discoverOnly,
                    expiresAt: Date().addingTimeInterval(Self.attemptLifetime))
            }
            return HTTPResponse(
                status: 302,
                headers: HTTPHeaders([
                    ("Location", authorization.url.absoluteString), ("Cache-Control", "no-store"),
                    ("Referrer-Policy", "no-referrer"),
                    (
                        "Set-Cookie",
                        SessionCookie.setState(
                            authorization.state, secure: baseURL.hasPrefix("https:"), maxAge: Int(Self.attemptLifetime))
                    ),
                ]))
        } catch {
            return failurePage(error, requestID: requestID)
        }
    }

    /// `GET /auth/oidc/callback`: verifies everything, then creates or finds the person and the session. The state
    /// cookie is cleared whatever the outcome.
    func callback(_ request: HTTPRequest, baseURL: String, requestID: String) -> HTTPResponse {
        var response = completeSignIn(request, baseURL: baseURL, requestID: requestID)
        response.headers.add(name: "Set-Cookie", value: SessionCookie.clearedState(secure: baseURL.hasPrefix("https:")))
        return response
    }

    private func completeSignIn(_ request: HTTPRequest, baseURL: String, requestID: String) -> HTTPResponse {
        do {
            guard let state = request.queryValue("state"), !state.isEmpty, state.count <= 512 else {
                throw SignInFailure.expired
            }
            // Checked before the pending sign-in is taken, so a callback opened in the wrong browser spends nothing.
            guard let bound = SessionCookie.value(named: SessionCookie.stateName, in: request),
                ConstantTime.equals(Array(bound.utf8), Array(state.utf8))
            else { throw SignInFailure.otherBrowser }
            let stateHash = Digest.sha256(state)
            guard let tenantID = try SessionDirectory(pool: pool).signInTenant(stateHash: stateHash),
                let pending = try TenantDatabase(pool: pool, tenantID: tenantID).transaction({
                    try $0.sessions.takeSignIn(stateHash: stateHash)
                }),
                let settings = try SignInSettingsRepository(pool: pool).settings(providerID: pending.providerID)
            else { throw SignInFailure.expired }
            let box = try sealingBox()
            let verifier = String(
                decoding: try box.open(pending.codeVerifierEncrypted, associatedData: Self.verifierBinding(stateHash)),
                as: UTF8.self)
            let client = try clients.client(for: settings, redirectURI: try redirectURI(baseURL))
            let code = try AuthorizationCallback.code(
                from: request.query, expectedState: state, issuer: client.discovery.issuer)
            let authorization = AuthorizationRequest(
                url: client.discovery.authorizationEndpoint, state: state, nonce: pending.nonce, codeVerifier: verifier)
            let signIn = try BlockingTask.run { try await client.completeSignIn(code: code, request: authorization) }
            // An empty audience (stored before the command line cleared it instead) means none.
            if let audience = settings.audience, !audience.isEmpty, !signIn.idToken.audiences.contains(audience) {
                throw OIDCError(.wrongAudience, detail: "the configured audience is not in the token")
            }
            if pending.discoverOnly { return SignInPage.claims(signIn.idToken.claims) }
            return try startSession(signIn, settings: settings, box: box, baseURL: baseURL)
        } catch {
            return failurePage(error, requestID: requestID)
        }
    }

    /// `POST /auth/logout`: ends the session of the cookie, if any, and clears the cookie.
    func logout(_ request: HTTPRequest, baseURL: String) -> HTTPResponse {
        if let cookie = SessionCookie.value(in: request),
            let found = try? SessionDirectory(pool: pool).session(tokenHash: Digest.sha256(cookie))
        {
            _ = try? TenantDatabase(pool: pool, tenantID: found.tenantID).transaction {
                try $0.sessions.end(id: found.sessionID)
            }
            metrics.increment("scim_gateway_sessions_ended_total", .init([("reason", "logout")]))
        }
        var response = SignInPage.render(status: 200, title: "Signed out", paragraphs: ["You are signed out."])
        response.headers.add(name: "Set-Cookie", value: SessionCookie.cleared(secure: baseURL.hasPrefix("https:")))
        return response
    }

    /// `GET /api/v1/session`: who the session's person is, with role, teams and business units; 401 once it ended.
    func session(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let cookie = SessionCookie.value(in: request),
            let found = try SessionDirectory(pool: pool).session(tokenHash: Digest.sha256(cookie))
        else { return Self.unauthenticated() }
        let body: JSONValue? = try TenantDatabase(pool: pool, tenantID: found.tenantID).transaction { tenant in
            guard let session = try tenant.sessions.find(id: found.sessionID),
                let user = try tenant.users.find(id: session.userID)
            else { return nil }
            guard user.active else {
                try tenant.sessions.endAll(for: user.id)
                return nil
            }
            let governance = tenant.governance
            let roleID = try governance.role(of: user.id).id
            let role = try roleID.flatMap { id in try governance.roles().first { $0.id == id }?.name }
            return .object([
                "id": .string(user.id.uuidString.lowercased()), "userName": .string(user.userName),
                "displayName": user.displayName.map(JSONValue.string) ?? .null,
                "tenantId": .string(found.tenantID.uuidString.lowercased()),
                "providerId": .string(session.providerID.uuidString.lowercased()),
                "role": role.map(JSONValue.string) ?? .null,
                "teams": .array(try governance.allMemberships(.team, of: user.id).map(JSONValue.string)),
                "businessUnits": .array(
                    try governance.allMemberships(.businessUnit, of: user.id).map(JSONValue.string)),
                "expiresAt": .string(SCIMDateTime.format(session.expiresAt)),
            ])
        }
        guard let body else { return Self.unauthenticated() }
        return HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
            body: body.serialized())
    }

    private func startSession(
        _ signIn: OIDCSignIn, settings: SignInSettings, box: AESGCM, baseURL: String
    ) throws -> HTTPResponse {
        let claims = signIn.idToken.claims
        guard let subject = Self.text(claims[settings.claims.userID]) else {
            throw OIDCError(.missingClaim, detail: "the user id claim is missing")
        }
        let userName =
            Self.text(claims[settings.claims.email]) ?? Self.text(claims["preferred_username"]) ?? subject
        let cookie = Base64URL.encode(try SecureRandom.bytes(count: 32))
        let sessionID = UUID()
        let now = Date()
        let sealedRefresh = try signIn.tokens.refreshToken.map {
            try box.seal(Array($0.utf8), associatedData: Self.refreshBinding(sessionID))
        }
        let (person, administers) = try TenantDatabase(pool: pool, tenantID: settings.tenantID).transaction {
            tenant -> (String, Bool) in
            let people = SignInPeople(transaction: tenant)
            var user = try people.find(
                providerID: settings.providerID, subject: subject, userName: userName,
                emailVerified: Self.flag(claims["email_verified"]))
            if let found = user {
                try people.refresh(found, from: claims, names: settings.claims)
            } else {
                guard settings.provisioningMode == .both else { throw SignInFailure.notProvisioned }
                user = try tenant.users.createFromSignIn(
                    attributes: SignInPeople.attributes(fromClaims: claims, userName: userName, names: settings.claims),
                    providerID: settings.providerID, subject: subject)
            }
            guard let user, user.active else { throw SignInFailure.suspended }
            // Throwing here rolls back the whole sign-in, a just-in-time person included.
            guard
                let roleID = try SignInGovernance(transaction: tenant, providerID: settings.providerID)
                    .apply(claims: claims, to: user)
            else { throw SignInFailure.noRole }
            _ = try tenant.sessions.create(
                id: sessionID, userID: user.id, providerID: settings.providerID, tokenHash: Digest.sha256(cookie),
                refreshTokenEncrypted: sealedRefresh,
                refreshDueAt: now.addingTimeInterval(configuration.sessionRefreshInterval),
                expiresAt: now.addingTimeInterval(configuration.sessionLifetime))
            // A role that admits the dashboard sends the person on to it (issue 7); others get the signed-in page.
            let role = try tenant.governance.roles().first { $0.id == roleID }
            return (user.displayName ?? user.userName, role.map(DashboardAccess.admits) ?? false)
        }
        var response =
            administers
            ? DashboardResponse.redirect(to: "/dashboard")
            : SignInPage.render(status: 200, title: "Signed in", paragraphs: ["You are signed in as \(person)."])
        response.headers.add(
            name: "Set-Cookie",
            value: SessionCookie.set(
                cookie, secure: baseURL.hasPrefix("https:"), maxAge: Int(configuration.sessionLifetime)))
        return response
    }

    private func sealingBox() throws -> AESGCM {
        guard let key = configuration.secretKey else { throw SignInFailure.secretKeyMissing }
        return try AESGCM(key: key)
    }

    private func redirectURI(_ baseURL: String) throws -> URL {
        guard let url = URL(string: baseURL + "/auth/oidc/callback") else { throw SignInFailure.notConfigured }
        return url
    }

    static func verifierBinding(_ stateHash: [UInt8]) -> [UInt8] { Array("pkce:".utf8) + stateHash }

    static func refreshBinding(_ sessionID: UUID) -> [UInt8] {
        Array("refresh:\(sessionID.uuidString.lowercased())".utf8)
    }

    /// A boolean claim, also as the strings "true" and "false" some IdPs send; nil when absent or anything else.
    private static func flag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .string(let text) where text.lowercased() == "true": true
        case .string(let text) where text.lowercased() == "false": false
        default: nil
        }
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .integer(let number): String(number)
        default: nil
        }
    }

    /// Maps a failure to its page; the log gets the code, never a token or claim value.
    private func failurePage(_ error: any Error, requestID: String) -> HTTPResponse {
        let failure: SignInFailure
        switch error {
        case let known as SignInFailure:
            failure = known
        case let refusal as SignInLinkRefusal:
            failure = refusal == .emailNotVerified ? .emailNotVerified : .heldByAnotherProvider
            logger.warning(
                "sign-in refused", ["request_id": .string(requestID), "reason": .string("\(refusal)")])
        case let oidc as OIDCError:
            switch oidc.code {
            case .authorizationDenied: failure = .denied
            case .wrongState: failure = .expired
            case .timedOut, .transportFailed, .resolutionFailed, .unexpectedStatus, .invalidDiscovery,
                .addressNotAllowed, .insecureURL, .responseTooLarge:
                failure = .providerUnreachable
            default: failure = .rejected
            }
            logger.warning(
                "sign-in failed", ["request_id": .string(requestID), "oidc_error": .string(oidc.code.rawValue)])
        case let database as PostgresError:
            logger.error(
                "sign-in failed", ["request_id": .string(requestID), "cause": .string(database.description)])
            failure = SignInFailure(
                status: 503, title: "Sign-in is briefly unavailable", message: "Try again in a moment.",
                code: "database_unavailable")
        default:
            logger.error("sign-in failed", ["request_id": .string(requestID), "cause": .string("\(type(of: error))")])
            failure = .rejected
        }
        return SignInPage.failure(failure, requestID: requestID)
    }

    private static func unauthenticated() -> HTTPResponse {
        HTTPResponse(
            status: 401,
            headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
            body: Array(#"{"error":{"code":"unauthenticated","message":"No valid session."}}"#.utf8))
    }
}
