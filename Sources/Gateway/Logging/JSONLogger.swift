import Foundation
import Synchronization

/// Writes one JSON object per line to standard output (or error). Messages are constant sentences; values go into
/// metadata. Callers never pass tokens, cookies, secrets, bind values or attribute values.
public struct JSONLogger: Sendable {
    public enum Level: String, Sendable, Comparable {
        case debug, info, warning, error

        public static func < (lhs: Level, rhs: Level) -> Bool {
            let order: [Level] = [.debug, .info, .warning, .error]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    private static let outputLock = Mutex(())

    public var minimumLevel: Level
    public var metadata: [String: String]

    public init(minimumLevel: Level = .info, metadata: [String: String] = [:]) {
        self.minimumLevel = minimumLevel
        self.metadata = metadata
    }

    public func log(_ level: Level, _ message: StaticString, _ values: [String: LogValue] = [:]) {
        guard level >= minimumLevel else { return }
        var object: [String: Any] = ["ts": Self.timestamp(), "level": level.rawValue, "msg": "\(message)"]
        for (key, value) in metadata { object[key] = value }
        for (key, value) in values { object[key] = value.jsonObject }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        Self.outputLock.withLock { _ in
            FileHandle.standardOutput.write(data + Data([0x0A]))
        }
    }

    public func info(_ message: StaticString, _ values: [String: LogValue] = [:]) { log(.info, message, values) }
    public func warning(_ message: StaticString, _ values: [String: LogValue] = [:]) { log(.warning, message, values) }
    public func error(_ message: StaticString, _ values: [String: LogValue] = [:]) { log(.error, message, values) }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// A value in a log line's metadata.
public enum LogValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)
    case double(Double)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    var jsonObject: Any {
        switch self {
        case .string(let text): text
        case .integer(let number): number
        case .double(let number): number
        }
    }
}
