#!/usr/bin/python3
"""GPAW 22.8 numbers for the MPI tests (tests/cli/mpi_kpoints.sh), run with /usr/bin/python3:

    /usr/bin/python3 tests/reference/mpi_gpaw.py si|h OUT.json

si: diamond Si a = 5.43 A (ASE bulk), PW(250), 2x2x2 Monkhorst-Pack, Fermi-Dirac 0.1 eV, PBE
    (4 irreducible k-points in pawsorb with time reversal only: 2 per k-point group on 2 ranks);
h:  one H atom in a periodic 4 A cube, PW(200), spin-polarised (moment 1), Fermi-Dirac 0.1 eV,
    PBE (2 spin blocks at Gamma: one per k-point group on 2 ranks).
The same structures are in tests/data/mpi/*.yaml. Prints and writes the total (extrapolated)
and free energies in eV, the iterations and the eigenvalues of the first k-point.
"""
import json
import sys

from ase import Atoms
from ase.build import bulk
from gpaw import GPAW, PW, FermiDirac


def case(name):
    if name == 'si':
        return bulk('Si', 'diamond', a=5.43), 250, {'kpts': (2, 2, 2)}
    if name == 'h':
        a = Atoms('H', positions=[(2, 2, 2)], cell=(4, 4, 4), pbc=True)
        a.set_initial_magnetic_moments([1.0])
        return a, 200, {}
    raise SystemExit(f'unknown case {name}')


name, out = sys.argv[1], sys.argv[2]
atoms, ecut, kw = case(name)
kw['convergence'] = {'energy': 1e-7, 'density': 1e-7, 'eigenstates': 1e-12}
atoms.calc = GPAW(mode=PW(ecut), xc='PBE', occupations=FermiDirac(0.1), txt=f'/tmp/gpaw_mpi_{name}.txt', **kw)
e = atoms.get_potential_energy()
calc = atoms.calc
res = {'case': name, 'gpaw': __import__('gpaw').__version__, 'energy': e,
       'free_energy': atoms.get_potential_energy(force_consistent=True), 'iterations': calc.scf.niter,
       'eigenvalues': [list(calc.get_eigenvalues(kpt=0, spin=s)) for s in range(calc.get_number_of_spins())],
       'nbands': calc.get_number_of_bands()}
text = json.dumps(res, indent=1)
print(text)
with open(out, 'w') as f:
    f.write(text + '\n')
