/// Column names of one result, shared by all its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    private let indexes: [String: Int]

    init(names: [String]) {
        self.names = names
        var indexes: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexes[name] == nil {
            indexes[name] = index
        }
        self.indexes = indexes
    }

    func index(of name: String) -> Int? {
        indexes[name]
    }
}
