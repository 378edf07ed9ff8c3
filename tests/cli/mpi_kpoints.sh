#!/usr/bin/env bash
# k-point and spin parallelism (docs/parallel.md) under `mpirun -n 2 --oversubscribe`:
#  - the layout/communicator unit test on 2 ranks;
#  - Si 2x2x2 at 250 eV (4 irreducible k-points, 2 per k-point group) and a spin-polarised
#    H atom (one spin per group): -n 2 gives the -n 1 total energy within 1e-6 eV (the
#    issue's bound; measured 2e-13 eV) and eigenvalues within 1e-6 eV; a second -n 2 run
#    gives the same bits (ordered reductions); the log is printed once (rank 0) and says
#    2 k-point groups; the results file says mpi_ranks = 2 (the repeat: Si only);
#  - both against GPAW 22.8 (tests/reference/mpi_gpaw.py; tolerances below);
#  - `check` under 2 ranks prints the layout once; parallel.kpoints that cannot be used
#    exits 1 naming the key.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/mpi
py=/usr/bin/python3
mpirun=${MPIRUN:-mpirun}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mp() { "$mpirun" -n 2 --oversubscribe "$@"; }

out=$(mp "$PAWSORB_BUILDDIR/tests/unit/test_parallel" 2>&1); rc=$?
t "test_parallel on 2 ranks: exit 0, no failed check" '[ $rc -eq 0 ] && ! grep -q "^not ok" <<<"$out" && grep -q "^1\.\." <<<"$out"'

# compare A.h5 B.h5 TOL: |E_A - E_B| and max |eps_A - eps_B| (eV) within TOL
compare() {
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b, tol = h5py.File(sys.argv[1]), h5py.File(sys.argv[2]), float(sys.argv[3])
de = abs(a['/energy/total'][()] - b['/energy/total'][()])
dk = np.abs(a['/electrons/eigenvalues'][()] - b['/electrons/eigenvalues'][()]).max()
print(f'# dE = {de:.3g} eV, max deps = {dk:.3g} eV')
sys.exit(0 if de <= tol and dk <= tol else 1)
PY
}
identical() {  # same bits in energy, eigenvalues, occupations and the SCF history
  $py - "$@" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
keys = ['/energy/total', '/energy/free', '/electrons/eigenvalues', '/electrons/occupations', '/electrons/fermi_level']
same = all(np.array_equal(a[k][()], b[k][()]) for k in keys)
same &= np.array_equal(a['/scf/history'][()]['energy'], b['/scf/history'][()]['energy'])
sys.exit(0 if same else 1)
PY
}
# versus GPAW: total energy within TOL eV
gpaw() {
  $py - "$@" <<'PY'
import sys, json, h5py
e = h5py.File(sys.argv[1])['/energy/total'][()]
ref = json.load(open(sys.argv[2]))['energy']
print(f'# pawsorb {e:.6f} eV, GPAW {ref:.6f} eV, difference {1000 * (e - ref):+.3f} meV')
sys.exit(0 if abs(e - ref) <= float(sys.argv[3]) else 1)
PY
}

for case in si_250_k222 h_spin_200; do
  "$PAWSORB" run "$d/$case.yaml" --output "$tmp/${case}_1.h5" --quiet; rc1=$?
  out2=$(mp "$PAWSORB" run "$d/$case.yaml" --output "$tmp/${case}_2.h5" 2>&1); rc2=$?
  t "$case: -n 1 and -n 2 exit 0" '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]'
  t "$case: -n 2 log printed once, 2 k-point groups" \
    '[ $(grep -c "^Extrapolated:" <<<"$out2") -eq 1 ] && grep -q "^Parallel: 2 ranks = 2 k-point groups" <<<"$out2"'
  t "$case: -n 2 energy and eigenvalues within 1e-6 eV of -n 1" 'compare "$tmp/${case}_1.h5" "$tmp/${case}_2.h5" 1e-6'
  t "$case: results file says mpi_ranks = 2" \
    '$py -c "import h5py,sys; sys.exit(0 if int(h5py.File(sys.argv[1]).attrs[\"mpi_ranks\"]) == 2 else 1)" "$tmp/${case}_2.h5"'
done
mp "$PAWSORB" run "$d/si_250_k222.yaml" --output "$tmp/si_again.h5" --quiet
t "Si: a second -n 2 run gives identical bits" 'identical "$tmp/si_250_k222_2.h5" "$tmp/si_again.h5"'
# Tolerances against GPAW: H to 1 meV (GPAW converged tightly in 229 iterations, pawsorb at its defaults; measured
# 0.14 meV). Si
# to 12 meV: the serial code differs from GPAW by 8.5 meV (4.3 meV/atom) on this 250 eV
# 2x2x2 case (GPAW reduces to 2 k-points with symmetry, pawsorb to 4 with time reversal;
# at 400 eV 4x4x4 the difference is 0.7 meV). Reported in issue 3 — here the bound only
# catches a parallel run that loses or double-counts k-points (eV-sized errors).
t "H spin -n 2 within 1 meV of GPAW 22.8" 'gpaw "$tmp/h_spin_200_2.h5" "$d/gpaw_h_spin_200.json" 0.001'
t "Si 2x2x2 -n 2 within 12 meV of GPAW 22.8" 'gpaw "$tmp/si_250_k222_2.h5" "$d/gpaw_si_250_k222.json" 0.012'

out=$(mp "$PAWSORB" check "$d/si_250_k222.yaml" 2>&1); rc=$?
t "check -n 2: exit 0, layout printed once with 2 k-point groups" \
  '[ $rc -eq 0 ] && [ $(grep -c "^Parallel " <<<"$out") -eq 1 ] && grep -q "2 k-point groups" <<<"$out"'
printf 'parallel:\n  kpoints: 3\n' | cat "$d/si_250_k222.yaml" - > "$tmp/k3.yaml"
out=$(mp "$PAWSORB" check "$tmp/k3.yaml" 2>&1); rc=$?
t "parallel.kpoints: 3 on 2 ranks: exit 1 naming file and key" \
  '[ $rc -eq 1 ] && grep -q "k3.yaml: parallel.kpoints: 3" <<<"$out"'
printf 'parallel:\n  kpoints: 1\n' | cat "$d/si_250_k222.yaml" - > "$tmp/k1.yaml"
out=$(mp "$PAWSORB" run "$tmp/k1.yaml" --output "$tmp/k1.h5" 2>&1); rc=$?
t "parallel.kpoints: 1 on 2 ranks is used (one group of 2) and agrees with -n 1" \
  '[ $rc -eq 0 ] && grep -q "^Parallel: 2 ranks = 1 k-point group x 1 band x 2" <<<"$out" && compare "$tmp/si_250_k222_1.h5" "$tmp/k1.h5" 1e-6'
