import Foundation
import Glibc
import Identity
import SCIM

/// How the dashboard words values: dates in UTC to the minute, sources and modes in plain words.
enum DashboardFormat {
    /// `2025-12-04 17:48 UTC` inside a `<time>` carrying the exact instant.
    static func time(_ date: Date?) -> HTMLFragment {
        guard let date else { return "<span class=\"muted\">Never</span>" }
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let text = String(
            format: "%04d-%02d-%02d %02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
        return "<time datetime=\"\(SCIMDateTime.format(date))\">\(text)</time>"
    }

    static func source(_ source: MembershipSource) -> String {
        switch source {
        case .manual: "Manual"
        case .scim: "SCIM"
        case .oidcClaim: "Sign-in claim"
        }
    }

    static func mode(_ mode: ProvisioningMode) -> String {
        switch mode {
        case .both: "SCIM and sign-in claims"
        case .scim: "SCIM only"
        }
    }

    static func strategy(_ strategy: RoleStrategy) -> String {
        switch strategy {
        case .mostPermissions: "Most permissions"
        case .firstMatch: "First matching rule"
        }
    }

    static func kind(_ kind: MappingKind) -> String {
        switch kind {
        case .role: "Role"
        case .team: "Team"
        case .businessUnit: "Business unit"
        }
    }

    /// A status word as a coloured badge; the word itself carries the meaning, the colour only repeats it.
    static func badge(_ text: String, tone: Tone) -> HTMLFragment {
        "<span class=\"badge badge-\(tone.rawValue)\">\(text)</span>"
    }

    enum Tone: String {
        case positive, negative, neutral, info, warning
    }

    static func status(_ status: String) -> HTMLFragment {
        badge(status.prefix(1).uppercased() + status.dropFirst(), tone: status == "active" ? .positive : .negative)
    }

    static func httpStatus(_ status: Int) -> HTMLFragment {
        badge(String(status), tone: status < 300 ? .positive : status < 500 ? .warning : .negative)
    }
}
