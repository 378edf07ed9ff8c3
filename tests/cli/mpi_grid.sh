#!/usr/bin/env bash
# The slab-distributed grids (basis/fft_dist.h, density.h: density_grids_distribute):
#  - the unit test tests/unit/test_fft_dist.c on 2, 3 and 4 ranks (oversubscribed): slab
#    FFTs, sphere transforms, halos and the FD gradient against the serial code on grids
#    of odd sizes, sizes not divisible by the ranks and fewer planes than ranks; and
#    tests/unit/test_density_slabs.c: interpolation and restriction on slabs (plane moves
#    of density/spectra.h) against the whole-grid code;
#  - whole runs with PAWSORB_GRID_SLABS=1 (fine grid in slabs whatever the default):
#    displaced H2O (PBE, 300 eV, default SCF tolerances) on 2 and 4 ranks against 1 rank:
#    energy within 1e-6 eV, forces within 1e-5 eV/A, same iterations (issue 13's bound);
#    a second 2-rank run gives identical bits; spin-polarised H with both spin blocks on
#    2 plane-wave ranks (parallel.kpoints: 1) within 1e-6 eV of 1 rank; H2 in a thin cell
#    (fine grid 10 x 40 x 40) on 7 ranks: slabs of 2, 2, 2, 2, 2, 0, 0 planes (empty
#    slabs in a whole run) within 1e-6 eV of 1 rank.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
mpirun=${MPIRUN:-mpirun}
for r in 2 3 4; do
  out=$("$mpirun" -n $r --oversubscribe "$PAWSORB_BUILDDIR/tests/unit/test_fft_dist" 2>&1); rc=$?
  t "test_fft_dist on $r ranks: exit 0, 50 checks, none failed" \
    '[ $rc -eq 0 ] && [ $(grep -c "^ok " <<<"$out") -eq 50 ] && ! grep -q "^not ok" <<<"$out"'
  [ $rc -eq 0 ] || grep -E "^not ok" <<<"$out" | head -5 | sed 's/^/# /'
  out=$("$mpirun" -n $r --oversubscribe "$PAWSORB_BUILDDIR/tests/unit/test_density_slabs" 2>&1); rc=$?
  t "test_density_slabs on $r ranks: exit 0, 12 checks, none failed" \
    '[ $rc -eq 0 ] && [ $(grep -c "^ok " <<<"$out") -eq 12 ] && ! grep -q "^not ok" <<<"$out"'
  [ $rc -eq 0 ] || grep -E "^not ok" <<<"$out" | head -5 | sed 's/^/# /'
done

py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export PAWSORB_GRID_SLABS=1
mp() { local r=$1; shift; "$mpirun" -n "$r" --oversubscribe -x PAWSORB_GRID_SLABS "$@"; }
compare() {   # A.h5 B.h5 ETOL FTOL
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
etol, ftol = float(sys.argv[3]), float(sys.argv[4])
de = abs(a['/energy/total'][()] - b['/energy/total'][()])
df = np.abs(a['/forces'][()] - b['/forces'][()]).max()
na, nb = len(a['/scf/history'][()]), len(b['/scf/history'][()])
print(f'# dE = {de:.3g} eV, max dF = {df:.3g} eV/A, iterations {na} and {nb}')
sys.exit(0 if de <= etol and df <= ftol and na == nb else 1)
PY
}
identical() {
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
keys = ['/energy/total', '/electrons/eigenvalues', '/forces']
same = all(np.array_equal(a[k][()], b[k][()]) for k in keys)
same &= np.array_equal(a['/scf/history'][()]['energy'], b['/scf/history'][()]['energy'])
sys.exit(0 if same else 1)
PY
}
grep -v -e '^scf:' -e '_tol:' "$PAWSORB_SRCDIR/tests/data/forces/h2o_dx.yaml" > "$tmp/h2o_dx.yaml"
"$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_1.h5" --quiet; rc1=$?
out2=$(mp 2 "$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_2.h5" 2>&1); rc2=$?
mp 2 "$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_2b.h5" --quiet; rc3=$?
mp 4 "$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_4.h5" --quiet; rc4=$?
t "h2o_dx on 1, 2, 2 and 4 ranks: exit 0; 2 ranks log the slabs (32 + 32 of 64 fine planes)" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc3 -eq 0 ] && [ $rc4 -eq 0 ] && grep -q "^Grids: fine grid in slabs of 32 to 32 planes over the 2" <<<"$out2"'
t "h2o_dx: 2 ranks (slabs) within 1e-6 eV and 1e-5 eV/A of 1 rank, same iterations" \
  'compare "$tmp/h2o_1.h5" "$tmp/h2o_2.h5" 1e-6 1e-5'
t "h2o_dx: 4 ranks (slabs) within 1e-6 eV and 1e-5 eV/A of 1 rank, same iterations" \
  'compare "$tmp/h2o_1.h5" "$tmp/h2o_4.h5" 1e-6 1e-5'
t "h2o_dx: a second 2-rank run gives identical bits" 'identical "$tmp/h2o_2.h5" "$tmp/h2o_2b.h5"'

sed -e 's/^  magmoms: \[1.0\]/  magmoms: [1.0]\n  bands: 3/' "$PAWSORB_SRCDIR/tests/data/mpi/h_spin_200.yaml" > "$tmp/h3.yaml"
printf 'parallel:\n  kpoints: 1\n' >> "$tmp/h3.yaml"
"$PAWSORB" run "$tmp/h3.yaml" --output "$tmp/h3_1.h5" --quiet; rc1=$?
mp 2 "$PAWSORB" run "$tmp/h3.yaml" --output "$tmp/h3_2.h5" --quiet; rc2=$?
t "H spin (both blocks on 2 plane-wave ranks, slabs): exit 0, within 1e-6 eV and 1e-5 eV/A of 1 rank" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && compare "$tmp/h3_1.h5" "$tmp/h3_2.h5" 1e-6 1e-5'
printf '%s\n' 'task: scf' 'structure:' '  cell: [[1.3, 0.0, 0.0], [0.0, 5.0, 0.0], [0.0, 0.0, 5.0]]' \
  '  pbc: [true, true, true]' '  atoms:' '    - [H, 0.0, 2.13, 2.5]' '    - [H, 0.0, 2.87, 2.5]' \
  'dft:' '  xc: PBE' '  cutoff: 250' > "$tmp/thin.yaml"
"$PAWSORB" run "$tmp/thin.yaml" --output "$tmp/thin_1.h5" --quiet; rc1=$?
out7=$(mp 7 "$PAWSORB" run "$tmp/thin.yaml" --output "$tmp/thin_7.h5" 2>&1); rc7=$?
t "H2 thin cell on 7 ranks: exit 0, two empty slabs, within 1e-6 eV and 1e-5 eV/A of 1 rank" \
  '[ $rc1 -eq 0 ] && [ $rc7 -eq 0 ] && grep -q "^Grids: fine grid in slabs of 0 to 2 planes over the 7" <<<"$out7" && compare "$tmp/thin_1.h5" "$tmp/thin_7.h5" 1e-6 1e-5'
echo "1..$n"
