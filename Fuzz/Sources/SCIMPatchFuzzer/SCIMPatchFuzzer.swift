import SCIM

/// Fuzzes PATCH (RFC 7644 §3.5.2): the body is parsed as JSON, read as a PatchOp message and applied to a fixed
/// user and a fixed group, as `PATCH /Users/{id}` and `PATCH /Groups/{id}` do.
///
/// An applied PATCH must leave storable attributes: a JSON object that serialises to text that parses back equal,
/// with the non-empty `userName` (or `displayName`) storage requires. Anything else would reach the database.
enum SCIMPatchFuzzer {
    static let user: JSONValue = {
        let body = #"""
            {"id":"2819c223-7f76-453a-919d-413861904646","schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName":"bjensen@example.com","externalId":"00u1","name":{"givenName":"Barbara","familyName":"Jensen"},
            "displayName":"Babs","active":true,"title":"Tour Guide",
            "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@home.example",
            "type":"home"}],"phoneNumbers":[{"value":"555-555-8377","type":"work"}],
            "addresses":[{"streetAddress":"100 Universal City Plaza","locality":"Hollywood","type":"work"}],
            "roles":[{"value":"admin","primary":true}],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
            "department":"Tour Operations","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}
            """#
        var attributes = try! SCIMResourceNormalizer.normalizeUser(JSONValue.parse(body))
        if case .object(var members) = attributes {
            members["id"] = "2819c223-7f76-453a-919d-413861904646"
            attributes = .object(members)
        }
        return attributes
    }()

    static let group: JSONValue = {
        let body = #"{"displayName":"Tour Guides","externalId":"g-7"}"#
        return try! SCIMResourceNormalizer.normalizeGroup(JSONValue.parse(body)).attributes
    }()

    static func run(_ input: [UInt8]) {
        guard let json = try? JSONValue.parse(input), let request = try? SCIMPatchRequest(json: json) else { return }
        if let patched = try? SCIMPatchEngine.applyToUser(request.operations, to: user) {
            checkStorable(patched, required: "userName")
        }
        if let patched = try? SCIMPatchEngine.applyToGroup(request.operations, to: group) {
            checkStorable(patched.attributes, required: "displayName")
            _ = patched.membership.isEmpty
        }
    }

    static func checkStorable(_ attributes: JSONValue, required: String) {
        guard attributes.objectValue != nil else { fatalError("a PATCH result is not an object: \(attributes)") }
        guard let value = attributes[required]?.stringValue, !value.isEmpty else {
            fatalError("a PATCH result lacks \(required): \(attributes)")
        }
        let text = attributes.serialized()
        guard (try? JSONValue.parse(text, maxDepth: .max)) == attributes else {
            fatalError("a PATCH result does not survive serialisation: \(String(decoding: text, as: UTF8.self))")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSCIMPatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SCIMPatchFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
