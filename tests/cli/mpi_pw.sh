#!/usr/bin/env bash
# Plane-wave distribution inside a k-point group (parallel/pwdist.h, docs/parallel.md)
# under `mpirun -n 2 --oversubscribe`:
#  - the transpose unit test on 2 ranks (exact against a formula);
#  - displaced H2O (tests/data/forces/h2o_dx.yaml: Gamma, real wavefunctions, 300 eV,
#    Fermi-Dirac 0.1 eV, here with the default SCF tolerances: 22 iterations instead of
#    36; one block, so 2 ranks = 1 group x 2 plane-wave ranks): -n 2 gives the -n 1 total
#    energy within 1e-6 eV and forces within 1e-5 eV/A (the issue's bounds), occupied
#    eigenvalues within 1e-6 eV and the same number of SCF iterations; -n 2 against
#    GPAW 22.8 (gpaw_h2o_dx.json, converged tightly): forces within 5 meV/A (the serial
#    code at default tolerances: 2.9 meV/A; with h2o_dx.yaml's tight ones 0.3 meV/A,
#    tests/cli/run_forces_h2o.sh) — this bound only catches a lost or doubled G slice,
#    which costs eV/A;
#  - spin-polarised H atom with 3 bands (2 from seeded random vectors, which must be the
#    serial ones on every slice) and parallel.kpoints: 1, so both spin blocks are
#    distributed over plane waves: -n 2 = -n 1 within 1e-6 eV (energy and occupied
#    eigenvalues: the eigensolver converges occupied bands only, GPAW's default, so an
#    empty band's eigenvalue carries the rounding of the path, 1e-3 eV measured), a
#    second -n 2 run gives the same bits (ordered sums);
#  - check on 2 ranks: the layout says 2 plane-wave ranks and the wavefunction memory per
#    rank falls against 1 rank.
# Complex wavefunctions on G slices: tests/cli/mpi_kpoints.sh (Si, parallel.kpoints: 1).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
mpirun=${MPIRUN:-mpirun}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mp() { "$mpirun" -n 2 --oversubscribe "$@"; }
fd=$PAWSORB_SRCDIR/tests/data/forces

out=$(mp "$PAWSORB_BUILDDIR/tests/unit/test_parallel_pwdist" 2>&1); rc=$?
t "test_parallel_pwdist on 2 ranks: exit 0, no failed check" \
  '[ $rc -eq 0 ] && ! grep -q "^not ok" <<<"$out" && grep -q "^1\.\." <<<"$out"'

# compare A.h5 B.h5 ETOL FTOL: |dE| (eV), max |deps| over occupied bands (eV), max |dF| (eV/A),
# same iterations
compare() {
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
etol, ftol = float(sys.argv[3]), float(sys.argv[4])
de = abs(a['/energy/total'][()] - b['/energy/total'][()])
occ = a['/electrons/occupations'][()] > 1e-3   # occupied bands only (header)
dk = np.abs(a['/electrons/eigenvalues'][()] - b['/electrons/eigenvalues'][()])[occ].max()
df = np.abs(a['/forces'][()] - b['/forces'][()]).max()
na, nb = len(a['/scf/history'][()]), len(b['/scf/history'][()])
print(f'# dE = {de:.3g} eV, max deps = {dk:.3g} eV, max dF = {df:.3g} eV/A, iterations {na} and {nb}')
sys.exit(0 if de <= etol and dk <= etol and df <= ftol and na == nb else 1)
PY
}
identical() {
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
keys = ['/energy/total', '/electrons/eigenvalues', '/electrons/occupations', '/forces']
same = all(np.array_equal(a[k][()], b[k][()]) for k in keys)
same &= np.array_equal(a['/scf/history'][()]['energy'], b['/scf/history'][()]['energy'])
sys.exit(0 if same else 1)
PY
}

grep -v -e '^scf:' -e '_tol:' "$fd/h2o_dx.yaml" > "$tmp/h2o_dx.yaml"   # default SCF tolerances
"$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_1.h5" --quiet; rc1=$?
out2=$(mp "$PAWSORB" run "$tmp/h2o_dx.yaml" --output "$tmp/h2o_2.h5" 2>&1); rc2=$?
t "h2o_dx: -n 1 and -n 2 exit 0" '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]'
t "h2o_dx -n 2: one group of 2 plane-wave ranks, log printed once" \
  'grep -q "^Parallel: 2 ranks = 1 k-point group x 1 band x 2 plane-wave ranks" <<<"$out2" && [ $(grep -c "^Extrapolated:" <<<"$out2") -eq 1 ]'
t "h2o_dx: -n 2 energy within 1e-6 eV, forces within 1e-5 eV/A of -n 1, same iterations" \
  'compare "$tmp/h2o_1.h5" "$tmp/h2o_2.h5" 1e-6 1e-5'
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - 2 plane-wave ranks: $what" || echo "not ok $n - 2 plane-wave ranks: $what"
done < <($py "$PAWSORB_SRCDIR/tests/reference/forces_compare.py" "$tmp/h2o_2.h5" "$fd/gpaw_h2o_dx.json" 0.005 2>&1)

# H atom, spin, 3 bands, both blocks in one group of 2 plane-wave ranks
sed -e 's/^  magmoms: \[1.0\]/  magmoms: [1.0]\n  bands: 3/' "$PAWSORB_SRCDIR/tests/data/mpi/h_spin_200.yaml" > "$tmp/h3.yaml"
printf 'parallel:\n  kpoints: 1\n' >> "$tmp/h3.yaml"
"$PAWSORB" run "$tmp/h3.yaml" --output "$tmp/h3_1.h5" --quiet; rc1=$?
out2=$(mp "$PAWSORB" run "$tmp/h3.yaml" --output "$tmp/h3_2.h5" 2>&1); rc2=$?
mp "$PAWSORB" run "$tmp/h3.yaml" --output "$tmp/h3_again.h5" --quiet; rc3=$?
t "H spin, 3 bands, parallel.kpoints: 1: runs exit 0, 2 plane-wave ranks with both blocks" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc3 -eq 0 ] && grep -q "^Parallel: 2 ranks = 1 k-point group x 1 band x 2 plane-wave ranks; 2 of 2" <<<"$out2"'
t "H spin, random start bands: -n 2 within 1e-6 eV of -n 1 (energy, eigenvalues), forces 1e-5 eV/A" \
  'compare "$tmp/h3_1.h5" "$tmp/h3_2.h5" 1e-6 1e-5'
t "H spin: a second -n 2 run gives identical bits" 'identical "$tmp/h3_2.h5" "$tmp/h3_again.h5"'

# check: layout and memory per rank
o1=$("$PAWSORB" check "$tmp/h2o_dx.yaml" 2>&1)
o2=$(mp "$PAWSORB" check "$tmp/h2o_dx.yaml" 2>&1); rc=$?
mem() { sed -n 's/^Memory .*(wavefunctions \([0-9.]*\) MB.*/\1/p' <<<"$1"; }
t "check -n 2: exit 0, layout printed once with 2 plane-wave ranks" \
  '[ $rc -eq 0 ] && [ $(grep -c "^Parallel " <<<"$o2") -eq 1 ] && grep -q "1 k-point group x 1 band x 2 plane-wave ranks" <<<"$o2"'
t "check: wavefunction memory per rank on 2 ranks below 0.75 x 1 rank's ($(mem "$o2") vs $(mem "$o1") MB)" \
  'awk -v a="$(mem "$o2")" -v b="$(mem "$o1")" "BEGIN{exit !(a > 0 && a < 0.75 * b)}"'
echo "1..$n"
