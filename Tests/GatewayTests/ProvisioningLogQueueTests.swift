import Testing

@testable import Gateway

@Suite("The provisioning log queue as events and actions")
struct ProvisioningLogQueueTests {
    @Test("the first capture starts a writer, later ones join it, and an empty batch stops it")
    func writerLifecycle() {
        var queue = ProvisioningLogQueue<Int>(capacity: 10, byteBudget: 1000, batchSize: 2)
        let arrivals = [queue.enqueue(1, bytes: 10), queue.enqueue(2, bytes: 10), queue.enqueue(3, bytes: 10)]
        #expect(arrivals == [.startWriter, .queued, .queued])
        let first = queue.nextBatch().batch
        let late = queue.enqueue(4, bytes: 10)
        let second = queue.nextBatch().batch
        let busy = queue.isIdle
        let last = queue.nextBatch().batch
        let idle = queue.isIdle
        let next = queue.enqueue(5, bytes: 10)
        #expect(first == [1, 2])
        #expect(late == .queued)
        #expect(second == [3, 4])
        #expect(!busy)
        #expect(last == [])
        #expect(idle)
        #expect(next == .startWriter)
    }

    @Test("captures beyond the capacity are dropped and reported once to the writer")
    func capacity() {
        var queue = ProvisioningLogQueue<Int>(capacity: 2, byteBudget: 1000, batchSize: 10)
        let arrivals = (1...4).map { queue.enqueue($0, bytes: 1) }
        let first = queue.nextBatch()
        let second = queue.nextBatch()
        #expect(arrivals == [.startWriter, .queued, .dropped, .dropped])
        #expect(first.batch == [1, 2])
        #expect(first.dropped == 2)
        #expect(second.dropped == 0)
    }

    @Test("the byte budget drops large captures while others wait, but never refuses the only one")
    func byteBudget() {
        var queue = ProvisioningLogQueue<Int>(capacity: 10, byteBudget: 100, batchSize: 10)
        let large = [queue.enqueue(1, bytes: 500), queue.enqueue(2, bytes: 1)]
        let first = queue.nextBatch().batch
        let emptied = queue.pendingBytes
        let small = [queue.enqueue(3, bytes: 60), queue.enqueue(4, bytes: 60), queue.enqueue(5, bytes: 40)]
        let second = queue.nextBatch().batch
        #expect(large == [.startWriter, .dropped])
        #expect(first == [1])
        #expect(emptied == 0)
        #expect(small == [.queued, .dropped, .queued])
        #expect(second == [3, 5])
    }
}
