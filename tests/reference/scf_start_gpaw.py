#!/usr/bin/python3
"""GPAW 22.8's SCF start and first iterations on H2O (ASE g2, vacuum 4, periodic, PBE,
PW 300 eV, Fermi-Dirac 0.1 eV; tests/data/scf/h2o_300.yaml) for tests/unit/test_scf_start.c:

    /usr/bin/python3 tests/reference/scf_start_gpaw.py [OUT.json]

'start': the energy components (eV) of the Hamiltonian made from the initial atomic
density (calc.set_positions: density.initialize_from_atomic_densities + ham.update),
its pseudo charge and integral of nt^2; 'iterations': the extrapolated total energy
(eV) after each SCF iteration (GPAW's log), with the number of iterations to converge.
"""
import json
import sys

from ase.build import molecule
from ase.units import Ha
from gpaw import GPAW, PW

a = molecule('H2O')
a.center(vacuum=4.0)
a.pbc = True
calc = GPAW(mode=PW(300), xc='PBE', txt='/tmp/gpaw_scf_start.txt')
a.calc = calc
calc.initialize(a)
calc.set_positions(a)
d, h = calc.density, calc.hamiltonian
nt = d.nt_sG[0]
start = {'e_kinetic0': h.e_kinetic0 * Ha, 'e_coulomb': h.e_coulomb * Ha, 'e_zero': h.e_zero * Ha,
         'e_xc': h.e_xc * Ha, 'pseudo_charge': float(d.gd.integrate(d.nt_sG).sum()),
         'int_nt2': float(d.gd.integrate(nt**2))}
energies = []
calc.attach(lambda: energies.append(calc.hamiltonian.e_total_extrapolated * Ha), 1)
a.get_potential_energy()
out = {'case': 'h2o', 'ecut': 300, 'gpaw': __import__('gpaw').__version__, 'start': start,
       'energies': energies, 'iterations': calc.scf.niter,
       'fermi': float(calc.get_fermi_level())}
text = json.dumps(out, indent=1)
if len(sys.argv) > 1:
    with open(sys.argv[1], 'w') as f:
        f.write(text + '\n')
else:
    print(text)
