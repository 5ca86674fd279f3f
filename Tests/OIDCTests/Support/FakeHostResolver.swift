import OIDC

/// Answers host lookups from a table; unknown hosts fail as DNS would.
struct FakeHostResolver: HostResolver {
    let table: [String: [String]]

    func addresses(for host: String) async throws -> [IPAddress] {
        guard let texts = table[host] else { throw OIDCError(.resolutionFailed, detail: "unknown test host") }
        return texts.compactMap(IPAddress.init)
    }
}
