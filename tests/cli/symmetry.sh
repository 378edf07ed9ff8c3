#!/usr/bin/env bash
# Crystal symmetry (cell/symmetry.h, density/symmetrize.h): `pawsorb check` prints GPAW
# 22.8's operation and irreducible k-point counts (GPAW's numbers: tests/reference/
# sym_kpts.py; Al 8x8x8: 60, H2O: 4 operations and 1 k-point, Si time reversal only: 32),
# dft.symmetry is validated, and an SCF on the irreducible wedge with the density and
# D_ij symmetrised gives the energy of the same SCF on the full grid (Si 2x2x2 Gamma-
# centred, a grid every operation maps onto itself) with zero forces on the Si sites.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
ex=$PAWSORB_SRCDIR/inputs/examples
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

si() {  # symmetry, kpoints, gamma, cutoff
cat <<EOF2
task: scf
structure:
  cell: [[0.0, 2.715, 2.715], [2.715, 0.0, 2.715], [2.715, 2.715, 0.0]]
  pbc: [true, true, true]
  atoms:
    - [Si, 0.0, 0.0, 0.0]
    - [Si, 1.3575, 1.3575, 1.3575]
dft:
  cutoff: $4
  kpoints: $2
  gamma: $3
  symmetry: $1
scf:
  energy_tol: 1.0e-9
  density_tol: 1.0e-7
EOF2
}

out=$("$PAWSORB" check "$ex/h2o.yaml" 2>&1)
t "H2O: 4 operations (C2v), 1 k-point" 'grep -q "Symmetry *4 operations" <<<"$out" && grep -q "1 in the grid, 1 irreducible" <<<"$out"'
si false "[4, 4, 4]" false 400 > "$tmp/si_tr.yaml"
out=$("$PAWSORB" check "$tmp/si_tr.yaml" 2>&1)
t "Si 4x4x4, symmetry: false: 32 irreducible by time reversal" \
  'grep -q "Symmetry *1 operation (point group off" <<<"$out" && grep -q "64 in the grid, 32 irreducible (time reversal)" <<<"$out"'
sed 's/^\(  - \[Si, 0.0, 0.0, 0.0\]\)$/\1/; /Si, 1.3575/d; s/2.715/2.025/g; s/\[Si, 0.0/[Al, 0.0/' "$tmp/si_tr.yaml" |
  sed 's/symmetry: false/symmetry: true/; s/\[4, 4, 4\]/[8, 8, 8]/' > "$tmp/al.yaml"
out=$("$PAWSORB" check "$tmp/al.yaml" 2>&1)
t "Al fcc 8x8x8: 48 operations, 60 irreducible (GPAW 60)" \
  'grep -q "Symmetry *48 operations" <<<"$out" && grep -q "512 in the grid, 60 irreducible" <<<"$out"'
sed 's/symmetry: false/symmetry: maybe/' "$tmp/si_tr.yaml" > "$tmp/bad.yaml"
out=$("$PAWSORB" check "$tmp/bad.yaml" 2>&1); rc=$?
t "dft.symmetry: maybe: exit 1 naming file, line and key" \
  '[ $rc -eq 1 ] && grep -q "bad.yaml:[0-9]*: dft.symmetry" <<<"$out"'

si true "[2, 2, 2]" true 200 > "$tmp/sym.yaml"
si false "[2, 2, 2]" true 200 > "$tmp/nosym.yaml"
out=$("$PAWSORB" run "$tmp/sym.yaml" --output "$tmp/sym.h5" 2>&1); rc1=$?
t "Si 2x2x2: 3 irreducible k-points with symmetry" 'grep -q "8 in the grid, 3 irreducible" <<<"$out"'
out=$("$PAWSORB" run "$tmp/nosym.yaml" --output "$tmp/nosym.h5" 2>&1); rc2=$?
t "both runs exit 0" '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]'
cmp=$(/usr/bin/python3 - "$tmp/sym.h5" "$tmp/nosym.h5" <<'EOF2'
import sys, h5py, numpy as np
a, b = (h5py.File(p, 'r') for p in sys.argv[1:])
dE = float(a['/energy/total'][()]) - float(b['/energy/total'][()])
F = max(np.abs(a['/forces'][()]).max(), np.abs(b['/forces'][()]).max())
# 1e-6 eV: both converged to 1e-9 eV/electron; 1e-4 eV/A: forces vanish by symmetry
print('PASS' if abs(dE) < 1e-6 else 'FAIL', f'energy with symmetry - without = {dE:.2e} eV')
print('PASS' if F < 1e-4 else 'FAIL', f'largest force {F:.1e} eV/A')
EOF2
)
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - Si 2x2x2 200 eV: $what" || echo "not ok $n - Si 2x2x2 200 eV: $what"
done <<<"$cmp"
echo "1..$n"
