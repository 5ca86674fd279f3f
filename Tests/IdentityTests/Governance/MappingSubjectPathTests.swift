import Identity
import SCIM
import Testing

@Suite("Mapping attribute paths")
struct MappingSubjectPathTests {
    static let enterprise = GovernanceFixtures.enterpriseURN
    static let custom = GovernanceFixtures.customURN

    @Test(
        "a path finds every value of the person it names",
        arguments: [
            // Core attributes, names ignoring case.
            ("userName", ["ada@example.com"]),
            ("USERNAME", ["ada@example.com"]),
            ("title", ["Staff Engineer"]),
            ("userType", ["Employee"]),
            ("name.givenName", ["Ada"]),
            ("Name.GivenName", ["Ada"]),
            ("active", ["true"]),
            // Values are trimmed; blank and null values are absent.
            ("displayName", ["Ada L."]),
            ("nickName", []),
            ("locale", []),
            // Multi-valued attributes: each element; a complex element stands for its `value` (RFC 7643 §2.4).
            ("emails.value", ["ada@example.com", "ada@home.example"]),
            ("emails", ["ada@example.com", "ada@home.example"]),
            ("emails.type", ["work", "home"]),
            ("emails.primary", ["true"]),
            ("roles", ["gw-admin", "gw-viewer"]),
            // Enterprise extension: URN-qualified, short form, or unqualified.
            ("\(enterprise):department", ["Engineering"]),
            ("\(enterprise.uppercased()):DEPARTMENT", ["Engineering"]),
            ("enterprise.department", ["Engineering"]),
            ("Enterprise.Department", ["Engineering"]),
            ("department", ["Engineering"]),
            ("\(enterprise):manager", ["m-1"]),
            ("\(enterprise):manager.value", ["m-1"]),
            ("\(enterprise):manager.displayName", ["Grace"]),
            ("enterprise.manager", ["m-1"]),
            ("employeeNumber", ["1042"]),
            // The enterprise extension is searched before other extensions.
            ("costCenter", ["CC-42"]),
            // Custom extensions: URN-qualified keys, numbers and booleans as their text, arrays.
            ("\(custom):costCenter", ["CUSTOM-7"]),
            ("\(custom):clearance", ["3"]),
            ("\(custom):contractor", ["false"]),
            ("\(custom):rating", ["4.5"]),
            ("\(custom):wholeRating", ["4"]),
            ("\(custom):projects", ["Apollo", "Gemini"]),
            ("clearance", ["3"]),
            // The core User URN addresses the top level, and only the top level.
            ("urn:ietf:params:scim:schemas:core:2.0:User:userName", ["ada@example.com"]),
            ("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", ["Lovelace"]),
            ("urn:ietf:params:scim:schemas:core:2.0:User:department", []),
            // A URN never splits on the dot of its version.
            ("urn:ietf:params:scim:schemas:extension:enterprise:2", []),
            ("urn:example:unknown:1.0:User:costCenter", []),
            // SCIM group names.
            ("groups", ["Eng: Alpha Team", "Eng: Beta Team", "All Staff"]),
            ("GROUPS", ["Eng: Alpha Team", "Eng: Beta Team", "All Staff"]),
            // Claims.
            ("claims.groups", ["Admins", "Eng: Gamma Team"]),
            ("Claims.Groups", ["Admins", "Eng: Gamma Team"]),
            ("claims.sub", ["00u1abc"]),
            ("claims.realm_access.roles", ["gw-developer", "offline_access"]),
            ("claims.resource_access.gateway.web.roles", ["gw-admin"]),
            ("claims.https://example.com/roles", ["Finance"]),
            ("claims.urn:zitadel:iam:org:project:roles", ["developer", "viewer"]),
            ("claims.nested.teams", ["Red", "Blue", "Green"]),
            ("claims.email_verified", ["true"]),
            ("claims.tenant.region", ["EU"]),
            ("claims.realm_access.roles.extra", []),
            ("claims.missing", []),
            // Nothing there.
            ("", []),
            ("   ", []),
            ("nosuch", []),
            ("userName.first", []),
            ("claims", []),
        ])
    func pathFindsValues(path: String, expected: [String]) {
        #expect(GovernanceFixtures.person.values(at: path) == expected, "path \(path)")
    }

    @Test(
        "claim paths find nothing when SCIM wrote the person",
        arguments: ["claims.groups", "claims.sub", "claims.realm_access.roles"])
    func claimsAbsentWithoutSignIn(path: String) {
        #expect(GovernanceFixtures.scimPerson.values(at: path).isEmpty)
    }

    @Test("groups means the SCIM groups, not a groups claim")
    func groupsAreNotClaims() {
        let subject = MappingSubject(attributes: [:], groupNames: [], claims: ["groups": ["Admins"]])
        #expect(subject.values(at: "groups").isEmpty)
        #expect(subject.values(at: "claims.groups") == ["Admins"])
    }

    @Test("the longest extension URN prefixing a path wins")
    func longestURNWins() {
        let subject = MappingSubject(attributes: [
            "urn:example:ext": ["v1:code": "short"],
            "urn:example:ext:v1": ["code": "long"],
        ])
        #expect(subject.values(at: "urn:example:ext:v1:code") == ["long"])
    }

    @Test("member names match ignoring case, an exact spelling first")
    func memberNamesIgnoreCase() {
        let subject = MappingSubject(attributes: [
            "Title": "Upper",
            "title": "Lower",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": ["Department": "Sales"],
        ])
        #expect(subject.values(at: "title") == ["Lower"])
        #expect(subject.values(at: "Title") == ["Upper"])
        #expect(subject.values(at: "TITLE") == ["Upper"])
        #expect(subject.values(at: "enterprise.department") == ["Sales"])
        #expect(
            subject.values(at: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department") == ["Sales"])
        #expect(subject.values(at: "department") == ["Sales"])
    }

    @Test("an unqualified path falls back to extensions only when the core attributes yield nothing")
    func unqualifiedFallback() {
        let subject = MappingSubject(attributes: [
            "title": "Core",
            "department": "   ",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["title": "Enterprise", "department": "Ops"],
            "urn:a:ext": ["division": "A"],
            "urn:b:ext": ["division": "B"],
        ])
        #expect(subject.values(at: "title") == ["Core"])
        #expect(subject.values(at: "department") == ["Ops"])
        #expect(subject.values(at: "division") == ["A"])
    }

    @Test("arrays nested at any level contribute each element")
    func nestedArrays() {
        let subject = MappingSubject(attributes: [
            "org": [["units": [["name": "North"], ["name": ["East", "West"]]]], ["units": ["name": "South"]]],
            "matrix": [["a", "b"], [["c"]], [], .null, 7],
        ])
        #expect(subject.values(at: "org.units.name") == ["North", "East", "West", "South"])
        #expect(subject.values(at: "matrix") == ["a", "b", "c", "7"])
    }
}
