#!/usr/bin/env bash
# pawsorb run, task: relax with dft.dispersion: d2: H in the hollow of a 2-layer Al(100) 1x1
# slab, bottom layer fixed, BFGS to fmax 0.01 eV/A (tests/data/relax/al100_h_d2.yaml).
# It must converge, and its final forces must be the DFT forces plus Grimme's D2 forces:
# a plain SCF without D2 at the final positions, plus E_D2 and F_D2 of the independent
# tests/reference/d2_reference.py, gives the relaxation's final energy and forces (checks
# and tolerances in tests/reference/relax_d2_check.py).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/relax
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=$("$PAWSORB" run "$d/al100_h_d2.yaml" --output "$tmp/d2.h5" 2>&1); rc=$?
t "relax with D2 exits 0" '[ $rc -eq 0 ]'
t "log: the relaxation converged" 'grep -q "^relax: converged after" <<<"$out"'
t "log: the final forces include D2" 'grep -q "^Forces in eV/Ang (D2 included):" <<<"$out"'
# the same slab without D2, as a single SCF at the final positions (written with repr: exact)
/usr/bin/python3 - "$tmp/d2.h5" "$tmp/nod2.yaml" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], 'r')
P, cell = f['/structure/positions'][()], f['/structure/cell'][()]
rows = lambda M: '[' + ', '.join('[' + ', '.join(repr(float(x)) for x in r) + ']' for r in M) + ']'
with open(sys.argv[2], 'w') as o:
    o.write('task: scf\nstructure:\n  cell: %s\n  pbc: true\n  atoms:\n' % rows(cell))
    for s, p in zip(['Al', 'Al', 'H'], P):
        o.write('    - [%s, %r, %r, %r]\n' % (s, float(p[0]), float(p[1]), float(p[2])))
    o.write('dft: {xc: PBE, cutoff: 200, kpoints: [2, 2, 1]}\n')
PY
"$PAWSORB" run "$tmp/nod2.yaml" --output "$tmp/nod2.h5" --quiet; rc=$?
t "SCF without D2 at the final positions exits 0" '[ $rc -eq 0 ]'
while read -r verdict what; do
  case $verdict in
    PASS) n=$((n + 1)); echo "ok $n - relax with D2: $what" ;;
    FAIL) n=$((n + 1)); echo "not ok $n - relax with D2: $what" ;;
    *) n=$((n + 1)); echo "not ok $n - relax_d2_check.py: $verdict $what" ;;
  esac
done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/relax_d2_check.py" "$tmp/d2.h5" "$tmp/nod2.h5" 0.01 2>&1)
