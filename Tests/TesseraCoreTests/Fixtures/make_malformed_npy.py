#!/usr/bin/env python3
"""Writes the corpus of malformed .npy/.npz files that Tessera must refuse with an error.

Usage: python3 make_malformed_npy.py [OUTPUT_DIR]   (default: npy-malformed next to this script)

Only the standard library is used, and the output is byte-for-byte deterministic, so
NPYTests can check that the committed corpus is what this script makes. manifest.json
maps each file to the TesseraError code it must give and a word its message must contain.
"""
import io
import json
import os
import struct
import sys
import zipfile

MAGIC = b"\x93NUMPY"


def header(text, version=(1, 0), pad=True, encoding="latin1", length=None):
    """Magic, version, length field and header text, padded like NumPy's to 64 bytes."""
    body = text.encode(encoding)
    fmt = "<H" if version == (1, 0) else "<I"
    if pad:
        unpadded = len(MAGIC) + 2 + struct.calcsize(fmt) + len(body) + 1
        body += b" " * (64 - unpadded % 64) + b"\n"
    if length is None:
        length = len(body)
    return MAGIC + bytes(version) + struct.pack(fmt, length) + body


def dict_text(descr="'<f8'", fortran="False", shape="(3,)"):
    return "{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)


F8_3 = struct.pack("<3d", 1.0, 2.0, 3.0)
GOOD = header(dict_text()) + F8_3

cases = {}


def case(name, data, code, word):
    cases[name] = (data, code, word)


# Magic string, version, length field.
case("empty.npy", b"", "fileFormat", "too short")
case("truncated-magic.npy", MAGIC[:4], "fileFormat", "too short")
case("bad-magic.npy", b"\x93NUMPX" + GOOD[6:], "fileFormat", "magic")
case("not-npy-text.npy", b"hello, this is a text file, not an array\n", "fileFormat", "magic")
case("unknown-version-4-0.npy", MAGIC + b"\x04\x00" + GOOD[8:], "fileFormat", "version")
case("unknown-version-1-1.npy", MAGIC + b"\x01\x01" + GOOD[8:], "fileFormat", "version")
case("truncated-length-field.npy", MAGIC + b"\x01\x00\x76", "fileFormat", "length field")
case("truncated-length-field-v2.npy", MAGIC + b"\x02\x00\x76\x00", "fileFormat", "length field")
case("header-length-beyond-file.npy", header(dict_text(), length=4000), "fileFormat", "header length")
case("header-length-huge-v2.npy", header(dict_text(), version=(2, 0), length=0xFFFFFFF0), "fileFormat", "header length")
good_body = header(dict_text())[10:]
case("header-length-too-short.npy", MAGIC + b"\x01\x00" + struct.pack("<H", 20) + good_body + F8_3, "fileFormat", "parse")
case("header-length-too-long.npy", MAGIC + b"\x01\x00" + struct.pack("<H", len(good_body) + 16) + good_body + F8_3, "fileFormat", "parse")
case("header-truncated.npy", header(dict_text())[:40], "fileFormat", "header length")

# The header dict.
case("header-not-dict.npy", header("[1, 2, 3]") + F8_3, "fileFormat", "not a dict")
case("header-empty-dict.npy", header("{}") + F8_3, "fileFormat", "missing key")
case("header-missing-key.npy", header("{'descr': '<f8', 'shape': (3,), }") + F8_3, "fileFormat", "missing key")
case("header-extra-key.npy", header(dict_text()[:-1] + "'extra': 1, }") + F8_3, "fileFormat", "unexpected key")
case("header-duplicate-key.npy", header(dict_text()[:-1] + "'shape': (3,), }") + F8_3, "fileFormat", "twice")
case("header-key-not-string.npy", header("{1: '<f8', 'fortran_order': False, 'shape': (3,), }") + F8_3, "fileFormat", "not a string")
case("header-unterminated-dict.npy", header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)") + F8_3, "fileFormat", "parse")
case("header-unterminated-string.npy", header("{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }") + F8_3, "fileFormat", "parse")
case("header-trailing-garbage.npy", header(dict_text() + " x") + F8_3, "fileFormat", "after the end")
case("header-python-expression.npy", header(dict_text(shape="(1+2,)")) + F8_3, "fileFormat", "parse")
case("header-function-call.npy", header(dict_text(descr="__import__('os')")) + F8_3, "fileFormat", "parse")
case("header-deep-nesting.npy", header(dict_text(shape="(" * 5000 + "3," + ")" * 5000)) + F8_3, "fileFormat", "nested")
case("header-binary-garbage.npy", header("".join(chr(b) for b in range(128, 256))) + F8_3, "fileFormat", "parse")
bad_utf8 = dict_text().replace("<f8", "<f8\xff\xfe").encode("latin1")
bad_utf8 += b" " * (64 - (12 + len(bad_utf8) + 1) % 64) + b"\n"
case("header-v3-invalid-utf8.npy", MAGIC + b"\x03\x00" + struct.pack("<I", len(bad_utf8)) + bad_utf8 + F8_3, "fileFormat", "utf-8")
case("fortran-order-not-bool.npy", header(dict_text(fortran="0")) + F8_3, "fileFormat", "fortran_order")
case("fortran-order-string.npy", header(dict_text(fortran="'False'")) + F8_3, "fileFormat", "fortran_order")

