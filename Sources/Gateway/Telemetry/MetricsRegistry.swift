import Foundation
import Synchronization

/// Prometheus counters, gauges and histograms kept in memory per replica (the scraper sums replicas).
///
/// Label values come from route templates, methods, statuses and provider ids, never from request data, so the
/// number of series stays bounded.
public final class MetricsRegistry: Sendable {
    /// Request latency buckets in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Histogram {
        var counts = [UInt64](repeating: 0, count: MetricsRegistry.buckets.count)
        var sum = 0.0
        var count: UInt64 = 0
    }

    private struct State {
        var counters: [String: [Labels: Double]] = [:]
        var histograms: [String: [Labels: Histogram]] = [:]
    }

    /// Label pairs in a fixed order, so equal label sets are one series.
    public struct Labels: Hashable, Sendable {
        let pairs: [(String, String)]

        public init(_ pairs: [(String, String)]) {
            self.pairs = pairs
        }

        public static func == (lhs: Labels, rhs: Labels) -> Bool {
            lhs.pairs.elementsEqual(rhs.pairs) { $0.0 == $1.0 && $0.1 == $1.1 }
        }

        public func hash(into hasher: inout Hasher) {
            for (name, value) in pairs {
                hasher.combine(name)
                hasher.combine(value)
            }
        }

        var rendered: String {
            guard !pairs.isEmpty else { return "" }
            return "{" + pairs.map { "\($0.0)=\"\(MetricsRegistry.escape($0.1))\"" }.joined(separator: ",") + "}"
        }
    }

    private let state = Mutex(State())
    private let help: [String: (type: String, text: String)]

    public init() {
        help = [
            "scim_gateway_http_requests_total": ("counter", "HTTP requests by route, method, status and provider."),
            "scim_gateway_http_request_duration_seconds": ("histogram", "Time to answer a request, by route."),
            "scim_gateway_provisioning_operations_total": (
                "counter", "Successful SCIM writes by resource and operation."
            ),
            "scim_gateway_sessions_ended_total": ("counter", "Sessions ended, by reason."),
            "scim_gateway_rate_limited_total": ("counter", "Requests refused with 429."),
        ]
    }

    public func increment(_ name: String, _ labels: Labels, by amount: Double = 1) {
        state.withLock { $0.counters[name, default: [:]][labels, default: 0] += amount }
    }

    public func observe(_ name: String, _ labels: Labels, seconds: Double) {
        state.withLock { state in
            var histogram = state.histograms[name, default: [:]][labels] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.histograms[name, default: [:]][labels] = histogram
        }
    }

    /// The text exposition format (version 0.0.4), with `gauges` read at scrape time appended.
    public func render(gauges: [(name: String, help: String, labels: Labels, value: Double)] = []) -> String {
        let snapshot = state.withLock { $0 }
        var lines: [String] = []
        for name in snapshot.counters.keys.sorted() {
            header(name, into: &lines)
            for (labels, value) in snapshot.counters[name]!.sorted(by: { $0.key.rendered < $1.key.rendered }) {
                lines.append("\(name)\(labels.rendered) \(Self.number(value))")
            }
        }
        for name in snapshot.histograms.keys.sorted() {
            header(name, into: &lines)
            for (labels, histogram) in snapshot.histograms[name]!.sorted(by: { $0.key.rendered < $1.key.rendered }) {
                for (index, bound) in Self.buckets.enumerated() {
                    let bucket = Labels(labels.pairs + [("le", Self.number(bound))])
                    lines.append("\(name)_bucket\(bucket.rendered) \(histogram.counts[index])")
                }
                lines.append("\(name)_bucket\(Labels(labels.pairs + [("le", "+Inf")]).rendered) \(histogram.count)")
                lines.append("\(name)_sum\(labels.rendered) \(Self.number(histogram.sum))")
                lines.append("\(name)_count\(labels.rendered) \(histogram.count)")
            }
        }
        var described: Set<String> = []
        for gauge in gauges {
            if described.insert(gauge.name).inserted {
                lines.append("# HELP \(gauge.name) \(gauge.help)")
                lines.append("# TYPE \(gauge.name) gauge")
            }
            lines.append("\(gauge.name)\(gauge.labels.rendered) \(Self.number(gauge.value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func header(_ name: String, into lines: inout [String]) {
        guard let description = help[name] else { return }
        lines.append("# HELP \(name) \(description.text)")
        lines.append("# TYPE \(name) \(description.type)")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
