/// A condition the server answers itself, without calling the request handler.
///
/// The server passes the kind and its `status` to the failure responder, which renders the body;
/// every such response closes the connection.
public enum HTTPServerFailure: Sendable, Hashable {
    /// Malformed or ambiguous framing (RFC 9112 §3, §5, §6.3, §7.1).
    case badRequest
    /// The header section exceeded `maxHeaderBytes` (RFC 6585 §5).
    case headersTooLarge
    /// The request line exceeded `maxRequestLineBytes` (RFC 9110 §15.5.15).
    case uriTooLong
    /// The declared or decoded body exceeded `maxBodyBytes` (RFC 9110 §15.5.14).
    case bodyTooLarge
    /// The head or body did not arrive within its timeout (RFC 9110 §15.5.9).
    case requestTimeout
    /// A transfer coding other than chunked was applied before chunked (RFC 9112 §6.1).
    case unsupportedTransferEncoding
    /// The server is at `maxConnections`.
    case serviceUnavailable

    /// The status code the server sends for this failure.
    public var status: Int {
        switch self {
        case .badRequest: 400
        case .headersTooLarge: 431
        case .uriTooLong: 414
        case .bodyTooLarge: 413
        case .requestTimeout: 408
        case .unsupportedTransferEncoding: 501
        case .serviceUnavailable: 503
        }
    }
}
