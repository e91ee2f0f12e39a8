#!/usr/bin/env python3
"""Writes dtype-tables.json: NumPy's promotion and casting tables for Tessera's 14 dtypes.

DTypeTests compare against NumPy live when it is installed and against this file
otherwise. Regenerate with: python3 Tests/TesseraCoreTests/Fixtures/make_dtype_tables.py
"""
import json
import os
import sys

import numpy as np

NAMES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
         "float16", "float32", "float64", "complex64", "complex128"]
RULES = ["no", "equiv", "safe", "same_kind", "unsafe"]


def tables():
    return {
        "numpy": np.__version__,
        "names": NAMES,
        "promote": [[str(np.promote_types(a, b)) for b in NAMES] for a in NAMES],
        "can_cast": {rule: [[bool(np.can_cast(a, b, casting=rule)) for b in NAMES] for a in NAMES]
                     for rule in RULES},
    }


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--stdout":
        print(json.dumps(tables()))
    else:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dtype-tables.json")
        with open(path, "w") as f:
            json.dump(tables(), f, indent=1)
            f.write("\n")
