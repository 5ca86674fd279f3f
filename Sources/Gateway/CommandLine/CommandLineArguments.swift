/// Positional words and `--name value` options of one command line; `--json` and other flags take no value.
struct CommandLineArguments {
    private(set) var words: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    static let flagNames: Set<String> = ["json", "help"]

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-h" {
                flags.insert("help")
            } else if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                    name = ""
                } else if Self.flagNames.contains(name) {
                    flags.insert(name)
                } else {
                    guard index + 1 < arguments.count else { throw UsageError(description: "--\(name) needs a value.") }
                    options[name] = arguments[index + 1]
                    index += 1
                }
            } else {
                words.append(argument)
            }
            index += 1
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func option(_ name: String) -> String? { options[name] }

    /// Refuses any option outside `accepted`, so a misspelt one (`--isuer`) is an error rather than silently unused.
    func checkOptions(accepted: Set<String>, command: String) throws {
        if let unknown = options.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw UsageError(description: "`\(command)` takes no option --\(unknown).")
        }
    }

    func required(_ name: String) throws -> String {
        guard let value = options[name], !value.isEmpty else { throw UsageError(description: "--\(name) is required.") }
        return value
    }
}
