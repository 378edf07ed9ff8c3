#!/usr/bin/python3
"""Reference Monkhorst-Pack sizes for `dft.kpoints: {density: x}` (tests/unit/test_input.c).

Run with Debian's python3-ase (ASE 3.22): /usr/bin/python3 tests/reference/input_kpt_density.py
Prints one C initialiser per case: {cell (Angstrom, rows), pbc, density, ASE's grid}.
The cases: cubic, fcc primitive, hexagonal (hcp Ti), a triclinic cell, a slab with pbc
false along z, and a molecule box (all non-periodic)."""
import numpy as np
from ase import Atoms
from ase.calculators.calculator import kptdensity2monkhorstpack

cases = [
    ([[5.43, 0, 0], [0, 5.43, 0], [0, 0, 5.43]], [1, 1, 1], 3.5),
    ([[0, 2.715, 2.715], [2.715, 0, 2.715], [2.715, 2.715, 0]], [1, 1, 1], 3.5),
    ([[2.95, 0, 0], [-1.475, 2.5547749, 0], [0, 0, 4.68]], [1, 1, 1], 5.0),
    ([[4.1, 0.3, -0.2], [1.2, 5.3, 0.4], [-0.7, 0.9, 6.2]], [1, 1, 1], 2.7),
    ([[6.5, 0, 0], [0, 6.5, 0], [0, 0, 25.0]], [1, 1, 0], 4.0),
    ([[8.0, 0, 0], [0, 9.5, 0], [0, 0, 8.6]], [0, 0, 0], 3.5),
    ([[3.0, 0, 0], [0, 3.0, 0], [0, 0, 3.0]], [1, 1, 1], 0.1),
    ([[10.2, 0, 0], [0, 10.2, 0], [0, 0, 10.2]], [1, 1, 1], 6.0),
]
for cell, pbc, d in cases:
    atoms = Atoms('H', cell=cell, pbc=pbc)
    k = kptdensity2monkhorstpack(atoms, kptdensity=d, even=True)
    c = ', '.join('{%s}' % ', '.join(repr(float(x)) for x in row) for row in cell)
    print('{{%s}, {%s}, %r, {%s}},' % (c, ', '.join(str(p) for p in pbc), d,
                                      ', '.join(str(int(x)) for x in k)))

# The structure file of tests/data/inputs/good/slab_file.yaml, read by ASE itself.
import os
from ase.io import read
here = os.path.dirname(os.path.abspath(__file__))
slab = read(os.path.join(here, '..', 'data', 'structures', 'tio2_slab.xyz'))
print('slab_file.yaml (tio2_slab.xyz, density 3.5):',
      list(kptdensity2monkhorstpack(slab, kptdensity=3.5, even=True)))
