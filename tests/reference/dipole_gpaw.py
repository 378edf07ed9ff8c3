#!/usr/bin/python3
"""GPAW 22.8 reference for pawsorb's dipole correction (run with /usr/bin/python3).

    /usr/bin/python3 tests/reference/dipole_gpaw.py CASE [OUT.json]

The slab of tests/data/dipole/lif_hf*.yaml: a two-layer LiF(001) slab, one Li + one F per
layer in the 2.85 x 2.85 A surface cell (a = 4.03 A / sqrt 2), with one HF molecule,
tilted, on top of the upper layer's Li (F down) and on that side only, so the slab carries
a dipole along z. 17 A along z (about 12 A of vacuum), pbc = (T, T, F), PW 300 eV, PBE,
2x2x1 Gamma-centred k-points, Fermi-Dirac 0.1 eV (GPAW's default for a slab).
  plain   the ordinary Poisson solver (a periodic sawtooth field across the vacuum)
  dipole  poissonsolver={'dipolelayer': 'xy'} (gpaw/dipole_correction.py, pwsolve)
Forces converged to 1e-5 eV/A ('forces': 1e-5, 'density': 1e-8). Writes JSON: energy
(extrapolated), free energy, forces (eV/A), the dipole moment (e*A, GPAW's
get_dipole_moment) and, for `dipole`, GPAW's DipoleCorrection.correction (eV, the shift
+-c of the vacuum levels: the potential step across the slab is -2c for the electrons'
potential energy, top side minus bottom side) and get_workfunctions (eV).
"""
import json
import sys
import time

import numpy as np
from ase import Atoms
from ase.units import Ha
from gpaw import GPAW, PW


def slab():
    a = 4.03 / 2**0.5
    pos = [('Li', 0.0, 0.0, 5.0), ('F', a / 2, a / 2, 5.0),
           ('F', 0.0, 0.0, 7.01), ('Li', a / 2, a / 2, 7.01),
           ('F', a / 2 + 0.15, a / 2 - 0.10, 9.02),   # HF on the top Li, F down, tilted
           ('H', a / 2 + 0.55, a / 2 + 0.05, 9.85)]
    return Atoms([p[0] for p in pos], positions=[p[1:] for p in pos], cell=[a, a, 17.0],
                 pbc=[True, True, False])


def main():
    name = sys.argv[1]
    if name not in ('plain', 'dipole'):
        raise SystemExit(f'unknown case {name}')
    atoms = slab()
    kw = {}
    if name == 'dipole':
        kw['poissonsolver'] = {'dipolelayer': 'xy'}
    calc = GPAW(mode=PW(300), xc='PBE', kpts={'size': (2, 2, 1), 'gamma': True},
                convergence={'forces': 1e-5, 'density': 1e-8, 'energy': 1e-7},
                txt=f'/tmp/gpaw_dipole_{name}.txt', **kw)
    atoms.calc = calc
    t0 = time.time()
    e = atoms.get_potential_energy()
    forces = atoms.get_forces()
    out = {
        'case': name, 'ecut': 300, 'gpaw': __import__('gpaw').__version__,
        'energy': e, 'free_energy': atoms.get_potential_energy(force_consistent=True),
        'forces': forces.tolist(),
        'dipole_moment': calc.get_dipole_moment().tolist(),
        'positions': atoms.positions.tolist(), 'cell': atoms.cell.tolist(), 'pbc': atoms.pbc.tolist(),
        'iterations': calc.scf.niter, 'seconds': time.time() - t0,
    }
    if name == 'dipole':
        c = calc.hamiltonian.poisson.correction * Ha
        out['correction'] = c
        out['potential_step'] = -2 * c
        out['workfunctions'] = (np.array(calc.hamiltonian.get_workfunctions(calc.wfs)) * Ha).tolist()
    text = json.dumps(out, indent=1)
    print(text)
    if len(sys.argv) > 2:
        with open(sys.argv[2], 'w') as f:
            f.write(text + '\n')


main()
