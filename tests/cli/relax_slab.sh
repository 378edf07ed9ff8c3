#!/usr/bin/env bash
# pawsorb run, task: relax (cg), H2 over a 2-layer Al(100) 1x1 slab (PBE, 200 eV, 2x2x1
# k-points, Fermi-Dirac 0.1 eV) with the bottom layer fixed by POSCAR selective dynamics
# (tests/data/relax/al100_h2.{vasp,yaml}); max_steps 5, so exit 2 with the 5 steps kept.
# The fixed Al atom must stay exactly (every bit) where the POSCAR puts it, as ASE reads
# that file, in every /relax/positions row, in /structure/positions and in every frame of
# the trajectory; the free atoms must move along x, y and z.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/relax
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=$("$PAWSORB" run "$d/al100_h2.yaml" --output "$tmp/slab.h5" 2>&1); rc=$?
t "slab relax stopped at max_steps 5: exit 2" '[ $rc -eq 2 ]'
t "log has a relax line for step 5 with its SCF iterations" 'grep -q "^relax: step   5 .*SCF iterations" <<<"$out"'
chk=$(/usr/bin/python3 - "$tmp/slab.h5" "$tmp/slab.xyz" "$d/al100_h2.vasp" <<'PY'
import sys, h5py, numpy as np
from ase.io import read
f = h5py.File(sys.argv[1], 'r')
P = f['/relax/positions'][()]
fr = read(sys.argv[2], index=':')
ref = read(sys.argv[3], format='vasp')
x0 = ref.positions[0].tolist()
print(len(P) == 5 and len(fr) == 5, 'steps', len(P), len(fr))
print(all(p[0].tolist() == x0 for p in P), 'fixed Al in /relax/positions', P[:, 0].tolist(), x0)
print(all(a.positions[0].tolist() == x0 for a in fr), 'fixed Al in the trajectory')
print(f['/structure/positions'][0].tolist() == x0, 'fixed Al in /structure/positions')
mv = np.abs(P[-1, 1:] - P[0, 1:]).max(axis=0)
print(bool((mv > 1e-4).all()), 'free atoms moved (max |dx|, |dy|, |dz|)', mv.tolist())
print(f['/structure/fixed'][()].tolist() == [True, False, False, False], '/structure/fixed')
print(all(a.constraints and list(a.constraints[0].index) == [0] for a in fr), 'trajectory: FixAtoms([0])')
PY
)
i=0
for what in "5 steps in /relax and the trajectory" "fixed Al bit-identical in every /relax/positions row" \
            "fixed Al bit-identical in every trajectory frame" "fixed Al bit-identical in /structure/positions" \
            "free atoms moved along x, y and z" "/structure/fixed from selective dynamics" \
            "trajectory move_mask -> ASE FixAtoms"; do
  i=$((i + 1)); line=$(sed -n "${i}p" <<<"$chk")
  t "Al(100)+H2 cg, bottom fixed: $what" '[ "${line%% *}" = True ]'
  [ "${line%% *}" = True ] || echo "# $line"
done
