/// Why a first sign-in through a provider may not take the person who already holds its userName. Matching by
/// userName links the provider's subject to that person for good, so it is allowed only where this provider is the
/// one vouching for them: otherwise anyone able to choose their email at any connected IdP could become anyone.
public enum SignInLinkRefusal: Error, Equatable, Sendable {
    /// Another provider's SCIM manages the person.
    case managedByAnotherProvider
    /// The person signed in through another provider, which no SCIM manages.
    case linkedToAnotherProvider
    /// The ID token says the email it carries is not verified (`email_verified: false`, OIDC Core §5.1).
    case emailNotVerified
}
