import SCIM

/// Limits the SCIM endpoints enforce and advertise in `/ServiceProviderConfig`.
struct SCIMLimits: Sendable {
    var maxResults: Int
    var maxPatchOperations: Int
    var maxBodyBytes: Int
    var maxMembersPerRequest: Int = 10_000
    /// authentik reads `bulk.maxOperations` as its limit of operations per PATCH, so both limits are one number.
    var maxBulkOperations: Int { maxPatchOperations }
    /// Above this many members a group write answers 204 instead of echoing the whole group.
    var maxEchoedMembers: Int = 1000

    /// What `/ServiceProviderConfig` says, kept true to what the endpoints do: sorting, ETags and Bulk work.
    var options: SCIMServiceProviderOptions {
        SCIMServiceProviderOptions(
            patch: true,
            bulk: .init(supported: true, maxOperations: maxBulkOperations, maxPayloadSize: maxBodyBytes),
            filter: .init(supported: true, maxResults: maxResults),
            changePassword: false, sort: true, etag: true, cursorPagination: true)
    }
}
