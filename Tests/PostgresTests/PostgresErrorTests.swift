import Testing

@testable import Postgres

@Suite("PostgresError and SQLState")
struct PostgresErrorTests {
    @Test(
        "connection-class SQLSTATEs are class 08 and the shutdown codes only",
        arguments: [
            ("08006", true), ("08001", true), ("57P01", true), ("57P02", true), ("57P03", true),
            ("57014", false), ("23505", false), ("40001", false), ("XX000", false),
        ])
    func connectionClass(code: String, expected: Bool) {
        #expect(SQLState(rawValue: code).isConnectionClass == expected)
    }

    @Test("only serialization failures and deadlocks make a transaction retryable")
    func retryableStates() {
        #expect(SQLState.serializationFailure.isTransactionRetryable)
        #expect(SQLState.deadlockDetected.isTransactionRetryable)
        #expect(!SQLState.uniqueViolation.isTransactionRetryable)
        #expect(!SQLState.queryCanceled.isTransactionRetryable)
    }

    @Test("named constants carry their SQLSTATE codes")
    func constants() {
        let expected: [SQLState: String] = [
            .uniqueViolation: "23505", .foreignKeyViolation: "23503", .checkViolation: "23514",
            .notNullViolation: "23502", .serializationFailure: "40001", .deadlockDetected: "40P01",
            .invalidTextRepresentation: "22P02", .undefinedTable: "42P01", .queryCanceled: "57014",
            .adminShutdown: "57P01", .cannotConnectNow: "57P03", .insufficientPrivilege: "42501",
        ]
        for (state, code) in expected {
            #expect(state.rawValue == code)
            #expect(state.description == code)
        }
        #expect(SQLState.uniqueViolation.errorClass == "23")
    }

    @Test("description names the SQLSTATE but never the server text or constraint")
    func genericDescription() {
        let error = PostgresError(
            code: .queryFailed, sqlState: .uniqueViolation,
            serverMessage: "duplicate key value violates unique constraint; Key (user_name)=(alice) already exists",
            constraint: "users_user_name_key")
        #expect(error.description == "PostgreSQL query failed (23505)")
        #expect(!error.description.contains("alice"))
        #expect(!error.description.contains("users_user_name_key"))
    }

    @Test(
        "every code has a generic description",
        arguments: [
            PostgresError.Code.connectionFailed, .connectionLost, .queryFailed, .poolTimeout, .poolClosed,
            .decodingFailed, .missingColumn, .invalidQuery,
        ])
    func descriptions(code: PostgresError.Code) {
        let error = PostgresError(code: code, serverMessage: "secret detail")
        #expect(error.description.hasPrefix("PostgreSQL") || error.description.contains("PostgreSQL"))
        #expect(!error.description.contains("secret"))
    }

    @Test("connection codes mark the connection unusable")
    func connectionFailure() {
        #expect(PostgresError(code: .connectionLost).isConnectionFailure)
        #expect(PostgresError(code: .connectionFailed).isConnectionFailure)
        #expect(!PostgresError(code: .queryFailed, sqlState: .uniqueViolation).isConnectionFailure)
    }
}
