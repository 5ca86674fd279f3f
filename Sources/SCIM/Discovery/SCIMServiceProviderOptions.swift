/// What `/ServiceProviderConfig` advertises (RFC 7643 §5). The gateway builds it from its configuration so
/// the document states the limits it really enforces.
public struct SCIMServiceProviderOptions: Sendable, Equatable {
    /// RFC 7643 §5 `bulk`. authentik reads `maxOperations` as its limit of operations per PATCH, so it
    /// should equal the PATCH operation limit even while bulk itself is unsupported.
    public struct BulkSupport: Sendable, Equatable {
        public var supported: Bool
        public var maxOperations: Int
        public var maxPayloadSize: Int

        public init(supported: Bool = false, maxOperations: Int = 1000, maxPayloadSize: Int = 1_048_576) {
            self.supported = supported
            self.maxOperations = maxOperations
            self.maxPayloadSize = maxPayloadSize
        }
    }

    /// RFC 7643 §5 `filter`.
    public struct FilterSupport: Sendable, Equatable {
        public var supported: Bool
        public var maxResults: Int

        public init(supported: Bool = true, maxResults: Int = 200) {
            self.supported = supported
            self.maxResults = maxResults
        }
    }

    public var patch: Bool
    public var bulk: BulkSupport
    public var filter: FilterSupport
    public var changePassword: Bool
    public var sort: Bool
    public var etag: Bool
    /// RFC 9865 cursor pagination; when true the document carries a `pagination` block.
    public var cursorPagination: Bool
    public var documentationURI: String?

    public init(
        patch: Bool = true, bulk: BulkSupport = BulkSupport(), filter: FilterSupport = FilterSupport(),
        changePassword: Bool = false, sort: Bool = false, etag: Bool = false, cursorPagination: Bool = false,
        documentationURI: String? = nil
    ) {
        self.patch = patch
        self.bulk = bulk
        self.filter = filter
        self.changePassword = changePassword
        self.sort = sort
        self.etag = etag
        self.cursorPagination = cursorPagination
        self.documentationURI = documentationURI
    }
}
