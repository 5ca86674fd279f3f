import Foundation
import OIDC
import SCIM
import Synchronization

/// An `OIDCHTTPClient` answering from a table, recording every request. Unknown URLs answer 404.
final class FakeHTTPClient: OIDCHTTPClient {
    private struct State {
        var responses: [String: OIDCHTTPResponse] = [:]
        var requests: [OIDCHTTPRequest] = []
    }

    private let state = Mutex(State())
    /// How long each answer takes, so concurrent callers overlap.
    let delay: Duration

    init(delay: Duration = .zero) {
        self.delay = delay
    }

    func respond(to url: URL, status: Int = 200, json: String) {
        let response = OIDCHTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: Array(json.utf8))
        state.withLock { $0.responses[url.absoluteString] = response }
    }

    var requests: [OIDCHTTPRequest] { state.withLock { $0.requests } }

    func requestCount(to url: URL) -> Int {
        state.withLock { $0.requests.filter { $0.url == url }.count }
    }

    func send(_ request: OIDCHTTPRequest) async throws -> OIDCHTTPResponse {
        let response = state.withLock { current in
            current.requests.append(request)
            return current.responses[request.url.absoluteString] ?? OIDCHTTPResponse(status: 404)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        return response
    }
}

/// The JSON text of a JWK Set holding `entries`.
func jwksJSON(_ entries: [(TestSigningKey, String?)]) -> String {
    JSONValue.object(["keys": .array(entries.map { $0.0.publicJWK(kid: $0.1) })]).serializedString
}
