#!/usr/bin/env bash
# The public API check (NumPy's test_public_api.py, for Swift).
#
#   bash ci/api-snapshot.sh            # fails with a diff when the public API differs from API/
#   bash ci/api-snapshot.sh --update   # rewrites API/<Module>.txt after a deliberate change
#
# Dumps the symbol graphs of the library modules (`swift package dump-symbol-graph`,
# which reuses the debug build in .build/) and normalises them to one sorted line per
# public declaration: kind, fully qualified name, declaration; plus one line per
# conformance. Underscored names are not API (README "Public API") and are left out.
# Also fails when the same declaration is public in two modules: each function has one
# public home (re-exports through the umbrella are not declarations and do not count).
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(Tessera TesseraCore TesseraScalar TesseraSLEEF TesseraOpenBLAS TesseraOpenMP TesseraSIMD)
mode=check
case "${1:-}" in
    --update) mode=update ;;
    "") ;;
    *) echo "usage: ci/api-snapshot.sh [--update]" >&2; exit 2 ;;
esac

graphs=.build/$(uname -m)-unknown-linux-gnu/symbolgraph
rm -rf "$graphs"
log=$(mktemp)
if ! swift package dump-symbol-graph --skip-synthesized-members --minimum-access-level public >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
fi
written=$(sed -n 's/^Files written to //p' "$log"); rm -f "$log"
[ -n "$written" ] && graphs=$written

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$graphs" "$out" "${modules[@]}" <<'PY'
import glob, json, os, re, subprocess, sys
from collections import defaultdict

graphs, out, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
# Implicit for every type since Swift 5.9/6: noise, not API.
IMPLICIT = {"Swift.Copyable", "Swift.Escapable", "Swift.SendableMetatype"}

def text(fragments):
    return re.sub(r"\s+", " ", "".join(f["spelling"] for f in fragments or [])).strip()

loaded = []  # (owning module, extended module, graph)
names = {}   # precise identifier -> qualified name, for conformance lines
for module in modules:
    files = sorted(glob.glob(os.path.join(graphs, module + ".symbols.json")) +
                   glob.glob(os.path.join(graphs, module + "@*.symbols.json")))
    if not files:
        sys.exit(f"ci/api-snapshot.sh: no symbol graph for {module} in {graphs}")
    for path in files:
        base = os.path.basename(path)[:-len(".symbols.json")]
        extended = base.split("@", 1)[1] if "@" in base else module
        graph = json.load(open(path))
        loaded.append((module, extended, graph))
        for s in graph["symbols"]:
            names[s["identifier"]["precise"]] = extended + "." + ".".join(s["pathComponents"])

unknown = set()
for _, _, graph in loaded:
    for r in graph["relationships"]:
        if r["kind"] == "conformsTo":
            for key in ("source", "target"):
                if r[key] not in names and r[key].startswith("s:"):
                    unknown.add(r[key])
if unknown:
    usrs = sorted(unknown)
    demangled = subprocess.run(["swift", "demangle", "--compact"], input="\n".join("$s" + u[2:] for u in usrs),
                               capture_output=True, text=True, check=True).stdout.splitlines()
    names.update(zip(usrs, demangled))

lines = defaultdict(set)
homes = defaultdict(set)  # (kind, name, declaration) -> modules declaring it
for module, extended, graph in loaded:
    for s in graph["symbols"]:
        path = s["pathComponents"]
        if any(p.startswith("_") for p in path):
            continue
        kind = s["kind"]["identifier"].removeprefix("swift.")
        qualified = extended + "." + ".".join(path)
        declaration = text(s.get("declarationFragments"))
        constraints = (s.get("swiftExtension") or {}).get("constraints") or []
        if constraints:
            declaration += " [in extension where " + ", ".join(
                f"{c['lhs']} {':' if c['kind'] == 'conformance' else '=='} {c['rhs']}" for c in constraints) + "]"
        lines[module].add(f"{kind}\t{qualified}\t{declaration}")
        home_name = ".".join(path) if len(path) == 1 else qualified
        homes[(kind, home_name, declaration)].add(module)
    for r in graph["relationships"]:
        if r["kind"] != "conformsTo":
            continue
        source = names.get(r["source"], r["source"])
        target = r.get("targetFallback") or names.get(r["target"], r["target"])
        target = names.get(r["target"], target)
        if target in IMPLICIT or any(p.startswith("_") for p in source.split(".")[1:]):
            continue
        # An extension graph repeats the extended type's own conformances; keep ours.
        if extended != module and not target.startswith(module + "."):
            continue
        lines[module].add(f"conformance\t{source}\t{target}")

for module in modules:
    with open(os.path.join(out, module + ".txt"), "w") as f:
        f.write("".join(line + "\n" for line in sorted(lines[module])))

duplicates = sorted((key, sorted(ms)) for key, ms in homes.items() if len(ms) > 1)
for (kind, name, declaration), ms in duplicates:
    print(f"ci/api-snapshot.sh: `{declaration}` ({kind} {name}) is public in {', '.join(ms)}: "
          "give it one public home", file=sys.stderr)
open(os.path.join(out, "duplicates"), "w").write(str(len(duplicates)))
PY

status=0
if [ "$(cat "$out/duplicates")" != 0 ]; then status=1; fi
rm -f "$out/duplicates"
if [ "$mode" = update ]; then
    mkdir -p API
    rm -f API/*.txt
    cp "$out"/*.txt API/
    echo "ci/api-snapshot.sh: wrote API/ ($(cat API/*.txt | wc -l) declarations and conformances in ${#modules[@]} modules)"
    exit $status
fi
changed=0
for module in "${modules[@]}"; do
    snapshot="API/$module.txt"
    [ -f "$snapshot" ] || snapshot=/dev/null
    diff -u --label "API/$module.txt (snapshot)" --label "$module (current public API)" \
        "$snapshot" "$out/$module.txt" || changed=1
done
if [ "$changed" = 1 ]; then
    echo "ci/api-snapshot.sh: the public API changed without its snapshot; if that is deliberate, run \`bash ci/api-snapshot.sh --update\` and commit API/" >&2
    status=1
else
    echo "ci/api-snapshot.sh: public API matches API/ ($(cat API/*.txt | wc -l) lines)"
fi
exit $status
