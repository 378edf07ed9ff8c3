"""Compare two relaxations' results files (tests/cli/checkpoint_*.sh): a run that was
stopped and resumed against the uninterrupted one.

usage: relax_compare.py UNINTERRUPTED.h5 RESUMED.h5 exact|TOL_EV

Prints one line per property as "PASS what" / "FAIL what" (the calling test turns them
into TAP lines):
  - the same number of ionic steps;
  - exact: /relax/{energies, positions, fmax, scf_iterations}, /energy/total, /forces and
    the last SCF history bit for bit;
    TOL_EV: every step's energy and the final /energy/total within TOL_EV eV, positions
    within 1e-4 Angstrom (the same path, rounding apart: another rank count);
  - the resumed file's status is "ok".
"""
import sys

import h5py
import numpy as np

a, b = h5py.File(sys.argv[1], 'r'), h5py.File(sys.argv[2], 'r')
mode = sys.argv[3]
na, nb = len(a['/relax/energies']), len(b['/relax/energies'])
print(f"{'PASS' if na == nb else 'FAIL'} same number of ionic steps ({na} and {nb})")
dE = abs(a['/energy/total'][()] - b['/energy/total'][()])
if mode == 'exact':
    keys = ['/relax/energies', '/relax/positions', '/relax/fmax', '/relax/scf_iterations', '/energy/total',
            '/forces']
    same = na == nb and all(np.array_equal(a[k][()], b[k][()]) for k in keys)
    same = same and np.array_equal(a['/scf/history'][()], b['/scf/history'][()])
    print(f"{'PASS' if same else 'FAIL'} steps, energies, positions, fmax, SCF iterations, final energy, forces "
          f"and last SCF history bit for bit (final |dE| = {dE:.3g} eV)")
else:
    tol = float(mode)
    n = min(na, nb)
    dEs = np.abs(a['/relax/energies'][:n] - b['/relax/energies'][:n]).max() if n else np.inf
    dx = np.abs(a['/relax/positions'][:n] - b['/relax/positions'][:n]).max() if n else np.inf
    good = na == nb and dEs <= tol and dE <= tol and dx <= 1e-4
    print(f"{'PASS' if good else 'FAIL'} every step's energy within {tol:g} eV (max {dEs:.3g}), final energy "
          f"(|dE| = {dE:.3g} eV), positions within 1e-4 A (max {dx:.3g})")
st = b.attrs['status']
st = st.decode() if isinstance(st, bytes) else st
print(f"{'PASS' if st == 'ok' else 'FAIL'} resumed run's status is ok ({st})")
