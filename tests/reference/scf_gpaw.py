#!/usr/bin/python3
"""GPAW 22.8 reference numbers for pawsorb's SCF tests (run with /usr/bin/python3).

    /usr/bin/python3 tests/reference/scf_gpaw.py CASE ECUT_EV [OUT.json] [--tight]

CASE: h2 (8 x 8 x 8.74 A box, not periodic, zero width as GPAW's default for
molecules), h2o (ASE g2 H2O, vacuum 4, periodic as in gpaw-public.json, FD 0.1 eV),
si (diamond a = 5.43, 4x4x4 Monkhorst-Pack), al (fcc a = 4.05, 8x8x8, FD 0.1 eV),
o2 (triplet, spin-polarised, magmoms 1+1, 7 x 7.5 x 8 A box periodic, FD 0.1 eV
... see CASES). Prints and writes a JSON object with the energy components in eV
(GPAW's Kinetic, Potential, External, XC, Local, Entropy, Free, Extrapolated),
eigenvalues of the first k-point, Fermi level, iterations and the grids.
The same structures are in tests/data/scf/*.yaml.
"""
import json
import sys

import numpy as np
from ase import Atoms
from ase.build import bulk, molecule
from ase.units import Ha
from gpaw import GPAW, PW, FermiDirac


def case(name):
    if name == 'h2':
        a = Atoms('H2', positions=[(4, 4, 4), (4, 4, 4.74)], cell=(8, 8, 8.74), pbc=False)
        return a, {}
    if name == 'h2o':
        a = molecule('H2O')
        a.center(vacuum=4.0)
        a.pbc = True
        return a, {}
    if name == 'si':
        return bulk('Si', 'diamond', a=5.43), {'kpts': (4, 4, 4)}
    if name == 'al':
        return bulk('Al', 'fcc', a=4.05), {'kpts': {'size': (8, 8, 8), 'gamma': True},
                                            'occupations': FermiDirac(0.1)}
    if name == 'o2':
        a = Atoms('O2', positions=[(3.5, 3.75, 3.4), (3.5, 3.75, 4.6)], cell=(7, 7.5, 8), pbc=True)
        a.set_initial_magnetic_moments([1, 1])
        return a, {'occupations': FermiDirac(0.1)}
    raise SystemExit(f'unknown case {name}')


def main():
    args = [a for a in sys.argv[1:] if a != '--tight']
    name, ecut = args[0], float(args[1])
    atoms, kw = case(name)
    if '--tight' in sys.argv:   # converge far below the defaults to compare components
        kw['convergence'] = {'energy': 1e-7, 'density': 1e-7, 'eigenstates': 1e-12}
    calc = GPAW(mode=PW(ecut), xc='PBE', txt=f'/tmp/gpaw_{name}_{int(ecut)}.txt', **kw)
    atoms.calc = calc
    e = atoms.get_potential_energy()
    ham = calc.hamiltonian
    out = {
        'case': name, 'ecut': ecut, 'gpaw': __import__('gpaw').__version__,
        'energy': e, 'free_energy': atoms.get_potential_energy(force_consistent=True),
        'kinetic': ham.e_kinetic * Ha, 'potential': ham.e_coulomb * Ha,
        'external': ham.e_external * Ha, 'xc': ham.e_xc * Ha, 'local': ham.e_zero * Ha,
        'entropy': ham.e_entropy * Ha,
        'iterations': calc.scf.niter,
        'fermi': float(np.ravel(calc.wfs.fermi_levels)[0] * Ha),
        'eigenvalues': [list(calc.get_eigenvalues(kpt=0, spin=s)) for s in range(calc.get_number_of_spins())],
        'magmom': float(calc.get_magnetic_moment()) if calc.get_number_of_spins() == 2 else 0.0,
        'coarse': [int(n) for n in calc.wfs.gd.N_c], 'fine': [int(n) for n in calc.density.finegd.N_c],
        'nbands': calc.get_number_of_bands(),
    }
    text = json.dumps(out, indent=1)
    print(text)
    if len(args) > 2:
        with open(args[2], 'w') as f:
            f.write(text + '\n')


main()
