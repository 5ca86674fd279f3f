import Foundation
import Identity
import Storage

/// The values of the provider forms (new provider, connection details), as posted or as stored, and what is wrong
/// with them. The client secret is write-only: it is never put back into a form.
struct DashboardProviderForm: Sendable, Equatable {
    var name = ""
    var issuer = ""
    var clientID = ""
    var clientSecret = ""
    var scopes = "openid profile email offline_access"
    var audience = ""
    var mode = ProvisioningMode.both
    var roleStrategy = RoleStrategy.mostPermissions
    var groupsBecomeTeams = true
    var claims = SignInSettings.ClaimNames()
    /// What must change before the values can be saved, worded for the form.
    var problems: [String] = []

    init() {}

    /// The stored values of a provider.
    init(record: AdminProviderRecord, settings: SignInSettings?) {
        name = record.name
        issuer = record.issuer ?? ""
        clientID = record.clientID ?? ""
        mode = record.provisioningMode
        roleStrategy = record.roleStrategy
        groupsBecomeTeams = record.groupsBecomeTeams
        if let settings {
            scopes = settings.scopes
            audience = settings.audience ?? ""
            claims = settings.claims
        }
    }

    /// The posted values; `complete` forms also carry scopes, audience, role strategy and claim names.
    init(form: DashboardForm, complete: Bool) {
        name = form.text("name") ?? ""
        issuer = form.text("issuer") ?? ""
        clientID = form.text("client_id") ?? ""
        clientSecret = form["client_secret"] ?? ""
        mode = form["mode"].flatMap(ProvisioningMode.init(rawValue:)) ?? .both
        if name.isEmpty { problems.append("Give the provider a name.") }
        if name.count > 200 { problems.append("The name is longer than 200 characters.") }
        if !issuer.isEmpty {
            if let normalized = IssuerURL.normalized(issuer) {
                issuer = normalized
            } else {
                problems.append("The issuer must be the IdP's http(s) URL, such as https://idp.example.com.")
            }
        }
        if clientID.count > 300 { problems.append("The client ID is longer than 300 characters.") }
        if clientSecret.count > 1000 { problems.append("The client secret is longer than 1000 characters.") }
        guard complete else { return }
        scopes = form.text("scopes") ?? scopes
        audience = form.text("audience") ?? ""
        roleStrategy = form["role_strategy"].flatMap(RoleStrategy.init(rawValue:)) ?? .mostPermissions
        groupsBecomeTeams = form.isChecked("groups_become_teams")
        claims.userID = form.text("claim_user_id") ?? claims.userID
        claims.email = form.text("claim_email") ?? claims.email
        claims.name = form.text("claim_name") ?? claims.name
        if !scopes.split(separator: " ").contains("openid") {
            problems.append("The scopes must include openid.")
        }
        let texts = [scopes, audience, claims.userID, claims.email, claims.name]
        if texts.contains(where: { $0.count > 500 }) { problems.append("A value is longer than 500 characters.") }
    }

    /// The settings to store: these values over `current`, the secret sealed by the caller.
    func settings(over current: SignInSettings, sealedSecret: [UInt8]?) -> SignInSettings {
        var settings = current
        settings.issuer = issuer.isEmpty ? nil : issuer
        settings.clientID = clientID.isEmpty ? nil : clientID
        settings.clientSecretSealed = sealedSecret
        settings.scopes = scopes
        settings.audience = audience.isEmpty ? nil : audience
        settings.claims = claims
        settings.provisioningMode = mode
        return settings
    }
}
