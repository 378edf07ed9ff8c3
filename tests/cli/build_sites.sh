#!/usr/bin/env bash
# pawsorb build sites / build place: ASE's fcc111 and hcp0001 slabs (sites checked against ASE's own
# adsorbate_info, placement against ASE's euler_rotate: tests/reference/build_sites_ase.py),
# the quick LATP(001) slab, and bad input.
set -u
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
ref="$PAWSORB_SRCDIR/tests/reference/build_sites_ase.py"
relay() {  # renumbers TAP lines of a python check
    while read -r line; do
        case $line in
            ok*) n=$((n + 1)); echo "ok $n - $1: ${line#ok * - }" ;;
            "not ok"*) n=$((n + 1)); echo "not ok $n - $1: ${line#not ok * - }" ;;
        esac
    done
}
h2o="$PAWSORB_SRCDIR/inputs/molecules/H2O.xyz"

$py "$ref" write "$t" 2>/dev/null
"$PAWSORB" build sites "$t/fcc111.xyz" > "$t/sites.txt" 2>&1
check "sites of ASE's fcc111: exits 0" '[ $? -eq 0 ]'
relay fcc111 < <($py "$ref" check-sites fcc111 "$t/fcc111.xyz" "$t/sites.txt" 2>/dev/null)
"$PAWSORB" build sites "$t/hcp0001.xyz" > "$t/hcp.txt" 2>&1
check "sites of ASE's hcp0001: exits 0" '[ $? -eq 0 ]'
relay hcp0001 < <($py "$ref" check-sites hcp0001 "$t/hcp0001.xyz" "$t/hcp.txt" 2>/dev/null)

# placement with Euler angles, compared with ASE; site position from the table
read -r x y <<<"$(awk '$1 == "fcc" {print $3, $4}' "$t/sites.txt")"
"$PAWSORB" build place "$t/fcc111.xyz" "$h2o" --site fcc --height 2.1 --orientation euler:30,60,45 \
    -o "$t/placed.xyz" > "$t/place.out" 2>&1
check "place H2O on fcc with euler:30,60,45: exits 0" '[ $? -eq 0 ]'
relay place < <($py "$ref" check-place "$t/placed.xyz" "$t/fcc111.xyz" "$h2o" "$x" "$y" 2.1 30 60 45 2>/dev/null)
"$PAWSORB" build place "$t/fcc111.xyz" H2O --site top --height 0.5 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "0.5 A over a top atom: exit 1, names the distance and the 1.5 A limit" \
    '[ $rc -eq 1 ] && grep -q "rejected" "$t/bad.out" && grep -q "1.5 A" "$t/bad.out" && [ ! -e "$t/bad.xyz" ]'
"$PAWSORB" build place "$t/fcc111.xyz" H2O --site fcc --height 2 --orientation upright -o "$t/up.xyz" > /dev/null 2>&1
check "upright placement loads in ASE with 19 atoms" \
    '[ "$($py -c "from ase.io import read; print(len(read(\"$t/up.xyz\")))" 2>/dev/null)" = 19 ]'

# quick LATP(001) slab (docs/latp.md lists its sites)
"$PAWSORB" build latp001 --preset quick -o "$t/quick.xyz" > /dev/null 2>&1
"$PAWSORB" build sites "$t/quick.xyz" > "$t/latp.txt" 2>&1
check "sites of the quick LATP(001) slab: exits 0" '[ $? -eq 0 ]'
check "LATP(001): 9 top, 27 bridge, 18 hollow sites (docs/latp.md)" \
    '[ "$(grep -c "^top" "$t/latp.txt") $(grep -c "^bridge" "$t/latp.txt") $(grep -c "^hollow" "$t/latp.txt")" = "9 27 18" ]'
$py - "$t/quick.xyz" "$t/latp.txt" > "$t/latp.tap" 2>/dev/null <<'PYEOF'
import sys, numpy as np
from ase.io import read
a = read(sys.argv[1]); z = a.positions[:, 2]; top = set(np.where(z > z.max() - 1.0)[0])
rows = [l.split() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
idx = [int("".join(c for c in tok if c.isdigit())) for r in rows for tok in r[6:]]
print("%sok 1 - every coordinating atom is in the top 1 A (ASE: %d atoms)" % ("" if set(idx) <= top and set(idx) else "not ", len(top)))
tops = sorted(int("".join(c for c in r[6] if c.isdigit())) for r in rows if r[1] == "top")
print("%sok 2 - the top sites are exactly the top-layer atoms" % ("" if tops == sorted(top) else "not "))
PYEOF
relay latp < "$t/latp.tap"
"$PAWSORB" build place "$t/quick.xyz" H2O --site top-1 --height 2.0 -o "$t/latp_h2o.xyz" > "$t/latp_place.out" 2>&1
check "H2O flat 2 A over LATP top-1 (Li): exits 0, 149 atoms" '[ $? -eq 0 ] && [ "$(head -1 "$t/latp_h2o.xyz")" = 149 ]'

# bad input
"$PAWSORB" build place "$t/fcc111.xyz" H2O --site nowhere -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "unknown --site: exit 1, lists the sites" '[ $rc -eq 1 ] && grep -q "nowhere" "$t/bad.out" && grep -q "top, bridge, fcc, hcp" "$t/bad.out"'
"$PAWSORB" build place "$t/fcc111.xyz" H2O --site fcc --orientation sideways -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--orientation sideways: exit 1 naming it" '[ $rc -eq 1 ] && grep -q "sideways" "$t/bad.out"'
"$PAWSORB" build place "$t/fcc111.xyz" H2O --site fcc --orientation euler:1,2 -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "--orientation euler:1,2 (two angles): exit 1" '[ $rc -eq 1 ] && grep -q "euler:1,2" "$t/bad.out"'
"$PAWSORB" build place "$t/fcc111.xyz" NoSuchMolecule --site fcc -o "$t/bad.xyz" > "$t/bad.out" 2>&1; rc=$?
check "unknown molecule: exit 1, lists the library" '[ $rc -eq 1 ] && grep -q "NoSuchMolecule" "$t/bad.out" && grep -q "H2O" "$t/bad.out"'
"$PAWSORB" build sites "$h2o" > "$t/bad.out" 2>&1; rc=$?
check "a molecule file is not a slab: exit 1 naming the file" '[ $rc -eq 1 ] && grep -q "H2O.xyz" "$t/bad.out" && grep -q "not a slab" "$t/bad.out"'
"$PAWSORB" build sites "$t/missing.xyz" > "$t/bad.out" 2>&1; rc=$?
check "missing slab file: exit 1 naming it" '[ $rc -eq 1 ] && grep -q "missing.xyz" "$t/bad.out"'
"$PAWSORB" build sites "$t/fcc111.xyz" --layer-tol -1 > "$t/bad.out" 2>&1; rc=$?
check "--layer-tol -1: exit 1" '[ $rc -eq 1 ] && grep -q -- "--layer-tol" "$t/bad.out"'
printf '2\nLattice="3 0 0 0 3 0 0 0 20" pbc="T T F"\nPt 0 0 5\nPt\n' > "$t/broken.xyz"
"$PAWSORB" build sites "$t/broken.xyz" > "$t/bad.out" 2>&1; rc=$?
check "truncated slab file: exit 1 naming file and line" '[ $rc -eq 1 ] && grep -q "broken.xyz:4" "$t/bad.out"'
echo "1..$n"
