import Postgres
import TestSupport
import Testing

/// README promises DBAs that every table and column carries a comment (`\d+ users`): a migration that adds one
/// without a comment fails here, naming it.
@Suite("The schema documents itself for DBAs")
struct SchemaCommentTests {
    /// Tables, views and their columns in the schema the migrations created (the owner's `current_schema()`), whose
    /// comment is missing or blank. The one exclusion: the `pgtest_*` scratch tables the Postgres layer's tests create
    /// and drop in the same database while this runs (`Tests/PostgresTests/TestDatabase.swift`, `uniqueTable`); they
    /// are no part of the application schema.
    static let undocumented = """
        WITH checked AS (
            SELECT c.oid, c.relname, c.relkind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                AND NOT starts_with(c.relname, 'pgtest_')
        )
        SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END
            || c.relname AS name
        FROM checked c
        WHERE coalesce(btrim(obj_description(c.oid, 'pg_class')), '') = ''
        UNION ALL
        SELECT 'column ' || c.relname || '.' || a.attname
        FROM checked c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE a.attnum > 0 AND NOT a.attisdropped AND coalesce(btrim(col_description(c.oid, a.attnum)), '') = ''
        ORDER BY name
        """

    @Test("every table, view and column of the application schema carries a comment")
    func everythingHasAComment() throws {
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        let (checked, missing) = try owner.withConnection { connection in
            let checked = try connection.query(
                """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                """
            ).rows.map { try $0.decode("relname", as: String.self) }
            let missing = try connection.query(PostgresQuery(unsafeSQL: Self.undocumented)).rows
                .map { try $0.decode("name", as: String.self) }
            return (Set(checked), missing)
        }
        // The catalog query looks where the migrations wrote, or an empty answer would prove nothing.
        for relation in ["users", "people", "memberships", "schema_migrations"] {
            #expect(checked.contains(relation), "\(relation) is not in the schema the check reads")
        }
        #expect(
            missing.isEmpty,
            "\(missing.count) without a comment (add COMMENT ON in the migration): \(missing.joined(separator: ", "))")
    }
}