# The shape.
case("shape-list.npy", header(dict_text(shape="[3]")) + F8_3, "fileFormat", "tuple")
case("shape-integer.npy", header(dict_text(shape="3")) + F8_3, "fileFormat", "tuple")
case("shape-parenthesised-integer.npy", header(dict_text(shape="(3)")) + F8_3, "fileFormat", "tuple")
case("shape-float.npy", header(dict_text(shape="(2.5,)")) + F8_3, "fileFormat", "integer")
case("shape-string.npy", header(dict_text(shape="('3',)")) + F8_3, "fileFormat", "integer")
case("shape-bool.npy", header(dict_text(shape="(True,)")) + F8_3, "fileFormat", "integer")
case("shape-none.npy", header(dict_text(shape="None")) + F8_3, "fileFormat", "tuple")
case("shape-negative.npy", header(dict_text(shape="(-1,)")) + F8_3, "fileFormat", "negative")
case("shape-negative-second.npy", header(dict_text(shape="(3, -2)")) + F8_3, "fileFormat", "negative")
case("shape-product-overflows-int.npy", header(dict_text(shape="(1099511627776, 1099511627776)")) + F8_3, "resourceLimit", "int")
case("shape-bytes-overflow-int.npy", header(dict_text(shape="(%d,)" % (2**61))) + F8_3, "resourceLimit", "int.max")
case("shape-dimension-beyond-int.npy", header(dict_text(shape="(99999999999999999999999999,)")) + F8_3, "resourceLimit", "does not fit")
case("shape-exceeds-memory.npy", header(dict_text(shape="(%d,)" % (2**58))) + F8_3, "resourceLimit", "limit")
case("shape-exceeds-memory-2d.npy", header(dict_text(shape="(1048576, 1048576, 1024)")) + F8_3, "resourceLimit", "limit")

# The data section.
case("data-missing.npy", header(dict_text()), "fileFormat", "truncated")
case("data-short-by-one-byte.npy", header(dict_text()) + F8_3[:-1], "fileFormat", "truncated")
case("data-huge-shape-tiny-file.npy", header(dict_text(shape="(100000000,)")) + F8_3, "fileFormat", "truncated")
case("data-truncated-fortran.npy", header(dict_text(fortran="True", shape="(4, 5)")) + F8_3, "fileFormat", "truncated")
case("data-truncated-v2.npy", header(dict_text(shape="(1000,)"), version=(2, 0)) + F8_3, "fileFormat", "truncated")

# The dtype.
case("descr-object.npy", header(dict_text(descr="'|O'")) + F8_3, "unsupportedDType", "not support")
case("descr-unicode.npy", header(dict_text(descr="'<U3'")) + F8_3, "unsupportedDType", "not support")
case("descr-bytes.npy", header(dict_text(descr="'|S5'")) + F8_3, "unsupportedDType", "not support")
case("descr-datetime.npy", header(dict_text(descr="'<M8[ns]'")) + F8_3, "unsupportedDType", "not support")
case("descr-timedelta.npy", header(dict_text(descr="'<m8[s]'")) + F8_3, "unsupportedDType", "not support")
case("descr-longdouble.npy", header(dict_text(descr="'<f16'")) + F8_3, "unsupportedDType", "not support")
case("descr-void.npy", header(dict_text(descr="'|V8'")) + F8_3, "unsupportedDType", "not support")
case("descr-structured.npy", header(dict_text(descr="[('a', '<i4'), ('b', '<f8')]")) + F8_3, "unsupportedDType", "structured")
case("descr-invalid.npy", header(dict_text(descr="'<x9'")) + F8_3, "fileFormat", "descr")
case("descr-empty.npy", header(dict_text(descr="''")) + F8_3, "fileFormat", "descr")
case("descr-not-string.npy", header(dict_text(descr="8")) + F8_3, "fileFormat", "descr")


def npz(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


# .npz archives.
case("npz-not-zip.npz", b"PK\x03\x04 this is not really a zip archive", "fileFormat", "zip")
case("npz-empty-file.npz", b"", "fileFormat", "zip")
case("npz-member-not-npy.npz", npz([("a.npy", GOOD), ("notes.txt", b"hello")]), "fileFormat", "not an .npy")
case("npz-member-bad-magic.npz", npz([("a.npy", b"\x93NUMPX" + GOOD[6:])]), "fileFormat", "magic")
case("npz-member-truncated.npz", npz([("a.npy", GOOD[:-4])], zipfile.ZIP_DEFLATED), "fileFormat", "truncated")
case("npz-member-unsupported.npz", npz([("a.npy", header(dict_text(descr="'|O'")) + F8_3)]), "unsupportedDType", "not support")
corrupt = bytearray(npz([("a.npy", GOOD)]))
corrupt[corrupt.index(F8_3) + 3] ^= 0xFF  # breaks the CRC of the stored member
case("npz-member-bad-crc.npz", bytes(corrupt), "fileFormat", "a.npy")
truncated_zip = npz([("a.npy", GOOD), ("b.npy", GOOD)])
case("npz-truncated-archive.npz", truncated_zip[: len(truncated_zip) // 2], "fileFormat", "zip")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy-malformed")
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name, (data, code, word) in sorted(cases.items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        manifest[name] = {"code": code, "message_contains": word}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
