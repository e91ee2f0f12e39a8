import Foundation
@testable import TesseraCore

/// What the core computes for `divide` of two integer arrays without a fused loop: each
/// input cast to float64 by the scalar backend's cast loop into a buffer, then the scalar
/// 'dd->d' loop. The reference for the SIMD backend's fused 'ii->d', 'll->d', … loops.
enum BufferedTrueDivide {
    /// The loops one reference call runs (the loop's `data`, kept alive by `dataOwner`).
    final class Parts {
        let castA: InnerLoop
        let castB: InnerLoop
        let divide: InnerLoop
        init(castA: InnerLoop, castB: InnerLoop, divide: InnerLoop) {
            self.castA = castA
            self.castB = castB
            self.divide = divide
        }
    }

    /// The reference loop for `signature` (integer inputs, float64 output), or `nil` when
    /// the signature is not such a one.
    static func reference(for signature: LoopSignature, in scalar: LoopRegistry) -> InnerLoop? {
        guard signature.inputs.count == 2, signature.outputs == [.float64], signature.inputs.allSatisfy(\.isInteger),
              let castA = scalar.methodLoop(.cast, signature: try! LoopSignature("\(signature.inputs[0].character)->d")),
              let castB = scalar.methodLoop(.cast, signature: try! LoopSignature("\(signature.inputs[1].character)->d")),
              let divide = scalar.loop(for: .divide, signature: try! LoopSignature("dd->d"))
        else { return nil }
        let parts = Parts(castA: castA, castB: castB, divide: divide)
        return InnerLoop(
            signature: signature,
            function: { args, n, steps, data in
                let parts = Unmanaged<Parts>.fromOpaque(data!).takeUnretainedValue()
                let a = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1) * 8, alignment: 8)
                let b = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1) * 8, alignment: 8)
                defer { a.deallocate(); b.deallocate() }
                func call(_ loop: InnerLoop, _ pointers: [UnsafeMutableRawPointer?], _ strides: [Int]) {
                    var pointers = pointers
                    pointers.withUnsafeMutableBufferPointer { p in
                        strides.withUnsafeBufferPointer { s in loop.function(UnsafePointer(p.baseAddress!), n, s.baseAddress!, loop.data) }
                    }
                }
                call(parts.castA, [args![0], a], [steps![0], 8])
                call(parts.castB, [args![1], b], [steps![1], 8])
                call(parts.divide, [a, b, args![2]], [8, 8, steps![2]])
            },
            data: Unmanaged.passUnretained(parts).toOpaque(),
            backend: "test",
            instructionSet: "sse2",
            stridePolicy: .anyStride,
            costPerElement: 1,
            dataOwner: parts
        )
    }
}
