import ComplexModule
import Foundation
import TesseraCore

/// Shared helpers of the `.npy`/`.npz` tests.
enum NPYTestSupport {
    /// A fresh, empty directory under the temporary directory.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tessera-io-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The elements in C order as native-endian bytes in hex, read through `toArray`
    /// (independent of the `.npy` code), to compare with NumPy's `tobytes().hex()`.
    static func nativeHex(_ array: NDArray) -> String {
        func hex<T: NDArrayElement>(_: T.Type) -> String {
            array.toArray(T.self).withUnsafeBytes { bytes in
                bytes.map { String(format: "%02x", $0) }.joined()
            }
        }
        switch array.dtype {
        case .bool: return hex(Bool.self)
        case .int8: return hex(Int8.self)
        case .uint8: return hex(UInt8.self)
        case .int16: return hex(Int16.self)
        case .uint16: return hex(UInt16.self)
        case .int32: return hex(Int32.self)
        case .uint32: return hex(UInt32.self)
        case .int64: return hex(Int64.self)
        case .uint64: return hex(UInt64.self)
        case .float16: return hex(Float16.self)
        case .float32: return hex(Float.self)
        case .float64: return hex(Double.self)
        case .complex64: return hex(Complex<Float>.self)
        case .complex128: return hex(Complex<Double>.self)
        }
    }

    /// Whether NumPy would write the array in Fortran order.
    static func isFortranOnly(_ array: NDArray) -> Bool {
        array.isFContiguous && !array.isCContiguous
    }

    /// Python helpers prepended to the oracle scripts.
    static let pythonPrelude = """
    import json, io, os, zipfile
    def chex(a):
        a = np.asarray(a)
        return np.ascontiguousarray(a).astype(a.dtype.newbyteorder('='), copy=False).tobytes().hex()
    def fortran_only(a):
        return bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    def describe(a):
        return {'dtype': a.dtype.name, 'str': a.dtype.str, 'shape': list(a.shape), 'fortran': fortran_only(a), 'hex': chex(a)}
    rng = np.random.default_rng(20240607)
    def sample(name, shape):
        dt = np.dtype(name)
        n = int(np.prod(shape))
        if dt.kind == 'b':
            v = rng.integers(0, 2, n).astype(bool)
        elif dt.kind in 'iu':
            info = np.iinfo(dt)
            v = rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
        elif dt.kind == 'f':
            v = (rng.standard_normal(n) * 1000).astype(dt)
            specials = np.array([np.nan, np.inf, -np.inf, -0.0], dtype=dt)
            v[:min(4, n)] = specials[:min(4, n)]
        else:
            v = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dt)
            specials = np.array([complex(np.nan, 1.0), complex(-0.0, np.inf)], dtype=dt)
            v[:min(2, n)] = specials[:min(2, n)]
        return v.reshape(shape)
    DTYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
              'float16', 'float32', 'float64', 'complex64', 'complex128']

    """

    /// What NumPy reports about one array.
    struct Description: Decodable, Equatable {
        var dtype: String
        var str: String
        var shape: [Int]
        var fortran: Bool
        var hex: String
    }
}
