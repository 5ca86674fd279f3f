import Foundation
import Identity
import SCIM
import Storage
import Testing

@Suite("Several providers in one tenant", .serialized)
struct ProviderScopeTests {
    @Test("each provider sees and changes only its own people and groups; a taken userName names the other provider")
    func providersAreApart() throws {
        let fixtures = try StorageFixtures()
        let other = try AdministrationRepository(pool: fixtures.pool).createProvider(
            tenantID: fixtures.tenant.id, name: "Entra", issuer: nil, clientID: nil)
        let user = try fixtures.user(#"{"userName":"okta-only@example.com"}"#)
        let group = try fixtures.group("Okta group")
        try fixtures.database.transaction { tenant throws -> Void in
            let users = tenant.users(for: other.id)
            #expect(try users.find(id: user.id) == nil)
            #expect(try users.list(PageRequest(limit: 10)).total == 0)
            #expect(try users.delete(id: user.id) == false)
            #expect(try tenant.groups(for: other.id).find(id: group.id) == nil)
            #expect(try tenant.groups(for: other.id).list(PageRequest(limit: 10)).total == 0)
        }
        do {
            _ = try fixtures.database.transaction { tenant in
                try tenant.users(for: other.id).create(
                    attributes: ["userName": "OKTA-ONLY@example.com"], managingProviderID: other.id)
            }
            Issue.record("the other provider created a duplicate person")
        } catch let error as SCIMError {
            #expect(error.status == 409)
            #expect(error.detail.contains("another identity provider"))
        }
    }

    @Test("a person who signed in is found by their provider, a POST is 409, and the next write merges them")
    func signInThenSCIMMerges() throws {
        let fixtures = try StorageFixtures()
        let signedIn = try fixtures.database.transaction { tenant in
            try tenant.users.createFromSignIn(
                attributes: ["userName": "jit@example.com"], providerID: fixtures.provider.id, subject: "sub-1")
        }
        try fixtures.database.transaction { tenant throws -> Void in
            let users = tenant.users(for: fixtures.provider.id)
            let filter = try SCIMFilter.parse("userName eq \"JIT@example.com\"", resourceType: .user)
            #expect(try users.list(PageRequest(filter: filter, limit: 5)).items.map(\.id) == [signedIn.id])
        }
        do {
            _ = try fixtures.user(#"{"userName":"jit@example.com"}"#)
            Issue.record("a duplicate of the signed-in person was created")
        } catch let error as SCIMError {
            #expect(error.status == 409)
            #expect(error.scimType == .uniqueness)
            #expect(error.detail.contains("look them up"))
        }
        // Another provider cannot see the signed-in person, so it is not told to look them up.
        let other = try AdministrationRepository(pool: fixtures.pool).createProvider(
            tenantID: fixtures.tenant.id, name: "Entra", issuer: nil, clientID: nil)
        do {
            _ = try fixtures.database.transaction { tenant in
                try tenant.users(for: other.id).create(
                    attributes: ["userName": "JIT@example.com"], managingProviderID: other.id)
            }
            Issue.record("the other provider created a duplicate of the signed-in person")
        } catch let error as SCIMError {
            #expect(error.status == 409)
            #expect(error.detail.contains("signed in through another identity provider"))
        }
        let merged = try fixtures.database.transaction { tenant in
            try tenant.users(for: fixtures.provider.id).update(
                id: signedIn.id, attributes: ["userName": "jit@example.com", "displayName": "Jit"])
        }
        #expect(merged.managingProviderID == fixtures.provider.id)
        #expect(try fixtures.users { try $0.list(PageRequest(limit: 10)) }.total == 1)
    }

    @Test("a first sign-in links a person by userName only through the provider that vouches for them")
    func signInLinksOnlyThroughItsProvider() throws {
        let fixtures = try StorageFixtures()
        let other = try AdministrationRepository(pool: fixtures.pool).createProvider(
            tenantID: fixtures.tenant.id, name: "Intruder", issuer: nil, clientID: nil)
        let managed = try fixtures.user(#"{"userName":"managed@example.com"}"#)
        let signedIn = try fixtures.database.transaction { tenant in
            try tenant.users.createFromSignIn(
                attributes: ["userName": "jit@example.com"], providerID: fixtures.provider.id, subject: "jit-sub")
        }
        func find(_ provider: UUID, _ subject: String, _ userName: String, verified: Bool? = nil) throws -> UUID? {
            try fixtures.database.transaction { tenant in
                try SignInPeople(transaction: tenant).find(
                    providerID: provider, subject: subject, userName: userName, emailVerified: verified)?.id
            }
        }
        #expect(throws: SignInLinkRefusal.managedByAnotherProvider) {
            try find(other.id, "attacker", "MANAGED@example.com")
        }
        #expect(throws: SignInLinkRefusal.linkedToAnotherProvider) { try find(other.id, "attacker", "jit@example.com") }
        #expect(throws: SignInLinkRefusal.emailNotVerified) {
            try find(fixtures.provider.id, "managed-sub", "managed@example.com", verified: false)
        }
        // Nothing was linked by the refusals: the intruder's subject still finds nobody by its link.
        #expect(try find(other.id, "attacker", "") == nil)
        #expect(try find(fixtures.provider.id, "managed-sub", "managed@example.com", verified: true) == managed.id)
        #expect(try find(fixtures.provider.id, "managed-sub", "ignored@example.com") == managed.id)
        #expect(try find(fixtures.provider.id, "jit-sub", "jit@example.com") == signedIn.id)
    }
}
