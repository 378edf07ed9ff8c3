#!/usr/bin/python3
"""GPAW 22.8 + ASE 3.22 reference for the H2O relaxation tests (tests/cli/relax_h2o.sh):
H2O in a periodic box, PBE, PW(cutoff), GPAW's defaults otherwise (Fermi-Dirac 0.1 eV for
a periodic cell, Gamma point), ase.optimize.BFGS to fmax 0.01 eV/A from a distorted start
(O-H 1.0 A, H-O-H 106.26 deg). Prints one JSON object: cutoff, cell, start and final
positions (A), final O-H lengths (A), H-O-H angle (deg), energy per step (eV), steps.

  /usr/bin/python3 tests/reference/relax_h2o_gpaw.py 250 6.0 6.5 6.0 > tests/reference/relax_h2o_gpaw_250.out
  /usr/bin/python3 tests/reference/relax_h2o_gpaw.py 400 7.0 7.5 7.0 > tests/reference/relax_h2o_gpaw_400.out
"""
import json
import sys

import numpy as np
from ase import Atoms
from ase.optimize import BFGS
from gpaw import GPAW, PW

ecut = float(sys.argv[1])
a, b, c = (float(x) for x in sys.argv[2:5])
pos = [[a / 2, b / 2, c / 2 + 0.4], [a / 2, b / 2 + 0.8, c / 2 - 0.2], [a / 2, b / 2 - 0.8, c / 2 - 0.2]]
atoms = Atoms('OH2', positions=pos, cell=[a, b, c], pbc=True)
atoms.calc = GPAW(mode=PW(ecut), xc='PBE', txt='/dev/null')
energies = []
opt = BFGS(atoms, logfile=None)
opt.attach(lambda: energies.append(atoms.get_potential_energy()))
opt.run(fmax=0.01, steps=200)
p = atoms.positions
print(json.dumps({'program': 'GPAW 22.8.0 + ASE 3.22.1, ase.optimize.BFGS fmax 0.01',
                  'cutoff': ecut, 'cell': [a, b, c], 'start': pos, 'final': p.tolist(),
                  'oh': [atoms.get_distance(0, 1), atoms.get_distance(0, 2)],
                  'angle': atoms.get_angle(1, 0, 2), 'energies': energies, 'steps': len(energies),
                  'fmax': float(np.sqrt((atoms.get_forces() ** 2).sum(1)).max())}, indent=1))
