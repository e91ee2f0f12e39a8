#!/usr/bin/env python3
"""Writes the libFuzzer seed corpus of every fuzz target into Fuzz/Corpus/<target>/.

Valid .npy/.npz files come from NumPy itself (numpy.save, numpy.savez,
numpy.savez_compressed); a few hand-made headers sit at the edges the parser must
refuse (huge shapes, lying lengths). Deterministic: rerunning gives the same bytes,
except for the zip timestamps NumPy writes, which are pinned below.

    python3 Fuzz/Corpus/make_corpus.py
"""
import io
import os
import struct
import time
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def target_dir(name):
    path = os.path.join(HERE, name)
    os.makedirs(path, exist_ok=True)
    for entry in os.listdir(path):
        os.remove(os.path.join(path, entry))
    return path


def write(directory, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def raw_npy(header_text, data=b"", version=(1, 0)):
    """An .npy file with a hand-written header dict (for shapes NumPy cannot allocate)."""
    body = header_text.encode("latin1")
    length_size = 2 if version == (1, 0) else 4
    unpadded = 6 + 2 + length_size + len(body) + 1
    body += b" " * (64 - unpadded % 64) + b"\n"
    length = struct.pack("<H" if length_size == 2 else "<I", len(body))
    return b"\x93NUMPY" + bytes(version) + length + body + data


def arrays():
    rng = np.random.default_rng(9)
    return {
        "float64-2x3": rng.standard_normal((2, 3)),
        "float32-fortran": np.asfortranarray(rng.standard_normal((3, 4)).astype(np.float32)),
        "int32-big-endian": np.arange(6, dtype=">i4").reshape(2, 3),
        "uint8": np.arange(10, dtype=np.uint8),
        "int64-0d": np.array(42, dtype=np.int64),
        "bool": np.array([True, False, True]),
        "float16": np.array([0.5, -0.0, np.inf, np.nan], dtype=np.float16),
        "complex64": (np.arange(4) + 1j * np.arange(4)).astype(np.complex64),
        "complex128-big-endian": np.array([1 + 2j, -3.5j], dtype=">c16"),
        "empty-0x3": np.zeros((0, 3)),
        "int16-3d": np.arange(24, dtype=np.int16).reshape(2, 3, 4),
        "uint64": np.array([0, 2**64 - 1], dtype=np.uint64),
    }


def make_npy():
    d = target_dir("FuzzNPY")
    for name, array in arrays().items():
        write(d, name + ".npy", npy_bytes(array))
    write(d, "version-2.npy", npy_bytes(np.arange(5.0), version=(2, 0)))
    write(d, "version-3.npy", npy_bytes(np.arange(5, dtype=np.int8), version=(3, 0)))
    # Edges the reader must refuse without allocating.
    write(d, "huge-shape.npy", raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"))
    write(d, "shape-beyond-int.npy", raw_npy("{'descr': '<i1', 'fortran_order': False, 'shape': (99999999999999999999,), }"))
    write(d, "truncated-data.npy", raw_npy("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", b"\x01\x00\x00\x00"))


def pinned_zip(members, compressed):
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def make_npz():
    d = target_dir("FuzzNPZ")
    a = arrays()
    # NumPy's own writers, for the exact archive layout numpy.savez makes.
    for compressed in (False, True):
        buffer = io.BytesIO()
        save = np.savez_compressed if compressed else np.savez
        save(buffer, x=a["float64-2x3"], y=a["int32-big-endian"], z=a["bool"])
        write(d, "savez-compressed.npz" if compressed else "savez.npz", buffer.getvalue())
    # Deterministic archives (savez stamps the current time).
    write(d, "stored.npz", pinned_zip([("a.npy", npy_bytes(a["complex64"])), ("b.npy", npy_bytes(a["empty-0x3"]))], False))
    write(d, "deflated.npz", pinned_zip([("f.npy", npy_bytes(a["float32-fortran"]))], True))
    write(d, "empty.npz", pinned_zip([], False))
    write(d, "not-npy-member.npz", pinned_zip([("readme.txt", b"hello")], False))


def make_dtypes():
    d = target_dir("FuzzDTypeParsing")
    names = [
        "float64", "<f8", ">f4", "=i2", "|u1", "d", "f", "e", "g", "F", "D", "?", "b", "B",
        "int32", "uint64", "complex128", "bool", "float16", "i8", "c16", "float_", "complex_",
        "int0", "longfloat", "object", "U10", "M8[ns]", "S", "V8", "double", "half", "intp",
    ]
    for i, name in enumerate(names):
        write(d, "%02d" % i, name)


def make_backends():
    d = target_dir("FuzzBackendList")
    lists = ["all", "scalar", "sleef,openblas", "openmp", "scalar,sleef,openblas,openmp", " SLEEF , scalar ",
             "", ",", "all,scalar", "nosuch", "sleef,sleef"]
    for i, value in enumerate(lists):
        write(d, "%02d" % i, value)


if __name__ == "__main__":
    # Pins zip timestamps NumPy's savez takes from the clock.
    os.environ["SOURCE_DATE_EPOCH"] = "1704067200"
    make_npy()
    make_npz()
    make_dtypes()
    make_backends()
