import SCIM

/// Limits the SCIM endpoints enforce and advertise in `/ServiceProviderConfig`.
struct SCIMLimits: Sendable {
    var maxResults: Int
    var maxPatchOperations: Int
    var maxBodyBytes: Int
    var maxMembersPerRequest: Int = 10_000

    /// What `/ServiceProviderConfig` says, kept true to what the endpoints do: sorting and ETags work, Bulk does not
    /// exist yet.
    var options: SCIMServiceProviderOptions {
        SCIMServiceProviderOptions(
            patch: true,
            bulk: .init(supported: false, maxOperations: 0, maxPayloadSize: maxBodyBytes),
            filter: .init(supported: true, maxResults: maxResults),
            changePassword: false, sort: true, etag: true, cursorPagination: false)
    }
}
