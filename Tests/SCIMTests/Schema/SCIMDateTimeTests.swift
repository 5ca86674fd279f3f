import Foundation
import Testing

@testable import SCIM

@Suite("Date-times (RFC 3339)")
struct SCIMDateTimeTests {
    @Test(
        "valid date-times parse to the right instant",
        arguments: [
            ("1970-01-01T00:00:00Z", 0.0), ("2026-01-01T00:00:00Z", 1_767_225_600),
            ("2026-01-01T02:00:00+02:00", 1_767_225_600),
            ("2025-12-31T19:00:00-05:00", 1_767_225_600), ("2026-01-01t00:00:00z", 1_767_225_600),
            ("2026-01-01T00:00:00.5Z", 1_767_225_600.5), ("2026-01-01T00:00:00", 1_767_225_600),
            ("2024-02-29T12:00:00Z", 1_709_208_000), ("1969-12-31T23:59:59Z", -1),
        ] as [(String, Double)])
    func parses(text: String, seconds: Double) {
        #expect(SCIMDateTime.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(
        "invalid date-times do not parse",
        arguments: [
            "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01",
            "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00.Z",
        ])
    func rejects(text: String) {
        #expect(SCIMDateTime.parse(text) == nil)
    }

    @Test("formatting writes UTC, with milliseconds only when present, and round-trips")
    func formats() {
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_767_225_600)) == "2026-01-01T00:00:00Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_767_225_600.25)) == "2026-01-01T00:00:00.250Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        for seconds in [0.0, 951_782_400, 1_709_208_000, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(SCIMDateTime.parse(SCIMDateTime.format(date)) == date)
        }
    }

    @Test("finer digits are cut, not rounded, and a stored .372000 read back as .3719999… still shows .372")
    func truncatesToMilliseconds() {
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_764_889_486.372_9)) == "2025-12-04T23:04:46.372Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_764_889_486.372)) == "2025-12-04T23:04:46.372Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: 1_764_889_486.999_9)) == "2025-12-04T23:04:46.999Z")
        #expect(SCIMDateTime.format(Date(timeIntervalSince1970: -0.000_5)) == "1969-12-31T23:59:59.999Z")
        let floor = SCIMDateTime.millisecondFloor(Date(timeIntervalSince1970: 1_764_889_486.372_9))
        #expect(SCIMDateTime.format(floor) == "2025-12-04T23:04:46.372Z")
    }
}
