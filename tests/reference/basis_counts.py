"""GPAW 22.8 reference for plane-wave counts and FFT grids (run with /usr/bin/python3).

Prints, per case: the coarse and fine grid sizes and the number of plane-wave
coefficients at every k-point of the full Monkhorst-Pack grid (symmetry off, so GPAW's
"irreducible" list is the whole grid in ASE's order). tests/unit/test_basis.c holds the
printed numbers; tests/data/basis/*.xyz are the structures written here.
"""
import os
import sys

from ase.build import bulk, molecule
from ase.io import read, write
from gpaw import GPAW, PW

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, '..', 'data', 'basis')
shared = os.path.join(here, '..', '..', '..', 'shared', 'reference', 'structures')


def cases():
    h2o = molecule('H2O')
    h2o.center(vacuum=4.0)
    yield 'h2o', h2o, 400, (1, 1, 1)
    yield 'si', bulk('Si', 'diamond', a=5.43), 400, (4, 4, 4)
    yield 'lif', bulk('LiF', 'rocksalt', a=4.03), 500, (4, 4, 4)
    yield 'al', bulk('Al', 'fcc', a=4.05), 400, (8, 8, 8)
    ti = read(os.path.join(shared, 'tio2_110_h2o.xyz'))
    yield 'tio2', ti, 400, (1, 1, 1)
    hcp = bulk('Ti', 'hcp', a=2.95, c=4.68)
    yield 'ti_hcp', hcp, 350, (3, 3, 2)


os.makedirs(data, exist_ok=True)
for name, atoms, ecut, kpts in cases():
    calc = GPAW(mode=PW(ecut), kpts=kpts, symmetry='off', txt=None)
    atoms.calc = calc
    calc.initialize(atoms)
    calc.set_positions(atoms)
    wfs = calc.wfs
    ng = list(wfs.pd.ng_q)
    fine = calc.density.finegd.N_c
    write(os.path.join(data, name + '.xyz'), atoms, format='extxyz')
    print(f'{name}: ecut {ecut} kpts {kpts} coarse {tuple(wfs.gd.N_c)} fine {tuple(fine)} '
          f'dtype {wfs.dtype.__name__} nbands {wfs.bd.nbands} nvalence {wfs.setups.nvalence}')
    print(f'  ng per k ({len(ng)}): min {min(ng)} max {max(ng)} sum {sum(ng)}')
    print('  ng_q =', ng)
    sys.stdout.flush()
