import Foundation
import Testing
@testable import TesseraCore
@testable import TesseraOpenBLAS

#if canImport(Glibc)
import Glibc
#endif

/// Vector operands that end exactly at an unreadable page. OpenBLAS 0.3.21's complex dots
/// read one whole step past the last element of an operand whose step is not 1
/// (`Backends/OpenBLAS/tools/complex_dot_overread.c`), so the backend packs such operands;
/// here `vecmat` with one output column (which takes the dot) runs on strided complex
/// operands placed at a guard page, and would crash without the packing.
@Suite("OpenBLAS loops: no reads past an operand (guard pages)")
struct OpenBLASGuardPageTests {
    /// `count` complex values (re, im as `component` bytes each) at a step of `step`
    /// elements, the last one ending at a PROT_NONE page; returns the region and the
    /// first element's address.
    static func placed(_ values: [(Double, Double)], step: Int, component: Int) -> (region: UnsafeMutableRawPointer, length: Int, first: UnsafeMutableRawPointer) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let size = 2 * component
        let span = ((values.count - 1) * step + 1) * size
        let usable = (span + page - 1) / page * page
        let region = mmap(nil, usable + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        precondition(region != MAP_FAILED && mprotect(region + usable, page, PROT_NONE) == 0)
        let first = region + usable - span
        for (i, (re, im)) in values.enumerated() {
            let at = first + i * step * size
            if component == 4 {
                at.storeBytes(of: Float(re), as: Float.self)
                (at + 4).storeBytes(of: Float(im), as: Float.self)
            } else {
                at.storeBytes(of: re, as: Double.self)
                (at + 8).storeBytes(of: im, as: Double.self)
            }
        }
        return (region, usable + page, first)
    }

    @Test("vecmat (n),(n,1)->(1) of complex operands at steps 2 and 3, each ending at a guard page", arguments: [DType.complex64, .complex128])
    func complexDot(dtype: DType) throws {
        let code = dtype == .complex64 ? "F" : "D"
        let component = dtype == .complex64 ? 4 : 8
        let signature = LoopSignature(inputs: [dtype, dtype], outputs: [dtype])
        let loop = try #require(scalarAndOpenBLAS.loop(for: GUFunc.vecmat, signature: signature))
        #expect(loop.backend == "openblas", "vecmat \(code) should be OpenBLAS's loop")
        for n in [1, 2, 5, 8, 33] {
            // Small integers: every product and sum is exact, in any order.
            let x = (0..<n).map { (Double($0 % 7) - 3, Double($0 % 5) - 2) }
            let b = (0..<n).map { (Double($0 % 3) + 1, Double($0 % 4) - 1) }
            // vecmat conjugates x: sum of conj(x_i) b_i.
            let expected = zip(x, b).reduce((0.0, 0.0)) { s, p in
                (s.0 + p.0.0 * p.1.0 + p.0.1 * p.1.1, s.1 + p.0.0 * p.1.1 - p.0.1 * p.1.0)
            }
            for step in [2, 3] {
                let px = Self.placed(x, step: step, component: component)
                let pb = Self.placed(b, step: step, component: component)
                defer { munmap(px.region, px.length); munmap(pb.region, pb.length) }
                let out = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
                defer { out.deallocate() }
                let size = 2 * component
                // Outer steps (one outer element), x_n, b_n, b_m, out_m, then n and m.
                var steps = [0, 0, 0, step * size, step * size, size, size, n, 1]
                var args: [UnsafeMutableRawPointer?] = [px.first, pb.first, out]
                args.withUnsafeMutableBufferPointer { a in
                    steps.withUnsafeMutableBufferPointer { s in loop.function(a.baseAddress, 1, s.baseAddress, loop.data) }
                }
                let got = component == 4
                    ? (Double(out.load(as: Float.self)), Double(out.load(fromByteOffset: 4, as: Float.self)))
                    : (out.load(as: Double.self), out.load(fromByteOffset: 8, as: Double.self))
                #expect(got == expected, "vecmat \(code) n=\(n) step \(step): \(got), expected \(expected)")
            }
        }
    }
}
