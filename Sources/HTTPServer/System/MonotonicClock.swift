import Glibc

/// Seconds on CLOCK_MONOTONIC: timeouts must not jump when the wall clock is set.
enum MonotonicClock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
