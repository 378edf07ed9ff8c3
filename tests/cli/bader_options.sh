#!/usr/bin/env bash
# The bader: mapping of the input (docs/input.md): bad values exit 1 with a message naming
# the key, and two tiny H2 runs (tests/data/scf/h2_300.yaml: 8 x 8 x 8.74 A box, not
# periodic, PBE, 300 eV; GPAW 22.8 uses a 32 x 32 x 35 coarse grid there, gpaw_h2_300.json)
#   bader: {refinement: 4}                                      -> 128 x 128 x 140 grid
#   bader: {refinement: 2, method: near-grid, vacuum: off}      ->  64 x  64 x  70 grid
# whose all-electron cubes, read by ASE, integrate to 2 electrons and agree with each other
# on the points they share (the refinement-4 grid is the refinement-2 grid Fourier-
# interpolated, plus the same sphere corrections). About 8 s.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mk() {   # mk NAME "yaml line": h2_300.yaml writing NAME.h5 and its AE cube, plus the line
  sed -e "s/^  file: h2_300.h5/  file: $1.h5\n  cube: [all_electron_density]/" \
    "$PAWSORB_SRCDIR/tests/data/scf/h2_300.yaml" > "$tmp/$1.yaml"
  printf '%s\n' "$2" >> "$tmp/$1.yaml"
}
bad() {  # bad "yaml line" KEY: pawsorb check exits 1 naming the file, the line (17) and the key
  mk bad "$1"
  local out rc key=$2
  out=$(cd "$tmp" && "$PAWSORB" check bad.yaml 2>&1 >/dev/null); rc=$?
  t "'$1' exits 1 naming $2" '[ $rc -eq 1 ] && grep -qF "bad.yaml:17: $key" <<<"$out"'
}
bad "bader: {refinement: 3}" "bader.refinement"
bad "bader: {refinement: two}" "bader.refinement"
bad "bader: {method: nearest}" "bader.method"
bad "bader: {vacuum: -1e-4}" "bader.vacuum"
bad "bader: {vacuum: lots}" "bader.vacuum"
bad "bader: {refinment: 4}" "bader.refinment: unknown key (did you mean 'refinement'?)"
bad "bader: maybe" "bader: expected true or false, got maybe; or a mapping {refinement"

mk r4 "bader: {refinement: 4}"
mk r2 "bader: {refinement: 2, method: near-grid, vacuum: off}"
out4=$(cd "$tmp" && "$PAWSORB" run r4.yaml 2>&1); rc4=$?
out2=$(cd "$tmp" && "$PAWSORB" run r2.yaml 2>&1); rc2=$?
t "refinement 4 run exits 0" '[ $rc4 -eq 0 ]'
t "refinement 2 near-grid run exits 0" '[ $rc2 -eq 0 ]'
t "log: weight method, gridrefinement 4, 128 x 128 x 140 (4 x GPAW's coarse grid)" \
  'grep -q "weight method on the all-electron density (gridrefinement 4), grid 128 x 128 x 140" <<<"$out4"'
t "log: near-grid method, gridrefinement 2, 64 x 64 x 70, vacuum off" \
  'grep -q "near-grid method on the all-electron density (gridrefinement 2), grid 64 x 64 x 70" <<<"$out2" &&
   grep -q "^vacuum: off" <<<"$out2"'
t "refinement 4: populations + vacuum = 2 electrons +- 0.001" \
  'awk "/^populations/ {d = \$7 - 2; exit !(d < 1e-3 && d > -1e-3)}" <<<"$out4"'
t "cubes and results files: grids, 2 electrons, shared points, /bader attributes" \
  '/usr/bin/python3 - "$tmp" <<PY
import sys, h5py, numpy as np
from ase.io.cube import read_cube_data
d = sys.argv[1]
n4, a4 = read_cube_data(d + "/r4_all_electron_density.cube")
n2, a2 = read_cube_data(d + "/r2_all_electron_density.cube")
assert n4.shape == (128, 128, 140) and n2.shape == (64, 64, 70), (n4.shape, n2.shape)
dv = lambda n, a: abs(np.linalg.det(a.cell)) / 0.5291772105638411**3 / n.size
q4, q2 = n4.sum() * dv(n4, a4), n2.sum() * dv(n2, a2)
assert abs(q4 - 2) < 1e-3 and abs(q2 - 2) < 1e-3, (q4, q2)
# shared points away from the two nuclear points (where each grid puts back the charge
# its own sampling missed): Fourier interpolation keeps them, up to the dropped
# Nyquist planes of the fine pseudo density
diff = np.abs(n4[::2, ::2, ::2] - n2)
for z in (32, 38):
    diff[32, 32, z] = 0
assert diff.max() < 1e-3 * n2.max(), (diff.max(), n2.max())
b4, b2 = h5py.File(d + "/r4.h5")["bader"], h5py.File(d + "/r2.h5")["bader"]
s = lambda x: x.decode() if isinstance(x, bytes) else x
assert s(b4.attrs["method"]) == "weight" and s(b2.attrs["method"]) == "near-grid"
assert "vacuum_threshold" in b4 and "vacuum_threshold" not in b2
assert abs(b4["population"][()].sum() + b4["vacuum_charge"][()] - 2) < 1e-3
print("# q4 %.6f q2 %.6f max shared-point difference %.2e of max %.3f" % (q4, q2, diff.max(), n2.max()))
PY'
