@testable import TesseraCore
@testable import TesseraOpenBLAS
import TesseraScalar

/// One configuration of scalar + OpenBLAS for every suite of this target (built once).
let scalarAndOpenBLAS: LoopRegistry = {
    let registry = LoopRegistry()
    do {
        try ScalarBackend().install(into: registry)
        try OpenBLASBackend().install(into: registry)
    } catch {
        fatalError("\(error)")
    }
    return registry
}()
