/// A PATCH request body (RFC 7644 §3.5.2), checked for shape but not yet applied.
public struct SCIMPatchRequest: Sendable {
    public let operations: [SCIMPatchOperation]

    /// Accepts "Operations" in any case. A `schemas` member, when present, must name the PatchOp message;
    /// a missing one is tolerated. A top-level `id` (Entra) is ignored. More than `maxOperations`
    /// operations is refused with 413, the status RFC 7644 §3.7.4 uses for oversized bulk requests.
    public init(json: JSONValue, maxOperations: Int = 1000) throws {
        guard json.objectValue != nil else {
            throw SCIMError.invalidSyntax("A PATCH body must be a JSON object with \"Operations\"")
        }
        if let schemas = json.member(named: "schemas")?.value {
            let names = (schemas.arrayValue ?? [schemas]).compactMap { $0.stringValue?.lowercased() }
            guard names.contains(SCIMSchemas.patchOpURN.lowercased()) else {
                throw SCIMError.invalidSyntax("A PATCH body's schemas must contain \(SCIMSchemas.patchOpURN)")
            }
        }
        guard let list = json.member(named: "Operations")?.value else {
            throw SCIMError.invalidSyntax("A PATCH body needs an \"Operations\" array")
        }
        let elements = list.arrayValue ?? [list]
        guard !elements.isEmpty else {
            throw SCIMError.invalidValue("\"Operations\" must contain at least one operation")
        }
        guard elements.count <= maxOperations else {
            throw SCIMError.payloadTooLarge(
                "The request has \(elements.count) operations; the limit is \(maxOperations)")
        }
        operations = try elements.enumerated().map { try SCIMPatchOperation(json: $1, index: $0) }
    }

    public init(operations: [SCIMPatchOperation]) {
        self.operations = operations
    }
}
