#!/usr/bin/python3
"""GPAW 22.8 forces for pawsorb's force tests (run with /usr/bin/python3).

    /usr/bin/python3 tests/reference/forces_gpaw.py CASE [OUT.json]

Each CASE is the structure and settings of tests/data/forces/CASE.yaml (same cell,
positions, cutoff, k-points, smearing, spin), PW mode, PBE, converged tightly so that the
forces are GPAW's to ~1e-5 eV/A:
  h2       H2 in an 8 x 8 x 8.74 A box, not periodic, 300 eV, zero width
  h2o      ASE g2 H2O, vacuum 4, periodic, 300 eV, FD 0.1 eV (gpaw-public.json's H2O)
  h2o_dx   the same with O moved +0.1 A along x (gpaw-public.json's H2O_dx)
  o2       O2 triplet stretched to 1.30 A (magmoms 1 + 1), 6 x 6.5 x 7 A periodic,
           300 eV, FD 0.1 eV: the spin-polarised force
  si_dx    diamond Si (a = 5.43) with atom 1 moved by (0.10, 0.05, -0.03) A, 2x2x2
           Monkhorst-Pack (not Gamma-centred), 250 eV, FD 0.1 eV: k-points and smearing
Prints and writes JSON: energy (extrapolated), free_energy, forces (eV/A), and the
settings.
"""
import json
import sys

import numpy as np
from ase import Atoms
from ase.build import bulk, molecule
from gpaw import GPAW, PW, FermiDirac


def case(name):
    if name == 'h2':
        a = Atoms('H2', positions=[(4, 4, 4), (4, 4, 4.74)], cell=(8, 8, 8.74), pbc=False)
        return a, 300, {}
    if name in ('h2o', 'h2o_dx'):
        a = molecule('H2O')
        a.center(vacuum=4.0)
        a.pbc = True
        if name == 'h2o_dx':
            a.positions[0, 0] += 0.1
        return a, 300, {}
    if name == 'o2':
        a = Atoms('O2', positions=[(3.0, 3.25, 2.85), (3.0, 3.25, 4.15)], cell=(6, 6.5, 7), pbc=True)
        a.set_initial_magnetic_moments([1, 1])
        return a, 300, {'occupations': FermiDirac(0.1)}
    if name == 'si_dx':
        a = bulk('Si', 'diamond', a=5.43)
        a.positions[1] += (0.10, 0.05, -0.03)
        return a, 250, {'kpts': {'size': (2, 2, 2), 'gamma': False}, 'occupations': FermiDirac(0.1)}
    raise SystemExit(f'unknown case {name}')


def main():
    name = sys.argv[1]
    atoms, ecut, kw = case(name)
    # eigenstates 1e-11 for O2: its half-filled pi* (FD 0.1 eV) stalls GPAW at ~5e-12
    kw['convergence'] = {'energy': 1e-7, 'density': 1e-7, 'eigenstates': 1e-11 if name == 'o2' else 1e-12}
    calc = GPAW(mode=PW(ecut), xc='PBE', txt=f'/tmp/gpaw_forces_{name}.txt', **kw)
    atoms.calc = calc
    e = atoms.get_potential_energy()
    out = {
        'case': name, 'ecut': ecut, 'gpaw': __import__('gpaw').__version__,
        'energy': e, 'free_energy': atoms.get_potential_energy(force_consistent=True),
        'forces': atoms.get_forces().tolist(),
        'positions': atoms.positions.tolist(), 'cell': atoms.cell.tolist(), 'pbc': atoms.pbc.tolist(),
        'iterations': calc.scf.niter,
    }
    text = json.dumps(out, indent=1)
    print(text)
    if len(sys.argv) > 2:
        with open(sys.argv[2], 'w') as f:
            f.write(text + '\n')


main()
