import Identity
import Testing

/// Names held with a source, names the rules now produce, and the plan expected.
struct ProvenanceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let source: MembershipSource
    let current: [String]
    let desired: [String]
    let grant: [String]
    let revoke: [String]

    var testDescription: String { "\(name) (\(source.rawValue))" }
}

@Suite("Membership provenance")
struct ProvenanceMergeTests {
    static let cases: [ProvenanceCase] = [
        ProvenanceCase(
            name: "first sync grants everything", source: .scim, current: [], desired: ["A", "B"],
            grant: ["A", "B"], revoke: []),
        ProvenanceCase(
            name: "SCIM revokes what it no longer produces", source: .scim, current: ["A", "B", "C"],
            desired: ["B", "D"], grant: ["D"], revoke: ["A", "C"]),
        ProvenanceCase(
            name: "SCIM with nothing desired revokes all it granted", source: .scim,
            current: ["A", "B"], desired: [], grant: [], revoke: ["A", "B"]),
        ProvenanceCase(
            name: "unchanged is an empty plan", source: .scim, current: ["A", "B"], desired: ["B", "A"],
            grant: [], revoke: []),
        ProvenanceCase(
            name: "names compare ignoring case and padding", source: .scim, current: ["Alpha", "beta"],
            desired: ["ALPHA", " Beta "], grant: [], revoke: []),
        ProvenanceCase(
            name: "revoke keeps the stored spelling", source: .scim, current: ["Alpha", "Old Team"],
            desired: ["alpha"], grant: [], revoke: ["Old Team"]),
        ProvenanceCase(
            name: "grant keeps the first desired spelling once", source: .scim, current: [],
            desired: ["New", "NEW", " new", ""], grant: ["New"], revoke: []),
        ProvenanceCase(
            name: "repeated held names are revoked once", source: .scim, current: ["X", "x"],
            desired: [], grant: [], revoke: ["X"]),
        ProvenanceCase(
            name: "claims only add", source: .oidcClaim, current: ["A", "B"], desired: ["B", "C"],
            grant: ["C"], revoke: []),
        ProvenanceCase(
            name: "a claim missing keeps the last memberships", source: .oidcClaim, current: ["A"],
            desired: [], grant: [], revoke: []),
        ProvenanceCase(
            name: "claims grant each name once", source: .oidcClaim, current: [],
            desired: ["Z", "z", "Y"], grant: ["Z", "Y"], revoke: []),
        ProvenanceCase(
            name: "manual grants are never changed by a sync", source: .manual, current: ["A"],
            desired: ["B"], grant: [], revoke: []),
        ProvenanceCase(
            name: "manual with nothing desired is untouched", source: .manual, current: ["A", "B"],
            desired: [], grant: [], revoke: []),
    ]

    @Test("each source changes only its own memberships, as its rule says", arguments: cases)
    func plan(_ example: ProvenanceCase) {
        let plan = ProvenanceMerge.plan(current: example.current, desired: example.desired, source: example.source)
        #expect(plan == MembershipPlan(grant: example.grant, revoke: example.revoke))
        #expect(plan.isEmpty == (example.grant.isEmpty && example.revoke.isEmpty))
    }

    @Test("a SCIM sync never revokes a team an administrator granted")
    func manualSurvivesSCIM() {
        // Memberships are per source: the admin's "Alpha" is not in SCIM's current list, so SCIM cannot revoke it.
        let manual = ["Alpha"]
        let scim = ["Alpha", "Beta"]
        let scimPlan = ProvenanceMerge.plan(current: scim, desired: [], source: .scim)
        let manualPlan = ProvenanceMerge.plan(current: manual, desired: [], source: .manual)
        #expect(scimPlan.revoke == ["Alpha", "Beta"])
        #expect(manualPlan.isEmpty)
    }

    @Test(
        "sources keep their stored names",
        arguments: [(MembershipSource.manual, "manual"), (.scim, "scim"), (.oidcClaim, "oidc_claim")])
    func sourceRawValues(source: MembershipSource, raw: String) {
        #expect(source.rawValue == raw)
        #expect(MembershipSource(rawValue: raw) == source)
    }
}
