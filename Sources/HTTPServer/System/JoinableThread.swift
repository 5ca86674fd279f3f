import Glibc

/// A POSIX thread that can be joined (Foundation's `Thread` cannot be).
struct JoinableThread: Sendable {
    private let handle: pthread_t

    /// Carries the body through pthread_create's untyped argument.
    private final class Entry {
        let body: @Sendable () -> Void

        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    static func start(_ body: @escaping @Sendable () -> Void) throws(HTTPServerError) -> JoinableThread {
        let entry = Unmanaged.passRetained(Entry(body: body)).toOpaque()
        var handle = pthread_t()
        do throws(HTTPServerError) {
            try SystemCall.runReturningError("pthread_create") {
                pthread_create(
                    &handle, nil,
                    { argument in
                        Unmanaged<Entry>.fromOpaque(argument!).takeRetainedValue().body()
                        return nil
                    }, entry)
            }
        } catch {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw error
        }
        return JoinableThread(handle: handle)
    }

    /// Blocks until the thread's body has returned.
    func join() {
        _ = try? SystemCall.runReturningError("pthread_join") { pthread_join(handle, nil) }
    }
}
