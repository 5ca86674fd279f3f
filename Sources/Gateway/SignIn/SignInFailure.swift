/// Why a sign-in cannot go on, worded for the person in front of the browser; details go to the log only.
struct SignInFailure: Error, Equatable {
    let status: Int
    let title: String
    let message: String
    let code: String

    static let notConfigured = SignInFailure(
        status: 400, title: "Sign-in is not set up",
        message: "This identity provider has no issuer or client id yet. Ask an administrator to configure it.",
        code: "not_configured")
    static let secretKeyMissing = SignInFailure(
        status: 503, title: "Sign-in is unavailable",
        message: "The service cannot open the provider's client secret. Ask the operator to set SECRET_KEY.",
        code: "secret_key_missing")
    static let unknownProvider = SignInFailure(
        status: 404, title: "Unknown identity provider", message: "There is no identity provider at this address.",
        code: "unknown_provider")
    static let expired = SignInFailure(
        status: 400, title: "This sign-in has expired",
        message: "The sign-in took too long or was already used. Start again from the sign-in page.",
        code: "expired_or_replayed")
    static let otherBrowser = SignInFailure(
        status: 400, title: "This sign-in was started elsewhere",
        message: "This sign-in link was not started in this browser, so it cannot sign you in. Start again from the "
            + "sign-in page.",
        code: "state_not_bound")
    static let rejected = SignInFailure(
        status: 401, title: "Sign-in failed",
        message: "The identity provider's answer could not be verified, so you are not signed in. Try again; if it "
            + "keeps failing, give the administrator the request id below.",
        code: "token_rejected")
    static let providerUnreachable = SignInFailure(
        status: 502, title: "The identity provider did not answer",
        message: "The identity provider could not be reached. Try again in a moment.", code: "provider_unreachable")
    static let denied = SignInFailure(
        status: 403, title: "Sign-in was cancelled", message: "The identity provider did not approve the sign-in.",
        code: "denied")
    static let notProvisioned = SignInFailure(
        status: 403, title: "Your account is not provisioned yet",
        message: "This identity provider only lets in people provisioned by SCIM. Ask an administrator to assign "
            + "you to the application in the identity provider, then sign in again.",
        code: "not_provisioned")
    static let suspended = SignInFailure(
        status: 403, title: "Your account is suspended",
        message: "Your account has been deactivated. Contact your administrator.", code: "suspended")
    static let heldByAnotherProvider = SignInFailure(
        status: 403, title: "This account belongs to another identity provider",
        message: "Someone with your email address or username is already provisioned or signed in through another "
            + "identity provider of this organisation. Sign in through that one, or ask an administrator.",
        code: "held_by_another_provider")
    static let emailNotVerified = SignInFailure(
        status: 403, title: "Your email address is not verified",
        message: "The identity provider says your email address is not verified, so it cannot be matched to an "
            + "existing account. Verify it with the identity provider, then sign in again.",
        code: "email_not_verified")
    static let noRole = SignInFailure(
        status: 403, title: "No role for your account",
        message: "None of this provider's role mappings matches your account, so you cannot sign in. Ask an "
            + "administrator to add a role mapping for your groups or claims, or to give you a role.",
        code: "no_role")
}
