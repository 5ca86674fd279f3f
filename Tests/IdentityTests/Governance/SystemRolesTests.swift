import Foundation
import Identity
import Testing

@Suite("System roles and the permission catalog")
struct SystemRolesTests {
    @Test(
        "system roles have fixed ids and names",
        arguments: [
            (SystemRoles.admin, "00000000-0000-0000-0000-000000000001", "Admin"),
            (SystemRoles.developer, "00000000-0000-0000-0000-000000000002", "Developer"),
            (SystemRoles.viewer, "00000000-0000-0000-0000-000000000003", "Viewer"),
        ])
    func fixedIdentity(role: Role, id: String, name: String) {
        #expect(role.id == UUID(uuidString: id))
        #expect(role.name == name)
        #expect(role.isSystem)
    }

    @Test("all lists Admin, Developer, Viewer")
    func allRoles() {
        #expect(SystemRoles.all.map(\.name) == ["Admin", "Developer", "Viewer"])
        #expect(Set(SystemRoles.all.map(\.id)).count == 3)
    }

    @Test("Admin holds every permission of the catalog")
    func adminHoldsEverything() {
        #expect(SystemRoles.admin.permissions == PermissionCatalog.all)
        for entry in PermissionCatalog.operationsByResource {
            for operation in entry.operations {
                #expect(SystemRoles.admin.allows(operation, on: entry.resource))
            }
        }
    }

    @Test("Viewer is within Developer, Developer within Admin, each strictly")
    func strictChain() {
        #expect(SystemRoles.viewer.permissions.isStrictSubset(of: SystemRoles.developer.permissions))
        #expect(SystemRoles.developer.permissions.isStrictSubset(of: SystemRoles.admin.permissions))
    }

    @Test(
        "Developer uses models, manages their own keys and reads teams, and nothing more",
        arguments: [
            ("models", "use", true), ("models", "read", true), ("own_api_keys", "read", true),
            ("own_api_keys", "create", true), ("own_api_keys", "update", true), ("own_api_keys", "delete", true),
            ("teams", "read", true), ("business_units", "read", true),
            ("teams", "update", false), ("api_keys", "read", false), ("api_keys", "create", false),
            ("users", "read", false), ("providers", "read", false), ("roles", "read", false),
            ("models", "create", false), ("logs", "read", false), ("provisioning", "read", false),
        ])
    func developerPermissions(resource: String, operation: String, allowed: Bool) {
        #expect(SystemRoles.developer.allows(operation, on: resource) == allowed)
        #expect(SystemRoles.developer.permissions.count == 8)
    }

    @Test("Viewer only reads")
    func viewerOnlyReads() {
        #expect(!SystemRoles.viewer.permissions.isEmpty)
        #expect(SystemRoles.viewer.permissions.allSatisfy { $0.operation == PermissionCatalog.read })
        #expect(!SystemRoles.viewer.allows("use", on: "models"))
    }

    @Test("every system permission is in the catalog")
    func permissionsAreCatalogued() {
        for role in SystemRoles.all {
            #expect(role.permissions.allSatisfy(PermissionCatalog.contains), "\(role.name)")
        }
        #expect(!PermissionCatalog.contains(Permission(resource: "models", operation: "delete_everything")))
        #expect(!PermissionCatalog.contains(Permission(resource: "Models", operation: "read")))
    }

    @Test("the catalog names each resource once, with known operations only")
    func catalogShape() {
        let resources = PermissionCatalog.operationsByResource.map(\.resource)
        #expect(Set(resources).count == resources.count)
        let operations: Set = ["read", "create", "update", "delete", "use"]
        for entry in PermissionCatalog.operationsByResource {
            #expect(!entry.operations.isEmpty)
            #expect(Set(entry.operations).isSubset(of: operations), "\(entry.resource)")
        }
        #expect(
            Set(resources) == [
                "users", "teams", "business_units", "roles", "providers", "provisioning", "models", "api_keys",
                "own_api_keys", "logs",
            ])
        #expect(PermissionCatalog.all.count == 35)
    }

    @Test("a permission reads as resource:operation")
    func permissionDescription() {
        #expect(Permission(resource: "models", operation: "use").description == "models:use")
    }
}
