import Foundation
import Identity
import SCIM

/// People and roles shared by the governance tests, shaped as Okta, Entra and Keycloak send them.
enum GovernanceFixtures {
    static let enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    /// A custom extension whose URN holds a dotted version, like the enterprise one.
    static let customURN = "urn:example:params:scim:schemas:extension:CustomExt:1.0:User"

    /// A SCIM user with core, enterprise and custom attributes, three groups, and sign-in claims.
    static let person = MappingSubject(
        attributes: [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", .string(enterpriseURN), .string(customURN)],
            "userName": "ada@example.com",
            "displayName": "  Ada L.  ",
            "nickName": "   ",
            "locale": .null,
            "title": "Staff Engineer",
            "userType": "Employee",
            "active": true,
            "name": ["givenName": "Ada", "familyName": "Lovelace"],
            "emails": [
                ["value": "ada@example.com", "type": "work", "primary": true],
                ["value": "ada@home.example", "type": "home"],
            ],
            "roles": [["value": "gw-admin"], ["value": "gw-viewer"]],
            enterpriseURN: [
                "department": "Engineering",
                "costCenter": "CC-42",
                "employeeNumber": 1042,
                "manager": ["value": "m-1", "displayName": "Grace"],
            ],
            customURN: [
                "costCenter": "CUSTOM-7",
                "clearance": 3,
                "contractor": false,
                "rating": 4.5,
                "wholeRating": 4.0,
                "projects": ["Apollo", "Gemini"],
            ],
        ],
        groupNames: ["Eng: Alpha Team", "Eng: Beta Team", "All Staff"],
        claims: [
            "sub": "00u1abc",
            "groups": ["Admins", "Eng: Gamma Team"],
            "realm_access": ["roles": ["gw-developer", "offline_access"]],
            "resource_access": ["gateway.web": ["roles": ["gw-admin"]]],
            "https://example.com/roles": ["Finance"],
            "urn:zitadel:iam:org:project:roles": [
                "viewer": ["2873": "acme.zitadel.cloud"], "developer": ["2873": "acme.zitadel.cloud"],
            ],
            "nested": [["teams": ["Red", "Blue"]], ["teams": [["Green"]]]],
            "email_verified": true,
            "Tenant": ["Region": "EU"],
        ])

    /// The same person without claims, as a SCIM write sees them.
    static var scimPerson: MappingSubject {
        var subject = person
        subject.claims = nil
        return subject
    }
}
