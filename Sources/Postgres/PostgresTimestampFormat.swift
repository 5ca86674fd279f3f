import Foundation

/// Converts `Date` to and from PostgreSQL's ISO timestamp text. Connections set `TimeZone = 'UTC'` and
/// `DateStyle = 'ISO, MDY'`, so the server writes `2024-05-01 12:30:00.123456+00`; offsets other than UTC,
/// `timestamp` without zone (read as UTC), `date`, `BC` years and `±infinity` are read as well.
/// Precision is the server's: whole microseconds.
enum PostgresTimestampFormat {
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite else { return interval < 0 ? "-infinity" : "infinity" }
        var seconds = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let era = year > 0 ? "" : " BC"
        let displayYear = year > 0 ? year : 1 - year
        return "\(pad(displayYear, 4))-\(pad(month, 2))-\(pad(day, 2)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(micros, 6))+00\(era)"
    }

    static func parse(_ text: String) throws -> Date {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var cursor = TextCursor(text)
        var year = try cursor.integer(minDigits: 1)
        try cursor.expect(UInt8(ascii: "-"))
        let month = try cursor.integer(minDigits: 2, maxDigits: 2)
        try cursor.expect(UInt8(ascii: "-"))
        let day = try cursor.integer(minDigits: 2, maxDigits: 2)
        var secondOfDay = 0
        var micros = 0
        var offsetSeconds = 0
        if cursor.consume(UInt8(ascii: " ")) || cursor.consume(UInt8(ascii: "T")) {
            let hour = try cursor.integer(minDigits: 2, maxDigits: 2)
            try cursor.expect(UInt8(ascii: ":"))
            let minute = try cursor.integer(minDigits: 2, maxDigits: 2)
            try cursor.expect(UInt8(ascii: ":"))
            let second = try cursor.integer(minDigits: 2, maxDigits: 2)
            secondOfDay = hour * 3600 + minute * 60 + second
            if cursor.consume(UInt8(ascii: ".")) {
                micros = try cursor.fraction(digits: 6)
            }
            if let sign = cursor.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                cursor.advance()
                var offset = try cursor.integer(minDigits: 2, maxDigits: 2) * 3600
                if cursor.consume(UInt8(ascii: ":")) { offset += try cursor.integer(minDigits: 2, maxDigits: 2) * 60 }
                if cursor.consume(UInt8(ascii: ":")) { offset += try cursor.integer(minDigits: 2, maxDigits: 2) }
                offsetSeconds = sign == UInt8(ascii: "+") ? offset : -offset
            }
        }
        if cursor.consume(UInt8(ascii: " ")) {
            guard cursor.consume(UInt8(ascii: "B")), cursor.consume(UInt8(ascii: "C")) else { throw failure }
            year = 1 - year
        }
        guard cursor.isAtEnd, (1...12).contains(month), (1...31).contains(day), secondOfDay <= 86_400 else {
            throw failure
        }
        let seconds = days(fromCivil: year, month, day) * 86_400 + secondOfDay - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static let failure = PostgresDecodingFailure(reason: "not a PostgreSQL timestamp")

    /// Days since 1970-01-01 to a proleptic Gregorian date (astronomical year: 0 is 1 BC).
    static func civil(fromDays dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The inverse of `civil(fromDays:)`.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
