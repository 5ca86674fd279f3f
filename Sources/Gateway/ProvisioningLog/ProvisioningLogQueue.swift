/// The recorder's queue as a state machine: captures waiting to be written and whether a writer is draining them.
/// Events return what to do; the recorder holds it in a `Mutex` and does all I/O after releasing the lock.
struct ProvisioningLogQueue<Element> {
    enum EnqueueAction: Equatable {
        /// No writer is running: start one.
        case startWriter
        /// The running writer will pick the element up.
        case queued
        /// Over capacity or byte budget: the element was not kept.
        case dropped
    }

    let capacity: Int
    let byteBudget: Int
    let batchSize: Int
    private(set) var pending: [(element: Element, bytes: Int)] = []
    private(set) var pendingBytes = 0
    private(set) var isWriting = false
    /// Elements dropped since the writer last reported them.
    private(set) var droppedSinceReport = 0

    init(capacity: Int, byteBudget: Int, batchSize: Int) {
        self.capacity = max(capacity, 1)
        self.byteBudget = max(byteBudget, 1)
        self.batchSize = max(batchSize, 1)
    }

    /// An element of `bytes` in-memory size arrives. One larger than the whole budget is still taken when the queue
    /// is empty, so a single large request is never refused on size alone.
    mutating func enqueue(_ element: Element, bytes: Int) -> EnqueueAction {
        let overBudget = !pending.isEmpty && pendingBytes + bytes > byteBudget
        guard pending.count < capacity, !overBudget else {
            droppedSinceReport += 1
            return .dropped
        }
        pending.append((element, bytes))
        pendingBytes += bytes
        guard !isWriting else { return .queued }
        isWriting = true
        return .startWriter
    }

    /// The writer asks for its next batch and the drops to report. An empty batch means the writer stops; the next
    /// `enqueue` starts a new one.
    mutating func nextBatch() -> (batch: [Element], dropped: Int) {
        let dropped = droppedSinceReport
        droppedSinceReport = 0
        let taken = pending.prefix(batchSize)
        pending.removeFirst(taken.count)
        pendingBytes -= taken.reduce(0) { $0 + $1.bytes }
        if taken.isEmpty { isWriting = false }
        return (taken.map(\.element), dropped)
    }

    /// Nothing waits and no writer runs.
    var isIdle: Bool { pending.isEmpty && !isWriting }
}
