#!/usr/bin/python3
"""Compares a dipole-corrected pawsorb results file with GPAW 22.8's numbers
(tests/reference/dipole_gpaw.py). Prints one line per check, "PASS what" or "FAIL what",
for the TAP wrapper tests/cli/dipole_gpaw.sh.

    /usr/bin/python3 tests/reference/dipole_compare.py RESULTS.h5 GPAW.json

Tolerances, with what was measured on tests/data/dipole/lif_hf_dipole.yaml:
  energy     1 meV in all (0.17 meV/atom): 0.472 meV measured, and the same 0.472 meV
             without the correction and with pbc T T T (an XC-grid difference of this
             system, not the dipole layer); the correction itself moves E by 44 meV
  forces     5e-4 eV/A per component: 3.8e-5 measured; the correction moves them by up
             to 0.16 eV/A
  step       1 meV: 1.8e-6 eV measured of -4.41 eV (GPAW: -2 DipoleCorrection.correction)
  dipole     1e-4 e*A: 8e-8 measured (GPAW's get_dipole_moment()[2])
"""
import json
import sys

import h5py
import numpy as np


def check(ok, what):
    print('PASS' if ok else 'FAIL', what)


def main():
    h5, ref = sys.argv[1], sys.argv[2]
    g = json.load(open(ref))
    name = g['case']
    with h5py.File(h5, 'r') as f:
        pos = np.array(f['/structure/positions'])
        F = np.array(f['/forces'])
        E = float(f['/energy/total'][()])
        el = f.get('/electrostatics')
        if el is None:
            check(False, f'{name}: /electrostatics written')
            return
        step = float(el['potential_step'][()])
        step_units = el['potential_step'].attrs['units']
        p = float(el['dipole_moment'][()])
        p_units = el['dipole_moment'].attrs['units']
    dec = lambda u: u.decode() if isinstance(u, bytes) else u
    check(dec(step_units) == 'eV' and dec(p_units) == 'e*Angstrom',
          f'{name}: /electrostatics units {dec(step_units)}, {dec(p_units)}')
    ok = F.shape == np.array(g['forces']).shape and np.abs(pos - np.array(g['positions'])).max() < 1e-5
    check(ok, f'{name}: same structure as GPAW ({F.shape[0]} atoms)')
    if not ok:
        return
    n = len(F)
    dE = abs(E - g['energy'])
    check(dE < 1e-3, f'{name}: energy within 1 meV of GPAW 22.8 ({E:.6f} vs {g["energy"]:.6f} eV, '
          f'{dE * 1000:.3f} meV = {dE * 1000 / n:.3f} meV/atom)')
    dF = np.abs(F - np.array(g['forces'])).max()
    check(dF < 5e-4, f'{name}: forces within 5e-4 eV/A of GPAW (max diff {dF:.1e})')
    ds = abs(step - g['potential_step'])
    check(ds < 1e-3, f'{name}: potential step {step:.6f} eV vs GPAW {g["potential_step"]:.6f} (diff {ds:.1e})')
    dp = abs(p - g['dipole_moment'][2])
    check(dp < 1e-4, f'{name}: dipole moment {p:.6f} e*A vs GPAW {g["dipole_moment"][2]:.6f} (diff {dp:.1e})')


main()
