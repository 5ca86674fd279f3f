import Dispatch
import Synchronization

/// Runs async work to completion from one of the HTTP server's own worker threads, which may block; never call it
/// from the cooperative thread pool.
enum BlockingTask {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                outcome.set(.success(try await body()))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try outcome.get()
    }

    /// The task's result, handed from the task to the waiting thread.
    private final class Outcome<T: Sendable>: Sendable {
        private let result = Mutex<Result<T, any Error>?>(nil)

        func set(_ value: Result<T, any Error>) {
            result.withLock { $0 = value }
        }

        func get() throws -> T {
            try result.withLock { $0! }.get()
        }
    }
}
