import Synchronization

/// Moves a value into a thread's closure so the thread becomes its only owner: a closure that
/// captured the value directly would keep it alive until the thread ended.
final class Handoff<Value: Sendable>: Sendable {
    private let slot: Mutex<Value?>

    init(_ value: Value) {
        slot = Mutex(value)
    }

    /// The value the first time, nil afterwards.
    func take() -> Value? {
        slot.withLock { slot in
            defer { slot = nil }
            return slot
        }
    }
}
