#!/usr/bin/env bash
# pawsorb build molecule: every molecule of inputs/molecules boxed and checked by ASE
# (tests/reference/build_molecule_check.py), --list, files given by path, bad input.
set -u
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
lib="$PAWSORB_SRCDIR/inputs/molecules"
relay() {
    while read -r line; do
        case $line in
            ok*) n=$((n + 1)); echo "ok $n - $1: ${line#ok * - }" ;;
            "not ok"*) n=$((n + 1)); echo "not ok $n - $1: ${line#not ok * - }" ;;
        esac
    done
}
for f in "$lib"/*.xyz; do
    name=$(basename "$f" .xyz)
    "$PAWSORB" build molecule "$name" --vacuum 6 -o "$t/$name.xyz" > "$t/$name.out" 2>&1
    check "$name: exits 0" '[ $? -eq 0 ]'
    relay "$name" < <($py "$PAWSORB_SRCDIR/tests/reference/build_molecule_check.py" "$f" "$t/$name.xyz" 6 2>/dev/null)
done
if [ -f "$lib/LiTFSI.xyz" ]; then   # the ion pair the literature reports: Li on one O of each SO2
    relay LiTFSI < <($py - "$lib/LiTFSI.xyz" 2>/dev/null <<'PYEOF'
import sys, numpy as np
from ase.io import read
a = read(sys.argv[1]); sym = a.get_chemical_symbols()
li = sym.index("Li"); O = [i for i, s in enumerate(sym) if s == "O"]; S = [i for i, s in enumerate(sym) if s == "S"]
near = [o for o in O if a.get_distance(li, o) < 2.2]
owner = {o: min(S, key=lambda s: a.get_distance(o, s)) for o in near}
ok = len(near) == 2 and len(set(owner.values())) == 2
print("%sok 1 - Li bidentate on two O of different SO2 groups (Li-O %s A)" % ("" if ok else "not ",
      ", ".join("%.3f" % a.get_distance(li, o) for o in near)))
PYEOF
)
fi
"$PAWSORB" build molecule --list > "$t/list.out" 2>&1
check "--list names every library file" \
    '[ $(tr -cd , < "$t/list.out" | wc -c) -eq $(( $(ls "$lib"/*.xyz | wc -l) - 1 )) ] && grep -q "H2O" "$t/list.out"'
"$PAWSORB" build molecule "$lib/H2O.xyz" -o "$t/path.xyz" > /dev/null 2>&1
check "a molecule given by path (default vacuum 5 A)" '[ $? -eq 0 ] && grep -q "vacuum=5" "$t/path.xyz"'
relay path < <($py "$PAWSORB_SRCDIR/tests/reference/build_molecule_check.py" "$lib/H2O.xyz" "$t/path.xyz" 5 2>/dev/null)
PAWSORB_MOLECULES="$t/nowhere" "$PAWSORB" build molecule H2O -o "$t/x.xyz" > "$t/bad.out" 2>&1; rc=$?
check "PAWSORB_MOLECULES pointing nowhere: exit 1 saying so" '[ $rc -eq 1 ] && grep -q "PAWSORB_MOLECULES" "$t/bad.out"'
"$PAWSORB" build molecule Unobtainium -o "$t/x.xyz" > "$t/bad.out" 2>&1; rc=$?
check "unknown name: exit 1 naming it and listing the known ones" \
    '[ $rc -eq 1 ] && grep -q "Unobtainium" "$t/bad.out" && grep -q "known: .*H2O" "$t/bad.out"'
"$PAWSORB" build molecule H2O --vacuum -1 -o "$t/x.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--vacuum -1: exit 1 naming the value" '[ $rc -eq 1 ] && grep -q -- "-1" "$t/bad.out"'
"$PAWSORB" build molecule H2O > "$t/bad.out" 2>&1; rc=$?
check "no -o: exit 1" '[ $rc -eq 1 ] && grep -q -- "-o" "$t/bad.out"'
printf '3\ncomment\nO 0 0 0\nH 0 0\n' > "$t/broken.xyz"
"$PAWSORB" build molecule "$t/broken.xyz" -o "$t/x.xyz" > "$t/bad.out" 2>&1; rc=$?
check "broken molecule file: exit 1 naming file and line" '[ $rc -eq 1 ] && grep -q "broken.xyz:4" "$t/bad.out"'
echo "1..$n"
