/// Turns a host name into the addresses a connection to it could reach. A protocol so tests can answer with
/// any address without touching DNS.
public protocol HostResolver: Sendable {
    /// Every address for `host` (a name or an address literal without brackets). Throws `resolutionFailed`.
    func addresses(for host: String) async throws -> [IPAddress]
}
