#!/usr/bin/python3
"""Checks that `dft.dispersion: d2` adds exactly Grimme's D2 to pawsorb's energies and
forces (run with /usr/bin/python3; used by tests/cli/run_forces_d2.sh).

    /usr/bin/python3 tests/reference/forces_d2_check.py NO_D2.h5 D2.h5 S6 D SR CUTOFF_A

NO_D2.h5 and D2.h5 are results of the same input without and with D2 (the SCF is the same:
D2 does not enter the Hamiltonian). E_D2 and F_D2 come from tests/reference/d2_reference.py
(an independent numpy/ASE implementation, itself checked against Quantum ESPRESSO) for the
structure in D2.h5 and the given s6, d, sR, cutoff. Checks, printed as PASS/FAIL lines:
  /energy/dispersion = E_D2                          (1e-6 eV, issue 4's D2 tolerance)
  /energy/total and /energy/free change by E_D2      (1e-6 eV)
  /forces change by F_D2                             (1e-5 eV/A)
  the electronic components are unchanged            (1e-9 eV)
"""
import os
import sys

import h5py
import numpy as np
from ase import Atoms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import d2_reference  # noqa: E402


def load(path):
    with h5py.File(path, 'r') as f:
        comp = {k: float(v[()]) for k, v in f['/energy/components'].items()}
        return {'total': float(f['/energy/total'][()]), 'free': float(f['/energy/free'][()]),
                'disp': float(f['/energy/dispersion'][()]), 'F': np.array(f['/forces']), 'comp': comp,
                'atoms': Atoms(numbers=np.array(f['/structure/numbers']), positions=np.array(f['/structure/positions']),
                               cell=np.array(f['/structure/cell']), pbc=np.array(f['/structure/pbc']))}


def check(ok, what):
    print('PASS' if ok else 'FAIL', what)


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    s6, d, sr, cutoff = (float(x) for x in sys.argv[3:7])
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    c6, r0 = d2_reference.read_params(os.path.join(src, 'potentials', 'd2.csv'))
    r0 = {z: sr * r for z, r in r0.items()}   # sR scales R0ij = R0i + R0j
    E, F, _ = d2_reference.d2(b['atoms'], c6, r0, cutoff=cutoff, s6=s6, d=d)
    tag = f'D2 (s6 {s6}, d {d}, sR {sr}, cutoff {cutoff} A)'
    check(a['disp'] == 0.0, f'without D2: /energy/dispersion is 0 ({a["disp"]})')
    check(abs(b['disp'] - E) < 1e-6, f'{tag}: /energy/dispersion {b["disp"]:.9f} eV = reference {E:.9f}')
    for k in ('total', 'free'):
        dk = b[k] - a[k]
        check(abs(dk - E) < 1e-6, f'{tag}: /energy/{k} changes by {dk:.9f} eV = E_D2 {E:.9f}')
    dF = np.abs((b['F'] - a['F']) - F).max()
    check(dF < 1e-5, f'{tag}: /forces change by F_D2 (max diff {dF:.1e} eV/A, max |F_D2| {np.abs(F).max():.4f})')
    dc = max(abs(b['comp'][k] - a['comp'][k]) for k in a['comp'] if k != 'dispersion')
    check(dc < 1e-9, f'{tag}: electronic energy components unchanged (max diff {dc:.1e} eV)')


main()
