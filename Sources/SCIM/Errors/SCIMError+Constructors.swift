/// Named constructors, one per RFC 7644 §3.12 situation, so throw sites read as the condition they report.
extension SCIMError {
    public static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidFilter, detail: detail)
    }

    public static func tooMany(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .tooMany, detail: detail)
    }

    public static func uniqueness(_ detail: String) -> SCIMError {
        SCIMError(status: 409, scimType: .uniqueness, detail: detail)
    }

    public static func mutability(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .mutability, detail: detail)
    }

    public static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidSyntax, detail: detail)
    }

    public static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidPath, detail: detail)
    }

    public static func noTarget(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .noTarget, detail: detail)
    }

    public static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidValue, detail: detail)
    }

    public static func invalidVersion(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: .invalidVers, detail: detail)
    }

    /// RFC 7644 §3.12 pairs `sensitive` with 403.
    public static func sensitive(_ detail: String) -> SCIMError {
        SCIMError(status: 403, scimType: .sensitive, detail: detail)
    }

    public static func unauthorized(_ detail: String = "Authorization failure") -> SCIMError {
        SCIMError(status: 401, detail: detail)
    }

    public static func forbidden(_ detail: String) -> SCIMError {
        SCIMError(status: 403, detail: detail)
    }

    public static func notFound(_ detail: String) -> SCIMError {
        SCIMError(status: 404, detail: detail)
    }

    /// An `If-Match` precondition failed (RFC 7644 §3.14).
    public static func preconditionFailed(_ detail: String) -> SCIMError {
        SCIMError(status: 412, detail: detail)
    }

    public static func payloadTooLarge(_ detail: String) -> SCIMError {
        SCIMError(status: 413, detail: detail)
    }

    public static func tooManyRequests(_ detail: String) -> SCIMError {
        SCIMError(status: 429, detail: detail)
    }

    /// For endpoints this service does not offer (`/Me`, `/Bulk`).
    public static func notImplemented(_ detail: String) -> SCIMError {
        SCIMError(status: 501, detail: detail)
    }

    /// A generic failure whose cause must not reach the client; the caller logs the real error.
    public static func internalError(_ detail: String = "Internal server error") -> SCIMError {
        SCIMError(status: 500, detail: detail)
    }
}
