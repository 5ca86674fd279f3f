import Testing

@testable import SCIM

@Suite("PATCH request bodies")
struct SCIMPatchRequestTests {
    @Test("operations are read with op, path and value; Operations may be lower-case")
    func reads() throws {
        let request = try SCIMPatchRequest(
            json: json(
                #"""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"operations":[{"OP":"Add",
                "PATH":"title","VALUE":"T"},{"op":"remove","path":""}]}
                """#
            ))
        #expect(
            request.operations == [
                SCIMPatchOperation(op: .add, path: "title", value: "T"), SCIMPatchOperation(op: .remove),
            ])
    }

    @Test("a missing schemas member is tolerated")
    func missingSchemas() throws {
        let request = try SCIMPatchRequest(json: json(#"{"Operations":[{"op":"replace","value":{"active":false}}]}"#))
        #expect(request.operations.count == 1)
    }

    @Test(
        "malformed bodies are rejected with the right scimType",
        arguments: [
            (#"[]"#, SCIMErrorType.invalidSyntax),
            (
                #"""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Operations":[{"op":"add",
                "path":"a","value":1}]}
                """#,
                .invalidSyntax
            ),
            (#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"#, .invalidSyntax),
            (#"{"Operations":[]}"#, .invalidValue),
            (#"{"Operations":[{"path":"title"}]}"#, .invalidSyntax),
            (#"{"Operations":[{"op":"merge","path":"title","value":1}]}"#, .invalidSyntax),
            (#"{"Operations":[{"op":"add","path":"title"}]}"#, .invalidValue),
            (#"{"Operations":[{"op":"add","path":3,"value":1}]}"#, .invalidPath),
            (#"{"Operations":["add"]}"#, .invalidSyntax),
        ] as [(String, SCIMErrorType)])
    func malformed(text: String, type: SCIMErrorType) {
        let error = scimError { _ = try SCIMPatchRequest(json: json(text)) }
        #expect(error?.scimType == type, "\(text): \(String(describing: error))")
    }

    @Test("more operations than the limit is 413")
    func tooManyOperations() {
        let operations = Array(repeating: #"{"op":"add","path":"title","value":"x"}"#, count: 4).joined(separator: ",")
        let error = scimError {
            _ = try SCIMPatchRequest(json: json(#"{"Operations":[\#(operations)]}"#), maxOperations: 3)
        }
        #expect(error?.status == 413)
        #expect(throws: Never.self) {
            try SCIMPatchRequest(json: json(#"{"Operations":[\#(operations)]}"#), maxOperations: 4)
        }
    }
}
