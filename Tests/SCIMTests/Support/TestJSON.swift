import SCIM

/// Parses JSON written in a test; a typo in a fixture fails the test that uses it.
func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(text)
}

/// Applies a PATCH body (as an IdP would send it) to a user's canonical attributes.
func patchUser(_ stored: JSONValue, _ body: String) throws -> JSONValue {
    let request = try SCIMPatchRequest(json: json(body))
    return try SCIMPatchEngine.applyToUser(request.operations, to: stored)
}

/// Applies a PATCH body to a group's attributes.
func patchGroup(_ stored: JSONValue, _ body: String) throws -> (attributes: JSONValue, membership: SCIMMembershipChange)
{
    let request = try SCIMPatchRequest(json: json(body))
    return try SCIMPatchEngine.applyToGroup(request.operations, to: stored)
}

/// Wraps operations (a JSON array text) in a PatchOp message.
func patchBody(_ operations: String) -> String {
    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":\#(operations)}"#
}

let enterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

/// A stored user as the normaliser produces it.
func storedUser(_ extra: String = "") throws -> JSONValue {
    let body =
        #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com""#
        + (extra.isEmpty ? "" : "," + extra) + "}"
    return try SCIMResourceNormalizer.normalizeUser(json(body))
}

/// The SCIM error a throwing expression raised, or nil when it did not throw one.
func scimError(_ body: () throws -> Void) -> SCIMError? {
    do {
        try body()
        return nil
    } catch let error as SCIMError {
        return error
    } catch {
        return nil
    }
}
