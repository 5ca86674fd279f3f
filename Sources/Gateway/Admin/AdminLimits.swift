/// The admin API's own limits. Request bodies above the server's `MAX_BODY_BYTES` are refused earlier, by the HTTP
/// layer; these bound what one admin request may ask for.
struct AdminLimits: Sendable {
    /// Items per page when the caller gives no `limit`.
    var defaultPageSize = 50
    /// The largest `limit` accepted; larger values are clamped.
    var maxPageSize = 200
    /// The largest admin request body; larger → 413.
    var maxBodyBytes = 65_536
    /// Most ids in one list within a body (a rule reordering, a role's permissions); more → 413.
    var maxListItems = 1000
    /// Longest free-text value (names, issuer, client id); the schema's own bounds are tighter for some fields.
    var maxNameLength = 200
    var maxTextLength = 2048
}
