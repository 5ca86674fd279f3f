import SCIM

/// A method a SCIM path does not take: a 405 whose `Allow` header lists the ones it does (RFC 9110 §15.5.6).
struct SCIMMethodNotAllowed: Error {
    let allowed: [String]
    let error: SCIMError

    init(_ method: String, allowed: [String]) {
        self.allowed = allowed
        error = SCIMError(
            status: 405, detail: "Method \(method) is not allowed here; allowed: \(allowed.joined(separator: ", ")).")
    }
}
