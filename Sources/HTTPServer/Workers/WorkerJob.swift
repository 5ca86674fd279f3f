/// Work the event loop hands to a worker thread.
enum WorkerJob: Sendable {
    /// Run the handler and write its response.
    case respond(FileDescriptor, HTTPRequest, keepAlive: Bool)
    /// Write the failure responder's answer; the connection closes afterwards.
    case reportFailure(FileDescriptor, HTTPServerFailure)
    /// Leave the worker loop.
    case stop
}

/// What a worker reports back to the event loop after writing.
struct WorkerCompletion: Sendable {
    enum Outcome: Sendable {
        /// Written; the connection may carry another request.
        case keptAlive
        /// Written with `Connection: close`.
        case closing
        /// The peer went away or did not read within `writeTimeout`.
        case writeFailed
    }

    var descriptor: Int32
    var outcome: Outcome
}
