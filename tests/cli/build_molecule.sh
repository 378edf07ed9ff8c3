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
# The library's level of theory (tests/reference/relax_molecules.py, docs/molecules.md):
# every file but Li+ (one atom) and H2O (MP2 reference geometry) is a GPAW PBE relaxation
# at one level, converged (fmax <= 0.05 eV/A, energy, steps and wall time given), with the
# formula of its name and one covalently bonded piece (Li excepted: ionic). PENDING lists
# the files whose relaxation is not finished yet: they must say so in level= instead.
PENDING=""
$py - "$lib" "$PENDING" > "$t/library.tap" 2>&1 <<'PYEOF'
import glob, os, sys
import numpy as np
from ase.io import read
from ase.neighborlist import natural_cutoffs, NeighborList
from scipy.sparse.csgraph import connected_components
lib, pending = sys.argv[1], sys.argv[2].split()
LEVEL = "PBE PAW (GPAW 22.8 gpaw-setups 0.9.20000) PW 350 eV vacuum 5 A Gamma; "
FORMULA = {"SN": "C4H4N2", "EC": "C3H4O3", "FEC": "C3H3FO3", "DOL": "C3H6O2", "DME": "C4H10O2",
           "PEO": "C6H14O3", "TFSI-": "C2F6NO4S2", "LiTFSI": "C2F6LiNO4S2", "H2O": "H2O", "Li+": "Li"}
n = 0
def tap(cond, what):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))
for f in sorted(glob.glob(os.path.join(lib, "*.xyz"))):
    name = os.path.basename(f)[:-4]
    a = read(f); i = a.info
    tap(name in FORMULA and a.get_chemical_formula() == FORMULA[name] and i.get("name") == name,
        "%s: name= and formula %s" % (name, a.get_chemical_formula()))
    if name in ("Li+", "H2O"):
        continue
    heavy = [k for k, s in enumerate(a.get_chemical_symbols()) if s != "Li"]
    b = a[heavy]
    nl = NeighborList(natural_cutoffs(b, mult=1.15), self_interaction=False, bothways=True)
    nl.update(b)
    tap(connected_components(nl.get_connectivity_matrix())[0] == 1,
        "%s: one covalently bonded molecule (no bond broken)" % name)
    if "Li" in a.get_chemical_symbols():   # the Li-O distances the comment line states
        li = a.get_chemical_symbols().index("Li")
        d = sorted(a.get_distance(li, k) for k, s in enumerate(a.get_chemical_symbols())
                   if s == "O" and a.get_distance(li, k) < 2.5)
        said = np.atleast_1d(np.array(i.get("Li_O_A", []), dtype=float))   # ASE reads "a b" as an array
        tap(len(said) == len(d) and np.allclose(said, d, atol=1e-3) and i.get("Li_bidentate") == "yes",
            "%s: Li_O_A=%s and Li_bidentate=%s as in the geometry" %
            (name, i.get("Li_O_A"), i.get("Li_bidentate")))
    level = str(i.get("level", ""))
    fmax = float(i.get("fmax_eV_per_A", 99))
    keys = all(k in i for k in ("energy_eV", "bfgs_steps", "gpaw_wall_min"))
    if name in pending:
        tap((level.startswith(LEVEL) and "not converged" in level and fmax > 0.05 and keys) or
            (level.startswith("GFN2-xTB") and "NOT been run" in str(i.get("source"))),
            "%s: relaxation not finished and says so (%s)" % (name, level))
    else:
        tap(level == LEVEL + "BFGS fmax 0.05 eV/A" and fmax <= 0.05 and keys,
            "%s: converged GPAW PBE relaxation, fmax %g eV/A, E %s eV, %s steps, %s min" %
            (name, fmax, i.get("energy_eV"), i.get("bfgs_steps"), i.get("gpaw_wall_min")))
print("1..%d" % n)
PYEOF
relay library < "$t/library.tap"
check "library checks ran to their end" '[ "$(tail -1 "$t/library.tap" | cut -c1-3)" = "1.." ]'
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
