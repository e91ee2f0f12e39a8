#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What each thread remembers between calls so that a repeated small call takes no lock:
/// the process's registry as of the last look (with the version it was read at) and the
/// ``ResolutionCache``'s slots. Only the owning thread touches it; it is freed when the
/// thread exits.
final class ThreadLocalState {
    struct ProcessRegistry {
        /// ``Backends``' process-registry version when this thread last read it.
        var version = -1
        var registry: LoopRegistry?
    }

    // Behind pointers rather than `var` properties: reading a class's `var` costs a
    // dynamic exclusivity check, and every call reads these.
    let processRegistry: UnsafeMutablePointer<ProcessRegistry>
    let resolutionSlots: UnsafeMutablePointer<ResolutionCache.Slot>

    private init() {
        processRegistry = .allocate(capacity: 1)
        processRegistry.initialize(to: ProcessRegistry())
        resolutionSlots = .allocate(capacity: ResolutionCache.slotCount)
        resolutionSlots.initialize(repeating: ResolutionCache.Slot(), count: ResolutionCache.slotCount)
    }

    deinit {
        processRegistry.deinitialize(count: 1)
        processRegistry.deallocate()
        resolutionSlots.deinitialize(count: ResolutionCache.slotCount)
        resolutionSlots.deallocate()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadLocalState>.fromOpaque(pointer).release() }
        }
        precondition(status == 0, "pthread_key_create failed with error \(status)")
        return key
    }()

    /// This thread's state, made on first use.
    static var current: ThreadLocalState {
        @inline(__always) get {
            if let pointer = pthread_getspecific(key) {
                return Unmanaged<ThreadLocalState>.fromOpaque(pointer).takeUnretainedValue()
            }
            return makeCurrent()
        }
    }

    @inline(never)
    private static func makeCurrent() -> ThreadLocalState {
        let state = ThreadLocalState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}
