import Foundation
import ZIPFoundation

extension NDArray {
    /// Writes named arrays to a NumPy `.npz` archive: NumPy's `savez` (`compressed: false`,
    /// members stored) and `savez_compressed` (`compressed: true`, members deflated).
    ///
    /// Each array becomes the member `<name>.npy`, written as by ``write(to:)``; members
    /// are in name order. `numpy.load` reads the result, with the same names as keys.
    /// The file is replaced atomically.
    ///
    /// - Throws: ``TesseraError`` `.valueError` for an empty name, `.io` when the file
    ///   cannot be written.
    public static func writeArchive(_ arrays: [String: NDArray], to url: URL, compressed: Bool = false) throws {
        let data = try npzData(arrays, compressed: compressed)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw TesseraError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The bytes of the `.npz` archive ``writeArchive(_:to:compressed:)`` writes.
    public static func npzData(_ arrays: [String: NDArray], compressed: Bool = false) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for name in arrays.keys.sorted() {
                guard !name.isEmpty else {
                    throw TesseraError(.valueError, "an .npz member needs a non-empty name")
                }
                let member = arrays[name]!.npyData()
                try archive.addEntry(
                    with: name + ".npy",
                    type: .file,
                    uncompressedSize: Int64(member.count),
                    compressionMethod: compressed ? .deflate : .none
                ) { position, size in
                    member.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else {
                throw TesseraError(.io, "the in-memory .npz archive has no data")
            }
            return data
        } catch let error as TesseraError {
            throw error
        } catch {
            throw TesseraError(.io, "cannot build the .npz archive: \(error)")
        }
    }

    /// Reads every array of a NumPy `.npz` archive (`numpy.load` of a file written by
    /// `savez` or `savez_compressed`), keyed by member name without `.npy`.
    ///
    /// Members may be stored or deflated. Each member is checked as ``init(npyData:)``
    /// checks a file, and its decompressed size may not exceed what the archive declares.
    ///
    /// - Throws: ``TesseraError`` `.io` when the file cannot be read, `.fileFormat` when
    ///   it is not a zip archive, a member is not an `.npy` file, is corrupt (CRC) or is
    ///   malformed, and the codes of ``init(npyData:)`` for a member's contents (the
    ///   message names the member).
    public static func readArchive(contentsOf url: URL) throws -> [String: NDArray] {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw TesseraError(.io, "cannot read \(url.path): no such readable file")
        }
        do {
            return try readArchive(npzData: readFile(url))
        } catch let error as TesseraError {
            throw TesseraError(error.code, "\(url.path): \(error.message)")
        }
    }

    /// Reads every array of the bytes of an `.npz` archive; see ``readArchive(contentsOf:)``.
    public static func readArchive(npzData data: Data) throws -> [String: NDArray] {
        let archive: Archive
        try data.withUnsafeBytes { try ZIPBounds.check($0) }
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw TesseraError(.fileFormat, "not a .npz file: not a readable zip archive (\(error))")
        }
        var arrays: [String: NDArray] = [:]
        for entry in archive {
            guard entry.type == .file else { continue }
            let path = entry.path
            guard path.hasSuffix(".npy") else {
                throw TesseraError(.fileFormat, "the .npz archive holds the member '\(path)', which is not an .npy file")
            }
            let name = String(path.dropLast(4))
            guard arrays[name] == nil else {
                throw TesseraError(.fileFormat, "the .npz archive holds two members named '\(path)'")
            }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(NDArray.maximumByteCount) else {
                throw TesseraError(
                    .resourceLimit,
                    "the .npz member '\(path)' declares \(declared) bytes, more than the limit of \(NDArray.maximumByteCount) bytes"
                )
            }
            var member = Data()
            do {
                let checksum = try archive.extract(entry) { chunk in
                    guard UInt64(member.count + chunk.count) <= declared else {
                        throw TesseraError(.fileFormat, "the .npz member '\(path)' decompresses to more than the \(declared) bytes it declares")
                    }
                    member.append(chunk)
                }
                // The consumer form of `extract` computes the CRC but leaves checking it to us.
                guard checksum == entry.checksum else {
                    throw TesseraError(.fileFormat, "the .npz member '\(path)' is corrupt: its CRC-32 does not match the archive's")
                }
            } catch let error as TesseraError {
                throw error
            } catch {
                throw TesseraError(.fileFormat, "cannot extract the .npz member '\(path)': \(error)")
            }
            do {
                arrays[name] = try NDArray(npyData: member)
            } catch let error as TesseraError {
                throw TesseraError(error.code, "member '\(path)' of the .npz archive: \(error.message)")
            }
        }
        return arrays
    }
}
