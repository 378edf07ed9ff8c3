#!/usr/bin/env bash
# Dipole correction: the force against a five-point finite difference of the free energy
# (tests/reference/forces_fd.py) on a layer of LiH molecules (tests/data/dipole/fd_lih.yaml),
# F_z of Li, d = 0.005 A, tolerance 0.003 eV/A (measured 2.3e-5; the correction itself moves
# this force by 0.056). F_z of H is not checked: GPAW's dipole layer, which pawsorb follows,
# gives H (hard compensation charges) a force 0.011 eV/A off -dE/dz here (src/hamiltonian/
# dipole.h). Then the same input on 2 ranks (plane waves split; the grids are whole on
# every rank): the free energy must equal the serial one to 1e-8 eV.
n=0
d=$PAWSORB_SRCDIR/tests/data/dipole
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
done < <(cd "$tmp" && /usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_fd.py" "$PAWSORB" "$d/fd_lih.yaml" 0 2 \
           0.005 "$tmp" 2>&1)

mpirun=${MPIRUN:-mpirun}
(cd "$tmp" && "$mpirun" -n 2 --oversubscribe "$PAWSORB" run "$d/fd_lih.yaml" --output "$tmp/mpi.h5" --quiet); rc=$?
n=$((n + 1))
if [ $rc -eq 0 ] && [ -f "$tmp/fd_lih_0.h5" ]; then
  what=$(/usr/bin/python3 - "$tmp/fd_lih_0.h5" "$tmp/mpi.h5" <<'EOF'
import sys
import h5py
a, b = (h5py.File(p, 'r') for p in sys.argv[1:3])
dE = abs(a['/energy/free'][()] - b['/energy/free'][()])
ds = abs(a['/electrostatics/potential_step'][()] - b['/electrostatics/potential_step'][()])
print('PASS' if dE < 1e-8 and ds < 1e-7 else 'FAIL', f'2 ranks: free energy as on 1 rank ({dE:.1e} eV), step ({ds:.1e} eV)')
EOF
)
  [ "${what%% *}" = PASS ] && echo "ok $n - ${what#* }" || echo "not ok $n - ${what#* }"
else
  echo "not ok $n - fd_lih.yaml on 2 ranks exits 0 (exit $rc)"
fi
