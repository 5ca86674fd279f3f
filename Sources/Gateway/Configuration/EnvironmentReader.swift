/// Typed access to environment variables, failing with the variable's name.
struct EnvironmentReader {
    let environment: [String: String]

    func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = environment[name], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw GatewayConfiguration.Invalid(
                variable: name,
                reason: "must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'.")
        }
        return number
    }
}
