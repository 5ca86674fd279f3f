import Foundation

/// One governance rule of an OIDC provider: when a person's `attribute` has a value matching `value`,
/// they get the team, business unit or role named by `target`.
///
/// - `attribute`: a path into the person, resolved by `MappingSubject.values(at:)`: a SCIM attribute
///   (`department`, `name.givenName`, `emails.value`, `urn:…:enterprise:2.0:User:department`,
///   `enterprise.department`, a custom extension key `urn:…:CustomExt:costCenter`), `groups` (the names of the
///   SCIM groups the person is in), or `claims.<dotted path>` into the ID token claims at sign-in.
/// - `value`, compared case-insensitively with each value found:
///   - `*` matches any value;
///   - a text holding `${*}` once is a template: the text around it must match, ignoring case, and `${*}`
///     captures the non-empty rest (`Eng: ${*} Team` matches `Eng: Alpha Team`, capturing `Alpha`);
///   - anything else matches a value equal to it ignoring case. An asterisk not alone is a plain character,
///     and there is no escape for a literal `${*}`.
/// - `target`: `*` names the matched value itself; otherwise `${*}` anywhere in it is replaced by the capture
///   (for a template value) or by the whole matched value (for `*` or a literal value); the rest is literal.
///
/// The three texts are trimmed of surrounding white space before use. `position` orders rules: lower first;
/// equal positions keep the order the rules were given in.
public struct MappingRule: Sendable, Equatable {
    public var id: UUID
    public var kind: MappingKind
    public var attribute: String
    public var value: String
    public var target: String
    public var position: Int

    public init(
        id: UUID = UUID(), kind: MappingKind, attribute: String, value: String, target: String, position: Int
    ) {
        self.id = id
        self.kind = kind
        self.attribute = attribute
        self.value = value
        self.target = target
        self.position = position
    }
}
