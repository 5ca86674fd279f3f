import Testing

@testable import SCIM

@Suite("SCIM errors (RFC 7644 §3.12)")
struct SCIMErrorTests {
    @Test(
        "each constructor carries its status and scimType",
        arguments: [
            (SCIMError.invalidFilter("d"), 400, SCIMErrorType.invalidFilter),
            (.tooMany("d"), 400, .tooMany),
            (.uniqueness("d"), 409, .uniqueness),
            (.mutability("d"), 400, .mutability),
            (.invalidSyntax("d"), 400, .invalidSyntax),
            (.invalidPath("d"), 400, .invalidPath),
            (.noTarget("d"), 400, .noTarget),
            (.invalidValue("d"), 400, .invalidValue),
            (.invalidVersion("d"), 400, .invalidVers),
            (.sensitive("d"), 403, .sensitive),
        ] as [(SCIMError, Int, SCIMErrorType)])
    func constructors(error: SCIMError, status: Int, type: SCIMErrorType) {
        #expect(error.status == status)
        #expect(error.scimType == type)
        #expect(error.detail == "d")
    }

    @Test(
        "errors without a scimType",
        arguments: [
            (SCIMError.notFound("d"), 404), (.unauthorized(), 401), (.forbidden("d"), 403),
            (.preconditionFailed("d"), 412), (.payloadTooLarge("d"), 413), (.tooManyRequests("d"), 429),
            (.notImplemented("d"), 501), (.internalError(), 500),
        ] as [(SCIMError, Int)])
    func untyped(error: SCIMError, status: Int) {
        #expect(error.status == status)
        #expect(error.scimType == nil)
        #expect(error.json["scimType"] == nil)
    }

    @Test("the body has the error schema, status as a string, scimType and detail (Sentry #117860)")
    func body() {
        let error = SCIMError.uniqueness("userName alice@example.com is already taken")
        #expect(
            error.json == [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": "409",
                "scimType": "uniqueness",
                "detail": "userName alice@example.com is already taken",
            ])
    }

    @Test("scimType is open to values the RFC does not list")
    func extensibleType() {
        let custom = SCIMErrorType(rawValue: "tenantSuspended")
        let error = SCIMError(status: 403, scimType: custom, detail: "d")
        #expect(error.json["scimType"] == "tenantSuspended")
        #expect(SCIMErrorType.invalidFilter.rawValue == "invalidFilter")
    }
}
