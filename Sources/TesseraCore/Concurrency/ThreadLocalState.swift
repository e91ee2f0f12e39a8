#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What each thread remembers between calls so that a repeated small call takes no lock:
/// the process's registry as of the last look (with the version it was read at) and the
/// ``ResolutionCache``'s slots. Only the owning thread touches it; it is freed when the
/// thread exits.
///
/// A plain struct behind the thread-specific pointer, not an object: reading it is then a
/// `pthread_getspecific` and a load, with no retain and release of a thread-state object
/// on every call.
struct ThreadLocalState {
    struct ProcessRegistry {
        /// ``Backends``' process-registry version when this thread last read it.
        var version = -1
        var registry: LoopRegistry?
    }

    let processRegistry: UnsafeMutablePointer<ProcessRegistry>
    let resolutionSlots: UnsafeMutablePointer<ResolutionCache.Slot>

    private init() {
        processRegistry = .allocate(capacity: 1)
        processRegistry.initialize(to: ProcessRegistry())
        resolutionSlots = .allocate(capacity: ResolutionCache.slotCount)
        resolutionSlots.initialize(repeating: ResolutionCache.Slot(), count: ResolutionCache.slotCount)
    }

    /// Releases what the slots hold; run by the thread-specific key's destructor.
    private static func destroy(_ state: UnsafeMutablePointer<ThreadLocalState>) {
        state.pointee.processRegistry.deinitialize(count: 1)
        state.pointee.processRegistry.deallocate()
        state.pointee.resolutionSlots.deinitialize(count: ResolutionCache.slotCount)
        state.pointee.resolutionSlots.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { ThreadLocalState.destroy(pointer.assumingMemoryBound(to: ThreadLocalState.self)) }
        }
        precondition(status == 0, "pthread_key_create failed with error \(status)")
        return key
    }()

    /// This thread's state, made on first use.
    static var current: ThreadLocalState {
        @inline(__always) get {
            if let pointer = pthread_getspecific(key) {
                return pointer.assumingMemoryBound(to: ThreadLocalState.self).pointee
            }
            return makeCurrent()
        }
    }

    @inline(never)
    private static func makeCurrent() -> ThreadLocalState {
        let state = UnsafeMutablePointer<ThreadLocalState>.allocate(capacity: 1)
        state.initialize(to: ThreadLocalState())
        pthread_setspecific(key, state)
        return state.pointee
    }
}
