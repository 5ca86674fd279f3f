import Dispatch
import Synchronization

/// A first-in, first-out queue of jobs shared by the event loop (producer) and the workers.
///
/// The semaphore counts queued jobs, so a worker sleeps in `dequeue` without spinning and the lock
/// is held only to move one element.
final class WorkQueue: Sendable {
    private struct Storage: ~Copyable {
        var jobs: [WorkerJob] = []
        var head = 0
    }

    private let storage = Mutex(Storage())
    private let available = DispatchSemaphore(value: 0)

    func enqueue(_ job: WorkerJob) {
        storage.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// Blocks until a job is queued.
    func dequeue() -> WorkerJob {
        available.wait()
        return storage.withLock { storage in
            let job = storage.jobs[storage.head]
            storage.head += 1
            if storage.head == storage.jobs.count {
                storage.jobs.removeAll(keepingCapacity: true)
                storage.head = 0
            } else if storage.head >= 1024, storage.head * 2 >= storage.jobs.count {
                storage.jobs.removeFirst(storage.head)
                storage.head = 0
            }
            return job
        }
    }
}
