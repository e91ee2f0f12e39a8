#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The x86-64 vector instruction-set levels Tessera's backends choose between, narrowest
/// first. A backend with vector code runs the widest level the CPU supports, capped by
/// `TESSERA_MAX_ISA` (like NumPy's `NPY_DISABLE_CPU_FEATURES`), so every path can be run
/// and tested on one machine; the level in use is in each loop's
/// ``InnerLoop/instructionSet`` and in ``Backends/runtimeReport()``.
public enum InstructionSetLevel: String, Sendable, CaseIterable, Comparable {
    /// The x86-64 baseline: 128-bit SSE2, no FMA.
    case sse2
    /// 256-bit AVX2 with FMA.
    case avx2
    /// 512-bit AVX-512 (F, and BW/DQ/VL where a kernel needs them).
    case avx512

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The environment variable that caps every backend's vector code.
    public static let capVariable = "TESSERA_MAX_ISA"

    /// Per-backend variables that `TESSERA_MAX_ISA` replaced; setting one is an error that
    /// names the new variable (a silently ignored cap would test the wrong path).
    public static let replacedCapVariables = ["TESSERA_SLEEF_ISA"]

    /// The cap set by `TESSERA_MAX_ISA`, or nil when it is unset or empty (no cap).
    /// - Throws: ``TesseraError/Code/environment`` for a value that is not `sse2`, `avx2`
    ///   or `avx512`, or when a replaced variable (`TESSERA_SLEEF_ISA`) is set.
    public static func cap() throws -> InstructionSetLevel? {
        for old in replacedCapVariables {
            if let value = getenv(old) {
                throw TesseraError(
                    .environment,
                    "\(old)=\"\(String(cString: value))\" is no longer read: \(capVariable) caps every backend's vector code now; unset \(old) and set \(capVariable) to one of \(validValues)"
                )
            }
        }
        guard let raw = getenv(capVariable) else { return nil }
        return try parseCap(String(cString: raw))
    }

    /// Parses a `TESSERA_MAX_ISA` value (case-insensitive; empty means no cap).
    public static func parseCap(_ text: String) throws -> InstructionSetLevel? {
        let value = text.trimmingWhitespace().lowercased()
        if value.isEmpty { return nil }
        guard let level = InstructionSetLevel(rawValue: value) else {
            throw TesseraError(.environment, "\(capVariable)=\"\(text)\": unknown instruction set; valid values are \(validValues)")
        }
        return level
    }

    private static var validValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
