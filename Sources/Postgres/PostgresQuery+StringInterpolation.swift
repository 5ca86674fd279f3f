extension PostgresQuery {
    /// Builds a `PostgresQuery`: literal text is SQL, every interpolated value is a bind.
    public struct StringInterpolation: StringInterpolationProtocol {
        var query = PostgresQuery()

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            query.appendSQL(literal)
        }

        /// A value, sent as the next `$n`.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            query.appendBind(value.postgresBind)
        }

        /// An optional value; `nil` is sent as a NULL of the wrapped type. A separate overload so that the
        /// compiler does not warn about interpolating an optional.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            query.appendBind(value.postgresBind)
        }

        /// A prepared bind, for a type that has no `PostgresEncodable` conformance.
        public mutating func appendInterpolation(bind: PostgresBind) {
            query.appendBind(bind)
        }

        /// Trusted SQL text such as an allowlisted column name or `ORDER BY` clause; never user input.
        public mutating func appendInterpolation(unescaped sql: String) {
            query.appendSQL(sql)
        }

        /// Another query spliced in place, its binds renumbered.
        public mutating func appendInterpolation(fragment: PostgresQuery) {
            query.append(fragment)
        }
    }
}
