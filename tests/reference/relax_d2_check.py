#!/usr/bin/python3
"""Checks that a relaxation with `dft.dispersion: d2` relaxed on DFT + D2 forces (run with
/usr/bin/python3; used by tests/cli/relax_d2.sh).

    /usr/bin/python3 tests/reference/relax_d2_check.py RELAX.h5 NO_D2.h5 FMAX_EV_A

RELAX.h5: the converged relaxation with D2 (default s6 0.75, d 20, sR 1, 50 A).
NO_D2.h5: a plain SCF without D2 at RELAX.h5's final /structure/positions.
E_D2 and F_D2 come from tests/reference/d2_reference.py (an independent numpy/ASE
implementation of Grimme's D2, itself checked against Quantum ESPRESSO) at the final
structure. Checks, printed as PASS/FAIL lines:
  status ok and max |F| over the free atoms < fmax          (the relaxation converged)
  /energy/dispersion = E_D2                                 (1e-6 eV)
  /energy/free(RELAX) - /energy/free(NO_D2) = E_D2          (1e-4 eV: two separate SCFs)
  /forces(RELAX) - /forces(NO_D2) = F_D2 on every atom      (5e-3 eV/A: the two SCFs'
        convergence noise, measured 2.2e-3 at the default tolerances)
  max |F_D2| over the free atoms > 10 x that tolerance, and max |/forces(NO_D2)| over
  the free atoms > fmax: without D2 the final point is not a minimum, so the optimiser
  moved on the D2-including forces.
"""
import os
import sys

import h5py
import numpy as np
from ase import Atoms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d2_reference  # noqa: E402


def check(ok, what):
    print('PASS' if ok else 'FAIL', what)


def main():
    fmax = float(sys.argv[3])
    with h5py.File(sys.argv[1], 'r') as a, h5py.File(sys.argv[2], 'r') as b:
        st = a.attrs['status']
        st = st.decode() if isinstance(st, bytes) else str(st)
        atoms = Atoms(numbers=a['/structure/numbers'][()], positions=a['/structure/positions'][()],
                      cell=a['/structure/cell'][()], pbc=a['/structure/pbc'][()])
        free = ~a['/structure/fixed'][()].astype(bool)
        Fa, Fb = a['/forces'][()], b['/forces'][()]
        Ea, Eb, disp = float(a['/energy/free'][()]), float(b['/energy/free'][()]), float(a['/energy/dispersion'][()])
        same = np.array_equal(a['/structure/positions'][()], b['/structure/positions'][()])
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    c6, r0 = d2_reference.read_params(os.path.join(src, 'potentials', 'd2.csv'))
    E, F, _ = d2_reference.d2(atoms, c6, r0)
    norm = lambda X: np.linalg.norm(X[free], axis=1).max()  # noqa: E731
    check(same, 'the SCF without D2 is at the relaxation\'s final positions')
    check(st == 'ok' and norm(Fa) < fmax, f'relaxation converged: status {st!r}, max |F| free {norm(Fa):.5f} < {fmax}')
    check(abs(disp - E) < 1e-6, f'/energy/dispersion {disp:.9f} eV = reference E_D2 {E:.9f}')
    check(abs(Ea - Eb - E) < 1e-4, f'/energy/free differs from the SCF without D2 by {Ea - Eb:.7f} eV = E_D2')
    dF = np.abs(Fa - Fb - F).max()
    check(dF < 5e-3, f'final /forces = forces without D2 + F_D2 (max diff {dF:.1e} eV/A)')
    check(norm(F) > 5e-2 and norm(Fb) > fmax,
          f'D2 matters: max |F_D2| free {norm(F):.4f}, max |F without D2| free {norm(Fb):.4f} > fmax')


main()
