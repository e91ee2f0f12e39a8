#if canImport(Glibc)
import Glibc
#endif
import BenchmarkKit

/// Which CPU a contender's turn runs on.
///
/// A same-run ratio compares two single-threaded calls; if the scheduler puts them on
/// different CPUs (one sharing its core with the parent, one with a hypervisor's other
/// guest), the ratio moves with placement, not with the code. So every single-threaded
/// contender of a case — each single-threaded configuration's worker and the NumPy peer
/// when NumPy runs the case on one thread — is pinned to the same CPU for its turns, and
/// threaded contenders get every CPU back.
enum CPUPinning {
    /// glibc declares `sched_getaffinity`/`sched_setaffinity` only under `_GNU_SOURCE`,
    /// which Swift's Glibc module does not define; they are looked up by name instead.
    private typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private static let getAffinity = lookUp("sched_getaffinity")
    private static let setAffinity = lookUp("sched_setaffinity")

    private static func lookUp(_ name: String) -> AffinityCall? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: AffinityCall.self)
    }

    /// The CPUs this process may run on, in order (`sched_getaffinity`).
    static func allowedCPUs() -> [Int] {
        var set = cpu_set_t()
        guard let getAffinity, getAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else { return [] }
        return withUnsafeBytes(of: &set) { bytes in
            (0..<(bytes.count * 8)).filter { bytes[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }
        }
    }

    /// Restricts the calling thread (and the threads it starts later) to `cpus`.
    /// Returns false when the kernel refuses (a CPU outside the cgroup's set); the
    /// thread then keeps its placement, and the turn is timed unpinned.
    @discardableResult
    static func restrict(to cpus: [Int]) -> Bool {
        var set = cpu_set_t()
        let ok = withUnsafeMutableBytes(of: &set) { bytes -> Bool in
            for cpu in cpus {
                guard cpu >= 0, cpu < bytes.count * 8 else { return false }
                bytes[cpu / 8] |= 1 << UInt8(cpu % 8)
            }
            return true
        }
        guard ok, !cpus.isEmpty, let setAffinity else { return false }
        return setAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0
    }

    /// The CPU single-threaded turns share: the last allowed one, so that CPU 0, where
    /// the kernel tends to route interrupts, is left to the parent. `nil` with one CPU.
    static func sharedCPU(allowed: [Int]) -> Int? {
        allowed.count >= 2 ? allowed.last : nil
    }

    /// Whether `configuration` computes on one thread: no OpenMP, no OpenBLAS pool.
    static func isSingleThreaded(configuration: String) -> Bool {
        let parts = backendSpecification(configuration).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return !parts.contains { $0 == "all" || $0 == "openmp" || $0 == "openblas" }
    }

    /// Whether NumPy runs cases of `family` on one thread: everything but what it hands
    /// to its bundled OpenBLAS pool.
    static func peerIsSingleThreaded(_ family: CaseID.Family) -> Bool {
        family != .matmul && family != .linalg
    }
}
