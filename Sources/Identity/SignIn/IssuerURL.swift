import Foundation

/// The one check of an OIDC issuer that every way of configuring a provider applies (command line, admin API,
/// dashboard), so none can store an issuer the others refuse and sign-in cannot use.
public enum IssuerURL {
    public static let maxLength = 500

    /// The issuer without trailing slashes, when it is an absolute http(s) URL with a host and without credentials,
    /// query or fragment (OpenID Connect Discovery 1.0 §2), at most `maxLength` characters; nil otherwise.
    public static func normalized(_ text: String) -> String? {
        guard text.count <= maxLength, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            components.host?.isEmpty == false, components.user == nil, components.password == nil,
            components.query == nil, components.fragment == nil
        else { return nil }
        var issuer = text
        while issuer.hasSuffix("/") { issuer.removeLast() }
        return issuer
    }
}
