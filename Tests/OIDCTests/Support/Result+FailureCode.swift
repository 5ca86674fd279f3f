import OIDC

extension Result where Failure == any Error {
    /// The `OIDCError` code of a failure, nil for success; any other error yields a code naming it.
    var failureCode: OIDCError.Code? {
        switch self {
        case .success: return nil
        case .failure(let error as OIDCError): return error.code
        case .failure(let error): return OIDCError.Code(rawValue: "unexpected \(error)")
        }
    }
}
