#!/usr/bin/python3
"""GPAW 22.8 Si (diamond a = 5.43, 4x4x4 MP, 400 eV, FD 0.1 eV, tight) with time reversal only
(symmetry={'point_group': False}: the 32 k-points pawsorb uses without dft.symmetry), energy
components in eV -> tests/data/scf/gpaw_si_400_nosym_tight.json (stdout)."""
import json
from ase.build import bulk
from ase.units import Ha
from gpaw import GPAW, PW
a = bulk('Si', 'diamond', a=5.43)
a.calc = GPAW(mode=PW(400), xc='PBE', kpts=(4, 4, 4), symmetry={'point_group': False},
              convergence={'energy': 1e-7, 'density': 1e-7, 'eigenstates': 1e-12}, txt='/tmp/gpaw_si_nosym.txt')
e = a.get_potential_energy()
h = a.calc.hamiltonian
print(json.dumps({'energy': e, 'kinetic': h.e_kinetic * Ha, 'potential': h.e_coulomb * Ha, 'xc': h.e_xc * Ha,
                  'local': h.e_zero * Ha, 'entropy': h.e_entropy * Ha, 'nibz': len(a.calc.get_ibz_k_points())}))
